#include "store/local_store.h"

#include "core/clock.h"
#include "core/errors.h"
#include "crypto/data_key.h"
#include "store/record_title.h"
#include "store/schema.h"
#include "store/sqlite_local_store.h"
#include "store/store_encryption.h"

namespace phum::store {
namespace {

Uuid uuidFromColumn(const sqlite::Statement& stmt, int column, const std::string& path) {
  auto uuid = Uuid::fromBytes(stmt.blob(column));
  if (!uuid)
    throw StorageError("The local database " + path + " holds a record without a valid id.");
  return *uuid;
}

phum::v1::Record parseRecord(const std::string& body, const std::string& path) {
  phum::v1::Record record;
  if (!record.ParseFromString(body)) {
    throw StorageError("A record in the local database " + path +
                       " is damaged and cannot be read. Report this tablet to an administrator.");
  }
  return record;
}

}  // namespace

RecordSummary readRecordSummary(const sqlite::Statement& stmt, const std::string& path) {
  RecordSummary s;
  s.uuid = uuidFromColumn(stmt, 0, path);
  s.formId = stmt.text(1);
  s.formVersion = stmt.text(2);
  s.revision = static_cast<std::uint32_t>(stmt.int64(3));
  s.createdAtMs = stmt.int64(4);
  s.updatedAtMs = stmt.int64(5);
  s.author = stmt.text(6);
  s.locationCode = stmt.text(7);
  try {
    s.title = revealed(stmt.blob(8), recordTitleContext(stmt.blob(0)));
  } catch (const crypto::LockedError&) {
    s.title.clear();  // a locked tablet lists its records without their names
  }
  s.state = parseSyncState(stmt.text(9));
  s.lastError = stmt.text(10);
  s.lastErrorCode = static_cast<int>(stmt.int64(11));
  return s;
}

const char* toString(SyncState state) {
  switch (state) {
    case SyncState::Queued:
      return "queued";
    case SyncState::Sending:
      return "sending";
    case SyncState::Sent:
      return "sent";
    case SyncState::Failed:
      return "failed";
    case SyncState::Rejected:
      return "rejected";
  }
  return "queued";
}

SyncState parseSyncState(const std::string& text) {
  for (SyncState s : {SyncState::Queued, SyncState::Sending, SyncState::Sent, SyncState::Failed,
                      SyncState::Rejected}) {
    if (text == toString(s)) return s;
  }
  throw StorageError("Unknown sync state \"" + text + "\" in the local database.");
}

std::unique_ptr<LocalStore> LocalStore::open(const std::string& path) {
  return std::make_unique<SqliteLocalStore>(path);
}

SqliteLocalStore::SqliteLocalStore(const std::string& path) : db_(path) {
  configureTabletConnection(db_);
  migrate(db_);
}

std::string SqliteLocalStore::keyId() const {
  // Once protected a store stays protected, so the id is read until found, then kept.
  if (keyId_.empty()) keyId_ = store::dataKeyId(db_);
  return keyId_;
}

int SqliteLocalStore::schemaVersion() const { return readSchemaVersion(db_); }

phum::v1::Record SqliteLocalStore::saveRecord(phum::v1::Record record) {
  sqlite::WriteTransaction tx(db_);
  record = saveRecordInTransaction(std::move(record));
  tx.commit();
  return record;
}

phum::v1::Record SqliteLocalStore::saveRecordInTransaction(phum::v1::Record record,
                                                           const std::string& title) {
  if (record.uuid().empty()) record.set_uuid(Uuid::generate().toBytes());
  if (!Uuid::fromBytes(record.uuid())) {
    throw StorageError("The record cannot be saved: its id is not 16 bytes.");
  }
  const std::int64_t now = nowMillis();
  auto current = db_.prepare(
      "SELECT r.revision, r.created_at_ms, o.state, o.attempts FROM records r "
      "LEFT JOIN outbox o ON o.uuid = r.uuid AND o.revision = r.revision WHERE r.uuid = ?1");
  current.bindBlob(1, record.uuid());
  bool sameRevisionUnsent = false;
  if (current.step()) {
    auto revision = static_cast<std::uint32_t>(current.int64(0));
    // Only a revision that never left the tablet may change in place; anything the server may
    // have seen keeps its bytes, and the edit becomes the next revision.
    sameRevisionUnsent = current.text(2) == "queued" && current.int64(3) == 0;
    record.set_revision(sameRevisionUnsent ? revision : revision + 1);
    record.set_created_at_ms(current.int64(1));
  } else {
    record.set_revision(1);
    if (record.created_at_ms() == 0) record.set_created_at_ms(now);
  }
  record.set_updated_at_ms(now);
  queueRevision(record, sameRevisionUnsent, title);
  return record;
}

void SqliteLocalStore::queueRevision(const phum::v1::Record& record, bool sameRevisionUnsent,
                                     const std::string& title) {
  std::string body;
  if (!record.SerializeToString(&body)) db_.fail("encoding the record");
  const std::string key = keyId();
  body = concealed(key, body, recordBodyContext(record.uuid()));
  const std::string shownTitle = concealed(key, title.empty() ? deriveTitle(record) : title,
                                           recordTitleContext(record.uuid()));
  auto insert = db_.prepare(
      "INSERT INTO records (uuid, form_id, form_version, revision, created_at_ms, "
      "updated_at_ms, author, location_code, title, body, state, last_error) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'queued', '') "
      "ON CONFLICT (uuid) DO UPDATE SET form_id = ?2, form_version = ?3, revision = ?4, "
      "updated_at_ms = ?6, author = ?7, location_code = ?8, title = ?9, body = ?10, "
      "state = 'queued', last_error = '', last_error_code = 0, review_outcome = 0");
  insert.bindBlob(1, record.uuid())
      .bind(2, record.form_id())
      .bind(3, record.form_version())
      .bind(4, std::int64_t{record.revision()})
      .bind(5, record.created_at_ms())
      .bind(6, record.updated_at_ms())
      .bind(7, record.author())
      .bind(8, record.location_code())
      .bindBlob(10, body);
  // A clear title stays TEXT: SQLite's LIKE (the list's search) does not match a BLOB by letters.
  if (key.empty()) {
    insert.bind(9, shownTitle);
  } else {
    insert.bindBlob(9, shownTitle);
  }
  insert.run();
  if (sameRevisionUnsent) return;  // its outbox row already points at this revision
  // An older revision still waiting is superseded: the new one carries the whole record.
  db_.prepare("DELETE FROM outbox WHERE uuid = ?1 AND state IN ('queued', 'failed')")
      .bindBlob(1, record.uuid())
      .run();
  db_.prepare("INSERT INTO outbox (uuid, revision, state) VALUES (?1, ?2, 'queued')")
      .bindBlob(1, record.uuid())
      .bind(2, std::int64_t{record.revision()})
      .run();
}

std::optional<phum::v1::Record> SqliteLocalStore::findRecord(const Uuid& uuid) const {
  auto stmt = db_.prepare("SELECT body FROM records WHERE uuid = ?1");
  stmt.bindBlob(1, uuid.toBytes());
  if (!stmt.step()) return std::nullopt;
  return parseRecord(revealed(stmt.blob(0), recordBodyContext(uuid.toBytes())), db_.path());
}

std::vector<RecordSummary> SqliteLocalStore::listRecords(const std::string& author) const {
  auto stmt = db_.prepare(std::string("SELECT ") + kRecordSummaryColumns +
                          " FROM records WHERE ?1 = '' OR author = ?1 ORDER BY updated_at_ms DESC, "
                          "created_at_ms DESC, uuid");
  stmt.bind(1, author);
  std::vector<RecordSummary> out;
  while (stmt.step()) {
    out.push_back(readRecordSummary(stmt, db_.path()));
  }
  return out;
}

std::vector<OutboxEntry> SqliteLocalStore::selectOutbox(int limit, bool honourBackoff,
                                                        std::int64_t nowMs,
                                                        const std::string& author) const {
  auto stmt = db_.prepare(
      "SELECT o.id, o.attempts, r.body, r.uuid FROM outbox o "
      "JOIN records r ON r.uuid = o.uuid AND r.revision = o.revision "
      "WHERE (o.state = 'queued' OR (o.state = 'failed' AND (?2 = 0 OR o.next_attempt_at_ms <= "
      "?3))) "
      "AND (?4 = '' OR r.author = ?4) ORDER BY o.id LIMIT ?1");
  stmt.bind(1, std::int64_t{limit}).bind(2, std::int64_t{honourBackoff}).bind(3, nowMs);
  stmt.bind(4, author);
  std::vector<OutboxEntry> out;
  while (stmt.step()) {
    OutboxEntry entry;
    entry.id = stmt.int64(0);
    entry.attempts = static_cast<int>(stmt.int64(1));
    entry.record = parseRecord(revealed(stmt.blob(2), recordBodyContext(stmt.blob(3))), db_.path());
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<OutboxEntry> SqliteLocalStore::pendingOutbox(int limit) const {
  return selectOutbox(limit, false, 0, {});
}

std::vector<OutboxEntry> SqliteLocalStore::claimOutbox(int limit, std::int64_t nowMs,
                                                       const std::string& author) {
  sqlite::WriteTransaction tx(db_);
  auto entries = selectOutbox(limit, true, nowMs, author);
  std::vector<std::int64_t> ids;
  for (const auto& e : entries) ids.push_back(e.id);
  setOutboxState(ids,
                 "UPDATE outbox SET state = 'sending', sending_since_ms = ?3 WHERE id = ?1 AND "
                 "state IN ('queued', 'failed')",
                 {}, nowMillis());
  tx.commit();
  return entries;
}

void SqliteLocalStore::mirrorOutboxRow(std::int64_t outboxId) {
  db_.prepare(
         "UPDATE records SET state = o.state, last_error = o.last_error, "
         "last_error_code = o.last_error_code FROM outbox o "
         "WHERE o.id = ?1 AND records.uuid = o.uuid AND records.revision = o.revision")
      .bind(1, outboxId)
      .run();
}

// Runs `sql` (parameters: ?1 id, ?2 error, ?3 number) for each id, then mirrors the rows.
void SqliteLocalStore::setOutboxState(const std::vector<std::int64_t>& outboxIds,
                                      const std::string& sql, const std::string& error,
                                      std::int64_t number) {
  auto stmt = db_.prepare(sql);
  for (std::int64_t id : outboxIds) {
    stmt.reset();
    stmt.bind(1, id);
    if (stmt.parameterCount() >= 2) stmt.bind(2, error);
    if (stmt.parameterCount() >= 3) stmt.bind(3, number);
    stmt.run();
    mirrorOutboxRow(id);
  }
}

void SqliteLocalStore::markSending(const std::vector<std::int64_t>& outboxIds) {
  sqlite::WriteTransaction tx(db_);
  setOutboxState(outboxIds,
                 "UPDATE outbox SET state = 'sending', sending_since_ms = ?3 WHERE id = ?1 AND "
                 "state IN ('queued', 'failed')",
                 {}, nowMillis());
  tx.commit();
}

void SqliteLocalStore::markSent(const Uuid& uuid, std::uint32_t revision) {
  applyAcks({AckOutcome{uuid, revision, true, {}}});
}

void SqliteLocalStore::markRejected(const Uuid& uuid, std::uint32_t revision,
                                    const std::string& reason) {
  applyAcks({AckOutcome{uuid, revision, false, reason}});
}

void SqliteLocalStore::applyAcks(const std::vector<AckOutcome>& outcomes) {
  sqlite::WriteTransaction tx(db_);
  for (const auto& outcome : outcomes) applyAckInTransaction(outcome);
  tx.commit();
}

void SqliteLocalStore::applyAckInTransaction(const AckOutcome& outcome) {
  auto find = db_.prepare("SELECT id FROM outbox WHERE uuid = ?1 AND revision = ?2");
  find.bindBlob(1, outcome.uuid.toBytes()).bind(2, std::int64_t{outcome.revision});
  std::vector<std::int64_t> ids;
  while (find.step()) ids.push_back(find.int64(0));
  if (outcome.sent) {
    // The first confirmation counts: a duplicate ack later does not restart the retention period.
    setOutboxState(
        ids,
        "UPDATE outbox SET state = 'sent', last_error = ?2, last_error_code = 0, "
        "sent_at_ms = CASE WHEN sent_at_ms = 0 THEN ?3 ELSE sent_at_ms END WHERE id = ?1",
        {}, nowMillis());
  } else {
    setOutboxState(ids,
                   "UPDATE outbox SET state = 'rejected', last_error = ?2, last_error_code = ?3 "
                   "WHERE id = ?1 AND state <> 'sent'",
                   outcome.reason, outcome.reasonCode);
  }
}

void SqliteLocalStore::markFailed(const std::vector<std::int64_t>& outboxIds,
                                  const std::string& error) {
  markFailed(outboxIds, error, nowMillis());
}

void SqliteLocalStore::markFailed(const std::vector<std::int64_t>& outboxIds,
                                  const std::string& error, std::int64_t nextAttemptAtMs) {
  sqlite::WriteTransaction tx(db_);
  setOutboxState(outboxIds,
                 "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2, "
                 "next_attempt_at_ms = ?3 WHERE id = ?1 AND state IN ('queued', 'sending', "
                 "'failed')",
                 error, nextAttemptAtMs);
  tx.commit();
}

void SqliteLocalStore::markQueued(const std::vector<std::int64_t>& outboxIds,
                                  const std::string& error) {
  sqlite::WriteTransaction tx(db_);
  // attempts+1 all the same: bytes left the tablet, so this revision must never change in place.
  setOutboxState(outboxIds,
                 "UPDATE outbox SET state = 'queued', attempts = attempts + 1, last_error = ?2, "
                 "next_attempt_at_ms = 0 WHERE id = ?1 AND state IN ('queued', 'sending', "
                 "'failed')",
                 error, 0);
  tx.commit();
}

int SqliteLocalStore::requeueInterruptedSends(std::int64_t sendingBeforeMs) {
  sqlite::WriteTransaction tx(db_);
  auto find =
      db_.prepare("SELECT id FROM outbox WHERE state = 'sending' AND sending_since_ms < ?1");
  find.bind(1, sendingBeforeMs);
  std::vector<std::int64_t> ids;
  while (find.step()) ids.push_back(find.int64(0));
  setOutboxState(ids,
                 "UPDATE outbox SET state = 'queued', attempts = attempts + 1, last_error = ?2, "
                 "next_attempt_at_ms = 0 WHERE id = ?1",
                 "Sending was interrupted; it will be sent again.", 0);
  tx.commit();
  return static_cast<int>(ids.size());
}

std::optional<std::int64_t> SqliteLocalStore::nextAttemptAtMs() const {
  auto stmt = db_.prepare("SELECT MIN(next_attempt_at_ms) FROM outbox WHERE state = 'failed'");
  if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
  return stmt.int64(0);
}

OutboxCounts SqliteLocalStore::outboxCounts() const { return outboxCountsFor({}); }

OutboxCounts SqliteLocalStore::outboxCountsFor(const std::string& author) const {
  // Per record (its latest revision), which is what a person counting their work expects.
  auto stmt = db_.prepare(
      "SELECT state, COUNT(*) FROM records WHERE ?1 = '' OR author = ?1 GROUP BY state");
  stmt.bind(1, author);
  OutboxCounts counts;
  while (stmt.step()) {
    int n = static_cast<int>(stmt.int64(1));
    switch (parseSyncState(stmt.text(0))) {
      case SyncState::Queued:
        counts.queued = n;
        break;
      case SyncState::Sending:
        counts.sending = n;
        break;
      case SyncState::Sent:
        counts.sent = n;
        break;
      case SyncState::Failed:
        counts.failed = n;
        break;
      case SyncState::Rejected:
        counts.rejected = n;
        break;
    }
  }
  return counts;
}

}  // namespace phum::store
