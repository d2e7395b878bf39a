// The commit path of a push on the SQLite backend. Checks (structure, form engine, scope) and
// serialisation run before the lock, so the two storage threads do that CPU work in parallel and
// only the lookups of stored records, the INSERTs and the COMMIT are serialised. Statements are
// prepared once per connection.
#include "core/clock.h"
#include "core/errors.h"
#include "common/secrets.h"
#include "storage/sqlite/sqlite_database.h"

namespace phum::server {

struct SqliteStore::IngestStatements {
  explicit IngestStatements(const sqlite::Database& db)
      : replay(db, "SELECT ack FROM batches WHERE batch_id = ?"),
        // DO NOTHING only on the record key: any other constraint failure still throws.
        insert(db,
               "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
               " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
               " ON CONFLICT (uuid, revision) DO NOTHING RETURNING seq"),
        existing(db, "SELECT seq, body FROM records WHERE uuid = ? AND revision = ?"),
        // The (uuid, revision) index, read backwards: one probe per pushed uuid.
        newest(db,
               "SELECT revision, author, form_id, location_code FROM records WHERE uuid = ?"
               " ORDER BY revision DESC LIMIT 1"),
        conflict(db,
                 "INSERT OR IGNORE INTO conflicts (uuid, revision, device_id, received_at_ms,"
                 " body_hash, body) VALUES (?, ?, ?, ?, ?, ?)"),
        batch(
            db,
            "INSERT INTO batches (batch_id, device_id, received_at_ms, ack) VALUES (?, ?, ?, ?)") {}
  sqlite::Statement replay;
  sqlite::Statement insert;
  sqlite::Statement existing;
  sqlite::Statement newest;
  sqlite::Statement conflict;
  sqlite::Statement batch;
};

namespace {

// Resets a reused statement when leaving the scope, also on an exception, so that it never keeps
// a read open or carries old bindings into the next push.
class Reuse {
 public:
  explicit Reuse(sqlite::Statement& statement) : statement_(statement) {}
  ~Reuse() { statement_.reset(); }
  Reuse(const Reuse&) = delete;
  Reuse& operator=(const Reuse&) = delete;
  sqlite::Statement* operator->() const { return &statement_; }
  sqlite::Statement& operator*() const { return statement_; }

 private:
  sqlite::Statement& statement_;
};

}  // namespace

void SqliteStore::IngestStatementsDeleter::operator()(IngestStatements* statements) const {
  delete statements;
}

SqliteStore::IngestStatements& SqliteStore::ingestStatements() {
  if (!ingest_) ingest_.reset(new IngestStatements(db_));
  return *ingest_;
}

// The newest stored revision of each uuid, read inside the batch's write transaction so that no
// other writer changes them before the batch's inserts.
StoredRevisions SqliteStore::newestRevisions(const std::vector<std::string_view>& uuids) {
  auto& newest = ingest_->newest;
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

phum::v1::PushAck SqliteStore::commitBatch(const phum::v1::PushBatch& batch,
                                           const PushContext& context) {
  // The form validator reads published forms through this store, so it runs before the lock.
  std::vector<CheckedRecord> checked = checkRecords(batch, context, validator_);
  std::lock_guard lock(mutex_);
  auto& statements = ingestStatements();
  sqlite::WriteTransaction tx(db_);
  if (!batch.batch_id().empty()) {
    Reuse replay(statements.replay);
    replay->bindBlob(1, batch.batch_id());
    if (replay->step()) {
      phum::v1::PushAck ack;
      if (!ack.ParseFromString(replay->blob(0))) {
        throw StorageError("server database " + db_.path() +
                           ": the ack stored for a batch is corrupt");
      }
      return ack;
    }
  }
  const std::int64_t now = nowMillis();
  StoredRecordRules rules(context, newestRevisions(uuidsToLookUp(batch, checked)));
  phum::v1::PushAck ack;
  ack.set_batch_id(batch.batch_id());
  for (int i = 0; i < batch.records_size(); ++i) {
    auto& record = checked[static_cast<std::size_t>(i)];
    const std::string& deviceId =
        context.deviceId.empty() ? batch.records(i).device_id() : context.deviceId;
    if (!record.rejected() && rules.admit(batch.records(i), record.ack)) {
      storeRecord(batch.records(i), record, deviceId, now);
    }
    *ack.add_acks() = std::move(record.ack);
  }
  if (!batch.batch_id().empty()) {
    Reuse insert(statements.batch);
    insert->bindBlob(1, batch.batch_id()).bind(2, context.deviceId).bind(3, now);
    insert->bindBlob(4, ack.SerializeAsString()).run();
  }
  // Durable (synchronous=FULL) before the caller sends the ack.
  tx.commit();
  return ack;
}

// Inserts a checked record, or classifies it as DUPLICATE or CONFLICT against the stored copy.
// The insert comes first: new records, the common case, then cost one statement, not two.
void SqliteStore::storeRecord(const phum::v1::Record& record, CheckedRecord& checked,
                              const std::string& deviceId, std::int64_t receivedAtMs) {
  auto& statements = *ingest_;
  auto& ack = checked.ack;
  const std::int64_t revision = record.revision();
  {
    // Borrowed binds: the record, its body and deviceId outlive this scope, which resets the
    // statement; copying every value into SQLite first was a malloc and memmove per column.
    Reuse insert(statements.insert);
    insert->bindBlobBorrowed(1, record.uuid()).bind(2, revision);
    insert->bindBorrowed(3, record.form_id()).bindBorrowed(4, record.form_version());
    insert->bindBorrowed(5, record.author()).bindBorrowed(6, deviceId);
    insert->bindBorrowed(7, record.location_code()).bind(8, record.created_at_ms());
    insert->bind(9, record.updated_at_ms()).bind(10, receivedAtMs);
    insert->bindBlobBorrowed(11, checked.body);
    if (insert->step()) {
      ack.set_status(phum::v1::RECORD_STATUS_ACCEPTED);
      ack.set_server_seq(static_cast<std::uint64_t>(insert->int64(0)));
      return;
    }
  }
  Reuse existing(statements.existing);
  existing->bindBlobBorrowed(1, record.uuid()).bind(2, revision);
  if (!existing->step()) {
    throw StorageError("server database " + db_.path() +
                       ": a record that conflicted on insert cannot be read back");
  }
  if (existing->blob(1) == checked.body) {
    ack.set_status(phum::v1::RECORD_STATUS_DUPLICATE);
    ack.set_server_seq(static_cast<std::uint64_t>(existing->int64(0)));
    return;
  }
  Reuse conflict(statements.conflict);
  conflict->bindBlob(1, record.uuid()).bind(2, revision).bind(3, deviceId).bind(4, receivedAtMs);
  conflict->bindBlob(5, tokenHash(checked.body)).bindBlob(6, checked.body).run();
  markConflict(ack);
}

}  // namespace phum::server
