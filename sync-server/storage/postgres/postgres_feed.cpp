// The change feed of the PostgreSQL adapter.
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {
namespace {

// Appends take this lock until COMMIT, so seq order is commit order even with two server
// instances: a reader's cursor can then never skip a change that commits late.
constexpr const char* kFeedLock = "SELECT pg_advisory_xact_lock(7068756002)";

}  // namespace

std::uint64_t PostgresFeed::append(const phum::v1::Change& change, std::string_view audience,
                                   std::int64_t createdAtMs) {
  db_.exec(kFeedLock);
  const pg::Result rows = db_.exec(
      "INSERT INTO changes (audience, body, created_at_ms) VALUES ($1, $2, $3) RETURNING seq",
      pg::Params().text(audience).bytes(change.SerializeAsString()).integer(createdAtMs));
  return static_cast<std::uint64_t>(rows.int64(0, 0));
}

FeedBounds PostgresFeed::bounds() {
  const pg::Result bounds = db_.exec(
      "SELECT coalesce((SELECT value FROM feed_state WHERE key = 'pruned_through'), 0)::bigint,"
      " coalesce((SELECT max(seq) FROM changes), 0)::bigint");
  return FeedBounds{static_cast<std::uint64_t>(bounds.int64(0, 0)),
                    static_cast<std::uint64_t>(bounds.int64(0, 1))};
}

void PostgresFeed::changesAfter(std::uint64_t cursor, std::string_view username, std::int64_t limit,
                                phum::v1::ChangeBatch& into) {
  const pg::Result rows = db_.exec(
      "SELECT seq, body FROM changes WHERE seq > $1 AND (audience = '' OR audience = $2)"
      " ORDER BY seq LIMIT $3",
      pg::Params().integer(static_cast<std::int64_t>(cursor)).text(username).integer(limit));
  for (int row = 0; row < rows.rows(); ++row) {
    auto* change = into.add_changes();
    if (!change->ParseFromString(rows.bytes(row, 1))) {
      throw StorageError(db_.describe() + ": change " + std::to_string(rows.int64(row, 0)) +
                         " is corrupt");
    }
    change->set_seq(static_cast<std::uint64_t>(rows.int64(row, 0)));
  }
}

void PostgresFeed::prune(std::uint64_t throughSeq) {
  db_.exec("DELETE FROM changes WHERE seq <= $1",
           pg::Params().integer(static_cast<std::int64_t>(throughSeq)));
  db_.exec(
      "INSERT INTO feed_state (key, value) VALUES ('pruned_through', $1)"
      " ON CONFLICT (key) DO UPDATE SET value = greatest(feed_state.value, excluded.value)",
      pg::Params().integer(static_cast<std::int64_t>(throughSeq)));
}

}  // namespace phum::server::storage
