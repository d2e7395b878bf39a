#include "storage_backend.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

namespace phum::tools {
namespace {

using Connection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Connection connect(const std::string& conninfo) {
  if (const auto reason = postgresUnavailableReason(); !reason.empty())
    throw std::runtime_error(reason);
  Connection db(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (!db || PQstatus(db.get()) != CONNECTION_OK) {
    throw std::runtime_error("cannot connect to PostgreSQL (PG* variables" +
                             (conninfo.empty() ? std::string() : ", " + conninfo) +
                             "): " + (db ? PQerrorMessage(db.get()) : "out of memory"));
  }
  return db;
}

Result execute(PGconn* db, const std::string& sql) {
  Result result(PQexec(db, sql.c_str()), &PQclear);
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("PostgreSQL refused `" + sql + "`: " + PQerrorMessage(db));
  }
  return result;
}

std::string conninfoWithSearchPath(const std::string& schema) {
  return "options='-c search_path=" + schema + "'";
}

// FNV-1a: stable across runs and builds (std::hash is not promised to be).
std::string schemaFor(const std::string& dataDir) {
  const std::string path = std::filesystem::weakly_canonical(dataDir).string();
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : path) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("phum_test_") + hex;
}

std::mutex schemasMutex;
std::set<std::string>* createdSchemas = nullptr;  // leaked on purpose: read by the atexit handler

// The throwaway cluster goes away with pg_virtualenv, but a long run should not pile up schemas.
void dropCreatedSchemas() {
  std::lock_guard lock(schemasMutex);
  if (createdSchemas == nullptr || createdSchemas->empty()) return;
  try {
    auto db = connect("");
    for (const auto& schema : *createdSchemas)
      execute(db.get(), "DROP SCHEMA " + schema + " CASCADE");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "note: test schemas left in PostgreSQL: %s\n", e.what());
  }
}

}  // namespace

StorageBackend testStorageBackend() {
  const char* value = std::getenv("PHUM_TEST_BACKEND");
  const std::string name = value ? value : "";
  if (name.empty() || name == "sqlite") return StorageBackend::Sqlite;
  if (name == "postgres") return StorageBackend::Postgres;
  throw std::runtime_error("PHUM_TEST_BACKEND='" + name + "': use sqlite or postgres");
}

std::vector<std::string> storageArgs(const std::string& dataDir) {
  if (testStorageBackend() == StorageBackend::Sqlite) return {"--data", dataDir};
  return {"--data", dataDir, "--db", postgresConninfoFor(dataDir)};
}

std::string postgresConninfoFor(const std::string& dataDir) {
  const std::string schema = schemaFor(dataDir);
  std::lock_guard lock(schemasMutex);
  if (createdSchemas == nullptr || createdSchemas->count(schema) == 0) {
    auto db = connect("");
    execute(db.get(), "CREATE SCHEMA IF NOT EXISTS " + schema);
    if (createdSchemas == nullptr) {
      createdSchemas = new std::set<std::string>;
      std::atexit(dropCreatedSchemas);
    }
    createdSchemas->insert(schema);
  }
  return conninfoWithSearchPath(schema);
}

std::string postgresUnavailableReason() {
  if (std::getenv("PGHOST") != nullptr) return {};
  return "PGHOST is not set: the PostgreSQL runs of the tests need a server; run them under "
         "pg_virtualenv, e.g. `pg_virtualenv -t ctest -L postgres`";
}

PostgresSchema::PostgresSchema() {
  static std::atomic<int> counter{0};
  // The process id keeps test programs that ctest runs in parallel apart; the counter, the tests
  // of one program. A schema left by a crashed run under the same pid is replaced.
  name_ = "phum_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  auto db = connect("");
  execute(db.get(), "DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_);
  conninfo_ = conninfoWithSearchPath(name_);
}

PostgresSchema::~PostgresSchema() {
  try {
    auto db = connect("");
    execute(db.get(), "DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
  } catch (const std::exception& e) {
    // A destructor cannot throw; the throwaway cluster goes away with pg_virtualenv anyway.
    std::fprintf(stderr, "note: test schema %s left in PostgreSQL: %s\n", name_.c_str(), e.what());
  }
}

std::vector<std::vector<std::string>> queryPostgres(const std::string& conninfo,
                                                    const std::string& sql) {
  auto db = connect(conninfo);
  auto result = execute(db.get(), sql);
  std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(PQntuples(result.get())));
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    for (int column = 0; column < PQnfields(result.get()); ++column) {
      rows[static_cast<std::size_t>(row)].emplace_back(PQgetvalue(result.get(), row, column));
    }
  }
  return rows;
}

std::int64_t countServerRows(const std::string& dataDir, const std::string& table) {
  const std::string sql = "SELECT count(*) FROM " + table;
  if (testStorageBackend() == StorageBackend::Postgres) {
    return std::stoll(queryPostgres(postgresConninfoFor(dataDir), sql).at(0).at(0));
  }
  const std::string path = dataDir + "/phum-server.sqlite";
  sqlite3* db = nullptr;
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> closer(nullptr, &sqlite3_close);
  const int opened = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  closer.reset(db);
  sqlite3_stmt* statement = nullptr;
  if (opened != SQLITE_OK ||
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot count " + table + " in " + path + ": " +
                             (db ? sqlite3_errmsg(db) : "out of memory"));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> finalizer(statement,
                                                                       &sqlite3_finalize);
  if (sqlite3_step(statement) != SQLITE_ROW) {
    throw std::runtime_error("cannot count " + table + " in " + path + ": " + sqlite3_errmsg(db));
  }
  return sqlite3_column_int64(statement, 0);
}

}  // namespace phum::tools
