#include "store/sync_state_rows.h"

namespace phum::store {

std::optional<std::string> readSyncRow(sqlite::Database& db, std::string_view key) {
  auto stmt = db.prepare("SELECT value FROM sync_state WHERE key = ?1");
  stmt.bind(1, key);
  if (!stmt.step()) return std::nullopt;
  return stmt.blob(0);
}

void writeSyncRow(sqlite::Database& db, std::string_view key, std::string_view value,
                  SyncRowType type) {
  auto stmt = db.prepare("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?1, ?2)");
  stmt.bind(1, key);
  if (type == SyncRowType::Blob) {
    stmt.bindBlob(2, value);
  } else {
    stmt.bind(2, value);
  }
  stmt.run();
}

void eraseSyncRow(sqlite::Database& db, std::string_view key) {
  db.prepare("DELETE FROM sync_state WHERE key = ?1").bind(1, key).run();
}

}  // namespace phum::store
