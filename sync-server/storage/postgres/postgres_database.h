#pragma once
// PostgreSQL backend of ServerStore, with the same semantics as the SQLite one: one transaction per
// batch, ack only after COMMIT, (uuid, revision) unique, DUPLICATE/CONFLICT, batch replay.
//
// Several phum-server instances may share one database. Nothing relies on an in-process lock:
// records and batches are claimed with INSERT ... ON CONFLICT DO NOTHING on unique keys (a second
// instance inserting the same key waits for the first to commit, then sees its row), server_seq
// comes from a sequence, and deadlocks between instances are retried as a whole transaction.
#include <memory>
#include <string>

#include "storage/postgres/pg_connection.h"
#include "storage/server_store.h"

namespace phum::server {

// `conninfo`: a libpq URI ("postgresql://user@host/db") or key=value string; "" or "postgres"
// means the PG* environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD).
// Connects and migrates the schema; throws StorageError naming the database if it cannot.
std::unique_ptr<ServerStore> openPostgresStore(const std::string& conninfo,
                                               RecordValidator validator);

class PostgresStore : public ServerStore, public AttachmentStore {
 public:
  PostgresStore(const std::string& conninfo, RecordValidator validator);

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

  // postgres_catalog.cpp
  PublishOutcome publishForm(const phum::v1::FormDefinition& form) override;
  std::optional<phum::v1::FormDefinition> findForm(const std::string& formId,
                                                   const std::string& version) const override;
  std::vector<PublishedForm> listForms() const override;
  std::uint64_t applyReferenceDelta(const phum::v1::ReferenceDelta& delta) override;
  std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const override;
  std::vector<ReferenceDatasetInfo> listReferenceDatasets() const override;
  bool disableAccount(const std::string& username) override;

  // The newest schema version this build knows (for tests and `phum-admin`).
  static int latestSchemaVersion();

  // postgres_attachments.cpp: attachment bytes in the database, so every instance can resume or
  // finish an upload another one began.
  AttachmentStore& attachments() override;
  AttachmentState uploadState(const std::string& uuidBytes, const std::string& name) const override;
  void withUpload(const std::string& uuidBytes, const std::string& name,
                  const std::function<void(AttachmentUpload&)>& work) override;
  PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs) override;

 private:
  void migrate();
  // postgres_ingest.cpp: a checked batch in a few round trips (claim, bulk insert, look up the
  // keys that were already stored, ack), whatever its size.
  phum::v1::PushAck storeBatch(pg::Connection& db, const phum::v1::PushBatch& batch,
                               const PushContext& context,
                               const std::vector<CheckedRecord>& checked);
  std::uint64_t appendChangeIn(pg::Connection& db, const phum::v1::Change& change,
                               const std::string& audience);

  mutable pg::Pool pool_;
  RecordValidator validator_;
};

}  // namespace phum::server
