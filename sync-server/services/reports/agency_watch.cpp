#include "services/reports/agency_watch.h"

#include "core/clock.h"
#include "services/reference_import.h"
#include "services/reports/report.h"

namespace phum::server::reports {

namespace {
constexpr const char* kAgencies = "agencies";
}  // namespace

AgencyWatchService::AgencyWatchService(storage::Database& db, CatalogService& catalog)
    : db_(db), catalog_(catalog) {}

AgencyWatchState AgencyWatchService::setWatch(const WatchRequest& request) {
  bool blank = true;
  for (const char c : request.reason) blank = blank && (c == ' ' || c == '\t' || c == '\n');
  if (blank) throw ReportRequestError("say why: a reason is needed to raise or clear the flag");
  std::lock_guard lock(mutex_);
  refdata::Dataset agencies = storedDataset(catalog_, kAgencies);
  const auto row = agencies.rows.find(request.licence);
  if (row == agencies.rows.end()) {
    throw ReportRequestError("there is no agency with licence '" + request.licence +
                             "' in the registry");
  }
  const std::string value = request.watch ? "yes" : "no";
  if (row->second["watch"] == value) {
    throw ReportRequestError(request.watch ? "this agency is already on the watch list"
                                           : "this agency is not on the watch list");
  }
  row->second["watch"] = value;
  const ReferenceImport stored = importReferenceDataset(catalog_, agencies);
  storage::write(db_, [&](storage::Transaction& tx) {
    tx.reports().insertWatchChange(
        {request.licence, request.watch, request.reason, request.reviewer, nowMillis()});
    AuditLog::append(
        tx, request.origin.event(request.watch ? "agency_watch_raised" : "agency_watch_cleared",
                                 request.licence, request.reason));
  });
  return {request.licence, request.watch, stored.seq.value_or(0)};
}

std::vector<storage::WatchChange> AgencyWatchService::history(const std::string& licence) {
  return storage::read(
      db_, [&](storage::Transaction& tx) { return tx.reports().watchChanges(licence); });
}

std::vector<std::string> AgencyWatchService::watched() {
  std::vector<std::string> out;
  for (const auto& [licence, columns] : storedDataset(catalog_, kAgencies).rows) {
    const auto watch = columns.find("watch");
    if (watch != columns.end() && watch->second == "yes") out.push_back(licence);
  }
  return out;
}

}  // namespace phum::server::reports
