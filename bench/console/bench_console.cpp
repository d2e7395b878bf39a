// bench_console: the review console on a big server, SQLite and PostgreSQL (with PGHOST).
// Generates N household records (tests/tools/bench_server.h) straight into the server's storage
// through the storage adapter, in bulk, waits until the reports' background extraction has caught
// up (timed), then measures through the real HTTP API of a real
// phum-server: the queue's first page and page 1,000 (keyset), one record view, and the full CSV
// export (time, records/s, the server's peak RSS before and after it, so a growing export shows).
// Baseline, measured in the same run: reading and parsing every record through the storage
// adapter in this process, with no CSV, ZIP or HTTP.
// With --catch-up skip, the generated records are marked as read into the reports' summary tables
// instead, before and after generating (bench_reports measures those): on PostgreSQL their
// catch-up runs at a few hundred records/s, over an hour at 1,000,000, and nothing measured here
// reads them. With --keep DIR, the SQLite server's data folder is copied to DIR at the end, so the
// export can be profiled again with `phum-admin records export --data DIR/server-sqlite` without
// generating the records anew.
// Prints one table. Usage:
// bench_console [--records N] [--backend sqlite|postgres|both] [--catch-up wait|skip] [--keep DIR]
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/console_api.h"
#include "bench_server.h"
#include "phum_processes.h"
#include "storage_backend.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace storage = phum::server::storage;
namespace tools = phum::tools;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Every record read and parsed through the adapter, in the export's pages: records/s.
double baselineRead(storage::Database& db, int count) {
  const auto start = Clock::now();
  storage::QueueQuery query;
  query.limit = 1000;
  query.withBody = true;
  phum::v1::Record record;
  std::int64_t seen = 0;
  for (;;) {
    const auto rows =
        storage::read(db, [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
    for (const auto& row : rows) seen += record.ParseFromString(row.body) ? 1 : 0;
    if (rows.size() < 1000) break;
    query.after = storage::QueueKey{rows.back().record.receivedAtMs, rows.back().record.serverSeq};
  }
  if (seen != count) throw std::runtime_error("baseline read " + std::to_string(seen) + " records");
  return count / (msSince(start) / 1000.0);
}

// The cursor of page `page` (1-based) of 50 rows, found through the adapter.
std::string cursorOfPage(storage::Database& db, int page) {
  storage::QueueQuery query;
  query.limit = (page - 1) * 50;
  const auto rows =
      storage::read(db, [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
  if (rows.size() != static_cast<std::size_t>(query.limit)) return {};
  return phum::server::encodeQueueCursor(
      storage::QueueKey{rows.back().record.receivedAtMs, rows.back().record.serverSeq});
}

std::size_t countBytes(char*, std::size_t size, std::size_t n, void* total) {
  *static_cast<std::uint64_t*>(total) += size * n;
  return size * n;
}

// The export downloaded and dropped as it arrives: {seconds, bytes}.
std::pair<double, std::uint64_t> timeExport(const tools::BenchConsole& console) {
  CURL* curl = curl_easy_init();
  std::uint64_t bytes = 0;
  const std::string url = console.url + "/v1/console/export?lang=en";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_COOKIE, console.cookie.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, countBytes);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &bytes);
  const auto start = Clock::now();
  const CURLcode result = curl_easy_perform(curl);
  const double seconds = msSince(start) / 1000.0;
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (result != CURLE_OK || status != 200) {
    throw std::runtime_error(std::string("export failed: ") + curl_easy_strerror(result) +
                             ", HTTP " + std::to_string(status));
  }
  return {seconds, bytes};
}

struct Row {
  std::string backend;
  int records = 0;
  double generateS = 0, catchUpS = 0, firstPageMs = 0, page1000Ms = 0, viewMs = 0, exportS = 0;
  double exportRate = 0, baselineRate = 0, rssBeforeMiB = 0, rssAfterMiB = 0, zipMiB = 0;
};

// Marks the summary tables as caught up through `seq` (nullopt: the newest stored record), so
// the server's extraction idles. Through INT64_MAX before generating: the extractor then never
// holds the records' lock (exclusive) while the generator waits for it (shared), which on
// PostgreSQL stalled the generator for most of each extraction batch.
void skipCatchUp(storage::Database& db, std::optional<std::uint64_t> seq) {
  storage::write(db, [&](storage::Transaction& tx) {
    tx.reports().extractedThrough();  // waits for an extraction in flight
    if (!seq) {
      const auto newest = tx.records().newestFirst(1);
      seq = newest.empty() ? 0 : newest.front().serverSeq;
    }
    tx.reports().setExtractedThrough(*seq);
  });
}

Row measure(const std::string& backend, int count, bool catchUp, const tools::TempDir& dir,
            const std::string& keep) {
  Row row{backend, count};
  tools::BenchServer bench(PHUM_SERVER_BIN, backend, dir);
  auto& db = bench.db();
  const auto& console = bench.console();
  auto start = Clock::now();
  if (!catchUp) skipCatchUp(db, INT64_MAX);
  tools::generateHouseholds(db, count, false);
  row.generateS = msSince(start) / 1000.0;
  // The server reads new records into the reports' summary tables in the background; the first
  // report waits for the rest, so nothing measured below shares the CPU with that catch-up.
  start = Clock::now();
  if (catchUp) {
    console.onceMs("/reports/table-2.1?lang=en", 3600);
    row.catchUpS = msSince(start) / 1000.0;
  } else {
    skipCatchUp(db, std::nullopt);
    row.catchUpS = -1;
  }
  row.baselineRate = baselineRead(db, count);
  const std::string page1000 = cursorOfPage(db, std::min(1000, count / 50));

  row.firstPageMs = console.medianMs("/records?limit=50");
  row.page1000Ms = console.medianMs("/records?limit=50&after=" + page1000);
  const auto first = storage::read(db, [](storage::Transaction& tx) {
    storage::QueueQuery query;
    query.limit = 1;
    return tx.reviews().queue(query);
  });
  row.viewMs = console.medianMs("/records/" + first.at(0).record.uuid + "?lang=en");
  const pid_t pid = bench.process().process().pid();
  row.rssBeforeMiB = tools::peakRssMiB(pid);
  const auto [seconds, bytes] = timeExport(console);
  row.exportS = seconds;
  row.exportRate = count / seconds;
  row.zipMiB = static_cast<double>(bytes) / (1024.0 * 1024.0);
  row.rssAfterMiB = tools::peakRssMiB(pid);
  if (!keep.empty() && backend == "sqlite") {
    std::filesystem::copy(bench.process().dataDir(), keep + "/server-sqlite",
                          std::filesystem::copy_options::recursive);
  }
  return row;
}

void print(const std::vector<Row>& rows) {
  std::printf(
      "\n| backend | records | generate s | summary tables catch up s | queue page 1 ms | queue "
      "page 1,000 ms | record view ms "
      "| export s | export records/s | baseline read+parse records/s | server peak RSS MiB "
      "before / after export | ZIP MiB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : rows) {
    char catchUp[32] = "skipped";
    if (r.catchUpS >= 0) std::snprintf(catchUp, sizeof catchUp, "%.1f", r.catchUpS);
    std::printf(
        "| %s | %d | %.1f | %s | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f / %.0f | %.1f "
        "|\n",
        r.backend.c_str(), r.records, r.generateS, catchUp, r.firstPageMs, r.page1000Ms, r.viewMs,
        r.exportS, r.exportRate, r.baselineRate, r.rssBeforeMiB, r.rssAfterMiB, r.zipMiB);
  }
  std::printf(
      "\nAims: pages < 200 ms; export >= 25,000 records/s with the RSS after the export close to "
      "the RSS before it (constant memory).\n");
}

}  // namespace

int main(int argc, char** argv) {
  int count = 1000000;
  std::string backends = "both";
  bool catchUp = true;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--records")
      count = std::stoi(argv[i + 1]);
    else if (option == "--backend")
      backends = argv[i + 1];
    else if (option == "--catch-up")
      catchUp = std::string(argv[i + 1]) != "skip";
    else if (option == "--keep")
      keep = argv[i + 1];
    else {
      std::cerr << "usage: bench_console [--records N] [--backend sqlite|postgres|both]"
                   " [--catch-up wait|skip] [--keep DIR]\n";
      return 2;
    }
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    tools::TempDir dir("phum-bench-console");
    std::vector<Row> rows;
    if (backends != "postgres") {
      setenv("PHUM_TEST_BACKEND", "sqlite", 1);
      rows.push_back(measure("sqlite", count, catchUp, dir, keep));
    }
    if (backends != "sqlite") {
      if (!tools::postgresUnavailableReason().empty()) {
        std::cerr << "PostgreSQL skipped: " << tools::postgresUnavailableReason() << "\n";
      } else {
        setenv("PHUM_TEST_BACKEND", "postgres", 1);
        rows.push_back(measure("postgres", count, catchUp, dir, keep));
      }
    }
    print(rows);
  } catch (const std::exception& e) {
    std::cerr << "bench_console: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
