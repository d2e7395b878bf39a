#include "server/sqlite_store.h"

#include <filesystem>
#include <system_error>

#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "core/errors.h"
#include "core/uuid.h"
#include "server/record_validator.h"
#include "server/secrets.h"

namespace phum::server {

namespace {

// Admins read these errors in logs; writers from phum-admin and the server share the file, so a
// writer waits for the other's lock instead of failing at once.
const sqlite::OpenOptions kServerDatabase{
    .wording = sqlite::ErrorWording::Server, .readOnly = false, .busyTimeoutMs = 10000};

// Each entry moves the schema from version i to i+1. Append only: never edit a shipped step.
constexpr const char* kMigrations[] = {
    R"sql(
CREATE TABLE records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL,
  revision INTEGER NOT NULL,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  author TEXT NOT NULL,
  device_id TEXT NOT NULL,
  location_code TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL,
  body BLOB NOT NULL,
  UNIQUE (uuid, revision)
);
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY,
  uuid BLOB NOT NULL,
  revision INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  body_hash BLOB NOT NULL,
  body BLOB NOT NULL,
  UNIQUE (uuid, revision, body_hash)
);
CREATE TABLE batches (
  batch_id BLOB PRIMARY KEY,
  device_id TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  ack BLOB NOT NULL
);
CREATE TABLE accounts (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role INTEGER NOT NULL,
  scope_code TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  enrolled_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER
);
CREATE TABLE enrollment_codes (
  code_hash BLOB PRIMARY KEY,
  device_name TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at_ms INTEGER
);
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  username TEXT NOT NULL REFERENCES accounts(username),
  device_id TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  audience TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE feed_state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
)sql",
    // Attachment uploads: the offset confirmed durable in DATA/attachments/<uuid>/<name>.part, and
    // the verified size and SHA-256 once complete.
    R"sql(
CREATE TABLE attachments (
  uuid BLOB NOT NULL,
  name TEXT NOT NULL,
  confirmed_offset INTEGER NOT NULL DEFAULT 0,
  complete INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  sha256 BLOB,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (uuid, name)
);
)sql",
    // Published form versions (exact bytes, so a re-publish can be compared) and the server's
    // copy of each reference dataset (rows as serialized phum.v1.ReferenceRow).
    R"sql(
CREATE TABLE forms (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  title TEXT NOT NULL,
  definition BLOB NOT NULL,
  published_at_ms INTEGER NOT NULL,
  PRIMARY KEY (form_id, version)
);
CREATE TABLE reference_rows (
  dataset TEXT NOT NULL,
  key TEXT NOT NULL,
  row BLOB NOT NULL,
  PRIMARY KEY (dataset, key)
);
CREATE TABLE reference_datasets (
  dataset TEXT PRIMARY KEY,
  last_change_seq INTEGER NOT NULL
);
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

}  // namespace

std::unique_ptr<ServerStore> openSqliteStore(const std::string& dataDir,
                                             RecordValidator validator) {
  std::error_code error;
  std::filesystem::create_directories(dataDir, error);
  if (error) {
    throw StorageError("cannot create the data folder " + dataDir + ": " + error.message());
  }
  const auto path = (std::filesystem::path(dataDir) / "phum-server.sqlite").string();
  return std::make_unique<SqliteStore>(path, std::move(validator));
}

SqliteStore::SqliteStore(const std::string& path, RecordValidator validator)
    : db_(path, kServerDatabase),
      validator_(std::move(validator)),
      files_(std::filesystem::path(path).parent_path() / "attachments") {
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  migrate();
}

int SqliteStore::latestSchemaVersion() { return kSchemaVersion; }

int SqliteStore::schemaVersion() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_, "PRAGMA user_version");
  query.step();
  return static_cast<int>(query.int64(0));
}

void SqliteStore::migrate() {
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement query(db_, "PRAGMA user_version");
  query.step();
  const int current = static_cast<int>(query.int64(0));
  if (current > kSchemaVersion) {
    throw StorageError("server database " + db_.path() + " has schema version " +
                       std::to_string(current) + ", newer than this phum-server (" +
                       std::to_string(kSchemaVersion) + "): upgrade phum-server");
  }
  for (int version = current; version < kSchemaVersion; ++version) db_.exec(kMigrations[version]);
  db_.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
  tx.commit();
}

phum::v1::PushAck SqliteStore::commitBatch(const phum::v1::PushBatch& batch,
                                           const PushContext& context) {
  // The form validator reads published forms through this store, so it runs before the lock.
  std::vector<std::vector<phum::v1::FieldError>> formErrors(
      static_cast<std::size_t>(batch.records_size()));
  if (validator_) {
    for (int i = 0; i < batch.records_size(); ++i) {
      if (validateRecordStructure(batch.records(i)).empty()) {
        formErrors[static_cast<std::size_t>(i)] = validator_(batch.records(i));
      }
    }
  }
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  if (!batch.batch_id().empty()) {
    sqlite::Statement replay(db_, "SELECT ack FROM batches WHERE batch_id = ?");
    replay.bindBlob(1, batch.batch_id());
    if (replay.step()) {
      phum::v1::PushAck ack;
      if (!ack.ParseFromString(replay.blob(0))) {
        throw StorageError("server database " + db_.path() +
                           ": the ack stored for a batch is corrupt");
      }
      return ack;
    }
  }
  const std::int64_t now = nowMillis();
  phum::v1::PushAck ack;
  ack.set_batch_id(batch.batch_id());
  for (int i = 0; i < batch.records_size(); ++i) {
    *ack.add_acks() =
        storeRecord(batch.records(i), formErrors[static_cast<std::size_t>(i)], context, now);
  }
  if (!batch.batch_id().empty()) {
    sqlite::Statement insert(db_,
                             "INSERT INTO batches (batch_id, device_id, received_at_ms, ack) "
                             "VALUES (?, ?, ?, ?)");
    insert.bindBlob(1, batch.batch_id()).bind(2, context.deviceId).bind(3, now);
    insert.bindBlob(4, ack.SerializeAsString()).run();
  }
  tx.commit();
  return ack;
}

phum::v1::RecordAck SqliteStore::storeRecord(const phum::v1::Record& record,
                                             const std::vector<phum::v1::FieldError>& formErrors,
                                             const PushContext& context,
                                             std::int64_t receivedAtMs) {
  phum::v1::RecordAck ack;
  ack.set_uuid(record.uuid());
  ack.set_revision(record.revision());
  for (auto& error : validateRecordStructure(record)) *ack.add_field_errors() = std::move(error);
  for (const auto& error : formErrors) *ack.add_field_errors() = error;
  addScopeErrors(record, context, ack);
  if (rejectIfInvalid(ack)) return ack;
  const std::string body = canonicalBytes(record);
  const std::string deviceId = context.deviceId.empty() ? record.device_id() : context.deviceId;
  sqlite::Statement existing(db_, "SELECT seq, body FROM records WHERE uuid = ? AND revision = ?");
  existing.bindBlob(1, record.uuid()).bind(2, std::int64_t{record.revision()});
  if (existing.step()) {
    if (existing.blob(1) == body) {
      ack.set_status(phum::v1::RECORD_STATUS_DUPLICATE);
      ack.set_server_seq(static_cast<std::uint64_t>(existing.int64(0)));
      return ack;
    }
    sqlite::Statement conflict(
        db_,
        "INSERT OR IGNORE INTO conflicts (uuid, revision, device_id, received_at_ms,"
        " body_hash, body) VALUES (?, ?, ?, ?, ?, ?)");
    conflict.bindBlob(1, record.uuid()).bind(2, std::int64_t{record.revision()});
    conflict.bind(3, deviceId).bind(4, receivedAtMs).bindBlob(5, tokenHash(body));
    conflict.bindBlob(6, body).run();
    ack.set_status(phum::v1::RECORD_STATUS_CONFLICT);
    ack.set_reason("the server already has revision " + std::to_string(record.revision()) +
                   " of this record with different answers; both copies are kept for a reviewer."
                   " Edit the record to send it as a new revision.");
    return ack;
  }
  sqlite::Statement insert(
      db_,
      "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
      " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bindBlob(1, record.uuid()).bind(2, std::int64_t{record.revision()});
  insert.bind(3, record.form_id()).bind(4, record.form_version()).bind(5, record.author());
  insert.bind(6, deviceId).bind(7, record.location_code()).bind(8, record.created_at_ms());
  insert.bind(9, record.updated_at_ms()).bind(10, receivedAtMs).bindBlob(11, body).run();
  ack.set_status(phum::v1::RECORD_STATUS_ACCEPTED);
  ack.set_server_seq(static_cast<std::uint64_t>(db_.lastInsertRowId()));
  return ack;
}

std::vector<StoredRecordSummary> SqliteStore::listRecords(int limit) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT seq, uuid, form_id, form_version, revision, author, device_id,"
                          " location_code, received_at_ms FROM records ORDER BY seq DESC LIMIT ?");
  query.bind(1, std::int64_t{limit < 0 ? -1 : limit});
  std::vector<StoredRecordSummary> records;
  while (query.step()) {
    StoredRecordSummary summary;
    summary.serverSeq = static_cast<std::uint64_t>(query.int64(0));
    const auto uuid = Uuid::fromBytes(query.blob(1));
    summary.uuid = uuid ? uuid->toString() : "(invalid)";
    summary.formId = query.text(2);
    summary.formVersion = query.text(3);
    summary.revision = static_cast<std::uint32_t>(query.int64(4));
    summary.author = query.text(5);
    summary.deviceId = query.text(6);
    summary.locationCode = query.text(7);
    summary.receivedAtMs = query.int64(8);
    records.push_back(std::move(summary));
  }
  return records;
}

std::optional<phum::v1::Record> SqliteStore::findRecord(const std::string& uuidBytes,
                                                        std::uint32_t revision) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_, "SELECT body FROM records WHERE uuid = ? AND revision = ?");
  query.bindBlob(1, uuidBytes).bind(2, std::int64_t{revision});
  if (!query.step()) return std::nullopt;
  phum::v1::Record record;
  if (!record.ParseFromString(query.blob(0))) {
    throw StorageError("server database " + db_.path() + ": a stored record is corrupt");
  }
  return record;
}

StoreCounts SqliteStore::counts() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM conflicts),"
                          " (SELECT count(*) FROM batches)");
  query.step();
  return StoreCounts{query.int64(0), query.int64(1), query.int64(2)};
}

}  // namespace phum::server
