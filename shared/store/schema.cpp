#include "store/schema.h"

#include <array>
#include <chrono>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/errors.h"
#include "phum/v1/changes.pb.h"

namespace phum::store {
namespace {

// v1: records and their outbox (the first release).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE records (
  uuid BLOB PRIMARY KEY NOT NULL CHECK (length(uuid) = 16),
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  revision INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  author TEXT NOT NULL,
  location_code TEXT NOT NULL,
  title TEXT NOT NULL,
  body BLOB NOT NULL,
  state TEXT NOT NULL,
  last_error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX records_by_author ON records (author, updated_at_ms);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL REFERENCES records (uuid) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  UNIQUE (uuid, revision)
);
CREATE INDEX outbox_by_state ON outbox (state, id);
)sql";

// v2: retry scheduling that survives a restart, and the key/value sync state.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE outbox ADD COLUMN next_attempt_at_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sending_since_ms INTEGER NOT NULL DEFAULT 0;
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// v3: the change feed's local caches (forms, reference data, review decisions).
constexpr std::string_view kV3 = R"sql(
CREATE TABLE form_definitions (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (form_id, version)
) WITHOUT ROWID;
CREATE TABLE reference_rows (
  dataset TEXT NOT NULL,
  key TEXT NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (dataset, key)
) WITHOUT ROWID;
CREATE TABLE review_decisions (
  seq INTEGER PRIMARY KEY,
  record_uuid BLOB NOT NULL,
  body BLOB NOT NULL
);
CREATE INDEX review_decisions_by_record ON review_decisions (record_uuid);
)sql";

// v4: attachments, uploaded in chunks after their record; confirmed_offset is what the server
// confirmed durable, so an upload resumes from there after a drop or a restart.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE attachments (
  record_uuid BLOB NOT NULL REFERENCES records (uuid) ON DELETE CASCADE,
  name TEXT NOT NULL,
  local_path TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 BLOB NOT NULL,
  confirmed_offset INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT NOT NULL DEFAULT '',
  added_at_ms INTEGER NOT NULL,
  PRIMARY KEY (record_uuid, name)
) WITHOUT ROWID;
CREATE INDEX attachments_by_state ON attachments (state, added_at_ms);
)sql";

// v5: the server's machine reason code (phum.v1.AckReason) next to the reason text of a refused
// record, so the app can show the reason in the user's language.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE outbox ADD COLUMN last_error_code INTEGER NOT NULL DEFAULT 0;
ALTER TABLE records ADD COLUMN last_error_code INTEGER NOT NULL DEFAULT 0;
)sql";

// v6: interviews not finalized yet, saved as each answer is given. The answers are ONE opaque
// blob (a serialized phum.v1.AnswerSet, to be encrypted with a data key later): no answer value
// is ever spread over plaintext columns.
constexpr std::string_view kV6 = R"sql(
CREATE TABLE drafts (
  id BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
  record_uuid BLOB NOT NULL CHECK (length(record_uuid) = 16),
  corrects_revision INTEGER NOT NULL DEFAULT 0,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  author TEXT NOT NULL,
  page TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  answers BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX drafts_by_author ON drafts (author, updated_at_ms);
CREATE INDEX drafts_by_record ON drafts (record_uuid);
)sql";

// v7: the records list filtered and searched in SQL on a tablet holding 100,000 records: the
// outcome of the latest review of a record's current revision (phum.v1.ReviewOutcome, 0 = none;
// a returned record is found without reading review bodies), and indexes for each filter. The
// author index carries the title, so a title search reads the index, not every record.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE records ADD COLUMN review_outcome INTEGER NOT NULL DEFAULT 0;
DROP INDEX records_by_author;
CREATE INDEX records_by_author ON records (author, updated_at_ms, title);
CREATE INDEX records_by_author_form ON records (author, form_id, updated_at_ms);
CREATE INDEX records_by_author_state ON records (author, state, updated_at_ms);
CREATE INDEX records_by_author_review ON records (author, review_outcome, updated_at_ms);
)sql";

// v8: review outcomes received before v7 were kept only in review_decisions' bodies, so those
// records never showed as returned. Replays every stored decision in feed order onto the revision
// it is about, as applyChanges does for new ones (a later revision saved here has outcome 0).
constexpr std::string_view kV8 = "";

void backfillReviewOutcomes(sqlite::Database& db) {
  auto decisions = db.prepare(
      "SELECT d.body FROM review_decisions d JOIN records r ON r.uuid = d.record_uuid "
      "ORDER BY d.seq");
  auto mark =
      db.prepare("UPDATE records SET review_outcome = ?1 WHERE uuid = ?2 AND revision = ?3");
  while (decisions.step()) {
    phum::v1::ReviewDecision decision;
    if (!decision.ParseFromString(decisions.blob(0))) continue;  // unreadable: nothing to mark
    const auto outcome = decision.outcome();
    if (outcome != phum::v1::REVIEW_OUTCOME_APPROVED &&
        outcome != phum::v1::REVIEW_OUTCOME_RETURNED)
      continue;
    mark.bind(1, std::int64_t{outcome})
        .bindBlob(2, decision.record_uuid())
        .bind(3, std::int64_t{decision.revision()})
        .run();
    mark.reset();
  }
}

// v9: when the server confirmed each revision, so confirmed records leave the tablet after the
// retention period (local_store_retention.cpp). Revisions confirmed before this version count
// from the upgrade: nothing leaves earlier than the user was told.
constexpr std::string_view kV9 = R"sql(
ALTER TABLE outbox ADD COLUMN sent_at_ms INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET sent_at_ms = CAST(strftime('%s', 'now') AS INTEGER) * 1000 WHERE state = 'sent';
)sql";

// v10: a photo the server refused as sealed to a key it does not have waits, with the key id it
// names and the fingerprint of the sealing keys then, until the tablet receives other keys.
constexpr std::string_view kV10 = R"sql(
ALTER TABLE attachments ADD COLUMN held_key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN held_for_keys TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<Migration, 10> kMigrations{{
    {1, "records and outbox", kV1},
    {2, "outbox retry schedule, sync_state", kV2},
    {3, "change feed caches", kV3},
    {4, "attachments", kV4},
    {5, "reason codes of refused records", kV5},
    {6, "drafts", kV6},
    {7, "review outcome and list indexes", kV7},
    {8, "review outcomes received before v7", kV8, backfillReviewOutcomes},
    {9, "when each revision was confirmed", kV9},
    {10, "attachments held for a sealing key the server lacks", kV10},
}};

void ensureMigrationLog(sqlite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "description TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
}

void apply(sqlite::Database& db, const Migration& step) {
  if (!step.sql.empty()) db.exec(step.sql);
  if (step.code) step.code(db);
  db.prepare("INSERT OR REPLACE INTO schema_migrations VALUES (?1, ?2, ?3)")
      .bind(1, std::int64_t{step.version})
      .bind(2, step.description)
      .bind(3, nowMillis())
      .run();
  db.exec("PRAGMA user_version = " + std::to_string(step.version));
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int latestSchemaVersion() { return kMigrations.back().version; }

int readSchemaVersion(sqlite::Database& db) {
  auto stmt = db.prepare("PRAGMA user_version");
  if (!stmt.step()) db.fail("reading the schema version");
  return static_cast<int>(stmt.int64(0));
}

void migrate(sqlite::Database& db) {
  if (readSchemaVersion(db) == latestSchemaVersion()) return;
  for (const Migration& step : kMigrations) {
    sqlite::WriteTransaction tx(db);
    int current = readSchemaVersion(db);  // another opener may have migrated meanwhile
    if (current > latestSchemaVersion()) {
      throw StorageError("The local database " + db.path() + " has schema version " +
                         std::to_string(current) + ", newer than this app understands (" +
                         std::to_string(latestSchemaVersion()) + "). Update the app.");
    }
    if (step.version <= current) continue;
    ensureMigrationLog(db);
    apply(db, step);
    tx.commit();
  }
}

void configureTabletConnection(sqlite::Database& db) {
  // Busy timeout first: switching to WAL itself needs the lock another opener may hold.
  db.exec("PRAGMA busy_timeout = 10000");
  // Another connection switching a brand-new file to WAL at the same moment makes SQLite answer
  // "locked" at once, busy timeout or not (first launch: UI and sync thread both open it). Try
  // again for about a second before reporting it.
  constexpr int kWalAttempts = 50;
  for (int attempt = 1;; ++attempt) {
    try {
      auto wal = db.prepare("PRAGMA journal_mode = WAL");
      if (!wal.step() || wal.text(0) != "wal") {
        db.fail("switching to write-ahead logging (the storage may not support it)");
      }
      break;
    } catch (const StorageError&) {
      if (attempt == kWalAttempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  // FULL: a record the user saw saved survives a power cut, not just an app crash.
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
  // Deleted and overwritten rows are zeroed, not left readable in free pages (records that leave
  // the tablet, values encrypted in place).
  db.exec("PRAGMA secure_delete = ON");
}

}  // namespace phum::store
