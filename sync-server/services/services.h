#pragma once
// Every service of one server over one database, wired once: phum-server hands them to the API,
// phum-admin's commands call them directly.
#include <memory>

#include "services/account_service.h"
#include "services/attachment_service.h"
#include "services/audit_log.h"
#include "services/catalog_service.h"
#include "services/feed_service.h"
#include "services/form_validator.h"
#include "services/ingest_service.h"
#include "services/reports/agency_watch.h"
#include "services/reports/report_service.h"
#include "services/review_console.h"
#include "services/review_service.h"
#include "storage/database.h"

namespace phum::server {

class Services {
 public:
  // Pushed records are validated against the published forms (form_validator.h).
  Services(std::unique_ptr<storage::Database> db, FormValidatorOptions validation);
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

  IngestService& ingest() { return ingest_; }
  AccountService& accounts() { return accounts_; }
  FeedService& feed() { return feed_; }
  CatalogService& catalog() { return catalog_; }
  AttachmentService& attachments() { return attachments_; }
  ReviewService& review() { return review_; }
  ReviewConsole& console() { return console_; }
  reports::ReportService& reports() { return reports_; }
  reports::AgencyWatchService& agencyWatch() { return agencyWatch_; }
  AuditLog& audit() { return audit_; }
  // The keys sealed answers open with; phum-server loads its key file here at start.
  SealingKeys& sealingKeys() { return sealingKeys_; }
  // For work no service covers yet (the demo loader approves what it generates).
  storage::Database& database() { return *db_; }

 private:
  std::unique_ptr<storage::Database> db_;
  SealingKeys sealingKeys_;
  SensitivePhotos sensitivePhotos_;  // which uploads are sealed, with sealingKeys_
  CatalogService catalog_;
  PublishedFormValidator validator_;  // reads forms through catalog_
  IngestService ingest_;
  AccountService accounts_;
  FeedService feed_;
  AttachmentService attachments_;
  ReviewService review_;
  ReviewConsole console_;
  reports::ReportService reports_;
  reports::AgencyWatchService agencyWatch_;
  AuditLog audit_;
};

}  // namespace phum::server
