#pragma once
// The SQL of the PostgreSQL adapter, one class per concern, on the connection of one transaction
// (or, for Access::Read, of one lease without a transaction). `writing`: the transaction is an
// Access::Write, so reads marked "locks it in a Write" take their row lock (FOR UPDATE).
//
// Several phum-server instances may share one database. Nothing relies on an in-process lock:
// records, batches and form versions are claimed with INSERT ... ON CONFLICT on unique keys (a
// second instance inserting the same key waits for the first to commit, then sees its row),
// rows are locked with FOR UPDATE, feed appends and uploads with advisory locks until COMMIT.
#include <set>

#include "storage/database.h"
#include "storage/postgres/pg_connection.h"

namespace phum::server::storage {

// A record summary from columns seq, uuid, form_id, form_version, revision, author, device_id,
// location_code, received_at_ms (in that order) of `row`.
StoredRecordSummary readSummary(const pg::Result& rows, int row);

class PostgresRecords : public RecordStorage {  // postgres_records.cpp
 public:
  explicit PostgresRecords(pg::Connection& db) : db_(db) {}
  std::optional<phum::v1::PushAck> claimBatch(std::string_view batchId, std::string_view deviceId,
                                              std::int64_t receivedAtMs) override;
  void recordBatchAck(std::string_view batchId, std::string_view deviceId,
                      std::int64_t receivedAtMs, const phum::v1::PushAck& ack) override;
  StoredRevisions newestRevisions(const std::vector<std::string_view>& uuids) override;
  std::vector<std::uint64_t> insertIfAbsent(const std::vector<RecordRow>& rows) override;
  std::vector<StoredCopy> storedCopies(const std::vector<RecordRow>& rows) override;
  void insertConflict(const RecordRow& row) override;
  std::vector<StoredRecordSummary> newestFirst(int limit) override;
  std::optional<phum::v1::Record> find(std::string_view uuid, std::uint32_t revision) override;

 private:
  pg::Connection& db_;
};

class PostgresFeed : public FeedStorage {  // postgres_feed.cpp
 public:
  explicit PostgresFeed(pg::Connection& db) : db_(db) {}
  std::uint64_t append(const phum::v1::Change& change, std::string_view audience,
                       std::int64_t createdAtMs) override;
  FeedBounds bounds() override;
  void changesAfter(std::uint64_t cursor, std::string_view username, std::int64_t limit,
                    phum::v1::ChangeBatch& into) override;
  void prune(std::uint64_t throughSeq) override;

 private:
  pg::Connection& db_;
};

class PostgresAccounts : public AccountStorage {  // postgres_accounts.cpp
 public:
  PostgresAccounts(pg::Connection& db, bool writing) : db_(db), writing_(writing) {}
  void insertEnrollmentCode(std::string_view codeHash, std::string_view deviceName,
                            std::int64_t createdAtMs, std::int64_t expiresAtMs) override;
  std::optional<EnrollmentCodeRow> enrollmentCode(std::string_view codeHash) override;
  void markEnrollmentCodeUsed(std::string_view codeHash, std::int64_t usedAtMs) override;
  void insertDevice(std::string_view deviceId, std::string_view name, std::string_view secretHash,
                    std::int64_t enrolledAtMs) override;
  std::optional<DeviceRow> device(std::string_view deviceId) override;
  void markDeviceRevoked(std::string_view deviceId, std::int64_t revokedAtMs) override;
  void markDeviceContact(std::string_view deviceId, std::int64_t atMs) override;
  std::string escrowKey(std::string_view deviceId) override;
  void setEscrowKey(std::string_view deviceId, std::string_view key) override;
  std::vector<std::string> devicesWithEscrowKeyOf(std::size_t bytes) override;
  std::vector<DeviceInfo> devices() override;
  bool insertAccountIfAbsent(const phum::v1::Account& account, std::string_view passwordHash,
                             std::int64_t createdAtMs) override;
  std::optional<AccountRow> account(std::string_view username) override;
  void markAccountDisabled(std::string_view username) override;
  void markAccountEnabled(std::string_view username) override;
  void updateAccount(const phum::v1::Account& account) override;
  void setPasswordHash(std::string_view username, std::string_view passwordHash) override;
  std::vector<AccountRecord> accounts() override;
  void insertSession(std::string_view tokenHash, std::string_view username,
                     std::string_view deviceId, std::int64_t createdAtMs,
                     std::int64_t expiresAtMs) override;
  std::optional<SessionRow> session(std::string_view tokenHash) override;
  void deleteSessionsOfDevice(std::string_view deviceId) override;
  void deleteSessionsOfAccount(std::string_view username) override;

  std::optional<SignInWindow> signInWindow(std::string_view kind, std::string_view key) override;
  void countSignInFailure(std::string_view kind, std::string_view key, std::int64_t nowMs,
                          std::int64_t windowMs) override;
  void clearSignInFailures(std::string_view kind, std::string_view key) override;

 private:
  pg::Connection& db_;
  bool writing_;
};

class PostgresCatalog : public CatalogStorage {  // postgres_catalog.cpp
 public:
  explicit PostgresCatalog(pg::Connection& db) : db_(db) {}
  bool insertFormIfAbsent(const phum::v1::FormDefinition& form, std::string_view bytes,
                          std::int64_t publishedAtMs) override;
  std::optional<std::string> formBytes(std::string_view formId, std::string_view version) override;
  std::optional<phum::v1::FormDefinition> form(std::string_view formId,
                                               std::string_view version) override;
  std::vector<PublishedForm> forms() override;
  void writeReferenceRows(std::string_view dataset,
                          const std::vector<const phum::v1::ReferenceRow*>& rows) override;
  void markDatasetChanged(std::string_view dataset, std::uint64_t changeSeq) override;
  std::vector<phum::v1::ReferenceRow> referenceRows(std::string_view dataset) override;
  std::vector<ReferenceDatasetInfo> datasets() override;

 private:
  pg::Connection& db_;
};

// The bytes are rows of attachment_chunks, one per confirmed chunk, written in the same
// transaction as the offset that confirms them.
class PostgresAttachments : public AttachmentStorage {  // postgres_attachments.cpp
 public:
  PostgresAttachments(pg::Connection& db, bool writing) : db_(db), writing_(writing) {}
  UploadState upload(std::string_view uuid, std::string_view name) override;
  void append(std::string_view uuid, std::string_view name, std::uint64_t offset,
              std::string_view bytes) override;
  HeldBytes measure(std::string_view uuid, std::string_view name) override;
  void markComplete(std::string_view uuid, std::string_view name,
                    const HeldBytes& verified) override;
  void setMaskNonce(std::string_view uuid, std::string_view name, std::string_view nonce) override;
  void restart(std::string_view uuid, std::string_view name) override;
  PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs) override;
  std::optional<std::string> completeBytes(std::string_view uuid, std::string_view name) override;
  std::string heldBytes(std::string_view uuid, std::string_view name) override;

 private:
  void recordOffset(std::string_view uuid, std::string_view name, std::uint64_t offset);
  pg::Connection& db_;
  bool writing_;
};

class PostgresReviews : public ReviewStorage {  // postgres_reviews.cpp
 public:
  explicit PostgresReviews(pg::Connection& db) : db_(db) {}
  std::vector<QueueRow> queue(const QueueQuery& query) override;
  void visitQueue(const QueueQuery& query, const QueueVisitor& visit) override;
  std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions(
      std::string_view uuid) override;
  std::int64_t insertReview(const ReviewRow& review) override;
  std::vector<ReviewRow> reviews(std::string_view uuid) override;
  std::optional<LastDecision> lastDecision(std::string_view uuid) override;
  void deleteSession(std::string_view tokenHash) override;

 private:
  pg::Result queuePage(const QueueQuery& query);
  pg::Connection& db_;
};

// The summary tables of the reports, as in SQLite (sqlite_reports.h). Records are extracted in
// seq order; a record transaction commits its seq out of order under concurrency, so inserters
// hold a shared advisory lock (kRecordsInsertLock) and the extractor the exclusive one while it
// reads: every seq it could miss has then committed or rolled back.
class PostgresReports : public ReportStorage {  // postgres_reports.cpp
 public:
  explicit PostgresReports(pg::Connection& db) : db_(db) {}
  std::uint64_t extractedThrough() override;
  void setExtractedThrough(std::uint64_t seq) override;
  std::vector<StoredBody> recordsAfter(std::uint64_t seq, int limit) override;
  void replaceFacts(const RecordFacts& facts) override;
  void replaceFactsOfRecords(const std::vector<RecordFacts>& facts) override;
  std::vector<FactGroup> aggregate(const FactQuery& query) override;
  void insertWatchChange(const WatchChange& change) override;
  std::vector<WatchChange> watchChanges(std::string_view licence) override;
  // postgres_duplicates.cpp
  void replacePersonKey(const PersonKey& key) override;
  std::vector<PersonKey> personKeysNear(const PersonKey& key, std::int64_t windowDays) override;
  void recordDuplicatePair(const DuplicatePair& pair) override;
  std::optional<std::uint32_t> personKeyRevision(std::string_view uuid) override;
  std::vector<DuplicatePair> duplicatePairs(std::string_view placePrefix, std::string_view state,
                                            const DuplicatePage& page) override;
  std::optional<DuplicatePair> duplicatePair(std::int64_t id) override;
  std::vector<DuplicatePair> duplicatePairsOf(std::string_view uuid) override;
  void deleteDuplicatePair(std::int64_t id) override;
  void decideDuplicatePair(std::int64_t id, std::string_view state, std::string_view reviewer,
                           std::int64_t atMs) override;
  std::vector<std::pair<std::string, std::string>> confirmedDuplicatePairs() override;
  std::vector<CountedAs> countedAs() override;
  void setCountedAs(const CountedAs& member) override;
  void clearCountedAs(std::string_view uuid) override;

 private:
  void replaceTableFacts(FactTable table, const std::vector<const RecordFacts*>& facts);
  void insertFactRows(FactTable table, const std::vector<const RecordFacts*>& facts,
                      const std::set<std::pair<std::string, std::int64_t>>& approved);
  pg::Connection& db_;
};
// Advisory lock numbers, each its own: two uses sharing one number block (or deadlock) each other.
// 7068756001 migrations (postgres_database.cpp), 7068756002 the change feed (postgres_feed.cpp).
inline constexpr std::int64_t kRecordsInsertLock = 7068756003;
// Taken by whatever reads the confirmed duplicate pairs to regroup them (postgres_duplicates.cpp).
inline constexpr std::int64_t kDuplicateGroupsLock = 7068756004;
// Taken by the audit log's tail() until COMMIT (postgres_audit.cpp).
inline constexpr std::int64_t kAuditLock = 7068756005;
class PostgresAudit : public AuditStorage {  // postgres_audit.cpp
 public:
  PostgresAudit(pg::Connection& db, bool writing) : db_(db), writing_(writing) {}
  AuditTail tail() override;
  void append(const AuditRow& row) override;
  std::vector<AuditRow> entries(const AuditFilter& filter) override;

 private:
  pg::Connection& db_;
  bool writing_;
};

// The tables of one transaction's connection.
class PostgresTables : public Transaction {
 public:
  PostgresTables(pg::Connection& db, bool writing)
      : records_(db),
        feed_(db),
        accounts_(db, writing),
        catalog_(db),
        attachments_(db, writing),
        reviews_(db),
        reports_(db),
        audit_(db, writing) {}
  RecordStorage& records() override { return records_; }
  FeedStorage& feed() override { return feed_; }
  AccountStorage& accounts() override { return accounts_; }
  CatalogStorage& catalog() override { return catalog_; }
  AttachmentStorage& attachments() override { return attachments_; }
  ReviewStorage& reviews() override { return reviews_; }
  ReportStorage& reports() override { return reports_; }
  AuditStorage& audit() override { return audit_; }

 private:
  PostgresRecords records_;
  PostgresFeed feed_;
  PostgresAccounts accounts_;
  PostgresCatalog catalog_;
  PostgresAttachments attachments_;
  PostgresReviews reviews_;
  PostgresReports reports_;
  PostgresAudit audit_;
};

}  // namespace phum::server::storage
