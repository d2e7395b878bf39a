#include "services/feed_service.h"

#include <algorithm>

#include "core/clock.h"

namespace phum::server {

FeedService::FeedService(storage::Database& db) : db_(db) {}

ChangesResult FeedService::changesSince(std::uint64_t cursor, int limit,
                                        const std::string& username) {
  limit = std::max(limit, 1);
  // One snapshot, so the page and the newest seq describe the same moment.
  return storage::snapshot(db_, [&](storage::Transaction& tx) {
    auto& feed = tx.feed();
    const storage::FeedBounds bounds = feed.bounds();
    const std::uint64_t newest = std::max(bounds.prunedThrough, bounds.newest);
    ChangesResult result;
    // Cursor 0 asks for everything retained, so it is always served (that is the full refresh).
    if ((cursor != 0 && cursor < bounds.prunedThrough) || cursor > newest) {
      result.fullRefreshRequired = true;
      return result;
    }
    auto& batch = result.batch;
    feed.changesAfter(cursor, username, std::int64_t{limit} + 1, batch);
    if (batch.changes_size() > limit) {
      batch.mutable_changes()->RemoveLast();
      batch.set_has_more(true);
    }
    // Past the last change for this user, the cursor may skip changes meant for others.
    batch.set_next_cursor(batch.has_more() ? batch.changes(batch.changes_size() - 1).seq()
                                           : newest);
    return result;
  });
}

void FeedService::prune(std::uint64_t throughSeq) {
  storage::write(db_, [&](storage::Transaction& tx) { tx.feed().prune(throughSeq); });
}

std::uint64_t appendChange(storage::Transaction& tx, const phum::v1::Change& change,
                           const std::string& audience) {
  phum::v1::Change stored = change;
  stored.clear_seq();  // the row's seq is the authority
  return tx.feed().append(stored, audience, nowMillis());
}

}  // namespace phum::server
