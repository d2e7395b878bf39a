#pragma once
// The change feed: forms, reference deltas, revocations and reviews, numbered by seq.
#include <cstdint>
#include <string_view>

#include "phum/v1/changes.pb.h"

namespace phum::server::storage {

struct FeedBounds {
  std::uint64_t prunedThrough = 0;  // the highest seq pruned through (0: never pruned)
  // The highest seq of a committed change still stored (SQLite: ever committed, which pruning does
  // not lower); 0 when there is none.
  std::uint64_t newest = 0;
};

class FeedStorage {
 public:
  virtual ~FeedStorage() = default;
  // Appends `change` (whose seq field the caller cleared) for `audience` ("" for every device) and
  // returns its seq. Seqs follow commit order, so a reader's cursor never passes a change that
  // commits later (PostgreSQL: a lock held until COMMIT).
  virtual std::uint64_t append(const phum::v1::Change& change, std::string_view audience,
                               std::int64_t createdAtMs) = 0;
  virtual FeedBounds bounds() = 0;
  // Adds to `into` the changes after `cursor` for every device or for `username`, oldest first,
  // at most `limit` of them, each with its seq set.
  virtual void changesAfter(std::uint64_t cursor, std::string_view username, std::int64_t limit,
                            phum::v1::ChangeBatch& into) = 0;
  // Deletes the changes with seq <= throughSeq; prunedThrough never goes down.
  virtual void prune(std::uint64_t throughSeq) = 0;
};

}  // namespace phum::server::storage
