#pragma once
// The SQL of the SQLite adapter, one class per concern, all on the database's one connection.
// SqliteDatabase::run holds its mutex (and the transaction) while a service uses them.
#include <memory>

#include "sqlite/sqlite_db.h"
#include "storage/database.h"
#include "storage/sqlite/attachment_files.h"
#include "storage/sqlite/sqlite_reports.h"

namespace phum::server::storage {

// A record summary from the first nine columns of `query`: seq, uuid, form_id, form_version,
// revision, author, device_id, location_code, received_at_ms (sqlite_records.cpp).
StoredRecordSummary readSummary(const phum::sqlite::Statement& query);

class SqliteRecords : public RecordStorage {  // sqlite_records.cpp
 public:
  explicit SqliteRecords(phum::sqlite::Database& db);
  ~SqliteRecords() override;

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
  // The statements of the push path, prepared once on first use.
  struct Statements;
  Statements& statements();
  phum::sqlite::Database& db_;
  std::unique_ptr<Statements> statements_;
};

class SqliteFeed : public FeedStorage {  // sqlite_feed.cpp
 public:
  explicit SqliteFeed(phum::sqlite::Database& db) : db_(db) {}
  std::uint64_t append(const phum::v1::Change& change, std::string_view audience,
                       std::int64_t createdAtMs) override;
  FeedBounds bounds() override;
  void changesAfter(std::uint64_t cursor, std::string_view username, std::int64_t limit,
                    phum::v1::ChangeBatch& into) override;
  void prune(std::uint64_t throughSeq) override;

 private:
  phum::sqlite::Database& db_;
};

class SqliteAccounts : public AccountStorage {  // sqlite_accounts.cpp
 public:
  explicit SqliteAccounts(phum::sqlite::Database& db) : db_(db) {}
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
  phum::sqlite::Database& db_;
};

class SqliteCatalog : public CatalogStorage {  // sqlite_catalog.cpp
 public:
  explicit SqliteCatalog(phum::sqlite::Database& db) : db_(db) {}
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
  phum::sqlite::Database& db_;
};

// The bytes are files (attachment_files.h); the attachments table remembers how many of them are
// durable and whether the whole file was verified.
class SqliteAttachments : public AttachmentStorage {  // sqlite_attachments.cpp
 public:
  SqliteAttachments(phum::sqlite::Database& db, std::filesystem::path root)
      : db_(db), files_(std::move(root)) {}
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
  static std::string readAll(const std::filesystem::path& path);
  void recordOffset(std::string_view uuid, std::string_view name, std::uint64_t offset);
  phum::sqlite::Database& db_;
  AttachmentFiles files_;
};

class SqliteReviews : public ReviewStorage {  // sqlite_reviews.cpp
 public:
  explicit SqliteReviews(phum::sqlite::Database& db) : db_(db) {}
  std::vector<QueueRow> queue(const QueueQuery& query) override;
  void visitQueue(const QueueQuery& query, const QueueVisitor& visit) override;
  std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions(
      std::string_view uuid) override;
  std::int64_t insertReview(const ReviewRow& review) override;
  std::vector<ReviewRow> reviews(std::string_view uuid) override;
  std::optional<LastDecision> lastDecision(std::string_view uuid) override;
  void deleteSession(std::string_view tokenHash) override;

 private:
  phum::sqlite::Database& db_;
};

class SqliteAudit : public AuditStorage {  // sqlite_audit.cpp
 public:
  explicit SqliteAudit(phum::sqlite::Database& db) : db_(db) {}
  AuditTail tail() override;
  void append(const AuditRow& row) override;
  std::vector<AuditRow> entries(const AuditFilter& filter) override;

 private:
  phum::sqlite::Database& db_;
};

// Every table of the one connection, handed to the work SqliteDatabase::run runs.
class SqliteTables : public Transaction {
 public:
  SqliteTables(phum::sqlite::Database& db, const std::filesystem::path& attachmentRoot)
      : records_(db),
        feed_(db),
        accounts_(db),
        catalog_(db),
        attachments_(db, attachmentRoot),
        reviews_(db),
        reports_(db),
        audit_(db) {}
  RecordStorage& records() override { return records_; }
  FeedStorage& feed() override { return feed_; }
  AccountStorage& accounts() override { return accounts_; }
  CatalogStorage& catalog() override { return catalog_; }
  AttachmentStorage& attachments() override { return attachments_; }
  ReviewStorage& reviews() override { return reviews_; }
  ReportStorage& reports() override { return reports_; }
  AuditStorage& audit() override { return audit_; }

 private:
  SqliteRecords records_;
  SqliteFeed feed_;
  SqliteAccounts accounts_;
  SqliteCatalog catalog_;
  SqliteAttachments attachments_;
  SqliteReviews reviews_;
  SqliteReports reports_;
  SqliteAudit audit_;
};

}  // namespace phum::server::storage
