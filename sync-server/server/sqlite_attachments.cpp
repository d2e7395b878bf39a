// SqliteStore's attachment state. The bytes themselves are files (attachment_files.h); this table
// only remembers how many of them are durable and whether the whole file was verified.
#include "core/clock.h"
#include "server/sqlite_store.h"

namespace phum::server {

AttachmentState SqliteStore::attachmentState(const std::string& uuidBytes,
                                             const std::string& name) const {
  std::lock_guard lock(mutex_);
  AttachmentState state;
  sqlite::Statement record(
      db_, "SELECT author FROM records WHERE uuid = ? ORDER BY revision DESC LIMIT 1");
  record.bindBlob(1, uuidBytes);
  if (record.step()) {
    state.recordKnown = true;
    state.recordAuthor = record.text(0);
  }
  sqlite::Statement upload(db_,
                           "SELECT confirmed_offset, complete, size, sha256 FROM attachments"
                           " WHERE uuid = ? AND name = ?");
  upload.bindBlob(1, uuidBytes).bind(2, name);
  if (upload.step()) {
    state.offset = static_cast<std::uint64_t>(upload.int64(0));
    state.complete = upload.int64(1) != 0;
    state.size = static_cast<std::uint64_t>(upload.int64(2));
    if (!upload.isNull(3)) state.sha256 = upload.blob(3);
  }
  return state;
}

void SqliteStore::setAttachmentOffset(const std::string& uuidBytes, const std::string& name,
                                      std::uint64_t offset) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement upsert(db_,
                           "INSERT INTO attachments (uuid, name, confirmed_offset, updated_at_ms)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE SET"
                           " confirmed_offset = excluded.confirmed_offset, complete = 0, size = 0,"
                           " sha256 = NULL, updated_at_ms = excluded.updated_at_ms");
  upsert.bindBlob(1, uuidBytes).bind(2, name).bind(3, static_cast<std::int64_t>(offset));
  upsert.bind(4, nowMillis()).run();
  tx.commit();
}

void SqliteStore::completeAttachment(const std::string& uuidBytes, const std::string& name,
                                     std::uint64_t size, const std::string& sha256) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement upsert(
      db_,
      "INSERT INTO attachments (uuid, name, confirmed_offset, complete, size, sha256,"
      " updated_at_ms) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE"
      " SET confirmed_offset = excluded.confirmed_offset, complete = 1,"
      " size = excluded.size, sha256 = excluded.sha256,"
      " updated_at_ms = excluded.updated_at_ms");
  const auto bytes = static_cast<std::int64_t>(size);
  upsert.bindBlob(1, uuidBytes).bind(2, name).bind(3, bytes).bind(4, bytes);
  upsert.bindBlob(5, sha256).bind(6, nowMillis()).run();
  tx.commit();
}

}  // namespace phum::server
