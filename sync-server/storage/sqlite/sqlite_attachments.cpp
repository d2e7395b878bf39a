// SqliteStore's attachments: the bytes are files under DATA/attachments (attachment_files.h), the
// attachments table remembers how many of them are durable and whether the whole file was
// verified. An upload's lock is the database's write transaction (BEGIN IMMEDIATE): it excludes
// the server's other threads and `phum-admin attachments prune` in another process alike.
#include <filesystem>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/errors.h"
#include "core/uuid.h"
#include "storage/sqlite/sqlite_database.h"

namespace phum::server {
namespace {

std::string uuidTextOf(const std::string& uuidBytes) {
  const auto uuid = Uuid::fromBytes(uuidBytes);
  if (!uuid) throw StorageError("an attachment's record id is not a UUID (a bug in the server)");
  return uuid->toString();
}

AttachmentState readState(sqlite::Database& db, const AttachmentFiles& files,
                          const std::string& uuidBytes, const std::string& name) {
  AttachmentState state;
  sqlite::Statement record(
      db, "SELECT author FROM records WHERE uuid = ? ORDER BY revision DESC LIMIT 1");
  record.bindBlob(1, uuidBytes);
  if (record.step()) {
    state.recordKnown = true;
    state.recordAuthor = record.text(0);
  }
  sqlite::Statement upload(db,
                           "SELECT confirmed_offset, complete, size, sha256 FROM attachments"
                           " WHERE uuid = ? AND name = ?");
  upload.bindBlob(1, uuidBytes).bind(2, name);
  if (upload.step()) {
    state.offset = static_cast<std::uint64_t>(upload.int64(0));
    state.complete = upload.int64(1) != 0;
    state.size = static_cast<std::uint64_t>(upload.int64(2));
    if (!upload.isNull(3)) state.sha256 = upload.blob(3);
  }
  if (!state.complete && state.offset > 0) {
    // Confirmed bytes that are no longer on disk (a folder restored from an old backup, a .part
    // removed by hand) cannot be resumed: the client starts again from 0.
    const std::string uuidText = uuidTextOf(uuidBytes);
    const auto held = files.partSize(uuidText, name);
    if (!files.finishedButNotRecorded(uuidText, name) && (!held || *held < state.offset)) {
      state.offset = 0;
    }
  }
  return state;
}

void recordOffset(sqlite::Database& db, const std::string& uuidBytes, const std::string& name,
                  std::uint64_t offset) {
  sqlite::Statement upsert(db,
                           "INSERT INTO attachments (uuid, name, confirmed_offset, updated_at_ms)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE SET"
                           " confirmed_offset = excluded.confirmed_offset, complete = 0, size = 0,"
                           " sha256 = NULL, updated_at_ms = excluded.updated_at_ms");
  upsert.bindBlob(1, uuidBytes).bind(2, name).bind(3, static_cast<std::int64_t>(offset));
  upsert.bind(4, nowMillis()).run();
}

// One upload inside SqliteStore::withUpload's write transaction.
class SqliteUpload : public AttachmentUpload {
 public:
  SqliteUpload(sqlite::Database& db, AttachmentFiles& files, const std::string& uuidBytes,
               const std::string& name)
      : db_(db),
        files_(files),
        uuidBytes_(uuidBytes),
        uuidText_(uuidTextOf(uuidBytes)),
        name_(name),
        state_(readState(db, files, uuidBytes, name)) {}

  const AttachmentState& state() const override { return state_; }

  void append(std::string_view bytes) override {
    files_.append(uuidText_, name_, state_.offset, bytes);  // fsynced before the offset moves
    state_.offset += bytes.size();
    recordOffset(db_, uuidBytes_, name_, state_.offset);
  }

  HeldBytes measure() override {
    // A crash between the rename and recording it leaves the file in place: measure that one.
    const bool inPlace = files_.finishedButNotRecorded(uuidText_, name_);
    return files_.measure(inPlace ? files_.finalPath(uuidText_, name_)
                                  : files_.partPath(uuidText_, name_));
  }

  void complete(const HeldBytes& verified) override {
    if (!files_.finishedButNotRecorded(uuidText_, name_)) files_.finish(uuidText_, name_);
    sqlite::Statement upsert(
        db_,
        "INSERT INTO attachments (uuid, name, confirmed_offset, complete, size, sha256,"
        " updated_at_ms) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE"
        " SET confirmed_offset = excluded.confirmed_offset, complete = 1,"
        " size = excluded.size, sha256 = excluded.sha256,"
        " updated_at_ms = excluded.updated_at_ms");
    const auto bytes = static_cast<std::int64_t>(verified.size);
    upsert.bindBlob(1, uuidBytes_).bind(2, name_).bind(3, bytes).bind(4, bytes);
    upsert.bindBlob(5, verified.sha256).bind(6, nowMillis()).run();
    state_.offset = state_.size = verified.size;
    state_.sha256 = verified.sha256;
    state_.complete = true;
  }

  void restart() override {
    files_.discardPart(uuidText_, name_);
    if (!state_.complete) files_.discardFinal(uuidText_, name_);  // never a verified file
    recordOffset(db_, uuidBytes_, name_, 0);
    state_.offset = 0;
  }

 private:
  sqlite::Database& db_;
  AttachmentFiles& files_;
  std::string uuidBytes_;
  std::string uuidText_;
  std::string name_;
  AttachmentState state_;
};

}  // namespace

AttachmentStore& SqliteStore::attachments() { return *this; }

AttachmentState SqliteStore::uploadState(const std::string& uuidBytes,
                                         const std::string& name) const {
  std::lock_guard lock(mutex_);
  return readState(db_, files_, uuidBytes, name);
}

void SqliteStore::withUpload(const std::string& uuidBytes, const std::string& name,
                             const std::function<void(AttachmentUpload&)>& work) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  SqliteUpload upload(db_, files_, uuidBytes, name);
  work(upload);
  tx.commit();
}

PrunedUploads SqliteStore::pruneAbandoned(std::int64_t notAdvancedSinceMs) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  PrunedUploads pruned;
  std::vector<std::pair<std::string, std::string>> expired;  // uuid bytes, name
  {
    sqlite::Statement query(db_,
                            "SELECT uuid, name FROM attachments WHERE complete = 0"
                            " AND updated_at_ms < ?");
    query.bind(1, notAdvancedSinceMs);
    while (query.step()) expired.emplace_back(query.blob(0), query.text(1));
  }
  sqlite::Statement remove(db_, "DELETE FROM attachments WHERE uuid = ? AND name = ?");
  for (const auto& [uuidBytes, name] : expired) {
    const std::string uuidText = uuidTextOf(uuidBytes);
    // Verified and renamed, only not recorded: the client's next complete records it. Keep it.
    if (files_.finishedButNotRecorded(uuidText, name)) continue;
    pruned.bytes += files_.partSize(uuidText, name).value_or(0);
    files_.discardPart(uuidText, name);
    files_.removeFolderIfEmpty(uuidText);
    remove.reset();
    remove.bindBlob(1, uuidBytes).bind(2, name).run();
    ++pruned.uploads;
  }
  // .part files whose first offset was never recorded (the server stopped in between).
  sqlite::Statement known(db_, "SELECT 1 FROM attachments WHERE uuid = ? AND name = ?");
  pruned.bytes += files_.removeStrayParts(
      notAdvancedSinceMs, [&](const std::string& uuidText, const std::string& name) {
        const auto uuid = Uuid::parse(uuidText);
        if (!uuid) return true;  // not ours: leave it alone
        known.reset();
        known.bindBlob(1, uuid->toBytes()).bind(2, name);
        return known.step();
      });
  tx.commit();
  return pruned;
}

}  // namespace phum::server
