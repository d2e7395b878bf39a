#pragma once
// What the review console reads and writes beyond the records themselves: the review queue (the
// newest revision of each record, filtered, in keyset pages), the revisions of one record, review
// decisions kept as rows of their own (never pruned with the change feed), and ending a console
// session.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/record_storage.h"

namespace phum::server::storage {

// The review states a queue can be filtered by. What each means is decided in
// services/review_console.cpp (reviewState); the adapters express the same in SQL to filter.
enum class QueueState { Any, New, Returned, Corrected, Approved, Rejected };

// The queue's SQL, the same on SQLite and PostgreSQL. It walks `record_heads` (`h`): one row per
// record, its newest revision with the queue's filter columns and its last decision, kept in the
// transaction of every push and review decision, so the queue neither looks for newer revisions
// nor joins the decisions. The record's own columns come from `records` (`r`) by seq.
inline constexpr const char* kQueueSummaryColumns =
    "r.seq, r.uuid, r.form_id, r.form_version, r.revision, r.author, r.device_id,"
    " r.location_code, r.received_at_ms, r.created_at_ms";

// Each state as a condition over the head `h`, with the meaning reviewState() in
// services/review_console.cpp gives it.
inline const char* queueStateCondition(QueueState state) {
  switch (state) {
    case QueueState::Any:
      return "true";
    case QueueState::New:
      return "(h.decision IS NULL OR (h.decision <> 'return' AND h.revision > h.decided_revision))";
    case QueueState::Returned:
      return "(h.decision = 'return' AND h.revision <= h.decided_revision)";
    case QueueState::Corrected:
      return "(h.decision = 'return' AND h.revision > h.decided_revision)";
    case QueueState::Approved:
      return "(h.decision = 'approve' AND h.revision <= h.decided_revision)";
    case QueueState::Rejected:
      return "(h.decision = 'reject' AND h.revision <= h.decided_revision)";
  }
  return "true";
}

// A position in the queue's order (received time, then seq, both descending).
struct QueueKey {
  std::int64_t receivedAtMs = 0;
  std::uint64_t seq = 0;
};

struct QueueQuery {
  std::string formId;       // "" = any form
  std::string placePrefix;  // NIS code prefix the location must start with; "" = anywhere
  std::string author;       // "" = anyone
  std::optional<std::int64_t> receivedFromMs;    // inclusive
  std::optional<std::int64_t> receivedBeforeMs;  // exclusive
  QueueState state = QueueState::Any;
  std::optional<QueueKey> after;  // rows strictly after this key
  int limit = 50;
  bool withBody = false;  // also read each record's stored bytes (exports)
};

// The last decision taken on a record.
struct LastDecision {
  std::string decision;  // "approve", "return", "reject"
  std::uint32_t revision = 0;
};

struct QueueRow {
  StoredRecordSummary record;  // its newest revision
  std::int64_t createdAtMs = 0;
  std::optional<LastDecision> last;
  std::string body;  // the canonical record bytes, when QueueQuery::withBody
};

struct ReviewNote {
  std::string field;
  std::string text;
};

struct ReviewRow {
  std::int64_t id = 0;  // given by insertReview
  std::string uuid;     // 16 bytes
  std::uint32_t revision = 0;
  std::string decision;  // "approve", "return", "reject"
  std::string reviewer;
  std::string comment;
  std::string reason;
  std::int64_t decidedAtMs = 0;
  std::vector<ReviewNote> notes;
};

class ReviewStorage {
 public:
  virtual ~ReviewStorage() = default;
  // One page of the queue, in (received time, seq) descending order.
  virtual std::vector<QueueRow> queue(const QueueQuery& query) = 0;
  // The same page handed over row by row, each record's bytes (with withBody) lent only for the
  // call and `row.body` left empty: an export then never holds a copy of a page of bodies.
  using QueueVisitor = std::function<void(const QueueRow& row, std::string_view body)>;
  virtual void visitQueue(const QueueQuery& query, const QueueVisitor& visit) {
    for (const auto& row : queue(query)) visit(row, row.body);
  }
  // Every stored revision of one record (uuid: 16 bytes), oldest first; created time included.
  virtual std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions(
      std::string_view uuid) = 0;
  // Stores the decision and its notes, and makes it the record's last decision. Returns its id.
  virtual std::int64_t insertReview(const ReviewRow& review) = 0;
  // The decisions on one record, oldest first.
  virtual std::vector<ReviewRow> reviews(std::string_view uuid) = 0;
  virtual std::optional<LastDecision> lastDecision(std::string_view uuid) = 0;
  // Ends one session (sign-out).
  virtual void deleteSession(std::string_view tokenHash) = 0;
};

}  // namespace phum::server::storage
