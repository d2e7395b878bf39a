#pragma once
// Records, the conflicting copies kept for a reviewer, and the acks of pushed batches.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::server::storage {

// One record to store: views into the pushed batch and its checked bytes, which outlive the call.
struct RecordRow {
  std::string_view uuid;  // 16 bytes
  std::int64_t revision = 0;
  std::string_view formId;
  std::string_view formVersion;
  std::string_view author;
  std::string_view deviceId;
  std::string_view locationCode;
  std::int64_t createdAtMs = 0;
  std::int64_t updatedAtMs = 0;
  std::int64_t receivedAtMs = 0;
  std::string_view body;  // canonical bytes
};

// The newest revision the server holds of one record, as the rules for a new revision need it.
struct StoredRevision {
  std::uint32_t revision = 0;
  std::string author;
  std::string formId;
  std::string locationCode;
};
// By uuid (16 raw bytes).
using StoredRevisions = std::unordered_map<std::string, StoredRevision>;

// What is stored under one (uuid, revision).
struct StoredCopy {
  std::uint64_t seq = 0;
  std::string body;
};

// A stored record as listings show it.
struct StoredRecordSummary {
  std::uint64_t serverSeq = 0;
  std::string uuid;  // canonical text form
  std::string formId;
  std::string formVersion;
  std::uint32_t revision = 0;
  std::string author;
  std::string deviceId;
  std::string locationCode;
  std::int64_t receivedAtMs = 0;
};

class RecordStorage {
 public:
  virtual ~RecordStorage() = default;

  // Claims `batchId` for this transaction and returns the ack recorded by an earlier push of the
  // same batch, if there was one (PostgreSQL: a concurrent push of it waits until this one ends).
  virtual std::optional<phum::v1::PushAck> claimBatch(std::string_view batchId,
                                                      std::string_view deviceId,
                                                      std::int64_t receivedAtMs) = 0;
  // Records the ack of a batch claimed in this transaction.
  virtual void recordBatchAck(std::string_view batchId, std::string_view deviceId,
                              std::int64_t receivedAtMs, const phum::v1::PushAck& ack) = 0;
  // The newest stored revision of each of `uuids` that has one (one index probe per uuid).
  virtual StoredRevisions newestRevisions(const std::vector<std::string_view>& uuids) = 0;
  // Inserts every row whose (uuid, revision) is not stored yet. Returns, row by row, its new seq,
  // or 0 when its key was already stored (also by an earlier row of the same call). A new row
  // newer than its record's head (review_storage.h, record_heads) becomes the head.
  virtual std::vector<std::uint64_t> insertIfAbsent(const std::vector<RecordRow>& rows) = 0;
  // What is stored under each row's (uuid, revision), row by row; every key must be stored.
  virtual std::vector<StoredCopy> storedCopies(const std::vector<RecordRow>& rows) = 0;
  // Keeps `row` next to the stored copy it conflicts with, once per distinct body.
  virtual void insertConflict(const RecordRow& row) = 0;
  // Newest first; limit < 0: all of them.
  virtual std::vector<StoredRecordSummary> newestFirst(int limit) = 0;
  virtual std::optional<phum::v1::Record> find(std::string_view uuid, std::uint32_t revision) = 0;
};

}  // namespace phum::server::storage
