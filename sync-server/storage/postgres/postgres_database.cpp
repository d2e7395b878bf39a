// Schema, migrations and records of the PostgreSQL backend.
#include "storage/postgres/postgres_database.h"

#include <algorithm>
#include <numeric>

#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "services/record_checks.h"
#include "common/redaction.h"
#include "common/secrets.h"

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
  rememberSecretsOf(conninfo);  // never printed, whatever message quotes it later
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
