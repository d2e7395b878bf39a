#include "sqlite/sqlite_db.h"

#include <string>
#include <utility>

#include "core/errors.h"

namespace phum::sqlite {
namespace {

constexpr auto kWholeSql = std::string_view::npos;

// The field worker's message tells them what to try; the admin's names the failing step tersely
// (it lands in logs and phum-admin output next to other server errors).
std::string describe(ErrorWording wording, const std::string& path, std::string_view what,
                     std::string_view detail) {
  if (wording == ErrorWording::Server) {
    return "server database " + path + ": " + std::string(what) + " failed: " + std::string(detail);
  }
  return "The local database " + path + " could not be used (" + std::string(what) +
         "): " + std::string(detail) + ". Free some storage or restart the app; if it persists, " +
         "report it.";
}

std::string openFailure(ErrorWording wording, const std::string& path, std::string_view detail) {
  if (wording == ErrorWording::Server) return describe(wording, path, "opening", detail);
  return "The local database " + path + " could not be opened: " + std::string(detail) +
         ". Check that the storage is present and not full.";
}

// Quotes (a prefix of) the SQL the way each audience's messages always have.
std::string quoteSql(ErrorWording wording, std::string_view sql, std::size_t maxChars) {
  const std::string shown(sql.substr(0, maxChars));
  return wording == ErrorWording::Server ? "'" + shown + "'" : "\"" + shown + "\"";
}

// SQLite binds a null pointer as NULL; an empty string_view may carry one, and means "".
const char* nonNull(std::string_view bytes) { return bytes.data() ? bytes.data() : ""; }

std::string errorDetail(sqlite3* db) { return db ? sqlite3_errmsg(db) : "out of memory"; }

int openFlags(bool readOnly) {
  return readOnly ? SQLITE_OPEN_READONLY
                  : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX);
}

}  // namespace

Database::Database(std::string path, OpenOptions options)
    : path_(std::move(path)), options_(options) {
  const int rc = sqlite3_open_v2(path_.c_str(), &db_, openFlags(options_.readOnly), nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = openFailure(options_.wording, path_, errorDetail(db_));
    sqlite3_close(db_);
    db_ = nullptr;
    throw StorageError(message);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Writers from phum-admin and the server share the file; wait instead of failing at once.
  if (options_.busyTimeoutMs > 0) {
    check(sqlite3_busy_timeout(db_, options_.busyTimeoutMs), "setting the busy timeout");
  }
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  fail(what);
}

void Database::fail(std::string_view what) const {
  // Another connection holds the lock past the busy timeout: worth another try later.
  const int primary = db_ ? (sqlite3_extended_errcode(db_) & 0xff) : SQLITE_NOMEM;
  const bool transient = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  throw StorageError(describe(options_.wording, path_, what, errorDetail(db_)), transient);
}

void Database::exec(std::string_view sql) {
  const std::string copy(sql);
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return;
  if (options_.wording == ErrorWording::Server) fail(quoteSql(options_.wording, sql, 60));
  fail("running " + quoteSql(options_.wording, sql, 80));
}

Statement::Statement(const Database& db, std::string_view sql) : db_(db) {
  const int rc =
      sqlite3_prepare_v2(db_.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  const bool server = db_.wording() == ErrorWording::Server;
  db_.check(rc, "preparing " + quoteSql(db_.wording(), sql, server ? 60 : kWholeSql));
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

Statement& Statement::bindBorrowed(int index, std::string_view text) {
  db_.check(
      sqlite3_bind_text(stmt_, index, nonNull(text), static_cast<int>(text.size()), SQLITE_STATIC),
      "binding text");
  return *this;
}

Statement& Statement::bindBlobBorrowed(int index, std::string_view bytes) {
  db_.check(sqlite3_bind_blob(stmt_, index, nonNull(bytes), static_cast<int>(bytes.size()),
                              SQLITE_STATIC),
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
  db_.fail("running " + quoteSql(db_.wording(), sqlite3_sql(stmt_), kWholeSql));
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  // sqlite3_reset repeats the last step's error, which step() already reported.
  sqlite3_reset(stmt_);
  db_.check(sqlite3_clear_bindings(stmt_), "clearing bindings");
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
  const unsigned char* data = sqlite3_column_text(stmt_, column);
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

std::string_view Statement::blobView(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  if (!data) return {};
  return std::string_view(static_cast<const char*>(data),
                          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

WriteTransaction::WriteTransaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
  // Only reached while an exception is already propagating (or commit() failed): that error is
  // what gets reported, and SQLite rolls back on the next open if ROLLBACK itself fails.
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) { db_.exec("BEGIN"); }

ReadTransaction::~ReadTransaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void ReadTransaction::finish() {
  done_ = true;
  const int rc = sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return;
  try {
    db_.check(rc, "ending a read transaction");
  } catch (const StorageError&) {
    // The error names the COMMIT that failed; the ROLLBACK only leaves the connection usable.
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace phum::sqlite
