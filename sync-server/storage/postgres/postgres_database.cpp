// Schema, migrations and transactions of the PostgreSQL adapter.
#include "storage/postgres/postgres_database.h"

#include "common/redaction.h"
#include "core/clock.h"
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {
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
    // The review console, as in SQLite: decisions as rows of their own (the change feed may be
    // pruned), each record's last decision for the queue's state filter, and the queue's order
    // as an index.
    R"sql(
CREATE TABLE reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid bytea NOT NULL,
  revision bigint NOT NULL,
  decision text NOT NULL,
  reviewer text NOT NULL,
  comment text NOT NULL,
  reason text NOT NULL,
  decided_at_ms bigint NOT NULL
);
CREATE INDEX reviews_by_record ON reviews (uuid, id);
CREATE TABLE review_notes (
  review_id bigint NOT NULL REFERENCES reviews(id),
  position bigint NOT NULL,
  field text NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (review_id, position)
);
CREATE TABLE review_state (
  uuid bytea PRIMARY KEY,
  decision text NOT NULL,
  revision bigint NOT NULL,
  review_id bigint NOT NULL
);
CREATE INDEX records_by_received ON records (received_at_ms, seq);
)sql",
    // The console's device list shows when each tablet was last heard from.
    R"sql(
ALTER TABLE devices ADD COLUMN last_contact_at_ms bigint;
)sql",
    // The reports' summary tables, as in SQLite (sqlite_reports.h; postgres_reports.cpp). Codes
    // and days COLLATE "C": the place filter is a bytewise range on the code.
    R"sql(
CREATE TABLE report_state (
  key text PRIMARY KEY,
  value bigint NOT NULL
);
CREATE TABLE report_members (
  uuid bytea NOT NULL, revision bigint NOT NULL, counted integer NOT NULL,
  day text COLLATE "C" NOT NULL, location text COLLATE "C" NOT NULL, sex text NOT NULL,
  age bigint NOT NULL,
  marital text NOT NULL, education text NOT NULL, migrant text NOT NULL,
  destination text NOT NULL, channel text NOT NULL, sector text NOT NULL, reason text NOT NULL,
  decided_by text NOT NULL, year_left bigint
);
CREATE INDEX report_members_by_uuid ON report_members (uuid);
CREATE INDEX report_members_by_day ON report_members (day);
CREATE TABLE report_returnees (
  uuid bytea NOT NULL, revision bigint NOT NULL, counted integer NOT NULL,
  day text COLLATE "C" NOT NULL, location text COLLATE "C" NOT NULL, sex text NOT NULL,
  age bigint NOT NULL,
  crossing_point text NOT NULL, destination text NOT NULL, legal_status text NOT NULL,
  return_reason text NOT NULL, sector text NOT NULL
);
CREATE INDEX report_returnees_by_uuid ON report_returnees (uuid);
CREATE INDEX report_returnees_by_day ON report_returnees (day);
CREATE TABLE report_trafficking (
  uuid bytea NOT NULL, revision bigint NOT NULL, counted integer NOT NULL,
  day text COLLATE "C" NOT NULL, location text COLLATE "C" NOT NULL, sex text NOT NULL,
  age bigint NOT NULL,
  exploitation text NOT NULL, destination text NOT NULL, minor text NOT NULL,
  referral text NOT NULL, situation text NOT NULL
);
CREATE INDEX report_trafficking_by_uuid ON report_trafficking (uuid);
CREATE TABLE report_complaints (
  uuid bytea NOT NULL, revision bigint NOT NULL, counted integer NOT NULL,
  day text COLLATE "C" NOT NULL, location text COLLATE "C" NOT NULL, sex text NOT NULL,
  age bigint NOT NULL,
  agency text NOT NULL, issue text NOT NULL, case_status text NOT NULL
);
CREATE INDEX report_complaints_by_uuid ON report_complaints (uuid);
)sql",
    // Table 2.4's remittances, as in SQLite (sqlite_reports.h); extraction starts over.
    R"sql(
CREATE TABLE report_remittances (
  uuid bytea NOT NULL, revision bigint NOT NULL, counted integer NOT NULL,
  day text COLLATE "C" NOT NULL, location text COLLATE "C" NOT NULL, sex text NOT NULL,
  age bigint NOT NULL,
  destination text NOT NULL, sector text NOT NULL, channel text NOT NULL, spent_on text NOT NULL,
  amount_usd bigint
);
CREATE INDEX report_remittances_by_uuid ON report_remittances (uuid);
DELETE FROM report_state WHERE key = 'extracted_through';
)sql",
    // The agency watch flag's history, as in SQLite (sqlite_reports.h).
    R"sql(
CREATE TABLE agency_watch (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  licence text NOT NULL,
  watch integer NOT NULL,
  reason text NOT NULL,
  reviewer text NOT NULL,
  at_ms bigint NOT NULL
);
CREATE INDEX agency_watch_by_licence ON agency_watch (licence, id);
)sql",
    // The audit log (storage/audit_storage.h): append-only, so UPDATE and DELETE are refused.
    R"sql(
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at_ms bigint NOT NULL,
  actor text NOT NULL,
  device_id text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  remote_address text NOT NULL,
  detail text NOT NULL,
  previous_hash bytea NOT NULL,
  hash bytea NOT NULL
);
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
)sql",
    // Likely duplicates, as in SQLite (sqlite_reports.h); extraction starts over.
    R"sql(
CREATE TABLE duplicate_keys (
  uuid bytea PRIMARY KEY, revision bigint NOT NULL, form_id text NOT NULL, sex text NOT NULL,
  village text NOT NULL, day bigint NOT NULL, age bigint NOT NULL,
  location text COLLATE "C" NOT NULL
);
CREATE INDEX duplicate_keys_by_village ON duplicate_keys (form_id, village, sex, day);
CREATE TABLE duplicate_pairs (
  id bigserial PRIMARY KEY, uuid_a bytea NOT NULL, uuid_b bytea NOT NULL,
  revision_a bigint NOT NULL, revision_b bigint NOT NULL, form_id text NOT NULL,
  location_a text COLLATE "C" NOT NULL, location_b text COLLATE "C" NOT NULL,
  score bigint NOT NULL, rules text NOT NULL, state text NOT NULL, reviewer text NOT NULL,
  found_at_ms bigint NOT NULL, decided_at_ms bigint NOT NULL,
  UNIQUE (uuid_a, uuid_b)
);
CREATE INDEX duplicate_pairs_confirmed ON duplicate_pairs (uuid_b) WHERE state = 'confirmed';
DELETE FROM report_state WHERE key = 'extracted_through';
)sql",
    // Failed sign-ins (services/sign_in_limits.h), kept across restarts.
    R"sql(
CREATE TABLE sign_in_failures (
  kind text NOT NULL,
  key text NOT NULL,
  window_start_ms bigint NOT NULL,
  failures integer NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_failures_by_start ON sign_in_failures (window_start_ms);
)sql",
    // The summary rows' approved flag, as in SQLite (sqlite_reports.h).
    R"sql(
ALTER TABLE report_members ADD COLUMN approved integer NOT NULL DEFAULT 0;
ALTER TABLE report_returnees ADD COLUMN approved integer NOT NULL DEFAULT 0;
ALTER TABLE report_trafficking ADD COLUMN approved integer NOT NULL DEFAULT 0;
ALTER TABLE report_complaints ADD COLUMN approved integer NOT NULL DEFAULT 0;
ALTER TABLE report_remittances ADD COLUMN approved integer NOT NULL DEFAULT 0;
UPDATE report_members SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_members.uuid AND s.revision = report_members.revision AND s.decision = 'approve');
UPDATE report_returnees SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_returnees.uuid AND s.revision = report_returnees.revision AND s.decision = 'approve');
UPDATE report_trafficking SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_trafficking.uuid AND s.revision = report_trafficking.revision AND s.decision = 'approve');
UPDATE report_complaints SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_complaints.uuid AND s.revision = report_complaints.revision AND s.decision = 'approve');
UPDATE report_remittances SET approved = 1 WHERE EXISTS (SELECT 1 FROM review_state s
  WHERE s.uuid = report_remittances.uuid AND s.revision = report_remittances.revision AND s.decision = 'approve');
)sql",
    // Each device's escrow key (services/account_service.h): empty until it is made.
    R"sql(
ALTER TABLE devices ADD COLUMN escrow_key bytea NOT NULL DEFAULT ''::bytea;
)sql",
    // The queue's heads, as in SQLite (sqlite_database.cpp, review_storage.h), filled from the
    // records and decisions stored so far.
    R"sql(
CREATE TABLE record_heads (
  uuid bytea PRIMARY KEY,
  seq bigint NOT NULL,
  revision bigint NOT NULL,
  form_id text NOT NULL,
  location_code text NOT NULL,
  author text NOT NULL,
  received_at_ms bigint NOT NULL,
  decision text,
  decided_revision bigint
);
INSERT INTO record_heads (uuid, seq, revision, form_id, location_code, author, received_at_ms,
                          decision, decided_revision)
SELECT DISTINCT ON (r.uuid) r.uuid, r.seq, r.revision, r.form_id, r.location_code, r.author,
       r.received_at_ms, s.decision, s.revision
FROM records r LEFT JOIN review_state s ON s.uuid = r.uuid
ORDER BY r.uuid, r.revision DESC;
CREATE INDEX record_heads_by_received ON record_heads (received_at_ms, seq);
)sql",
    // Confirmed duplicates counted once per group, as in SQLite (sqlite_reports.h).
    R"sql(
CREATE TABLE duplicate_counted_as (uuid bytea PRIMARY KEY, representative bytea NOT NULL);
CREATE INDEX duplicate_pairs_by_second ON duplicate_pairs (uuid_b);
)sql",
    // The queue's indexes (postgres_reviews.cpp): its order covering every filter column, so a
    // page is found without reading the heads' rows; and, for filters few records match (a form,
    // an author, a commune, the returned or rejected ones), an index of those records alone.
    // COLLATE "C": starts_with() on the place then reads a range of this index.
    R"sql(
DROP INDEX record_heads_by_received;
CREATE INDEX record_heads_queue ON record_heads (received_at_ms, seq)
  INCLUDE (form_id, location_code, author, revision, decision, decided_revision);
CREATE INDEX record_heads_by_form ON record_heads (form_id, received_at_ms, seq);
CREATE INDEX record_heads_by_author ON record_heads (author, received_at_ms, seq);
CREATE INDEX record_heads_by_place ON record_heads (location_code COLLATE "C", received_at_ms, seq)
  INCLUDE (form_id, author, revision, decision, decided_revision);
CREATE INDEX record_heads_returned ON record_heads (received_at_ms, seq) WHERE decision = 'return';
CREATE INDEX record_heads_rejected ON record_heads (received_at_ms, seq) WHERE decision = 'reject';
)sql",
    // The random nonce a sensitive upload's chunks are masked under, as in SQLite
    // (sqlite_database.cpp, attachment_storage.h).
    R"sql(
ALTER TABLE attachments ADD COLUMN mask_nonce bytea;
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

// Two instances starting at once must not both migrate: a database-wide lock, held until COMMIT.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7068756001)";

}  // namespace

std::unique_ptr<Database> openPostgresDatabase(const std::string& conninfo) {
  rememberSecretsOf(conninfo);  // never printed, whatever message quotes it later
  return std::make_unique<PostgresDatabase>(conninfo == "postgres" ? std::string() : conninfo);
}

PostgresDatabase::PostgresDatabase(const std::string& conninfo) : pool_(conninfo) { migrate(); }

int PostgresDatabase::latestSchemaVersion() { return kSchemaVersion; }

std::vector<std::string_view> PostgresDatabase::migrations() {
  return {std::begin(kMigrations), std::end(kMigrations)};
}

void PostgresDatabase::migrate() {
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

void PostgresDatabase::run(Access access, const std::function<void(Transaction&)>& work) {
  switch (access) {
    case Access::Read: {
      auto db = pool_.acquire();
      PostgresTables tables(*db, false);
      work(tables);
      return;
    }
    case Access::Snapshot:
      pg::inTransaction(pool_, [&](pg::Connection& db) {
        db.script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        PostgresTables tables(db, false);
        work(tables);
      });
      return;
    case Access::Write:
      pg::inTransaction(pool_, [&](pg::Connection& db) {
        PostgresTables tables(db, true);
        work(tables);
      });
      return;
  }
}

}  // namespace phum::server::storage
