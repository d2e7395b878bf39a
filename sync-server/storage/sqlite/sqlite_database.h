#pragma once
// SQLite backend of ServerStore: one file in the data folder, WAL, synchronous=FULL, versioned
// schema. One connection guarded by a mutex: commits are serialised anyway, and the slow part of
// sign-in (Argon2id) runs outside the lock. Attachment bytes are files next to the database
// (DATA/attachments, attachment_files.h).
#include <memory>
#include <mutex>

#include "storage/sqlite/attachment_files.h"
#include "storage/server_store.h"
#include "sqlite/sqlite_db.h"

namespace phum::server {

class SqliteStore : public ServerStore, public AttachmentStore {
 public:
  SqliteStore(const std::string& path, RecordValidator validator);

  phum::v1::PushAck commitBatch(const phum::v1::PushBatch& batch,
                                const PushContext& context) override;
  std::vector<StoredRecordSummary> listRecords(int limit) const override;
  std::optional<phum::v1::Record> findRecord(const std::string& uuidBytes,
                                             std::uint32_t revision) const override;
  StoreCounts counts() const override;

  std::string createEnrollmentCode(const std::string& deviceName, std::int64_t validForMs) override;
  phum::v1::EnrollResponse enrollDevice(const std::string& code,
                                        const std::string& deviceName) override;
  DeviceCheck checkDevice(const std::string& deviceId, const std::string& secret) const override;
  bool revokeDevice(const std::string& deviceId) override;
  std::vector<DeviceInfo> listDevices() const override;

  void addAccount(const phum::v1::Account& account, const std::string& password) override;
  std::vector<AccountRecord> listAccounts() const override;
  phum::v1::SignInResponse signIn(const std::string& username, const std::string& password,
                                  const std::string& deviceId,
                                  std::int64_t sessionLifetimeMs) override;
  std::optional<SessionInfo> findSession(const std::string& token) const override;

  std::uint64_t appendChange(const phum::v1::Change& change, const std::string& audience) override;
  ChangesResult changesSince(std::uint64_t cursor, int limit,
                             const std::string& username) const override;
  void pruneChanges(std::uint64_t throughSeq) override;

  int schemaVersion() const override;
  // The version a new or fully migrated database has.
  static int latestSchemaVersion();

  // sqlite_catalog.cpp
  PublishOutcome publishForm(const phum::v1::FormDefinition& form) override;
  std::optional<phum::v1::FormDefinition> findForm(const std::string& formId,
                                                   const std::string& version) const override;
  std::vector<PublishedForm> listForms() const override;
  std::uint64_t applyReferenceDelta(const phum::v1::ReferenceDelta& delta) override;
  std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const override;
  std::vector<ReferenceDatasetInfo> listReferenceDatasets() const override;
  bool disableAccount(const std::string& username) override;

  // sqlite_attachments.cpp
  AttachmentStore& attachments() override;
  AttachmentState uploadState(const std::string& uuidBytes, const std::string& name) const override;
  void withUpload(const std::string& uuidBytes, const std::string& name,
                  const std::function<void(AttachmentUpload&)>& work) override;
  PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs) override;

 private:
  void migrate();
  // sqlite_ingest.cpp: the commit path of a push, with statements prepared once.
  struct IngestStatements;
  struct IngestStatementsDeleter {
    void operator()(IngestStatements* statements) const;
  };
  IngestStatements& ingestStatements();
  StoredRevisions newestRevisions(const std::vector<std::string_view>& uuids);
  void storeRecord(const phum::v1::Record& record, CheckedRecord& checked,
                   const std::string& deviceId, std::int64_t receivedAtMs);
  std::uint64_t appendChangeLocked(const phum::v1::Change& change, const std::string& audience);

  mutable std::mutex mutex_;
  mutable sqlite::Database db_;
  RecordValidator validator_;
  AttachmentFiles files_;
  std::unique_ptr<IngestStatements, IngestStatementsDeleter>
      ingest_;  // after db_: finalized before the connection closes
};

}  // namespace phum::server
