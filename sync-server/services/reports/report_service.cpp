#include "services/reports/report_service.h"

#include <algorithm>
#include <cstdio>

#include "core/clock.h"
#include "services/reports/duplicate_finder.h"
#include "services/reports/duplicate_groups.h"
#include "services/reports/report_facts.h"
#include "services/reports/report_tables.h"

namespace phum::server::reports {

namespace {

// Records read per write transaction while catching up, so a large backlog never holds the
// database's write lock for long.
constexpr int kRefreshBatch = 2000;
// In the background, smaller: each batch holds the write lock for a short while only.
constexpr int kBackgroundBatch = 200;

bool isDate(const std::string& text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

bool isCode(const std::string& text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const std::vector<std::string>& reportKeys() {
  static const std::vector<std::string> keys = {
      "table-2.1", "table-2.2", "table-2.3", "table-2.4", "returnees", "trafficking", "complaints"};
  return keys;
}

std::string effectivePlace(const ReportFilter& filter, const std::string& scope) {
  const std::pair<const std::string*, std::size_t> levels[] = {
      {&filter.province, 2}, {&filter.district, 4}, {&filter.commune, 6}};
  std::string place;
  for (const auto& [code, length] : levels) {
    if (code->empty()) continue;
    if (!isCode(*code, length)) {
      throw ReportRequestError("'" + *code + "' is not a NIS code of " + std::to_string(length) +
                               " digits");
    }
    if (!code->starts_with(place)) {
      throw ReportRequestError("'" + *code + "' is not inside " + place);
    }
    place = *code;
  }
  if (scope == "national") return place;
  if (place.starts_with(scope)) return place;
  if (scope.starts_with(place)) return scope;
  throw ReportRequestError("place " + place + " is outside your area (" + scope + ")");
}

ReportService::ReportService(storage::Database& db, CatalogService& catalog, SealingKeys& keys)
    : db_(db), keys_(keys), catalog_(catalog) {}

ReportService::~ReportService() {
  refresher_.request_stop();
  wake_.notify_all();
}

namespace {

// Reads up to `limit` records after the extracted ones into the summary tables, in one write
// transaction. Returns how many it read.
std::size_t refreshBatch(storage::Database& db, SealingKeys& keys, int limit,
                         std::atomic<bool>& grouped) {
  const std::size_t read = storage::write(db, [&](storage::Transaction& tx) {
    auto& reports = tx.reports();
    // Groups of confirmed duplicates change with a decision, which regroups in its own
    // transaction; once per process they are checked here too (pairs confirmed before the
    // groups were kept, e.g. right after the schema step that added them).
    if (!grouped.load()) regroupConfirmedDuplicates(tx);
    const auto batch = reports.recordsAfter(reports.extractedThrough(), limit);
    std::vector<storage::RecordFacts> facts;
    for (const auto& stored : batch) {
      phum::v1::Record record;
      // A body the server stored was checked at ingest; one that no longer parses is left out
      // of the reports rather than stopping them.
      if (!record.ParseFromString(stored.body)) continue;
      for (auto& one : extractFacts(record)) facts.push_back(std::move(one));
      findLikelyDuplicates(tx, record, keys, nowMillis());
    }
    reports.replaceFactsOfRecords(facts);
    if (!batch.empty()) reports.setExtractedThrough(batch.back().seq);
    return batch.size();
  });
  grouped.store(true);
  return read;
}

}  // namespace

std::size_t ReportService::refresh() {
  std::size_t total = 0;
  for (;;) {
    const std::size_t read = refreshBatch(db_, keys_, kRefreshBatch, grouped_);
    total += read;
    if (read < static_cast<std::size_t>(kRefreshBatch)) return total;
  }
}

void ReportService::refreshInBackground(std::chrono::milliseconds interval) {
  refresher_ = std::jthread([this, interval](std::stop_token stop) {
    while (!stop.stop_requested()) {
      std::size_t read = 0;
      try {
        read = refreshBatch(db_, keys_, kBackgroundBatch, grouped_);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "phum-server: the reports' summary tables could not be updated: %s\n",
                     e.what());
      }
      // A short pause between batches of a backlog: pushes and phum-admin get the write lock
      // between them (SQLite has one writer).
      const auto pause = read == static_cast<std::size_t>(kBackgroundBatch)
                             ? std::chrono::milliseconds(200)
                             : interval;
      std::unique_lock lock(wakeMutex_);
      wake_.wait_for(lock, stop, pause, [] { return false; });
    }
  });
}

Report ReportService::build(const std::string& key, const ReportFilter& filter,
                            const std::string& scope, const std::string& language) {
  for (const auto* day : {&filter.from, &filter.to}) {
    if (!day->empty() && !isDate(*day)) {
      throw ReportRequestError("'" + *day + "' is not a date YYYY-MM-DD");
    }
  }
  using Builder = Report (*)(const ReportContext&);
  const std::pair<const char*, Builder> builders[] = {
      {"table-2.1", table21},    {"table-2.2", table22},   {"table-2.3", table23},
      {"table-2.4", table24},    {"returnees", returnees}, {"trafficking", trafficking},
      {"complaints", complaints}};
  Builder builder = nullptr;
  for (const auto& [name, make] : builders) {
    if (key == name) builder = make;
  }
  if (!builder) throw ReportRequestError("there is no report '" + key + "'");
  const std::string place = effectivePlace(filter, scope);
  refresh();
  const ReportLabels labels(catalog_, language);
  const ReportContext context{db_, labels, filter, place};
  Report report = builder(context);
  report.key = key;
  report.title = labels.word(key);
  report.language = language;
  report.filter = filter;
  report.totalLabel = labels.word("total");
  report.notice = labels.word("notice");
  return report;
}

}  // namespace phum::server::reports
