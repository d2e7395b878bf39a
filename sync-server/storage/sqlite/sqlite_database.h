#pragma once
// The SQLite adapter: one file in the data folder, WAL, synchronous=FULL, versioned schema
// (PRAGMA user_version). One connection guarded by a mutex: commits are serialised anyway, and the
// slow parts of a push (checks) and of sign-in (Argon2id) run outside it. Attachment bytes are
// files next to the database (DATA/attachments, attachment_files.h).
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite/sqlite_db.h"
#include "storage/database.h"

namespace phum::server::storage {

class SqliteTables;

class SqliteDatabase : public Database {
 public:
  explicit SqliteDatabase(const std::string& path);
  ~SqliteDatabase() override;

  // Read: statements under the mutex; Snapshot: a read transaction; Write: BEGIN IMMEDIATE, so
  // phum-admin in another process waits for the server's write and the server for phum-admin's.
  void run(Access access, const std::function<void(Transaction&)>& work) override;

  // The schema version a new or fully migrated database has.
  static int latestSchemaVersion();
  // The schema steps, oldest first (step i moves version i to i+1): tests build a database of
  // an older version from them.
  static std::vector<std::string_view> migrations();

 private:
  void migrate();

  std::mutex mutex_;
  phum::sqlite::Database db_;
  std::unique_ptr<SqliteTables> tables_;  // after db_: its statements are finalized first
};

// Opens (creating and migrating) DATA/phum-server.sqlite, private to the server's user.
std::unique_ptr<Database> openSqliteDatabase(const std::string& dataDir);

}  // namespace phum::server::storage
