#pragma once
// Which server storage the process-level tests run against. PHUM_TEST_BACKEND=postgres (set by the
// `pg.` copies of the test suites in CMake) gives every server data folder its own PostgreSQL
// schema in the database the PG* variables name (pg_virtualenv sets them); unset or "sqlite" keeps
// the SQLite file in the data folder.
#include <cstdint>
#include <string>
#include <vector>

namespace phum::tools {

enum class StorageBackend { Sqlite, Postgres };

// Reads PHUM_TEST_BACKEND; throws std::runtime_error for a value it does not know.
StorageBackend testStorageBackend();

// The phum-server and phum-admin options that select the storage of `dataDir`: "--data DIR", plus
// "--db <conninfo>" under PostgreSQL (the attachment files still live in the data folder).
std::vector<std::string> storageArgs(const std::string& dataDir);

// The libpq conninfo of the schema that belongs to `dataDir`, created if missing. The same folder
// always gets the same schema, so a server killed and restarted on it finds its data. Schemas
// created by this process are dropped when it exits. Throws if PGHOST is unset or PostgreSQL
// cannot be reached.
std::string postgresConninfoFor(const std::string& dataDir);

// Why the PostgreSQL tests cannot run here ("PGHOST is not set: ..., run them under
// pg_virtualenv"), or "" when PGHOST is set. Tests skip with this message; CMake recognises it.
std::string postgresUnavailableReason();

// A fresh, uniquely named schema of its own for one test in the database the PG* variables name,
// so tests never see each other's rows or sequences; dropped (with everything in it) at
// destruction. Throws if PGHOST is unset or PostgreSQL cannot be reached.
class PostgresSchema {
 public:
  PostgresSchema();
  ~PostgresSchema();
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  const std::string& name() const { return name_; }
  // libpq conninfo whose search_path is this schema, for storage::openDatabase or --db.
  const std::string& conninfo() const { return conninfo_; }

 private:
  std::string name_;
  std::string conninfo_;
};

// Rows of `table` in the database phum-server keeps for `dataDir` under the test backend (the
// SQLite file in the folder, or the folder's schema): what the server stored, counted the way an
// administrator would.
std::int64_t countServerRows(const std::string& dataDir, const std::string& table);

// Runs `sql` on the database `conninfo` names ("" = PG* variables); returns the rows as text
// (NULL as ""). Throws with PostgreSQL's message naming the statement.
std::vector<std::vector<std::string>> queryPostgres(const std::string& conninfo,
                                                    const std::string& sql);

}  // namespace phum::tools
