#include "sync_harness.h"

#include <sqlite3.h>

#include <stdexcept>
#include <thread>

#include "household.h"
#include "storage_backend.h"

namespace phum::faults {

void fillOutbox(const std::string& tabletPath, int count, int firstIndex) {
  auto store = store::LocalStore::open(tabletPath);
  for (int i = 0; i < count; ++i) store->saveRecord(tools::makeHouseholdRecord(firstIndex + i));
}

std::set<RecordKey> tabletKeys(const std::string& tabletPath) {
  auto store = store::LocalStore::open(tabletPath);
  std::set<RecordKey> keys;
  for (const auto& summary : store->listRecords()) {
    keys.emplace(summary.uuid.toString(), summary.revision);
  }
  return keys;
}

namespace {

// Read-only access to the server's SQLite file; every failure names the file.
class ReadOnlyDb {
 public:
  explicit ReadOnlyDb(const std::string& path) : path_(path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open the server database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 10000);
  }
  ~ReadOnlyDb() { sqlite3_close(db_); }
  ReadOnlyDb(const ReadOnlyDb&) = delete;
  ReadOnlyDb& operator=(const ReadOnlyDb&) = delete;

  template <typename Row>
  void query(const char* sql, Row&& onRow) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) fail(sql);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) onRow(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) fail(sql);
  }

 private:
  [[noreturn]] void fail(const char* sql) {
    throw std::runtime_error("reading the server database " + path_ + " failed (" + sql +
                             "): " + sqlite3_errmsg(db_));
  }
  std::string path_;
  sqlite3* db_ = nullptr;
};

// The same questions asked of the folder's PostgreSQL schema (PHUM_TEST_BACKEND=postgres).
ServerContents postgresContents(const std::string& serverDataDir) {
  const std::string conninfo = tools::postgresConninfoFor(serverDataDir);
  ServerContents contents;
  for (const auto& row :
       tools::queryPostgres(conninfo, "SELECT encode(uuid, 'hex'), revision FROM records")) {
    std::string bytes;
    for (std::size_t i = 0; i + 1 < row[0].size(); i += 2) {
      bytes.push_back(static_cast<char>(std::stoi(row[0].substr(i, 2), nullptr, 16)));
    }
    const auto uuid = Uuid::fromBytes(bytes);
    ++contents.rows;
    contents.keys.emplace(uuid ? uuid->toString() : "(invalid uuid)",
                          static_cast<std::uint32_t>(std::stoul(row[1])));
  }
  contents.conflicts =
      std::stoll(tools::queryPostgres(conninfo, "SELECT count(*) FROM conflicts").at(0).at(0));
  return contents;
}

}  // namespace

ServerContents serverContents(const std::string& serverDataDir) {
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    return postgresContents(serverDataDir);
  }
  ReadOnlyDb db(serverDataDir + "/phum-server.sqlite");
  ServerContents contents;
  db.query("SELECT uuid, revision FROM records", [&](sqlite3_stmt* row) {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(row, 0));
    const auto uuid = Uuid::fromBytes(
        std::string_view(bytes, static_cast<std::size_t>(sqlite3_column_bytes(row, 0))));
    ++contents.rows;
    contents.keys.emplace(uuid ? uuid->toString() : "(invalid uuid)",
                          static_cast<std::uint32_t>(sqlite3_column_int64(row, 1)));
  });
  db.query("SELECT count(*) FROM conflicts",
           [&](sqlite3_stmt* row) { contents.conflicts = sqlite3_column_int64(row, 0); });
  return contents;
}

sync::SyncConfig testSyncConfig(const std::string& serverUrl) {
  sync::SyncConfig config;
  config.serverUrl = serverUrl;
  config.deviceId = "tab-0001";
  config.batchSize = 50;
  config.maxBatchSize = 500;
  // Short, so a request into a dead server or a cut that leaves the socket open fails quickly and
  // entries stranded in Sending by a killed client come back soon.
  config.connectTimeout = std::chrono::milliseconds(1000);
  config.requestTimeout = std::chrono::milliseconds(5000);
  return config;
}

bool syncUntilComplete(store::LocalStore& store, const sync::SyncConfig& config, int maxRounds,
                       std::chrono::milliseconds pause,
                       const std::function<void()>& betweenRounds) {
  sync::SyncClient client(store, config);
  for (int round = 0; round < maxRounds; ++round) {
    if (client.syncNow().complete) return true;
    if (betweenRounds) betweenRounds();
    std::this_thread::sleep_for(pause);
  }
  return false;
}

}  // namespace phum::faults
