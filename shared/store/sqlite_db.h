#pragma once
// A thin RAII layer over the sqlite3 C API. Every failing call throws StorageError naming the
// database file and what was being done, so no I/O error is ever silently dropped.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace phum::store {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql, const std::string& path);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bindBlob(int index, std::string_view bytes);
  Statement& bindNull(int index);
  // The highest ?N the SQL uses, so callers sharing code across statements bind only those.
  int parameterCount() const { return sqlite3_bind_parameter_count(stmt_); }

  // True while a row is available; throws on any error.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool isNull(int column) const;

 private:
  void check(int rc, const char* what) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  const std::string& path_;
};

class Database {
 public:
  // Opens (creating) the file; throws StorageError naming the path.
  explicit Database(std::string path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) const { return Statement(db_, sql, path_); }
  std::int64_t changes() const { return sqlite3_changes64(db_); }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction (takes the write lock up front, so WAL readers never deadlock on
// upgrade), ROLLBACK on destruction unless commit() ran.
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

}  // namespace phum::store
