#pragma once
// The recruitment-agency watch flag (issue 13): a reviewer raises or clears it from the complaints
// report, with a reason. The flag is the agencies dataset's `watch` column, so it reaches the
// tablets as a reference-data delta like any registry change (and the app warns whoever names a
// watched agency); who changed it, when and why is kept in the agency_watch history.
#include <mutex>
#include <string>
#include <vector>

#include "services/audit_log.h"
#include "services/catalog_service.h"
#include "storage/database.h"

namespace phum::server::reports {

struct WatchRequest {
  std::string licence;
  bool watch = false;
  std::string reason;
  std::string reviewer;
  AuditOrigin origin;  // the audit entry is stored with the change to the watch history
};

struct AgencyWatchState {
  std::string licence;
  bool watched = false;
  std::uint64_t changeSeq = 0;  // the feed change that carries it to the tablets; 0 if none
};

class AgencyWatchService {
 public:
  AgencyWatchService(storage::Database& db, CatalogService& catalog);

  // Throws ReportRequestError for an agency not in the registry, a missing reason, or a flag
  // already as asked.
  AgencyWatchState setWatch(const WatchRequest& request);
  std::vector<storage::WatchChange> history(const std::string& licence);
  // The licences on the watch list now.
  std::vector<std::string> watched();

 private:
  storage::Database& db_;
  CatalogService& catalog_;
  // The dataset is read, changed and stored whole: two reviewers at once must not undo each
  // other's change (within this server; several instances on one database are not serialized).
  std::mutex mutex_;
};

}  // namespace phum::server::reports
