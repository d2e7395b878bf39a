#include "server/sqlite_db.h"

#include "core/errors.h"

namespace phum::server {

namespace {

std::string describe(sqlite3* db, std::string_view what, const std::string& path) {
  std::string message = "server database " + path + ": " + std::string(what) + " failed: ";
  message += db ? sqlite3_errmsg(db) : "out of memory";
  return message;
}

}  // namespace

SqliteDb::SqliteDb(const std::string& path, bool readOnly) : path_(path) {
  const int flags = readOnly ? SQLITE_OPEN_READONLY
                             : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX);
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = describe(db_, "opening", path_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StorageError(message);
  }
  // Writers from phum-admin and the server share the file; wait instead of failing at once.
  check(sqlite3_busy_timeout(db_, 10000), "setting the busy timeout");
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  throw StorageError(describe(db_, what, path_));
}

void SqliteDb::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = "server database " + path_ + ": '" + text.substr(0, 60) + "' failed: ";
    message += error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    throw StorageError(message);
  }
}

std::int64_t SqliteDb::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteDb::changes() const { return sqlite3_changes(db_); }

Statement::Statement(SqliteDb& db, std::string_view sql) : db_(db) {
  db_.check(
      sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr),
      "preparing '" + std::string(sql.substr(0, 60)) + "'");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  db_.check(sqlite3_bind_int64(stmt_, index, value), "binding a number");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  db_.check(
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT),
      "binding text");
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  db_.check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()),
                              SQLITE_TRANSIENT),
            "binding bytes");
  return *this;
}

Statement& Statement::bindNull(int index) {
  db_.check(sqlite3_bind_null(stmt_, index), "binding null");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.check(rc, std::string("running '") + sqlite3_sql(stmt_) + "'");
  return false;
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  db_.check(sqlite3_reset(stmt_), "resetting a statement");
  db_.check(sqlite3_clear_bindings(stmt_), "clearing bindings");
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  if (!data) return {};
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string Statement::blob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string(static_cast<const char*>(data),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

Transaction::Transaction(SqliteDb& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  // Only reached while an exception is already propagating (or commit() failed): that error is
  // what gets reported, and SQLite rolls back on its own if ROLLBACK itself fails.
  if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace phum::server
