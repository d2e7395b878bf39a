#include "storage/sqlite/sqlite_database.h"

#include <filesystem>

#include "core/errors.h"
#include "storage/sqlite/private_files.h"
#include "storage/sqlite/sqlite_reports.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

namespace {

// Admins read these errors in logs; writers from phum-admin and the server share the file, so a
// writer waits for the other's lock instead of failing at once.
const phum::sqlite::OpenOptions kServerDatabase{
    .wording = phum::sqlite::ErrorWording::Server, .readOnly = false, .busyTimeoutMs = 10000};

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
    // The review console: decisions as rows of their own (the change feed may be pruned), each
    // record's last decision for the queue's state filter, and the queue's order as an index.
    R"sql(
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL,
  revision INTEGER NOT NULL,
  decision TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  comment TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at_ms INTEGER NOT NULL
);
CREATE INDEX reviews_by_record ON reviews (uuid, id);
CREATE TABLE review_notes (
  review_id INTEGER NOT NULL REFERENCES reviews(id),
  position INTEGER NOT NULL,
  field TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (review_id, position)
);
CREATE TABLE review_state (
  uuid BLOB PRIMARY KEY,
  decision TEXT NOT NULL,
  revision INTEGER NOT NULL,
  review_id INTEGER NOT NULL
);
CREATE INDEX records_by_received ON records (received_at_ms, seq);
)sql",
    // The reports' summary tables (sqlite_reports.h).
    kSqliteReportsMigration,
    // The console's device list shows when each tablet was last heard from.
    R"sql(
ALTER TABLE devices ADD COLUMN last_contact_at_ms INTEGER;
)sql",
    // Table 2.4's remittances summary table (sqlite_reports.h).
    kSqliteRemittancesMigration,
    // The agency watch flag's history (sqlite_reports.h).
    kSqliteAgencyWatchMigration,
    // The audit log (storage/audit_storage.h): append-only, so UPDATE and DELETE are refused.
    R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  device_id TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // Likely duplicates (sqlite_reports.h).
    kSqliteDuplicatesMigration,
    // Failed sign-ins (services/sign_in_limits.h), kept across restarts.
    R"sql(
CREATE TABLE sign_in_failures (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  window_start_ms INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX sign_in_failures_by_start ON sign_in_failures (window_start_ms);
)sql",
    // The summary rows' approved flag (sqlite_reports.h).
    kSqliteApprovedMigration,
    // Each device's escrow key (services/account_service.h): empty until it is made.
    R"sql(
ALTER TABLE devices ADD COLUMN escrow_key BLOB NOT NULL DEFAULT x'';
)sql",
    // The queue's heads (review_storage.h): each record's newest revision, its filter columns and
    // last decision, filled from the records and decisions stored so far. The index holds every
    // column the queue filters on, so a page is read from the index and `records` by seq.
    R"sql(
CREATE TABLE record_heads (
  uuid BLOB PRIMARY KEY,
  seq INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  form_id TEXT NOT NULL,
  location_code TEXT NOT NULL,
  author TEXT NOT NULL,
  received_at_ms INTEGER NOT NULL,
  decision TEXT,
  decided_revision INTEGER
);
INSERT INTO record_heads (uuid, seq, revision, form_id, location_code, author, received_at_ms,
                          decision, decided_revision)
SELECT r.uuid, r.seq, r.revision, r.form_id, r.location_code, r.author, r.received_at_ms,
       s.decision, s.revision
FROM records r LEFT JOIN review_state s ON s.uuid = r.uuid
WHERE NOT EXISTS (SELECT 1 FROM records n WHERE n.uuid = r.uuid AND n.revision > r.revision);
CREATE INDEX record_heads_by_received ON record_heads (received_at_ms, seq, form_id,
  location_code, author, revision, decision, decided_revision);
)sql",
    // Confirmed duplicates counted once per group (sqlite_reports.h).
    kSqliteDuplicateGroupsMigration,
    // The queue filtered on what few records match (a form, an author, a commune, the returned or
    // rejected ones) reads those records' index instead of scanning every head for them.
    R"sql(
CREATE INDEX record_heads_by_form ON record_heads (form_id, received_at_ms, seq);
CREATE INDEX record_heads_by_author ON record_heads (author, received_at_ms, seq);
CREATE INDEX record_heads_by_place ON record_heads (location_code, received_at_ms, seq, form_id,
  author, revision, decision, decided_revision);
CREATE INDEX record_heads_returned ON record_heads (received_at_ms, seq) WHERE decision = 'return';
CREATE INDEX record_heads_rejected ON record_heads (received_at_ms, seq) WHERE decision = 'reject';
)sql",
    // The random nonce a sensitive upload's chunks are masked under (attachment_storage.h), new
    // for each upload begun at offset 0: NULL for uploads begun before it (masked under zeros).
    R"sql(
ALTER TABLE attachments ADD COLUMN mask_nonce BLOB;
)sql",
};
constexpr int kSchemaVersion = static_cast<int>(std::size(kMigrations));

}  // namespace

std::unique_ptr<Database> openSqliteDatabase(const std::string& dataDir) {
  // For the server's user only: the folder (which also guards files made private too late, by
  // an older server), the database and its -wal and -shm files, which SQLite creates with the
  // database's mode.
  const std::filesystem::path folder(dataDir);
  createPrivateFolders(folder);
  makePrivate(folder);
  const auto path = (folder / "phum-server.sqlite").string();
  if (!std::filesystem::exists(path)) createPrivateFile(path);
  for (const char* suffix : {"", "-wal", "-shm"}) makePrivate(path + suffix);
  return std::make_unique<SqliteDatabase>(path);
}

SqliteDatabase::SqliteDatabase(const std::string& path) : db_(path, kServerDatabase) {
  db_.exec("PRAGMA journal_mode=WAL");
  // FULL: in WAL mode every COMMIT fsyncs the log, so an acked batch survives a power cut. NORMAL
  // would be faster but may lose the last commits, and the tablet would already have dropped them.
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  // Space freed in a page being written anyway is zeroed, at no extra I/O: a value replaced (an
  // escrow key sealed in place of its clear bytes) does not linger in the file.
  db_.exec("PRAGMA secure_delete=FAST");
  // The (uuid, revision) index is probed by every pushed record; SQLite's default 2 MiB page cache
  // evicts it once the server holds a few hundred thousand records, and each push then reads it
  // back from the kernel. 64 MiB keeps it in memory on any server.
  db_.exec("PRAGMA cache_size=-65536");
  // A commit that crosses the WAL size limit copies the WAL into the database (fsyncing both)
  // before its push is acked. Every 10,000 pages (~40 MiB) instead of SQLite's 1,000 (~4 MiB):
  // far fewer checkpoints, and an index page changed by many pushes is written back once. Same
  // durability: each COMMIT still fsyncs the WAL. journal_size_limit shrinks the file back after
  // one very large batch has grown it.
  db_.exec("PRAGMA wal_autocheckpoint=10000");
  db_.exec("PRAGMA journal_size_limit=67108864");
  migrate();
  tables_ = std::make_unique<SqliteTables>(
      db_, std::filesystem::path(path).parent_path() / "attachments");
}

SqliteDatabase::~SqliteDatabase() = default;

int SqliteDatabase::latestSchemaVersion() { return kSchemaVersion; }

std::vector<std::string_view> SqliteDatabase::migrations() {
  return {std::begin(kMigrations), std::end(kMigrations)};
}

void SqliteDatabase::migrate() {
  phum::sqlite::WriteTransaction tx(db_);
  phum::sqlite::Statement query(db_, "PRAGMA user_version");
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

void SqliteDatabase::run(Access access, const std::function<void(Transaction&)>& work) {
  std::lock_guard lock(mutex_);
  switch (access) {
    case Access::Read:
      work(*tables_);
      return;
    case Access::Snapshot: {
      phum::sqlite::ReadTransaction read(db_);
      work(*tables_);
      read.finish();
      return;
    }
    case Access::Write: {
      phum::sqlite::WriteTransaction tx(db_);
      work(*tables_);
      // Durable (synchronous=FULL) before the caller answers.
      tx.commit();
      return;
    }
  }
}

}  // namespace phum::server::storage
