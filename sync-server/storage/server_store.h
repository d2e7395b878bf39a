#pragma once
// The sync server's storage, behind an interface so that a PostgreSQL backend can replace the
// SQLite one. Every method is synchronous and may block on disk: the HTTP layer calls it from the
// storage thread pool, never from the I/O loop. Failures throw phum::StorageError.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "phum/v1/sync.pb.h"
#include "services/record_checks.h"

namespace phum::server {

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

struct StoreCounts {
  std::int64_t records = 0;
  std::int64_t conflicts = 0;
  std::int64_t batches = 0;
};

// Who is pushing. Empty username means the server runs in --open mode (no scope checks).
struct PushContext {
  std::string deviceId;
  std::string username;
  std::string scopeCode;  // "national" or a NIS code prefix
};

struct DeviceInfo {
  std::string deviceId;
  std::string name;
  std::int64_t enrolledAtMs = 0;
  std::optional<std::int64_t> revokedAtMs;
};

struct AccountRecord {
  phum::v1::Account account;
  bool disabled = false;
};

enum class DeviceCheck { Unknown, Revoked, Valid };

struct SessionInfo {
  phum::v1::Account account;
  std::string deviceId;
  std::int64_t expiresAtMs = 0;
};

// Where an attachment upload stands on the server (docs/sync-protocol.md, Attachments).
struct AttachmentState {
  bool recordKnown = false;  // some revision of the record is stored
  std::string recordAuthor;  // author of its newest stored revision
  std::uint64_t offset = 0;  // bytes confirmed durable in the store
  bool complete = false;     // size and SHA-256 verified
  std::uint64_t size = 0;    // when complete
  std::string sha256;        // 32 raw bytes, when complete
};

// Size and SHA-256 (32 raw bytes) of the bytes a store holds for one upload.
struct HeldBytes {
  std::uint64_t size = 0;
  std::string sha256;
};

// What a sweep of abandoned uploads removed.
struct PrunedUploads {
  std::int64_t uploads = 0;
  std::uint64_t bytes = 0;
};

// One attachment upload while AttachmentStore::withUpload holds its lock: no other request for
// the same attachment, on any server instance or in phum-admin, runs until it is released.
class AttachmentUpload {
 public:
  virtual ~AttachmentUpload() = default;
  virtual const AttachmentState& state() const = 0;
  // Appends `bytes` at state().offset (dropping any unconfirmed bytes past it) and advances the
  // offset. Durable once withUpload returns.
  virtual void append(std::string_view bytes) = 0;
  // Measures the bytes the store holds, so verification covers exactly what was kept.
  virtual HeldBytes measure() = 0;
  // Marks the upload verified with its size and SHA-256.
  virtual void complete(const HeldBytes& verified) = 0;
  // Drops every byte of the upload; the offset goes back to 0.
  virtual void restart() = 0;
};

// Attachment bytes and their upload state. SQLite keeps the bytes in files under
// DATA/attachments; PostgreSQL keeps them in the database, so every instance sees every upload.
class AttachmentStore {
 public:
  virtual ~AttachmentStore() = default;
  // A read without the lock (HEAD).
  virtual AttachmentState uploadState(const std::string& uuidBytes,
                                      const std::string& name) const = 0;
  // Runs `work` with the attachment locked and everything it changed committed before return.
  // `work` may run again if the database asks for a retry (deadlock), so it must decide only from
  // upload.state().
  virtual void withUpload(const std::string& uuidBytes, const std::string& name,
                          const std::function<void(AttachmentUpload&)>& work) = 0;
  // Removes uploads that are not complete and have not advanced since `notAdvancedSinceMs`
  // (with their bytes). Never removes a complete attachment.
  virtual PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs) = 0;
};

// A form version stored by `phum-admin forms publish`.
struct PublishedForm {
  std::string formId;
  std::string version;
  std::string title;
  std::int64_t publishedAtMs = 0;
};

enum class PublishOutcome {
  Published,         // stored, and a Change{form} appended to the feed
  AlreadyPublished,  // same id, version and content: nothing to do
  DifferentContent,  // same id and version, other content: refused
};

// One reference dataset as the server holds it.
struct ReferenceDatasetInfo {
  std::string name;  // "gazetteer", "agencies", ...
  std::int64_t rows = 0;
  std::uint64_t lastChangeSeq = 0;  // feed seq of the delta that last changed it
};

// Result of a change-feed read: either a batch or "the cursor is older than the retained feed".
struct ChangesResult {
  bool fullRefreshRequired = false;
  phum::v1::ChangeBatch batch;
};

class ServerStore {
 public:
  virtual ~ServerStore() = default;

  // --- Records ---
  // Validates and stores every record of the batch in ONE transaction; returns only after COMMIT.
  // A batch_id seen before is answered with the ack recorded for it, storing nothing.
  virtual phum::v1::PushAck commitBatch(const phum::v1::PushBatch& batch,
                                        const PushContext& context) = 0;
  // Newest first.
  virtual std::vector<StoredRecordSummary> listRecords(int limit) const = 0;
  virtual std::optional<phum::v1::Record> findRecord(const std::string& uuidBytes,
                                                     std::uint32_t revision) const = 0;
  virtual StoreCounts counts() const = 0;

  // --- Devices ---
  // Returns the one-time code to print; only its hash is stored.
  virtual std::string createEnrollmentCode(const std::string& deviceName,
                                           std::int64_t validForMs) = 0;
  // Consumes the code. Throws AuthError if it is unknown, used or expired.
  virtual phum::v1::EnrollResponse enrollDevice(const std::string& code,
                                                const std::string& deviceName) = 0;
  virtual DeviceCheck checkDevice(const std::string& deviceId, const std::string& secret) const = 0;
  // False if no such device. Also publishes a revocation on the change feed.
  virtual bool revokeDevice(const std::string& deviceId) = 0;
  virtual std::vector<DeviceInfo> listDevices() const = 0;

  // --- Accounts and sessions ---
  virtual void addAccount(const phum::v1::Account& account, const std::string& password) = 0;
  virtual std::vector<AccountRecord> listAccounts() const = 0;
  // Throws AuthError for a wrong user name or password (same message for both).
  virtual phum::v1::SignInResponse signIn(const std::string& username, const std::string& password,
                                          const std::string& deviceId,
                                          std::int64_t sessionLifetimeMs) = 0;
  virtual std::optional<SessionInfo> findSession(const std::string& token) const = 0;

  // --- Change feed ---
  // `audience` empty: every device gets it; otherwise only devices signed in as that user.
  virtual std::uint64_t appendChange(const phum::v1::Change& change,
                                     const std::string& audience) = 0;
  virtual ChangesResult changesSince(std::uint64_t cursor, int limit,
                                     const std::string& username) const = 0;
  // Drops changes with seq <= throughSeq; clients with an older cursor then get 412.
  virtual void pruneChanges(std::uint64_t throughSeq) = 0;

  virtual int schemaVersion() const = 0;

  // --- Forms, reference data, account revocation (sqlite_catalog.cpp, postgres_catalog.cpp) ---
  // Stores the form by (form_id, version) and appends Change{form}, in one transaction. Of
  // concurrent publishes of one version (any server instance), exactly one is Published.
  virtual PublishOutcome publishForm(const phum::v1::FormDefinition& form) = 0;
  // Reads the database every time it is asked (no cache), so forms published through another
  // server instance or phum-admin are found at once.
  virtual std::optional<phum::v1::FormDefinition> findForm(const std::string& formId,
                                                           const std::string& version) const = 0;
  // Ordered by form id, then publication time.
  virtual std::vector<PublishedForm> listForms() const = 0;
  // Upserts/deletes the delta's rows and appends Change{reference}, in one transaction. Returns
  // the change's seq.
  virtual std::uint64_t applyReferenceDelta(const phum::v1::ReferenceDelta& delta) = 0;
  // Every stored row of the dataset (columns include the key column), ordered by key (bytewise).
  virtual std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const = 0;
  virtual std::vector<ReferenceDatasetInfo> listReferenceDatasets() const = 0;
  // Disables the account, ends its sessions and appends Change{revocation username}. False if no
  // such user. Disabling twice appends nothing the second time.
  virtual bool disableAccount(const std::string& username) = 0;

  // --- Attachments ---
  // Backends without attachment support keep this default, which throws StorageError.
  virtual AttachmentStore& attachments();
};

// A credential problem (wrong password, used enrolment code). Its message is safe to show.
class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Opens (creating and migrating) <dataDir>/phum-server.sqlite.
std::unique_ptr<ServerStore> openSqliteStore(const std::string& dataDir, RecordValidator validator);

}  // namespace phum::server
