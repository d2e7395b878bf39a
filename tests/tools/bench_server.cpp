#include "bench_server.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "core/uuid.h"
#include "household.h"
#include "server_fixture.h"
#include "storage/open_database.h"
#include "storage_backend.h"

namespace phum::tools {

namespace storage = phum::server::storage;

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kPassword = "bench-pass-2026";

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The row of `record` (whose uuid and body the caller keeps alive), received `index` seconds
// after the first.
storage::RecordRow rowOf(const phum::v1::Record& record, std::string_view uuid,
                         std::string_view body, int index) {
  storage::RecordRow row;
  row.uuid = uuid;
  row.revision = record.revision();
  row.formId = record.form_id();
  row.formVersion = record.form_version();
  row.author = record.author();
  row.deviceId = record.device_id();
  row.locationCode = record.location_code();
  row.createdAtMs = record.created_at_ms();
  row.updatedAtMs = record.updated_at_ms();
  row.receivedAtMs = kFirstGeneratedMs + index * 1000LL;  // one a second
  row.body = body;
  return row;
}

}  // namespace

double peakRssMiB(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:")) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

double BenchConsole::onceMs(const std::string& path, long timeoutSeconds) const {
  const auto start = Clock::now();
  const auto reply = phum::testing::httpRequest("GET", url + "/v1/console" + path, {},
                                                {"Cookie: " + cookie}, timeoutSeconds);
  const double ms = msSince(start);
  if (reply.status != 200) {
    throw std::runtime_error(path + " answered " + std::to_string(reply.status) + ": " +
                             reply.body.substr(0, 300));
  }
  return ms;
}

double BenchConsole::medianMs(const std::string& path) const {
  std::vector<double> times;
  for (int i = 0; i < 5; ++i) times.push_back(onceMs(path));
  std::sort(times.begin(), times.end());
  return times[2];
}

BenchServer::BenchServer(const std::string& serverBinary, const std::string& backend,
                         const TempDir& dir)
    : server_(serverBinary, dir.file("server-" + backend)) {
  server_.start();  // migrates, and publishes the mission forms and reference data
  const std::string dataDir = server_.dataDir();
  const auto add = runAdmin(dataDir,
                            {"users", "add", "--username", "bench", "--role", "reviewer", "--scope",
                             "national", "--display-name", "Bench"},
                            std::string(kPassword) + "\n");
  if (add.exitCode != 0) throw std::runtime_error("users add: " + add.err);
  storage::StorageLocation location{dataDir, ""};
  if (backend == "postgres") location.databaseUrl = postgresConninfoFor(dataDir);
  db_ = storage::openDatabase(location);
  const auto signIn = phum::testing::httpRequest(
      "POST", server_.url() + "/v1/console/session",
      std::string(R"({"username":"bench","password":")") + kPassword + "\"}",
      {"Content-Type: application/json"});
  const std::string cookie =
      signIn.headers.count("set-cookie") ? signIn.headers.at("set-cookie") : "";
  if (signIn.status != 200 || cookie.empty()) {
    throw std::runtime_error("console sign-in answered " + std::to_string(signIn.status));
  }
  console_ = BenchConsole{server_.url(), cookie.substr(0, cookie.find(';'))};
}

void generateHouseholds(storage::Database& db, int count, bool approved) {
  std::vector<phum::v1::Record> templates;
  for (int i = 0; i < 1000; ++i) templates.push_back(makeHouseholdRecord(i, true));
  constexpr int kBatch = 5000;
  std::vector<std::string> uuids(kBatch), bodies(kBatch);  // what the rows point into
  std::vector<storage::RecordRow> rows;
  for (int first = 0; first < count; first += kBatch) {
    const int n = std::min(kBatch, count - first);
    rows.clear();
    for (int k = 0; k < n; ++k) {
      const auto i = static_cast<std::size_t>(k);
      phum::v1::Record& record = templates[static_cast<std::size_t>((first + k) % 1000)];
      uuids[i] = phum::Uuid::generate().toBytes();
      record.set_uuid(uuids[i]);
      record.set_revision(1);
      bodies[i] = record.SerializeAsString();
      rows.push_back(rowOf(record, uuids[i], bodies[i], first + k));
    }
    storage::write(db, [&](storage::Transaction& tx) {
      tx.records().insertIfAbsent(rows);
      if (!approved) return;
      for (const auto& row : rows) {
        storage::ReviewRow review;
        review.uuid = std::string(row.uuid);
        review.revision = 1;
        review.decision = "approve";
        review.reviewer = "bench";
        review.decidedAtMs = kFirstGeneratedMs;
        tx.reviews().insertReview(review);
      }
    });
  }
}

}  // namespace phum::tools
