#pragma once
// The reviewer's side of likely duplicates: the pairs in the caller's area, and confirming or
// dismissing one. Only reviewers: deciding needs the names, which only they may read
// (review_console.h, mayReadSensitive). A confirmed pair's second record leaves the reports.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "phum/v1/account.pb.h"
#include "services/audit_log.h"
#include "storage/database.h"

namespace phum::server::reports {

inline constexpr int kMaxDuplicatePage = 200;

struct DuplicateListQuery {
  std::string state = "open";   // "open", "confirmed", "dismissed", or "" for all
  std::string place;            // a NIS prefix narrowing the caller's scope; "" = all of it
  storage::DuplicatePage page;  // limit 1..kMaxDuplicatePage
};

// One page of pairs, newest found first, and the bounds of its neighbours.
struct DuplicateList {
  std::vector<storage::DuplicatePair> pairs;
  std::optional<std::int64_t> next;      // the older pairs: DuplicatePage::beforeId
  std::optional<std::int64_t> previous;  // the newer pairs: DuplicatePage::afterId
};

// Throws RoleNotAllowed (review_console.h) for a caller who is not a reviewer, and
// std::invalid_argument for an unknown state or a page size outside 1..kMaxDuplicatePage.
DuplicateList listDuplicates(storage::Database& db, const phum::v1::Account& caller,
                             const DuplicateListQuery& query);

// "confirm" or "dismiss" (std::invalid_argument otherwise; RoleNotAllowed as above). Nothing
// when there is no such pair or either record is outside the caller's scope. Deciding again
// replaces the earlier decision (a reviewer may correct a mistaken confirm). The decision, the
// groups the reports count once (duplicate_groups.h) and its audit entry are stored together or
// not at all.
std::optional<storage::DuplicatePair> decideDuplicate(storage::Database& db,
                                                      const phum::v1::Account& caller,
                                                      std::int64_t id, const std::string& decision,
                                                      std::int64_t nowMs,
                                                      const AuditOrigin& origin);

}  // namespace phum::server::reports
