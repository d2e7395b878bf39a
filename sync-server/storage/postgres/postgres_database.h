#pragma once
// The PostgreSQL adapter, with the semantics of the SQLite one: a connection pool, a versioned
// schema (phum_schema, applied at start under an advisory lock), and transactions retried as a
// whole when PostgreSQL reports a deadlock or a serialization failure, which several server
// instances on one database can cause (postgres_tables.h says how they share it).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.h"
#include "storage/postgres/pg_connection.h"

namespace phum::server::storage {

class PostgresDatabase : public Database {
 public:
  // "" uses the PG* environment variables. Connects and migrates the schema.
  explicit PostgresDatabase(const std::string& conninfo);

  // Read: one pooled connection, no transaction; Snapshot: REPEATABLE READ READ ONLY; Write: a
  // transaction, run again (a few times) on a deadlock or serialization failure.
  void run(Access access, const std::function<void(Transaction&)>& work) override;

  // The newest schema version this build knows.
  static int latestSchemaVersion();
  // The schema steps, oldest first (step i moves version i to i+1): tests build a database of
  // an older version from them.
  static std::vector<std::string_view> migrations();

 private:
  void migrate();
  pg::Pool pool_;
};

// `conninfo`: a libpq URI ("postgresql://user@host/db") or key=value string; "" or "postgres"
// means the PG* environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD).
// Throws StorageError naming the database (never its password) if it cannot connect or migrate.
std::unique_ptr<Database> openPostgresDatabase(const std::string& conninfo);

}  // namespace phum::server::storage
