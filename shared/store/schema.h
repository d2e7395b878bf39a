#pragma once
// The local database's versioned schema. Migrations are an ordered list; version N is reached by
// applying steps 1..N in order, each in its own transaction together with PRAGMA user_version and a
// row in schema_migrations. A released step is never edited: add a new one.
#include <span>
#include <string_view>

#include "sqlite/sqlite_db.h"

namespace phum::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Work SQL alone cannot do (reading protobuf bodies), run after `sql` in the same transaction.
  void (*code)(sqlite::Database&) = nullptr;
};

std::span<const Migration> migrations();
int latestSchemaVersion();

// Brings the database up to latestSchemaVersion(). Safe when several processes open the same file
// at once: the version is re-read inside the write transaction. Throws StorageError if the file
// was written by a newer app version.
void migrate(sqlite::Database& db);
// The tablet's connection settings (busy timeout, WAL, synchronous=FULL, foreign keys), shared by
// every opener of the file so they never disagree.
void configureTabletConnection(sqlite::Database& db);
int readSchemaVersion(sqlite::Database& db);

}  // namespace phum::store
