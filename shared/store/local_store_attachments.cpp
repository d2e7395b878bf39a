// The tablet's attachment table: which files belong to which record, and how far each upload got.
#include "core/clock.h"
#include "core/errors.h"
#include "store/sqlite_local_store.h"

namespace phum::store {
namespace {

constexpr const char* kColumns =
    "a.record_uuid, a.name, a.local_path, a.size, a.sha256, a.confirmed_offset, a.state, "
    "a.last_error, a.held_key_id, a.held_for_keys";

AttachmentInfo readAttachment(const sqlite::Statement& row, const std::string& path) {
  AttachmentInfo info;
  auto uuid = Uuid::fromBytes(row.blob(0));
  if (!uuid) {
    throw StorageError("The local database " + path + " holds an attachment without a valid id.");
  }
  info.recordUuid = *uuid;
  info.name = row.text(1);
  info.localPath = row.text(2);
  info.size = static_cast<std::uint64_t>(row.int64(3));
  info.sha256 = row.blob(4);
  info.confirmedOffset = static_cast<std::uint64_t>(row.int64(5));
  info.state = row.text(6) == "confirmed" ? AttachmentUploadState::Confirmed
                                          : AttachmentUploadState::Pending;
  info.lastError = row.text(7);
  info.heldForKeyId = row.text(8);
  info.heldForKeys = row.text(9);
  return info;
}

}  // namespace

void SqliteLocalStore::addAttachment(const AttachmentInfo& attachment) {
  sqlite::WriteTransaction tx(db_);
  addAttachmentInTransaction(attachment);
  tx.commit();
}

void SqliteLocalStore::addAttachmentInTransaction(const AttachmentInfo& attachment) {
  auto record = db_.prepare("SELECT 1 FROM records WHERE uuid = ?1");
  record.bindBlob(1, attachment.recordUuid.toBytes());
  if (!record.step()) {
    throw StorageError("The attachment " + attachment.name + " cannot be kept: its record " +
                       attachment.recordUuid.toString() + " is not saved on this tablet.");
  }
  // Same file again: keep the progress. Another file under the same name: start again.
  db_.prepare(
         "INSERT INTO attachments (record_uuid, name, local_path, size, sha256, added_at_ms) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (record_uuid, name) DO UPDATE SET "
         "local_path = excluded.local_path, "
         "confirmed_offset = CASE WHEN size = excluded.size AND sha256 = excluded.sha256 "
         "THEN confirmed_offset ELSE 0 END, "
         "state = CASE WHEN size = excluded.size AND sha256 = excluded.sha256 "
         "THEN state ELSE 'pending' END, "
         "held_key_id = CASE WHEN size = excluded.size AND sha256 = excluded.sha256 "
         "THEN held_key_id ELSE '' END, "
         "held_for_keys = CASE WHEN size = excluded.size AND sha256 = excluded.sha256 "
         "THEN held_for_keys ELSE '' END, "
         "size = excluded.size, sha256 = excluded.sha256")
      .bindBlob(1, attachment.recordUuid.toBytes())
      .bind(2, attachment.name)
      .bind(3, attachment.localPath)
      .bind(4, static_cast<std::int64_t>(attachment.size))
      .bindBlob(5, attachment.sha256)
      .bind(6, nowMillis())
      .run();
}

std::vector<AttachmentInfo> SqliteLocalStore::attachments(const Uuid& recordUuid) const {
  auto query = db_.prepare(std::string("SELECT ") + kColumns +
                           " FROM attachments a WHERE a.record_uuid = ?1 ORDER BY a.name");
  query.bindBlob(1, recordUuid.toBytes());
  std::vector<AttachmentInfo> found;
  while (query.step()) found.push_back(readAttachment(query, db_.path()));
  return found;
}

std::vector<AttachmentInfo> SqliteLocalStore::pendingAttachments(int limit,
                                                                 const std::string& author) const {
  auto query = db_.prepare(
      std::string("SELECT ") + kColumns +
      " FROM attachments a JOIN records r ON r.uuid = a.record_uuid"
      " WHERE a.state = 'pending' AND (?1 = '' OR r.author = ?1)"
      " AND EXISTS (SELECT 1 FROM outbox o WHERE o.uuid = a.record_uuid AND o.state = 'sent')"
      " ORDER BY a.added_at_ms, a.name LIMIT ?2");
  query.bind(1, author).bind(2, std::int64_t{limit});
  std::vector<AttachmentInfo> found;
  while (query.step()) found.push_back(readAttachment(query, db_.path()));
  return found;
}

void SqliteLocalStore::setAttachmentProgress(const Uuid& recordUuid, const std::string& name,
                                             std::uint64_t confirmedOffset,
                                             const std::string& error) {
  sqlite::WriteTransaction tx(db_);
  db_.prepare(
         "UPDATE attachments SET confirmed_offset = ?3, last_error = ?4 "
         "WHERE record_uuid = ?1 AND name = ?2 AND state = 'pending'")
      .bindBlob(1, recordUuid.toBytes())
      .bind(2, name)
      .bind(3, static_cast<std::int64_t>(confirmedOffset))
      .bind(4, error)
      .run();
  tx.commit();
}

void SqliteLocalStore::holdAttachment(const Uuid& recordUuid, const std::string& name,
                                      const std::string& keyId, const std::string& keysFingerprint,
                                      const std::string& error) {
  sqlite::WriteTransaction tx(db_);
  db_.prepare(
         "UPDATE attachments SET confirmed_offset = 0, last_error = ?3, held_key_id = ?4, "
         "held_for_keys = ?5 WHERE record_uuid = ?1 AND name = ?2 AND state = 'pending'")
      .bindBlob(1, recordUuid.toBytes())
      .bind(2, name)
      .bind(3, error)
      .bind(4, keyId)
      .bind(5, keysFingerprint)
      .run();
  tx.commit();
}

void SqliteLocalStore::markAttachmentConfirmed(const Uuid& recordUuid, const std::string& name) {
  sqlite::WriteTransaction tx(db_);
  db_.prepare(
         "UPDATE attachments SET state = 'confirmed', confirmed_offset = size, last_error = '', "
         "held_key_id = '', held_for_keys = '' "
         "WHERE record_uuid = ?1 AND name = ?2")
      .bindBlob(1, recordUuid.toBytes())
      .bind(2, name)
      .run();
  tx.commit();
}

bool SqliteLocalStore::recordComplete(const Uuid& recordUuid) const {
  auto query = db_.prepare(
      "SELECT EXISTS (SELECT 1 FROM records WHERE uuid = ?1 AND state = 'sent'), "
      "EXISTS (SELECT 1 FROM attachments WHERE record_uuid = ?1 AND state <> 'confirmed')");
  query.bindBlob(1, recordUuid.toBytes());
  if (!query.step()) db_.fail("checking whether a record is complete");
  return query.int64(0) == 1 && query.int64(1) == 0;
}

}  // namespace phum::store
