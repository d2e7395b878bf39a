// Schema, migrations and records of the PostgreSQL backend.
#include "postgres/postgres_store.h"

#include <algorithm>
#include <numeric>

#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "server/record_validator.h"
#include "server/secrets.h"

namespace phum::server {
namespace {

// Each entry moves the schema from version i to i+1. Append only: never edit a shipped step.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE records (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid bytea NOT NULL,
  revision bigint NOT NULL,
  form_id text NOT NULL,
  form_version text NOT NULL,
  author text NOT NULL,
  device_id text NOT NULL,
  location_code text NOT NULL,
  created_at_ms bigint NOT NULL,
  updated_at_ms bigint NOT NULL,
  received_at_ms bigint NOT NULL,
  body bytea NOT NULL,
  UNIQUE (uuid, revision)
);
CREATE TABLE conflicts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid bytea NOT NULL,
  revision bigint NOT NULL,
  device_id text NOT NULL,
  received_at_ms bigint NOT NULL,
  body_hash bytea NOT NULL,
  body bytea NOT NULL,
  UNIQUE (uuid, revision, body_hash)
);
CREATE TABLE batches (
  batch_id bytea PRIMARY KEY,
  device_id text NOT NULL,
  received_at_ms bigint NOT NULL,
  ack bytea
);
CREATE TABLE accounts (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  role integer NOT NULL,
  scope_code text NOT NULL,
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at_ms bigint NOT NULL
);
CREATE TABLE devices (
  device_id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash bytea NOT NULL,
  enrolled_at_ms bigint NOT NULL,
  revoked_at_ms bigint
);
CREATE TABLE enrollment_codes (
  code_hash bytea PRIMARY KEY,
  device_name text NOT NULL,
  created_at_ms bigint NOT NULL,
  expires_at_ms bigint NOT NULL,
  used_at_ms bigint
);
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  username text NOT NULL REFERENCES accounts(username),
  device_id text NOT NULL,
  created_at_ms bigint NOT NULL,
  expires_at_ms bigint NOT NULL
);
CREATE TABLE changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  audience text NOT NULL,
  body bytea NOT NULL,
  created_at_ms bigint NOT NULL
);
CREATE TABLE feed_state (
  key text PRIMARY KEY,
  value bigint NOT NULL
);
)sql",
    // Published form versions (exact bytes, so a re-publish can be compared) and the server's
    // copy of each reference dataset (rows as serialized phum.v1.ReferenceRow), as in SQLite.
    // COLLATE "C": ids and keys sort bytewise, like SQLite, whatever the database's locale.
    R"sql(
CREATE TABLE forms (
  form_id text COLLATE "C" NOT NULL,
  version text COLLATE "C" NOT NULL,
  title text NOT NULL,
  definition bytea NOT NULL,
  published_at_ms bigint NOT NULL,
  PRIMARY KEY (form_id, version)
);
CREATE TABLE reference_rows (
  dataset text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  row bytea NOT NULL,
  PRIMARY KEY (dataset, key)
);
CREATE TABLE reference_datasets (
  dataset text COLLATE "C" PRIMARY KEY,
  last_change_seq bigint NOT NULL
);
)sql",
    // Attachment uploads (postgres_attachments.cpp): the state of each upload, and its bytes as
    // one row per received chunk. bytea rows rather than large objects: they belong to the schema
    // (pg_dump of a schema, DROP SCHEMA and ON DELETE CASCADE take them along; large objects are
    // database-wide and leak unless lo_unlink'ed), they are written in the same transaction as
    // the offset that confirms them, and a chunk (at most 1 MiB) is a comfortable row. STORAGE
    // EXTERNAL: photos do not compress, so PostgreSQL should not try.
    R"sql(
CREATE TABLE attachments (
  uuid bytea NOT NULL,
  name text NOT NULL,
  confirmed_offset bigint NOT NULL DEFAULT 0,
  complete boolean NOT NULL DEFAULT false,
  size bigint NOT NULL DEFAULT 0,
  sha256 bytea,
  updated_at_ms bigint NOT NULL,
  PRIMARY KEY (uuid, name)
);
CREATE INDEX attachments_unfinished ON attachments (updated_at_ms) WHERE NOT complete;
CREATE TABLE attachment_chunks (
  uuid bytea NOT NULL,
  name text NOT NULL,
  chunk_offset bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (uuid, name, chunk_offset),
  FOREIGN KEY (uuid, name) REFERENCES attachments (uuid, name) ON DELETE CASCADE
);
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// Two instances starting at once must not both migrate: a database-wide lock, held until COMMIT.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7068756001)";

}  // namespace

std::unique_ptr<ServerStore> openPostgresStore(const std::string& conninfo,
                                               RecordValidator validator) {
  return std::make_unique<PostgresStore>(conninfo == "postgres" ? std::string() : conninfo,
                                         std::move(validator));
}

PostgresStore::PostgresStore(const std::string& conninfo, RecordValidator validator)
    : pool_(conninfo), validator_(std::move(validator)) {
  migrate();
}

int PostgresStore::latestSchemaVersion() { return kSchemaVersion; }

int PostgresStore::schemaVersion() const {
  auto db = pool_.acquire();
  const pg::Result result = db->exec("SELECT coalesce(max(version), 0)::bigint FROM phum_schema");
  return static_cast<int>(result.int64(0, 0));
}

void PostgresStore::migrate() {
  pg::inTransaction(pool_, [](pg::Connection& db) {
    db.exec(kMigrationLock);
    db.script(
        "CREATE TABLE IF NOT EXISTS phum_schema (version integer PRIMARY KEY,"
        " applied_at_ms bigint NOT NULL)");
    const pg::Result result = db.exec("SELECT coalesce(max(version), 0)::bigint FROM phum_schema");
    const int current = static_cast<int>(result.int64(0, 0));
    if (current > kSchemaVersion) {
      throw StorageError(db.describe() + " has schema version " + std::to_string(current) +
                         ", newer than this phum-server (" + std::to_string(kSchemaVersion) +
                         "): upgrade phum-server");
    }
    for (int version = current; version < kSchemaVersion; ++version) {
      db.script(kMigrations[version]);
      db.exec("INSERT INTO phum_schema (version, applied_at_ms) VALUES ($1, $2)",
              pg::Params().integer(version + 1).integer(nowMillis()));
    }
  });
}

phum::v1::PushAck PostgresStore::commitBatch(const phum::v1::PushBatch& batch,
                                             const PushContext& context) {
  return pg::inTransaction(pool_,
                           [&](pg::Connection& db) { return storeBatch(db, batch, context); });
}

phum::v1::PushAck PostgresStore::storeBatch(pg::Connection& db, const phum::v1::PushBatch& batch,
                                            const PushContext& context) {
  const std::int64_t now = nowMillis();
  if (!batch.batch_id().empty()) {
    // Claim the batch id. If another transaction holds it, PostgreSQL waits for it to finish;
    // once it committed, its recorded ack is the answer.
    const pg::Result claimed = db.exec(
        "INSERT INTO batches (batch_id, device_id, received_at_ms) VALUES ($1, $2, $3)"
        " ON CONFLICT (batch_id) DO NOTHING RETURNING received_at_ms",
        pg::Params().bytes(batch.batch_id()).text(context.deviceId).integer(now));
    if (claimed.rows() == 0) {
      const pg::Result replay = db.exec("SELECT ack FROM batches WHERE batch_id = $1",
                                        pg::Params().bytes(batch.batch_id()));
      phum::v1::PushAck ack;
      if (replay.rows() != 1 || replay.isNull(0, 0) || !ack.ParseFromString(replay.bytes(0, 0))) {
        throw StorageError(db.describe() +
                           ": the ack stored for a replayed batch is missing or corrupt");
      }
      return ack;
    }
  }
  // Records in key order, so two instances storing overlapping batches lock rows in the same
  // order and cannot deadlock each other; acks still go back in batch order.
  const auto& records = batch.records();
  std::vector<int> order(static_cast<std::size_t>(records.size()));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const auto& ra = records[a];
    const auto& rb = records[b];
    if (ra.uuid() != rb.uuid()) return ra.uuid() < rb.uuid();
    return ra.revision() < rb.revision();
  });
  phum::v1::PushAck ack;
  ack.set_batch_id(batch.batch_id());
  for (int i = 0; i < records.size(); ++i) ack.add_acks();
  for (int index : order) *ack.mutable_acks(index) = storeRecord(db, records[index], context, now);
  if (!batch.batch_id().empty()) {
    db.exec("UPDATE batches SET ack = $2 WHERE batch_id = $1",
            pg::Params().bytes(batch.batch_id()).bytes(ack.SerializeAsString()));
  }
  return ack;
}

phum::v1::RecordAck PostgresStore::storeRecord(pg::Connection& db, const phum::v1::Record& record,
                                               const PushContext& context,
                                               std::int64_t receivedAtMs) {
  phum::v1::RecordAck ack;
  ack.set_uuid(record.uuid());
  ack.set_revision(record.revision());
  for (auto& error : validateRecordStructure(record)) *ack.add_field_errors() = std::move(error);
  if (ack.field_errors_size() == 0 && validator_) {
    for (auto& error : validator_(record)) *ack.add_field_errors() = std::move(error);
  }
  addScopeErrors(record, context, ack);
  if (rejectIfInvalid(ack)) return ack;
  const std::string body = canonicalBytes(record);
  const std::string deviceId = context.deviceId.empty() ? record.device_id() : context.deviceId;
  const pg::Result inserted = db.exec(
      "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
      " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
      " ON CONFLICT (uuid, revision) DO NOTHING RETURNING seq",
      pg::Params()
          .bytes(record.uuid())
          .integer(record.revision())
          .text(record.form_id())
          .text(record.form_version())
          .text(record.author())
          .text(deviceId)
          .text(record.location_code())
          .integer(record.created_at_ms())
          .integer(record.updated_at_ms())
          .integer(receivedAtMs)
          .bytes(body));
  if (inserted.rows() == 1) {
    ack.set_status(phum::v1::RECORD_STATUS_ACCEPTED);
    ack.set_server_seq(static_cast<std::uint64_t>(inserted.int64(0, 0)));
    return ack;
  }
  const pg::Result existing =
      db.exec("SELECT seq, body FROM records WHERE uuid = $1 AND revision = $2",
              pg::Params().bytes(record.uuid()).integer(record.revision()));
  if (existing.rows() != 1) {
    throw StorageError(db.describe() + ": a record that conflicted on insert cannot be read back");
  }
  if (existing.bytes(0, 1) == body) {
    ack.set_status(phum::v1::RECORD_STATUS_DUPLICATE);
    ack.set_server_seq(static_cast<std::uint64_t>(existing.int64(0, 0)));
    return ack;
  }
  db.exec(
      "INSERT INTO conflicts (uuid, revision, device_id, received_at_ms, body_hash, body)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid, revision, body_hash) DO NOTHING",
      pg::Params()
          .bytes(record.uuid())
          .integer(record.revision())
          .text(deviceId)
          .integer(receivedAtMs)
          .bytes(tokenHash(body))
          .bytes(body));
  ack.set_status(phum::v1::RECORD_STATUS_CONFLICT);
  ack.set_reason("the server already has revision " + std::to_string(record.revision()) +
                 " of this record with different answers; both copies are kept for a reviewer."
                 " Edit the record to send it as a new revision.");
  return ack;
}

std::vector<StoredRecordSummary> PostgresStore::listRecords(int limit) const {
  auto db = pool_.acquire();
  pg::Params params;
  if (limit < 0) {
    params.null();
  } else {
    params.integer(limit);
  }
  const pg::Result rows = db->exec(
      "SELECT seq, uuid, form_id, form_version, revision, author, device_id, location_code,"
      " received_at_ms FROM records ORDER BY seq DESC LIMIT $1",
      params);
  std::vector<StoredRecordSummary> records;
  for (int row = 0; row < rows.rows(); ++row) {
    StoredRecordSummary summary;
    summary.serverSeq = static_cast<std::uint64_t>(rows.int64(row, 0));
    const auto uuid = Uuid::fromBytes(rows.bytes(row, 1));
    summary.uuid = uuid ? uuid->toString() : "(invalid)";
    summary.formId = rows.text(row, 2);
    summary.formVersion = rows.text(row, 3);
    summary.revision = static_cast<std::uint32_t>(rows.int64(row, 4));
    summary.author = rows.text(row, 5);
    summary.deviceId = rows.text(row, 6);
    summary.locationCode = rows.text(row, 7);
    summary.receivedAtMs = rows.int64(row, 8);
    records.push_back(std::move(summary));
  }
  return records;
}

std::optional<phum::v1::Record> PostgresStore::findRecord(const std::string& uuidBytes,
                                                          std::uint32_t revision) const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec("SELECT body FROM records WHERE uuid = $1 AND revision = $2",
                                   pg::Params().bytes(uuidBytes).integer(revision));
  if (rows.rows() == 0) return std::nullopt;
  phum::v1::Record record;
  if (!record.ParseFromString(rows.bytes(0, 0))) {
    throw StorageError(db->describe() + ": a stored record is corrupt");
  }
  return record;
}

StoreCounts PostgresStore::counts() const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM conflicts),"
      " (SELECT count(*) FROM batches)");
  return StoreCounts{rows.int64(0, 0), rows.int64(0, 1), rows.int64(0, 2)};
}

}  // namespace phum::server
