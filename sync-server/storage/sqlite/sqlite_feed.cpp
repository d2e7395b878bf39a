// The change feed of the SQLite adapter. AUTOINCREMENT: a seq is never reused, also after pruning,
// and sqlite_sequence remembers the newest one ever committed.
#include "core/errors.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

std::uint64_t SqliteFeed::append(const phum::v1::Change& change, std::string_view audience,
                                 std::int64_t createdAtMs) {
  // The database's one write transaction serialises appends: seq order is commit order.
  phum::sqlite::Statement insert(
      db_, "INSERT INTO changes (audience, body, created_at_ms) VALUES (?, ?, ?)");
  insert.bind(1, audience).bindBlob(2, change.SerializeAsString()).bind(3, createdAtMs).run();
  return static_cast<std::uint64_t>(db_.lastInsertRowId());
}

FeedBounds SqliteFeed::bounds() {
  phum::sqlite::Statement query(
      db_,
      "SELECT coalesce((SELECT value FROM feed_state WHERE key = 'pruned_through'),"
      " 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)");
  query.step();
  return FeedBounds{static_cast<std::uint64_t>(query.int64(0)),
                    static_cast<std::uint64_t>(query.int64(1))};
}

void SqliteFeed::changesAfter(std::uint64_t cursor, std::string_view username, std::int64_t limit,
                              phum::v1::ChangeBatch& into) {
  phum::sqlite::Statement query(
      db_,
      "SELECT seq, body FROM changes WHERE seq > ? AND (audience = '' OR audience = ?)"
      " ORDER BY seq LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(cursor)).bind(2, username).bind(3, limit);
  while (query.step()) {
    auto* change = into.add_changes();
    if (!change->ParseFromString(query.blob(1))) {
      throw StorageError("server database " + db_.path() + ": change " +
                         std::to_string(query.int64(0)) + " is corrupt");
    }
    change->set_seq(static_cast<std::uint64_t>(query.int64(0)));
  }
}

void SqliteFeed::prune(std::uint64_t throughSeq) {
  phum::sqlite::Statement remove(db_, "DELETE FROM changes WHERE seq <= ?");
  remove.bind(1, static_cast<std::int64_t>(throughSeq)).run();
  phum::sqlite::Statement mark(
      db_,
      "INSERT INTO feed_state (key, value) VALUES ('pruned_through', ?)"
      " ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
  mark.bind(1, static_cast<std::int64_t>(throughSeq)).run();
}

}  // namespace phum::server::storage
