#pragma once
// A thin RAII layer over the sqlite3 C API, shared by the tablet and the server. Every failing call
// throws StorageError naming the database file and what was being done, so no I/O error is ever
// silently dropped. Who reads the message differs (a field worker or an admin), so the wording is
// chosen when the database is opened.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace phum::sqlite {

enum class ErrorWording {
  // "The local database PATH could not be used (...): ... Free some storage or restart the app..."
  Tablet,
  // "server database PATH: ... failed: ..."
  Server,
};

struct OpenOptions {
  ErrorWording wording = ErrorWording::Tablet;
  // Opens an existing file without write access (phum-admin reports); never creates it.
  bool readOnly = false;
  // Waits this long for another connection's write lock instead of failing at once; 0 = no wait.
  int busyTimeoutMs = 0;
};

class Database;

class Statement {
 public:
  Statement(const Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bindBlob(int index, std::string_view bytes);
  Statement& bindNull(int index);
  // Bind without copying (SQLITE_STATIC), for hot paths binding large values: the caller keeps the
  // bytes alive and unchanged until the statement is reset or finalized (e.g. a scope that resets
  // it on exit), or SQLite reads freed memory.
  Statement& bindBorrowed(int index, std::string_view text);
  Statement& bindBlobBorrowed(int index, std::string_view bytes);
  // The highest ?N the SQL uses, so callers sharing code across statements bind only those.
  int parameterCount() const { return sqlite3_bind_parameter_count(stmt_); }

  // True while a row is available; false once the statement is done. Throws on any error.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  // The column's bytes without a copy, valid until the next step() or reset().
  std::string_view blobView(int column) const;
  bool isNull(int column) const;

 private:
  const Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // Opens (creating, unless read-only) the file; throws StorageError naming the path.
  explicit Database(std::string path, OpenOptions options = {});
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) const { return Statement(*this, sql); }
  std::int64_t changes() const { return sqlite3_changes64(db_); }
  std::int64_t lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  ErrorWording wording() const { return options_.wording; }

  // Throws StorageError with sqlite's message unless rc is SQLITE_OK, SQLITE_ROW or SQLITE_DONE.
  void check(int rc, std::string_view what) const;
  // Throws StorageError describing `what` with sqlite's latest message for this connection.
  [[noreturn]] void fail(std::string_view what) const;

 private:
  std::string path_;
  OpenOptions options_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so WAL readers never deadlock on
// upgrade), ROLLBACK on destruction unless commit() ran. COMMIT errors throw, so a caller answers
// success only after the data is durable.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

// BEGIN (deferred) on construction, so that several reads see one snapshot of the database.
// finish() ends it and throws if COMMIT fails, after rolling back, so the connection is never left
// inside a transaction (every later BEGIN on it would fail). The destructor rolls back a
// transaction that was not finished (an exception is already on its way).
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;
  void finish();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace phum::sqlite
