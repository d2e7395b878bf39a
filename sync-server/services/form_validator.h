#pragma once
// The server's RecordValidator: every pushed record is checked by the shared validation engine
// (shared/forms/engine) against the exact form version it names, as published on this server,
// with select_*_from_file answers checked against the server's reference data.
#include <memory>
#include <optional>

#include "common/sealing_keys.h"
#include "services/catalog_service.h"
#include "services/record_checks.h"

namespace phum::server {

struct FormValidatorOptions {
  // Records of forms this server does not know get structure checks only (old test setups and
  // demos). Published forms are always validated.
  bool acceptUnpublishedForms = false;
};

class PublishedFormValidator {
 public:
  // Forms and reference data are read through `catalog`, sealed answers opened (in memory
  // only) with `keys`; both must outlive the validator.
  PublishedFormValidator(const CatalogService& catalog, SealingKeys& keys,
                         FormValidatorOptions options);
  ~PublishedFormValidator();
  PublishedFormValidator(const PublishedFormValidator&) = delete;
  PublishedFormValidator& operator=(const PublishedFormValidator&) = delete;

  // Thread-safe; compiled forms are cached per (form_id, version). Unknown versions are not
  // cached: they are looked up again, as another server instance or phum-admin sharing the
  // database may publish them at any moment.
  // A version the server has not published is ACK_REASON_UNKNOWN_FORM_VERSION.
  ValidatorVerdict validate(const phum::v1::Record& record) const;

  // A RecordValidator that calls this object (which must outlive the ingest service).
  RecordValidator hook() const;

  // A record whose tablet sent the answers of fields its published form marks sensitive in
  // clear (a tablet that has not received the server's key yet, or an old app), with them sealed
  // to the server's current key (sealing::sealOnReceipt; answers the tablet sealed are sealed
  // again with them), so storage never holds them in clear. Nothing when the record is to be
  // stored as sent: no such answer, no key loaded, or a form this server has not published.
  std::optional<phum::v1::Record> sealedOnReceipt(const phum::v1::Record& record) const;
  // A ReceiptSealer that calls sealedOnReceipt.
  ReceiptSealer sealerHook() const;

  // Whether `pushed` is the revision stored as `storedBody` although its bytes differ: the stored
  // copy was sealed on receipt to a key rotated since, and `pushed` sealed on receipt to that
  // same key gives the stored bytes (or the stored copy is in clear, from before the server had
  // a key, and `pushed` as sent is it).
  bool sameAsStored(const phum::v1::Record& pushed, const std::string& storedBody) const;
  // A SameRevision that calls sameAsStored.
  SameRevision sameRevisionHook() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phum::server
