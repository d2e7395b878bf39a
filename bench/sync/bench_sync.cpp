// bench_sync: how fast and how lean sync is, next to baselines measured in the same run.
//   - ingest records/s through the real HTTP endpoint (SQLite; PostgreSQL when PGHOST is set),
//     one tablet pushing alone and several pushing at once (zstd bodies of 500 records, built
//     before the clock starts), next to raw inserts of the same rows straight into SQLite in one
//     transaction (the ceiling). The servers have the mission forms published and the reference
//     data imported, so every record is validated against forms/household_survey.xlsform.md as in
//     production; the form engine's validation alone on one thread is measured too;
//   - bytes on the wire per household record (the mission form's household with a roster of 3
//     to 5 members, tests/tools/household.h) next to the same record as an ODK OpenRosa
//     submission;
//   - bytes re-sent after a connection cut at a random point (through the fault proxy).
// Prints one table. Usage: bench_sync [--records N] [--seed S] [--url URL]
// --url measures only ingest, against a server started by hand with --open after
// `phum-admin forms publish forms/*.xlsform.md` and `phum-admin refdata import data/reference`
// (e.g. under `perf record` to see where its time goes).
#include <curl/curl.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench_table.h"
#include "core/uuid.h"
#include "forms/engine/validate.h"
#include "household.h"
#include "phum/v1/sync.pb.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/compression.h"
#include "sync/sync_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using phum::tools::fixed;
using phum::tools::TempDir;
using Row = phum::tools::BenchRow;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void checkSqlite(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("SQLite failed to ") + what + ": " + sqlite3_errmsg(db));
  }
}

std::vector<phum::v1::Record> makeRecords(int count) {
  std::vector<phum::v1::Record> records;
  records.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) records.push_back(phum::tools::makeHouseholdRecord(i, true));
  return records;
}

// The ceiling: the same rows inserted into SQLite in one transaction (WAL, synchronous=FULL).
double rawSqliteRate(const std::vector<phum::v1::Record>& records, const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    throw std::runtime_error("cannot create " + path + ": " + sqlite3_errmsg(db));
  }
  const auto exec = [&](const char* sql) {
    checkSqlite(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
  };
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec(
      "CREATE TABLE records (seq INTEGER PRIMARY KEY, uuid BLOB NOT NULL, revision INTEGER,"
      " body BLOB NOT NULL, UNIQUE (uuid, revision))");
  std::vector<std::string> bodies;  // serialised outside the clock: this row measures SQLite
  for (const auto& record : records) bodies.push_back(record.SerializeAsString());
  const auto start = Clock::now();
  exec("BEGIN");
  sqlite3_stmt* insert = nullptr;
  checkSqlite(db,
              sqlite3_prepare_v2(db, "INSERT INTO records (uuid, revision, body) VALUES (?,?,?)",
                                 -1, &insert, nullptr),
              "prepare the insert");
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    const std::string& body = bodies[i];
    sqlite3_bind_blob(insert, 1, record.uuid().data(), static_cast<int>(record.uuid().size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 2, record.revision());
    sqlite3_bind_blob(insert, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
    checkSqlite(db, sqlite3_step(insert), "insert a record");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  exec("COMMIT");
  const double rate = static_cast<double>(records.size()) / secondsSince(start);
  sqlite3_close(db);
  return rate;
}

std::size_t collectBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// How a push run is shaped: tablets pushing at once, each on its own kept-alive connection.
struct PushLoad {
  int batchSize = 500;
  int devices = 1;
};

// Bodies as tablets send them: PushBatch messages, zstd-compressed. Built before the clock
// starts: encoding is the tablets' work, not the server's. Batch i comes from device i % devices.
std::vector<std::string> encodeBatches(const std::vector<phum::v1::Record>& records,
                                       const PushLoad& load) {
  std::vector<std::string> bodies;
  const auto step = static_cast<std::size_t>(load.batchSize);
  for (std::size_t i = 0; i < records.size(); i += step) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(phum::Uuid::generate().toBytes());
    batch.set_device_id("tab-bench-" + std::to_string(bodies.size() % load.devices));
    for (std::size_t j = i; j < std::min(records.size(), i + step); ++j) {
      *batch.add_records() = records[j];
    }
    bodies.push_back(phum::sync::zstdCompress(batch.SerializeAsString()));
  }
  return bodies;
}

// One device: POSTs its bodies to /v1/push in turn on one connection; keeps the answers.
std::string pushAll(const std::string& endpoint, const std::vector<const std::string*>& bodies,
                    std::vector<std::string>& answers) {
  CURL* curl = curl_easy_init();
  if (!curl) return "libcurl could not start";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-protobuf");
  headers = curl_slist_append(headers, "Accept: application/x-protobuf");
  headers = curl_slist_append(headers, "Content-Encoding: zstd");
  curl_easy_setopt(curl, CURLOPT_URL, endpoint.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
  std::string failure;
  for (const std::string* body : bodies) {
    answers.emplace_back();
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answers.back());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != 200) {
      failure = "push to " + endpoint + " failed: " +
                (rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP " + std::to_string(status));
      break;
    }
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return failure;
}

// A fast server that rejects records would look good: every record must come back ACCEPTED.
void expectAllAccepted(const std::vector<std::vector<std::string>>& answers, std::size_t records) {
  std::size_t accepted = 0;
  for (const auto& device : answers) {
    for (const auto& answer : device) {
      phum::v1::PushAck ack;
      if (!ack.ParseFromString(answer)) throw std::runtime_error("a push ack could not be parsed");
      for (const auto& recordAck : ack.acks()) {
        if (recordAck.status() == phum::v1::RECORD_STATUS_ACCEPTED) ++accepted;
      }
    }
  }
  if (accepted != records) {
    throw std::runtime_error("the server accepted " + std::to_string(accepted) + " of " +
                             std::to_string(records) + " records");
  }
}

// Records/s through POST /v1/push, `load.devices` tablets pushing at the same time.
double httpIngestRate(const std::vector<phum::v1::Record>& records, const std::string& url,
                      const PushLoad& load) {
  const std::vector<std::string> bodies = encodeBatches(records, load);
  const auto devices = static_cast<std::size_t>(load.devices);
  std::vector<std::vector<const std::string*>> shares(devices);
  for (std::size_t i = 0; i < bodies.size(); ++i) shares[i % devices].push_back(&bodies[i]);
  std::vector<std::vector<std::string>> answers(devices);
  std::vector<std::string> failures(devices);
  const std::string endpoint = url + "/v1/push";
  const auto start = Clock::now();
  {
    std::vector<std::jthread> tablets;
    for (std::size_t d = 0; d < devices; ++d) {
      tablets.emplace_back([&, d] { failures[d] = pushAll(endpoint, shares[d], answers[d]); });
    }
  }
  const double seconds = secondsSince(start);
  for (const auto& failure : failures) {
    if (!failure.empty()) throw std::runtime_error(failure);
  }
  expectAllAccepted(answers, records.size());
  return static_cast<double>(records.size()) / seconds;
}

struct WireRun {
  std::uint64_t bytesUp = 0;
  std::uint64_t bytesDown = 0;
  double seconds = 0;
};

// The real tablet path: LocalStore outbox -> SyncClient -> fault proxy -> server.
WireRun syncThroughProxy(const TempDir& dir, const std::string& name, int records,
                         phum::tools::FaultProxy& proxy) {
  const std::string path = dir.file(name + ".sqlite");
  {
    auto store = phum::store::LocalStore::open(path);
    for (int i = 0; i < records; ++i) store->saveRecord(phum::tools::makeHouseholdRecord(i));
  }
  auto store = phum::store::LocalStore::open(path);
  phum::sync::SyncConfig config;
  config.serverUrl = proxy.url();
  config.deviceId = "tab-bench";
  config.connectTimeout = std::chrono::milliseconds(2000);
  config.requestTimeout = std::chrono::milliseconds(10000);
  phum::sync::SyncClient client(*store, config);
  const auto before = proxy.stats();
  const auto start = Clock::now();
  std::string lastError;
  for (int round = 0; round < 1000; ++round) {
    const auto report = client.syncNow();
    if (report.complete) break;
    lastError = report.error;
  }
  WireRun run;
  run.seconds = secondsSince(start);
  const auto after = proxy.stats();
  if (const auto counts = store->outboxCounts(); counts.sent != records) {
    const auto listed = store->listRecords();
    lastError += " (sent " + std::to_string(counts.sent) + ", rejected " +
                 std::to_string(counts.rejected) + ": " +
                 (listed.empty() ? std::string() : listed.front().lastError) + ")";
    throw std::runtime_error("the sync of '" + name +
                             "' through the proxy did not finish: " + lastError);
  }
  run.bytesUp = after.bytesUp - before.bytesUp;
  run.bytesDown = after.bytesDown - before.bytesDown;
  return run;
}

constexpr int kConcurrentDevices = 4;

// Records/s of validateRecord alone on one thread, with the gazetteer as the server provides it:
// the part of the server's work per record that the form engine does.
double validationRate(const std::vector<phum::v1::Record>& records) {
  const auto model =
      std::make_shared<const phum::forms::engine::FormModel>(phum::tools::householdForm());
  phum::forms::engine::ValidationOptions options;
  options.externalChoices = [](std::string_view file) -> const phum::v1::ChoiceList* {
    return file == "gazetteer.csv" ? &phum::tools::gazetteerChoices() : nullptr;
  };
  std::size_t problems = 0;
  const auto start = Clock::now();
  for (const auto& record : records) {
    problems += phum::forms::engine::validateRecord(model, record, options).size();
  }
  const double rate = static_cast<double>(records.size()) / secondsSince(start);
  if (problems != 0) throw std::runtime_error("the household records do not pass validation");
  return rate;
}

// Both loads against one server: one tablet alone, then several at once (fresh records each).
void measureServer(const std::string& label, const std::string& url, int recordCount,
                   double ceiling, std::vector<Row>& rows) {
  for (const int devices : {1, kConcurrentDevices}) {
    const PushLoad load{500, devices};
    const double rate = httpIngestRate(makeRecords(recordCount), url, load);
    std::string verdict = fixed(100 * rate / ceiling, 1) + "% of ceiling";
    if (label == "SQLite")
      verdict += std::string("; aim 20000 rec/s: ") + (rate >= 20000 ? "met" : "NOT met");
    rows.push_back({"HTTP /v1/push ingest, " + label + " server, " + std::to_string(devices) +
                        (devices == 1 ? " device" : " devices at once") + ", " +
                        std::to_string(load.batchSize) + "/batch zstd",
                    fixed(rate) + " rec/s", fixed(ceiling) + " rec/s", verdict});
  }
}

// Ingest rows: the ceiling, then the real HTTP endpoint on SQLite and (with PGHOST) PostgreSQL.
void measureIngest(const TempDir& dir, int recordCount, std::vector<Row>& rows) {
  const double ceiling = rawSqliteRate(makeRecords(recordCount), dir.file("raw.sqlite"));
  rows.push_back(
      {"raw SQLite insert, one transaction (ceiling)", fixed(ceiling) + " rec/s", "-", "-"});
  const double validation = validationRate(makeRecords(std::min(recordCount, 5000)));
  rows.push_back({"form engine alone: validateRecord, 1 thread", fixed(validation) + " rec/s",
                  fixed(ceiling) + " rec/s",
                  "server validation cost per core: " + fixed(1e6 / validation, 1) + " us/record"});
  phum::tools::ServerProcess sqliteServer(PHUM_SERVER_BIN, dir.file("server-sqlite"));
  sqliteServer.start();
  measureServer("SQLite", sqliteServer.url(), recordCount, ceiling, rows);
  if (std::getenv("PGHOST") == nullptr) {
    rows.push_back({"HTTP /v1/push ingest, PostgreSQL server", "skipped (PGHOST not set)", "-",
                    "run under pg_virtualenv"});
    return;
  }
  phum::tools::ServerProcess pgServer(PHUM_SERVER_BIN, dir.file("server-pg"), {"--db", "postgres"});
  pgServer.start();
  measureServer("PostgreSQL", pgServer.url(), recordCount, ceiling, rows);
}

// Bytes on the wire with the real client (compression, headers, acks) through the proxy, then
// what one reset at a random byte costs in re-sent bytes.
void measureWire(const TempDir& dir, unsigned seed, std::vector<Row>& rows) {
  phum::tools::ServerProcess server(PHUM_SERVER_BIN, dir.file("server-wire"));
  server.start();
  phum::tools::FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"));
  constexpr int kWireRecords = 1000;
  const WireRun clean = syncThroughProxy(dir, "clean", kWireRecords, proxy);
  const double perRecord = static_cast<double>(clean.bytesUp + clean.bytesDown) / kWireRecords;
  const auto sample = phum::tools::makeHouseholdRecord(1, true);
  const double openRosa = static_cast<double>(phum::tools::renderOpenRosaSubmission(sample).size());
  rows.push_back({"bytes on the wire per household record (up + down, " +
                      std::to_string(kWireRecords) + " records)",
                  fixed(perRecord) + " B", fixed(openRosa) + " B (OpenRosa request alone)",
                  fixed(100 * perRecord / openRosa, 1) +
                      "%; aim under 10%: " + (perRecord < openRosa / 10 ? "met" : "NOT met")});
  rows.push_back({"one household record as protobuf, uncompressed",
                  std::to_string(sample.ByteSizeLong()) + " B", fixed(openRosa) + " B (OpenRosa)",
                  fixed(100 * static_cast<double>(sample.ByteSizeLong()) / openRosa, 1) +
                      "% (the wire figure above is smaller: zstd across a batch)"});
  rows.push_back({"tablet -> proxy -> server sync, SyncClient end to end",
                  fixed(kWireRecords / clean.seconds) + " rec/s", "-", "-"});

  std::mt19937_64 random(seed);
  const std::uint64_t cutAt = random() % (clean.bytesUp + clean.bytesDown);
  proxy.command("reset " + std::to_string(cutAt) + " once");
  const WireRun cut = syncThroughProxy(dir, "cut", kWireRecords, proxy);
  const double resent =
      std::max(static_cast<double>(cut.bytesUp) - static_cast<double>(clean.bytesUp), 0.0);
  rows.push_back({"bytes re-sent after a reset at byte " + std::to_string(cutAt),
                  fixed(resent) + " B",
                  fixed(static_cast<double>(clean.bytesUp)) + " B sent up in a clean run",
                  fixed(100 * resent / static_cast<double>(clean.bytesUp), 1) +
                      "% extra (at most the batch in flight)"});
}

}  // namespace

int main(int argc, char** argv) {
  int recordCount = 20'000;
  unsigned seed = 20261128;
  std::string serverUrl;  // a server started by hand (e.g. under perf stat): ingest rows only
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--records") recordCount = std::atoi(argv[i + 1]);
    if (flag == "--seed") seed = static_cast<unsigned>(std::atoll(argv[i + 1]));
    if (flag == "--url") serverUrl = argv[i + 1];
  }
  try {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
    TempDir dir("phum-bench-sync");
    std::vector<Row> rows;
    if (!serverUrl.empty()) {
      const double ceiling = rawSqliteRate(makeRecords(recordCount), dir.file("raw.sqlite"));
      measureServer("given", serverUrl, recordCount, ceiling, rows);
      phum::tools::printBenchTable(rows);
      return 0;
    }
    measureIngest(dir, recordCount, rows);
    measureWire(dir, seed, rows);
    phum::tools::printBenchTable(rows);
    curl_global_cleanup();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_sync: " << e.what() << "\n";
    return 1;
  }
}
