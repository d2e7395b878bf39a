#pragma once
// The reports of issue 13 over approved records: the paper's Tables 2.1-2.3, returnees per
// crossing point per day with a surge flag, trafficking cases, complaints per agency. Counts come
// from the summary tables (storage/report_storage.h), which refresh() keeps up with the records
// table; every table is suppressed (suppression.h) before it is returned.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "common/sealing_keys.h"
#include "services/catalog_service.h"
#include "services/reports/report.h"
#include "storage/database.h"

namespace phum::server::reports {

// Surge rule for returnees: a day's count at one crossing point (or all of them) is a surge when
// it is at least kSurgeMinimum and more than kSurgeFactor times the mean of the kSurgeWindowDays
// days before it (days without returnees count as 0). Three times a two-week mean catches a mass
// return such as June 2014's on its first day, while ordinary weekly swings stay below it.
inline constexpr double kSurgeFactor = 3.0;
inline constexpr int kSurgeWindowDays = 14;
inline constexpr std::int64_t kSurgeMinimum = 10;
// With no "from" date, the returnee report shows this many days up to the last one with data.
inline constexpr int kReturneeDefaultDays = 92;

class ReportService {
 public:
  // `keys` open the sealed names the likely-duplicate rules compare.
  ReportService(storage::Database& db, CatalogService& catalog, SealingKeys& keys);

  ReportService(const ReportService&) = delete;
  ReportService& operator=(const ReportService&) = delete;
  ~ReportService();

  // Reads the records stored since the last call into the summary tables. Returns how many.
  std::size_t refresh();

  // phum-server: refresh() every `interval` on a thread of its own, so the summary tables keep up
  // with the pushes and a report never pays for a large backlog. A failure is printed and tried
  // again at the next interval. Stops when the service is destroyed.
  void refreshInBackground(std::chrono::milliseconds interval);

  // `scope`: the caller's ("national" or a NIS prefix); a filter place outside it is refused.
  // Throws ReportRequestError for an unknown key or bad filter.
  Report build(const std::string& key, const ReportFilter& filter, const std::string& scope,
               const std::string& language);

 private:
  storage::Database& db_;
  SealingKeys& keys_;
  CatalogService& catalog_;
  std::atomic<bool> grouped_{false};  // the confirmed duplicates' groups checked once
  std::mutex wakeMutex_;
  std::condition_variable_any wake_;
  std::jthread refresher_;  // last: stopped and joined before the members it uses go
};

// The NIS prefix to count: the filter's smallest place within `scope`. Throws ReportRequestError
// when the place is not a code under its parent, or is outside the scope.
std::string effectivePlace(const ReportFilter& filter, const std::string& scope);

}  // namespace phum::server::reports
