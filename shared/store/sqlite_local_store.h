#pragma once
// LocalStore on one SQLite file. Private to phum_store; callers use LocalStore::open.
#include <string>
#include <vector>

#include "sqlite/sqlite_db.h"
#include "store/local_store.h"

namespace phum::store {

SyncState parseSyncState(const std::string& text);

// The columns every records list selects first, in this order; readRecordSummary reads them.
inline constexpr const char* kRecordSummaryColumns =
    "uuid, form_id, form_version, revision, created_at_ms, updated_at_ms, author, location_code, "
    "title, state, last_error, last_error_code";
RecordSummary readRecordSummary(const sqlite::Statement& stmt, const std::string& path);

class SqliteLocalStore final : public LocalStore {
 public:
  explicit SqliteLocalStore(const std::string& path);

  phum::v1::Record saveRecord(phum::v1::Record record) override;
  std::optional<phum::v1::Record> findRecord(const Uuid& uuid) const override;
  std::vector<RecordSummary> listRecords(const std::string& author) const override;

  std::vector<OutboxEntry> pendingOutbox(int limit) const override;
  void markSending(const std::vector<std::int64_t>& outboxIds) override;
  void markSent(const Uuid& uuid, std::uint32_t revision) override;
  void applyAcks(const std::vector<AckOutcome>& outcomes) override;
  void markRejected(const Uuid& uuid, std::uint32_t revision, const std::string& reason) override;
  void markFailed(const std::vector<std::int64_t>& outboxIds, const std::string& error) override;
  OutboxCounts outboxCounts() const override;
  int schemaVersion() const override;
  std::string dataKeyId() const override { return keyId(); }

  std::vector<OutboxEntry> claimOutbox(int limit, std::int64_t nowMs,
                                       const std::string& author) override;
  OutboxCounts outboxCountsFor(const std::string& author) const override;
  void markFailed(const std::vector<std::int64_t>& outboxIds, const std::string& error,
                  std::int64_t nextAttemptAtMs) override;
  void markQueued(const std::vector<std::int64_t>& outboxIds, const std::string& error) override;
  int requeueInterruptedSends(std::int64_t sendingBeforeMs) override;
  std::optional<std::int64_t> nextAttemptAtMs() const override;

  std::optional<std::string> syncValue(const std::string& key) const override;
  void setSyncValue(const std::string& key, const std::string& value) override;

  void applyChanges(const phum::v1::ChangeBatch& batch, const std::string& username) override;
  std::uint64_t changeCursor(const std::string& username) const override;
  void resetChangeFeed() override;
  void restartChangeCursor(const std::string& username) override;
  std::vector<phum::v1::FormDefinition> formDefinitions() const override;
  std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const override;
  std::vector<phum::v1::ReviewDecision> reviewDecisions(const Uuid& recordUuid) const override;

  // local_store_attachments.cpp
  void addAttachment(const AttachmentInfo& attachment) override;
  std::vector<AttachmentInfo> attachments(const Uuid& recordUuid) const override;
  std::vector<AttachmentInfo> pendingAttachments(int limit,
                                                 const std::string& author) const override;
  void setAttachmentProgress(const Uuid& recordUuid, const std::string& name,
                             std::uint64_t confirmedOffset, const std::string& error) override;
  void holdAttachment(const Uuid& recordUuid, const std::string& name, const std::string& keyId,
                      const std::string& keysFingerprint, const std::string& error) override;
  void markAttachmentConfirmed(const Uuid& recordUuid, const std::string& name) override;
  bool recordComplete(const Uuid& recordUuid) const override;

  // local_store_drafts.cpp
  void saveDraft(const Draft& draft) override;
  std::optional<Draft> findDraft(const Uuid& id) const override;
  std::vector<Draft> listDrafts(const std::string& author) const override;
  std::optional<Draft> draftForRecord(const Uuid& recordUuid,
                                      const std::string& author) const override;
  bool deleteDraft(const Uuid& id) override;
  phum::v1::Record finalizeDraft(const Uuid& draftId, phum::v1::Record record) override;
  phum::v1::Record finalizeDraft(const Uuid& draftId, phum::v1::Record record,
                                 const std::string& title,
                                 std::vector<AttachmentInfo> attachments) override;

  // local_store_queries.cpp
  std::vector<RecordSummary> queryRecords(const RecordQuery& query) const override;
  int countRecords(const RecordQuery& query) const override;
  StorageUsage storageUsage() const override;
  OutboxSize outboxSizeFor(const std::string& author) const override;
  // local_store_retention.cpp
  RetentionReport removeConfirmedRecords(std::int64_t nowMs, std::int64_t retentionMs) override;

 private:
  // saveRecord's work inside the caller's write transaction.
  // `title` "" = derived from the usual name fields.
  phum::v1::Record saveRecordInTransaction(phum::v1::Record record, const std::string& title = {});
  void addAttachmentInTransaction(const AttachmentInfo& attachment);
  // Queues `record` (already numbered) in the current transaction.
  void queueRevision(const phum::v1::Record& record, bool sameRevisionUnsent,
                     const std::string& title);
  std::vector<OutboxEntry> selectOutbox(int limit, bool honourBackoff, std::int64_t nowMs,
                                        const std::string& author) const;
  // Copies the outbox row's state and error onto its record when it is the record's revision.
  void mirrorOutboxRow(std::int64_t outboxId);
  void applyAckInTransaction(const AckOutcome& outcome);
  void setOutboxState(const std::vector<std::int64_t>& outboxIds, const std::string& sql,
                      const std::string& error, std::int64_t number);
  void writeSyncValue(const std::string& key, const std::string& value);
  void applyChange(const phum::v1::Change& change);
  // The data key id values are encrypted under ("" while the store is not protected).
  std::string keyId() const;
  // queryRecords / countRecords over a protected store with a title search: titles are
  // encrypted, so the other filters run in SQL and the title is matched after decrypting.
  std::vector<RecordSummary> searchEncryptedTitles(const RecordQuery& query, int limit) const;

  mutable sqlite::Database db_;
  mutable std::string keyId_;
};

}  // namespace phum::store
