#pragma once
// The change feed: what the tablets pull (forms, reference deltas, revocations, reviews) and who
// receives what.
#include <cstdint>
#include <set>
#include <string>

#include "phum/v1/changes.pb.h"
#include "storage/database.h"

namespace phum::server {

// Result of a change-feed read: either a page or "the cursor is older than the retained feed".
struct ChangesResult {
  bool fullRefreshRequired = false;
  phum::v1::ChangeBatch batch;
};

class FeedService {
 public:
  explicit FeedService(storage::Database& db);

  // At most `limit` (at least 1) changes after `cursor` for every device or for `username`, read
  // from one snapshot. A cursor older than the retained feed, or past its end, gets
  // fullRefreshRequired; cursor 0 (everything retained) is always served.
  ChangesResult changesSince(std::uint64_t cursor, int limit, const std::string& username);
  // Drops changes with seq <= throughSeq (clients with an older cursor then get 412), then puts the
  // published forms and the reference data whose changes went with them on the feed again, so a
  // tablet syncing from cursor 0 still gets them. Reviews live in their own tables and are never
  // touched.
  void prune(std::uint64_t throughSeq);

 private:
  static std::set<std::pair<std::string, std::string>> formsOnTheFeed(storage::Transaction& tx,
                                                                      std::uint64_t throughSeq);
  static void republishCatalog(storage::Transaction& tx,
                               const std::set<std::pair<std::string, std::string>>& forms,
                               std::uint64_t prunedThrough);
  storage::Database& db_;
};

// Puts `change` on the feed inside the caller's write transaction, for `audience` ("" for every
// device, else only devices signed in as that user). Returns its seq. The one way a service
// publishes something to the tablets.
std::uint64_t appendChange(storage::Transaction& tx, const phum::v1::Change& change,
                           const std::string& audience);

}  // namespace phum::server
