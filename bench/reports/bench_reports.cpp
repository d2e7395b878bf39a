// bench_reports: every report on a big server, SQLite and PostgreSQL (with PGHOST). Generates N
// approved household records (tests/tools/household.h templates, about 4 members each) straight
// into the server's storage through the storage adapter, then measures through the real HTTP API
// of a real phum-server: the time until the summary tables have caught up (the server extracts in
// the background; the first report waits for the rest), then each report's median of 5 requests,
// and the server's peak RSS. Baseline, measured in the same run: reading the review queue's first
// row through the adapter in this process (a database round trip without any report work).
// Prints one table. Usage: bench_reports [--records N] [--backend sqlite|postgres|both]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/uuid.h"
#include "household.h"
#include "phum_processes.h"
#include "server_fixture.h"
#include "services/reports/report.h"
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

double peakRssMiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

// `count` records from 1,000 household templates, each with its own uuid, all approved.
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
      const auto& from = templates[static_cast<std::size_t>((first + k) % 1000)];
      phum::v1::Record record = from;
      uuids[i] = phum::Uuid::generate().toBytes();
      record.set_uuid(uuids[i]);
      record.set_revision(1);
      bodies[i] = record.SerializeAsString();
      auto& row = rows[i];
      row.uuid = uuids[i];
      row.revision = 1;
      row.formId = from.form_id();
      row.formVersion = from.form_version();
      row.author = from.author();
      row.deviceId = from.device_id();
      row.locationCode = from.location_code();
      row.createdAtMs = record.created_at_ms();
      row.updatedAtMs = record.updated_at_ms();
      row.receivedAtMs = kFirstReceivedMs + (first + k) * 1000LL;
      row.body = bodies[i];
    }
    storage::write(db, [&](storage::Transaction& tx) {
      tx.records().insertIfAbsent(rows);
      for (const auto& uuid : uuids) {
        storage::ReviewRow review;
        review.uuid = uuid;
        review.revision = 1;
        review.decision = "approve";
        review.reviewer = "bench";
        review.decidedAtMs = kFirstReceivedMs;
        tx.reviews().insertReview(review);
      }
    });
  }
}

struct Console {
  std::string url;
  std::string cookie;
  double onceMs(const std::string& path, long timeoutSeconds = 60) const {
    const auto start = Clock::now();
    const auto reply = phum::testing::httpRequest("GET", url + "/v1/console" + path, {},
                                                  {"Cookie: " + cookie}, timeoutSeconds);
    if (reply.status != 200) {
      throw std::runtime_error(path + " answered " + std::to_string(reply.status) + ": " +
                               reply.body.substr(0, 300));
    }
    return msSince(start);
  }
  double medianMs(const std::string& path) const {
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) times.push_back(onceMs(path));
    std::sort(times.begin(), times.end());
    return times[2];
  }
};

struct Row {
  std::string backend;
  int records = 0;
  double generateS = 0, catchUpS = 0, baselineMs = 0, rssMiB = 0;
  std::vector<std::pair<std::string, double>> reports;  // key, median ms
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

  const auto signIn = phum::testing::httpRequest(
      "POST", server.url() + "/v1/console/session",
      std::string(R"({"username":"bench","password":")") + kPassword + "\"}",
      {"Content-Type: application/json"});
  const std::string cookie =
      signIn.headers.count("set-cookie") ? signIn.headers.at("set-cookie") : "";
  Console console{server.url(), cookie.substr(0, cookie.find(';'))};
  // Whatever the background refresh has not read yet is read by this first request (minutes on
  // a loaded machine: more than an ordinary request's minute).
  start = Clock::now();
  console.onceMs("/reports/table-2.1?lang=en", 1200);
  row.catchUpS = msSince(start) / 1000.0;
  start = Clock::now();
  for (int i = 0; i < 5; ++i) {
    storage::read(*db, [](storage::Transaction& tx) {
      storage::QueueQuery query;
      query.limit = 1;
      return tx.reviews().queue(query);
    });
  }
  row.baselineMs = msSince(start) / 5;
  for (const auto& key : phum::server::reports::reportKeys()) {
    row.reports.emplace_back(key, console.medianMs("/reports/" + key + "?lang=en"));
  }
  row.reports.emplace_back("table-2.3 (csv)", console.medianMs("/reports/table-2.3?format=csv"));
  row.rssMiB = peakRssMiB(server.process().pid());
  return row;
}

void print(const std::vector<Row>& rows) {
  if (rows.empty()) return;
  std::printf("\n| backend | records | generate s | summary tables catch up s |");
  for (const auto& [key, ms] : rows[0].reports) std::printf(" %s ms |", key.c_str());
  std::printf(" baseline: one queue row ms | server peak RSS MiB |\n|---|---|---|---|");
  for (std::size_t i = 0; i < rows[0].reports.size(); ++i) std::printf("---|");
  std::printf("---|---|\n");
  for (const auto& r : rows) {
    std::printf("| %s | %d | %.1f | %.1f |", r.backend.c_str(), r.records, r.generateS, r.catchUpS);
    for (const auto& [key, ms] : r.reports) std::printf(" %.1f |", ms);
    std::printf(" %.1f | %.0f |\n", r.baselineMs, r.rssMiB);
  }
  std::printf("\nAim: every report under 1,000 ms at 1,000,000 records.\n");
}

}  // namespace

int main(int argc, char** argv) {
  int count = 100000;
  std::string backends = "both";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--records")
      count = std::stoi(argv[i + 1]);
    else if (option == "--backend")
      backends = argv[i + 1];
    else {
      std::cerr << "usage: bench_reports [--records N] [--backend sqlite|postgres|both]\n";
      return 2;
    }
  }
  try {
    tools::TempDir dir("phum-bench-reports");
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
    std::cerr << "bench_reports: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
