#include "services/reports/duplicate_review.h"

#include "core/uuid.h"
#include "services/reports/duplicate_groups.h"
#include "services/review_console.h"

namespace phum::server::reports {

namespace {

std::string uuidText(const std::string& bytes) {
  const auto uuid = Uuid::fromBytes(bytes);
  return uuid ? uuid->toString() : std::string();
}

void requireReviewer(const phum::v1::Account& caller) {
  if (!mayReadSensitive(caller.role())) {
    throw RoleNotAllowed("only reviewers compare and decide likely duplicates");
  }
}

}  // namespace

DuplicateList listDuplicates(storage::Database& db, const phum::v1::Account& caller,
                             const DuplicateListQuery& query) {
  requireReviewer(caller);
  if (query.state != "" && query.state != "open" && query.state != "confirmed" &&
      query.state != "dismissed") {
    throw std::invalid_argument("'" + query.state +
                                "' is not a state of a pair: open, confirmed or dismissed");
  }
  if (query.page.limit < 1 || query.page.limit > kMaxDuplicatePage) {
    throw std::invalid_argument("a page holds 1 to " + std::to_string(kMaxDuplicatePage) +
                                " pairs");
  }
  const auto place = narrowedPlace(caller.scope_code(), query.place);
  if (!place) return {};
  // One pair more than the page tells whether there is another page in that direction.
  storage::DuplicatePage probe = query.page;
  ++probe.limit;
  DuplicateList list;
  list.pairs = storage::read(db, [&](storage::Transaction& tx) {
    return tx.reports().duplicatePairs(*place, query.state, probe);
  });
  const bool more = list.pairs.size() > static_cast<std::size_t>(query.page.limit);
  const bool upwards = query.page.afterId > 0;
  if (more) list.pairs.erase(upwards ? list.pairs.begin() : list.pairs.end() - 1);
  if (list.pairs.empty()) return list;
  if (upwards ? more : query.page.beforeId > 0) list.previous = list.pairs.front().id;
  if (upwards || more) list.next = list.pairs.back().id;
  return list;
}

std::optional<storage::DuplicatePair> decideDuplicate(storage::Database& db,
                                                      const phum::v1::Account& caller,
                                                      std::int64_t id, const std::string& decision,
                                                      std::int64_t nowMs,
                                                      const AuditOrigin& origin) {
  requireReviewer(caller);
  if (decision != "confirm" && decision != "dismiss") {
    throw std::invalid_argument("'decision' must be confirm or dismiss");
  }
  const std::string state = decision == "confirm" ? "confirmed" : "dismissed";
  return storage::write(db, [&](storage::Transaction& tx) -> std::optional<storage::DuplicatePair> {
    auto pair = tx.reports().duplicatePair(id);
    if (!pair || !scopeCovers(caller.scope_code(), pair->locationA) ||
        !scopeCovers(caller.scope_code(), pair->locationB)) {
      return std::nullopt;
    }
    tx.reports().decideDuplicatePair(id, state, caller.username(), nowMs);
    regroupConfirmedDuplicates(tx);
    pair->state = state;
    pair->reviewer = caller.username();
    pair->decidedAtMs = nowMs;
    AuditLog::append(
        tx, origin.event("duplicate_" + state, uuidText(pair->uuidA) + " " + uuidText(pair->uuidB),
                         "pair " + std::to_string(pair->id)));
    return pair;
  });
}

}  // namespace phum::server::reports
