// Records, conflicts and batch acks of the SQLite adapter. The push path's statements are prepared
// once per connection, and record values are bound without copies (the rows borrow from the
// parsed batch, which outlives each statement's use: a statement is reset at the end of its scope).
#include "common/secrets.h"
#include "core/errors.h"
#include "core/uuid.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

struct SqliteRecords::Statements {
  explicit Statements(const phum::sqlite::Database& db)
      : replay(db, "SELECT ack FROM batches WHERE batch_id = ?"),
        // DO NOTHING only on the record key: any other constraint failure still throws.
        insert(db,
               "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
               " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
               " ON CONFLICT (uuid, revision) DO NOTHING RETURNING seq"),
        // The queue's row of the record (review_storage.h); an older revision arriving late
        // leaves it alone.
        head(db,
             "INSERT INTO record_heads (uuid, seq, revision, form_id, location_code, author,"
             " received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET"
             " seq = excluded.seq, revision = excluded.revision, form_id = excluded.form_id,"
             " location_code = excluded.location_code, author = excluded.author,"
             " received_at_ms = excluded.received_at_ms"
             " WHERE excluded.revision > record_heads.revision"),
        existing(db, "SELECT seq, body FROM records WHERE uuid = ? AND revision = ?"),
        // The (uuid, revision) index, read backwards: one probe per uuid.
        newest(db,
               "SELECT revision, author, form_id, location_code FROM records WHERE uuid = ?"
               " ORDER BY revision DESC LIMIT 1"),
        conflict(db,
                 "INSERT OR IGNORE INTO conflicts (uuid, revision, device_id, received_at_ms,"
                 " body_hash, body) VALUES (?, ?, ?, ?, ?, ?)"),
        batch(
            db,
            "INSERT INTO batches (batch_id, device_id, received_at_ms, ack) VALUES (?, ?, ?, ?)") {}
  phum::sqlite::Statement replay;
  phum::sqlite::Statement insert;
  phum::sqlite::Statement head;
  phum::sqlite::Statement existing;
  phum::sqlite::Statement newest;
  phum::sqlite::Statement conflict;
  phum::sqlite::Statement batch;
};

namespace {

// Resets a reused statement when leaving the scope, also on an exception, so that it never keeps
// a read open or carries old bindings into the next use.
class Reuse {
 public:
  explicit Reuse(phum::sqlite::Statement& statement) : statement_(statement) {}
  ~Reuse() { statement_.reset(); }
  Reuse(const Reuse&) = delete;
  Reuse& operator=(const Reuse&) = delete;
  phum::sqlite::Statement* operator->() const { return &statement_; }

 private:
  phum::sqlite::Statement& statement_;
};

}  // namespace

SqliteRecords::SqliteRecords(phum::sqlite::Database& db) : db_(db) {}
SqliteRecords::~SqliteRecords() = default;

SqliteRecords::Statements& SqliteRecords::statements() {
  if (!statements_) statements_ = std::make_unique<Statements>(db_);
  return *statements_;
}

std::optional<phum::v1::PushAck> SqliteRecords::claimBatch(std::string_view batchId,
                                                           std::string_view, std::int64_t) {
  // The write transaction holds the database's lock: nobody stores this batch meanwhile.
  Reuse replay(statements().replay);
  replay->bindBlobBorrowed(1, batchId);
  if (!replay->step()) return std::nullopt;
  phum::v1::PushAck ack;
  if (!ack.ParseFromString(replay->blob(0))) {
    throw StorageError("server database " + db_.path() + ": the ack stored for a batch is corrupt");
  }
  return ack;
}

void SqliteRecords::recordBatchAck(std::string_view batchId, std::string_view deviceId,
                                   std::int64_t receivedAtMs, const phum::v1::PushAck& ack) {
  Reuse insert(statements().batch);
  insert->bindBlobBorrowed(1, batchId).bindBorrowed(2, deviceId).bind(3, receivedAtMs);
  insert->bindBlob(4, ack.SerializeAsString()).run();
}

StoredRevisions SqliteRecords::newestRevisions(const std::vector<std::string_view>& uuids) {
  auto& newest = statements().newest;
  StoredRevisions stored;
  for (const std::string_view uuid : uuids) {
    Reuse query(newest);
    query->bindBlobBorrowed(1, uuid);
    if (!query->step()) continue;
    stored.emplace(std::string(uuid),
                   StoredRevision{static_cast<std::uint32_t>(query->int64(0)), query->text(1),
                                  query->text(2), query->text(3)});
  }
  return stored;
}

std::vector<std::uint64_t> SqliteRecords::insertIfAbsent(const std::vector<RecordRow>& rows) {
  auto& insert = statements().insert;
  std::vector<std::uint64_t> seqs(rows.size(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RecordRow& row = rows[i];
    // Borrowed binds: copying every value into SQLite first was a malloc and memmove per column.
    Reuse query(insert);
    query->bindBlobBorrowed(1, row.uuid).bind(2, row.revision);
    query->bindBorrowed(3, row.formId).bindBorrowed(4, row.formVersion);
    query->bindBorrowed(5, row.author).bindBorrowed(6, row.deviceId);
    query->bindBorrowed(7, row.locationCode).bind(8, row.createdAtMs);
    query->bind(9, row.updatedAtMs).bind(10, row.receivedAtMs);
    query->bindBlobBorrowed(11, row.body);
    if (!query->step()) continue;
    seqs[i] = static_cast<std::uint64_t>(query->int64(0));
    query->reset();
    Reuse head(statements().head);
    head->bindBlobBorrowed(1, row.uuid).bind(2, static_cast<std::int64_t>(seqs[i]));
    head->bind(3, row.revision).bindBorrowed(4, row.formId).bindBorrowed(5, row.locationCode);
    head->bindBorrowed(6, row.author).bind(7, row.receivedAtMs).run();
  }
  return seqs;
}

std::vector<StoredCopy> SqliteRecords::storedCopies(const std::vector<RecordRow>& rows) {
  auto& existing = statements().existing;
  std::vector<StoredCopy> copies;
  copies.reserve(rows.size());
  for (const RecordRow& row : rows) {
    Reuse query(existing);
    query->bindBlobBorrowed(1, row.uuid).bind(2, row.revision);
    if (!query->step()) {
      throw StorageError("server database " + db_.path() +
                         ": a record that conflicted on insert cannot be read back");
    }
    copies.push_back({static_cast<std::uint64_t>(query->int64(0)), query->blob(1)});
  }
  return copies;
}

void SqliteRecords::insertConflict(const RecordRow& row) {
  Reuse conflict(statements().conflict);
  conflict->bindBlobBorrowed(1, row.uuid).bind(2, row.revision).bindBorrowed(3, row.deviceId);
  conflict->bind(4, row.receivedAtMs)
      .bindBlob(5, tokenHash(row.body))
      .bindBlobBorrowed(6, row.body);
  conflict->run();
}

std::vector<StoredRecordSummary> SqliteRecords::newestFirst(int limit) {
  phum::sqlite::Statement query(
      db_,
      "SELECT seq, uuid, form_id, form_version, revision, author, device_id,"
      " location_code, received_at_ms FROM records ORDER BY seq DESC LIMIT ?");
  query.bind(1, std::int64_t{limit < 0 ? -1 : limit});
  std::vector<StoredRecordSummary> records;
  while (query.step()) records.push_back(readSummary(query));
  return records;
}

std::optional<phum::v1::Record> SqliteRecords::find(std::string_view uuid, std::uint32_t revision) {
  phum::sqlite::Statement query(db_, "SELECT body FROM records WHERE uuid = ? AND revision = ?");
  query.bindBlob(1, uuid).bind(2, std::int64_t{revision});
  if (!query.step()) return std::nullopt;
  phum::v1::Record record;
  if (!record.ParseFromString(query.blob(0))) {
    throw StorageError("server database " + db_.path() + ": a stored record is corrupt");
  }
  return record;
}

StoredRecordSummary readSummary(const phum::sqlite::Statement& query) {
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
  return summary;
}

}  // namespace phum::server::storage
