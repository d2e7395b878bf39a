#include "services/services.h"

#include "common/secrets.h"

namespace phum::server {

Services::Services(std::unique_ptr<storage::Database> db, FormValidatorOptions validation)
    : db_(std::move(db)),
      sensitivePhotos_(sealingKeys_),
      catalog_(*db_),
      validator_(catalog_, sealingKeys_, validation),
      ingest_(*db_, validator_.hook(), validator_.sealerHook(), validator_.sameRevisionHook()),
      accounts_(*db_, &sealingKeys_),
      feed_(*db_),
      attachments_(*db_, &sensitivePhotos_),
      review_(*db_),
      console_(*db_, accounts_, catalog_, sealingKeys_),
      reports_(*db_, catalog_, sealingKeys_),
      agencyWatch_(*db_, catalog_),
      audit_(*db_) {
  initSecrets();  // enrolment codes, tokens and password hashes need libsodium
}

}  // namespace phum::server
