#pragma once
// What reviewers see and decide: the stored records, and review decisions, which travel on the
// change feed to the devices of the record's author only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/record.pb.h"
#include "services/audit_log.h"
#include "storage/database.h"

namespace phum::server {

using storage::StoredRecordSummary;

enum class ReviewOutcome {
  Sent,            // on the feed for the author's devices
  NoSuchRevision,  // the server holds no such revision of the record
  NoAuthor,        // the record has no author, so the review would reach every device
};

struct ReviewResult {
  ReviewOutcome outcome = ReviewOutcome::Sent;
  std::string author;     // the record's author, who receives it
  std::uint64_t seq = 0;  // its change on the feed, when sent
};

class ReviewService {
 public:
  explicit ReviewService(storage::Database& db);

  // Newest first; limit < 0: all of them.
  std::vector<StoredRecordSummary> listRecords(int limit);
  std::optional<phum::v1::Record> findRecord(const std::string& uuidBytes, std::uint32_t revision);
  // Sends `decision` on one revision of a record to its author's devices.
  // Appends the review's audit entry (from `origin`) in the same transaction.
  ReviewResult review(const phum::v1::ReviewDecision& decision, const AuditOrigin& origin = {});

 private:
  storage::Database& db_;
};

}  // namespace phum::server
