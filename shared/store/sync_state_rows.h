#pragma once
// Rows of the tablet's sync_state table (key -> value): sync bookkeeping and settings in clear as
// text, the device's secrets (encrypted, or sealed while the data key is locked) as blobs. One
// place for the table's SQL, so the store and the accounts read and write it the same way.
#include <optional>
#include <string>
#include <string_view>

#include "sqlite/sqlite_db.h"

namespace phum::store {

// How a value is stored: text for what is in clear, blob for encrypted or sealed bytes.
enum class SyncRowType { Text, Blob };

// The bytes stored for `key` (text or blob as written), or nullopt when there is no such row.
std::optional<std::string> readSyncRow(sqlite::Database& db, std::string_view key);
// Writes (or replaces) the row `key`, in the caller's transaction if there is one.
void writeSyncRow(sqlite::Database& db, std::string_view key, std::string_view value,
                  SyncRowType type);
void eraseSyncRow(sqlite::Database& db, std::string_view key);

}  // namespace phum::store
