#pragma once
// The storage backends the in-process server suites run on (server_store_test.cpp,
// server_queue_test.cpp): SQLite on a real file in a temp folder, PostgreSQL in a fresh schema of
// the database the PG* variables name (nullptr when there is none: the test skips itself).
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <string_view>

#include "sqlite/sqlite_db.h"
#include "storage/open_database.h"
#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage_backend.h"

namespace phum::server {

// Where one test's server data lives. open() may be called again: the data is still there.
// count() and schemaVersion() look at the tables themselves, as an administrator would; exec()
// writes to them the same way.
class TestStorage {
 public:
  virtual ~TestStorage() = default;
  virtual std::unique_ptr<storage::Database> open() = 0;
  virtual std::int64_t count(const std::string& table) = 0;
  virtual int schemaVersion() = 0;
  virtual int latestSchemaVersion() const = 0;
  // The backend's schema steps (SqliteDatabase::migrations, PostgresDatabase::migrations).
  virtual std::vector<std::string_view> migrations() const = 0;
  // Makes the database as a server of schema `version` left it, empty; before any open().
  virtual void createAtVersion(int version) = 0;
  virtual void exec(const std::string& sql) = 0;
  // `bytes` as an SQL literal of the backend's blob type.
  virtual std::string blobLiteral(std::string_view bytes) const = 0;
};

inline std::string hexOf(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : bytes) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
  }
  return hex;
}

class SqliteStorage : public TestStorage {
 public:
  SqliteStorage()
      : dir_(std::filesystem::temp_directory_path() /
             ("phum-store-test-" + std::to_string(std::random_device()()))) {}
  ~SqliteStorage() override {
    std::error_code ignored;  // a leftover temp folder is not worth failing a test over
    std::filesystem::remove_all(dir_, ignored);
  }
  std::unique_ptr<storage::Database> open() override {
    return storage::openDatabase({dir_.string(), ""});
  }
  std::int64_t count(const std::string& table) override {
    return query("SELECT count(*) FROM " + table);
  }
  int schemaVersion() override { return static_cast<int>(query("PRAGMA user_version")); }
  int latestSchemaVersion() const override {
    return storage::SqliteDatabase::latestSchemaVersion();
  }
  std::vector<std::string_view> migrations() const override {
    return storage::SqliteDatabase::migrations();
  }
  void createAtVersion(int version) override {
    std::filesystem::create_directories(dir_);
    sqlite::Database db(file(), {});
    const auto steps = migrations();
    for (int step = 0; step < version; ++step) {
      db.exec(std::string(steps.at(static_cast<std::size_t>(step))));
    }
    db.exec("PRAGMA user_version=" + std::to_string(version));
  }
  void exec(const std::string& sql) override {
    sqlite::Database db(file(), {});
    db.exec(sql);
  }
  std::string blobLiteral(std::string_view bytes) const override {
    return "x'" + hexOf(bytes) + "'";
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::string file() const { return (dir_ / "phum-server.sqlite").string(); }
  std::int64_t query(const std::string& sql) {
    sqlite::Database db(file(), {.readOnly = true});
    sqlite::Statement statement(db, sql);
    statement.step();
    return statement.int64(0);
  }
  std::filesystem::path dir_;
};

// A schema of its own (tools::PostgresSchema), dropped afterwards.
class PostgresStorage : public TestStorage {
 public:
  std::unique_ptr<storage::Database> open() override {
    return storage::openDatabase({"", schema_.conninfo()});
  }
  std::int64_t count(const std::string& table) override {
    return query("SELECT count(*) FROM " + table);
  }
  int schemaVersion() override {
    return static_cast<int>(query("SELECT coalesce(max(version), 0) FROM phum_schema"));
  }
  int latestSchemaVersion() const override {
    return storage::PostgresDatabase::latestSchemaVersion();
  }
  std::vector<std::string_view> migrations() const override {
    return storage::PostgresDatabase::migrations();
  }
  // The table of applied versions as PostgresDatabase::migrate() keeps it.
  void createAtVersion(int version) override {
    exec("CREATE TABLE phum_schema (version integer PRIMARY KEY, applied_at_ms bigint NOT NULL)");
    const auto steps = migrations();
    for (int step = 0; step < version; ++step) {
      exec(std::string(steps.at(static_cast<std::size_t>(step))));
      exec("INSERT INTO phum_schema VALUES (" + std::to_string(step + 1) + ", 0)");
    }
  }
  void exec(const std::string& sql) override { tools::queryPostgres(schema_.conninfo(), sql); }
  std::string blobLiteral(std::string_view bytes) const override {
    return "'\\x" + hexOf(bytes) + "'::bytea";
  }

 private:
  std::int64_t query(const std::string& sql) {
    return std::stoll(tools::queryPostgres(schema_.conninfo(), sql).at(0).at(0));
  }
  tools::PostgresSchema schema_;
};

// The test parameter: which backend, and how to make a fresh storage for one test (nullptr: no
// PostgreSQL to run against, the test skips itself).
struct Backend {
  const char* name;
  std::function<std::unique_ptr<TestStorage>()> makeStorage;
};
// So test names read ".../sqlite" rather than the bytes of the std::function.
inline void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

inline const Backend kSqliteBackend{"sqlite", [] { return std::make_unique<SqliteStorage>(); }};
inline const Backend kPostgresBackend{"postgres", []() -> std::unique_ptr<TestStorage> {
                                        if (!tools::postgresUnavailableReason().empty()) {
                                          return nullptr;
                                        }
                                        return std::make_unique<PostgresStorage>();
                                      }};

}  // namespace phum::server
