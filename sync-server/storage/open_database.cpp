#include "storage/open_database.h"

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "storage/postgres/postgres_database.h"
#include "storage/sqlite/sqlite_database.h"

namespace phum::server::storage {

std::unique_ptr<Database> openDatabase(const StorageLocation& location, OpenMode mode) {
  if (!location.databaseUrl.empty()) return openPostgresDatabase(location.databaseUrl);
  const auto path = std::filesystem::path(location.dataDir) / "phum-server.sqlite";
  std::error_code error;
  if (mode == OpenMode::MustExist && !std::filesystem::exists(path, error)) {
    throw std::runtime_error("no Phum server database at " + path.string() +
                             ": check --data (the folder phum-server was started with), or give "
                             "--db if the server uses PostgreSQL");
  }
  return openSqliteDatabase(location.dataDir);
}

}  // namespace phum::server::storage
