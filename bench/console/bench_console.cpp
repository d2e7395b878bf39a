// bench_console: the review console on a big server, SQLite and PostgreSQL (with PGHOST).
// Generates N household records (tests/tools/household.h) straight into the server's storage
// through the storage adapter, in bulk, then measures through the real HTTP API of a real
// phum-server: the queue's first page and page 1,000 (keyset), one record view, and the full CSV
// export (time, records/s, the server's peak RSS before and after it, so a growing export shows).
// Baseline, measured in the same run: reading and parsing every record through the storage
// adapter in this process, with no CSV, ZIP or HTTP.
// Prints one table. Usage: bench_console [--records N] [--backend sqlite|postgres|both]
#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/console_api.h"
#include "core/uuid.h"
#include "household.h"
#include "phum_processes.h"
#include "server_fixture.h"
#include "storage/open_database.h"
#include "storage_backend.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace storage = phum::server::storage;
namespace tools = phum::tools;

constexpr const char* kPassword = "bench-pass-2026";
constexpr std::int64_t kFirstReceivedMs = 1767225600000;  // 2026-01-01

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Peak resident memory (VmHWM) of a process, in MiB.
double peakRssMiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

// `count` records from 1,000 household templates, each with its own uuid and received time.
void generate(storage::Database& db, int count) {
  std::vector<phum::v1::Record> templates;
  for (int i = 0; i < 1000; ++i) templates.push_back(tools::makeHouseholdRecord(i, true));
  constexpr int kBatch = 5000;
  for (int first = 0; first < count; first += kBatch) {
    const int n = std::min(kBatch, count - first);
    std::vector<std::string> uuids(static_cast<std::size_t>(n)), bodies(uuids.size());
    std::vector<storage::RecordRow> rows(uuids.size());
    for (int k = 0; k < n; ++k) {
      const auto i = static_cast<std::size_t>(k);
      phum::v1::Record record = templates[static_cast<std::size_t>((first + k) % 1000)];
      uuids[i] = phum::Uuid::generate().toBytes();
      record.set_uuid(uuids[i]);
      record.set_revision(1);
      bodies[i] = record.SerializeAsString();
      auto& row = rows[i];
      row.uuid = uuids[i];
      row.revision = 1;
      row.formId = templates[0].form_id();
      row.formVersion = templates[0].form_version();
      row.author = templates[0].author();
      row.deviceId = templates[0].device_id();
      row.locationCode = templates[static_cast<std::size_t>((first + k) % 1000)].location_code();
      row.createdAtMs = record.created_at_ms();
      row.updatedAtMs = record.updated_at_ms();
      row.receivedAtMs = kFirstReceivedMs + (first + k) * 1000LL;  // one a second
      row.body = bodies[i];
    }
    storage::write(db, [&](storage::Transaction& tx) { tx.records().insertIfAbsent(rows); });
  }
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

struct Console {
  std::string url;
  std::string cookie;
  // The median of 5 GETs, in ms; throws unless each answers 200.
  double medianMs(const std::string& path) const {
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
      const auto start = Clock::now();
      const auto reply =
          phum::testing::httpRequest("GET", url + "/v1/console" + path, {}, {"Cookie: " + cookie});
      times.push_back(msSince(start));
      if (reply.status != 200) {
        throw std::runtime_error(path + " answered " + std::to_string(reply.status) + ": " +
                                 reply.body.substr(0, 300));
      }
    }
    std::sort(times.begin(), times.end());
    return times[2];
  }
};

std::size_t countBytes(char*, std::size_t size, std::size_t n, void* total) {
  *static_cast<std::uint64_t*>(total) += size * n;
  return size * n;
}

// The export downloaded and dropped as it arrives: {seconds, bytes}.
std::pair<double, std::uint64_t> timeExport(const Console& console) {
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
  double generateS = 0, firstPageMs = 0, page1000Ms = 0, viewMs = 0, exportS = 0;
  double exportRate = 0, baselineRate = 0, rssBeforeMiB = 0, rssAfterMiB = 0, zipMiB = 0;
};

Row measure(const std::string& backend, int count, const tools::TempDir& dir) {
  Row row{backend, count};
  const std::string dataDir = dir.file("server-" + backend);
  tools::ServerProcess server(PHUM_SERVER_BIN, dataDir);
  server.start();  // migrates, and publishes the mission forms and reference data
  const auto add = tools::runAdmin(dataDir,
                                   {"users", "add", "--username", "bench", "--role", "reviewer",
                                    "--scope", "national", "--display-name", "Bench"},
                                   std::string(kPassword) + "\n");
  if (add.exitCode != 0) throw std::runtime_error("users add: " + add.err);
  storage::StorageLocation location{dataDir, ""};
  if (backend == "postgres") location.databaseUrl = tools::postgresConninfoFor(dataDir);
  auto db = storage::openDatabase(location);
  auto start = Clock::now();
  generate(*db, count);
  row.generateS = msSince(start) / 1000.0;
  row.baselineRate = baselineRead(*db, count);
  const std::string page1000 = cursorOfPage(*db, std::min(1000, count / 50));

  const auto signIn = phum::testing::httpRequest(
      "POST", server.url() + "/v1/console/session",
      std::string(R"({"username":"bench","password":")") + kPassword + "\"}",
      {"Content-Type: application/json"});
  const std::string cookie =
      signIn.headers.count("set-cookie") ? signIn.headers.at("set-cookie") : "";
  Console console{server.url(), cookie.substr(0, cookie.find(';'))};
  row.firstPageMs = console.medianMs("/records?limit=50");
  row.page1000Ms = console.medianMs("/records?limit=50&after=" + page1000);
  const auto first = storage::read(*db, [](storage::Transaction& tx) {
    storage::QueueQuery query;
    query.limit = 1;
    return tx.reviews().queue(query);
  });
  row.viewMs = console.medianMs("/records/" + first.at(0).record.uuid + "?lang=en");
  row.rssBeforeMiB = peakRssMiB(server.process().pid());
  const auto [seconds, bytes] = timeExport(console);
  row.exportS = seconds;
  row.exportRate = count / seconds;
  row.zipMiB = static_cast<double>(bytes) / (1024.0 * 1024.0);
  row.rssAfterMiB = peakRssMiB(server.process().pid());
  return row;
}

void print(const std::vector<Row>& rows) {
  std::printf(
      "\n| backend | records | generate s | queue page 1 ms | queue page 1,000 ms | record view ms "
      "| export s | export records/s | baseline read+parse records/s | server peak RSS MiB "
      "before / after export | ZIP MiB |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : rows) {
    std::printf(
        "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f / %.0f | %.1f |\n",
        r.backend.c_str(), r.records, r.generateS, r.firstPageMs, r.page1000Ms, r.viewMs, r.exportS,
        r.exportRate, r.baselineRate, r.rssBeforeMiB, r.rssAfterMiB, r.zipMiB);
  }
  std::printf(
      "\nAims: pages < 200 ms; export >= 25,000 records/s with the RSS after the export close to "
      "the RSS before it (constant memory).\n");
}

}  // namespace

int main(int argc, char** argv) {
  int count = 1000000;
  std::string backends = "both";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--records")
      count = std::stoi(argv[i + 1]);
    else if (option == "--backend")
      backends = argv[i + 1];
    else {
      std::cerr << "usage: bench_console [--records N] [--backend sqlite|postgres|both]\n";
      return 2;
    }
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  try {
    tools::TempDir dir("phum-bench-console");
    std::vector<Row> rows;
    if (backends != "postgres") {
      setenv("PHUM_TEST_BACKEND", "sqlite", 1);
      rows.push_back(measure("sqlite", count, dir));
    }
    if (backends != "sqlite") {
      if (!tools::postgresUnavailableReason().empty()) {
        std::cerr << "PostgreSQL skipped: " << tools::postgresUnavailableReason() << "\n";
      } else {
        setenv("PHUM_TEST_BACKEND", "postgres", 1);
        rows.push_back(measure("postgres", count, dir));
      }
    }
    print(rows);
  } catch (const std::exception& e) {
    std::cerr << "bench_console: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
