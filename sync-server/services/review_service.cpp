#include "services/review_service.h"

#include "core/uuid.h"
#include "services/feed_service.h"

namespace phum::server {

ReviewService::ReviewService(storage::Database& db) : db_(db) {}

std::vector<StoredRecordSummary> ReviewService::listRecords(int limit) {
  return storage::read(db_,
                       [&](storage::Transaction& tx) { return tx.records().newestFirst(limit); });
}

std::optional<phum::v1::Record> ReviewService::findRecord(const std::string& uuidBytes,
                                                          std::uint32_t revision) {
  return storage::read(
      db_, [&](storage::Transaction& tx) { return tx.records().find(uuidBytes, revision); });
}

ReviewResult ReviewService::review(const phum::v1::ReviewDecision& decision,
                                   const AuditOrigin& origin) {
  return storage::write(db_, [&](storage::Transaction& tx) {
    ReviewResult result;
    const auto record = tx.records().find(decision.record_uuid(), decision.revision());
    if (!record) {
      result.outcome = ReviewOutcome::NoSuchRevision;
      return result;
    }
    result.author = record->author();
    // An empty audience would send the review to every device.
    if (result.author.empty()) {
      result.outcome = ReviewOutcome::NoAuthor;
      return result;
    }
    phum::v1::Change change;
    *change.mutable_review() = decision;
    result.seq = appendChange(tx, change, result.author);
    const auto uuid = Uuid::fromBytes(decision.record_uuid());
    AuditLog::append(tx, origin.event("review", uuid ? uuid->toString() : "",
                                      std::to_string(decision.revision())));
    return result;
  });
}

}  // namespace phum::server
