#pragma once
// The one place that turns the storage options of phum-server and phum-admin into a database.
#include <memory>
#include <string>

#include "storage/database.h"

namespace phum::server::storage {

struct StorageLocation {
  // The server's data folder: its SQLite database (unless databaseUrl is given) and files.
  std::string dataDir = "./phum-data";
  // --db: a libpq URI or key=value string, or "postgres" for the PG* environment variables.
  // Empty: the SQLite file DATA/phum-server.sqlite.
  std::string databaseUrl;
};

enum class OpenMode {
  Create,     // create and migrate the database if needed (phum-server, commands that write)
  MustExist,  // a missing SQLite database is an error: a typo in --data must not show an empty
              // server (PostgreSQL creates its schema on first use either way)
};

// Opens (and migrates) the database `location` names. Throws StorageError (or, for a missing
// SQLite database with MustExist, std::runtime_error) naming it, without its password.
std::unique_ptr<Database> openDatabase(const StorageLocation& location,
                                       OpenMode mode = OpenMode::Create);

}  // namespace phum::server::storage
