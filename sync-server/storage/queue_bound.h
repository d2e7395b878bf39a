#pragma once
// The queue's upper bound as one (received_at_ms, seq) key, shared by both adapters: the cursor
// and the `receivedBeforeMs` filter folded into the row comparison the index range is read from.
// Two separate bounds on received_at_ms let SQLite's planner pick the filter's for the index
// range, and every page then rescanned the index from the newest record down to its cursor.
#include <algorithm>
#include <cstdint>
#include <utility>

#include "storage/review_storage.h"

namespace phum::server::storage {

// Rows strictly below this key: (received_at_ms, seq) < (first, second).
inline std::pair<std::int64_t, std::int64_t> queueUpperBound(const QueueQuery& query) {
  std::pair<std::int64_t, std::int64_t> bound{INT64_MAX, INT64_MAX};
  if (query.after) {
    bound = {query.after->receivedAtMs, static_cast<std::int64_t>(query.after->seq)};
  }
  // received_at_ms < before is (received_at_ms, seq) < (before, INT64_MIN).
  if (query.receivedBeforeMs) {
    bound =
        std::min(bound, std::pair<std::int64_t, std::int64_t>{*query.receivedBeforeMs, INT64_MIN});
  }
  return bound;
}

}  // namespace phum::server::storage
