// Attachments of the SQLite adapter: the bytes are files under DATA/attachments
// (attachment_files.h), the attachments table remembers how many of them are durable and whether
// the whole file was verified. An upload's lock is the database's write transaction (BEGIN
// IMMEDIATE): it excludes the server's other threads and `phum-admin attachments prune` in
// another process alike.
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/errors.h"
#include "core/uuid.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {
namespace {

std::string uuidTextOf(std::string_view uuidBytes) {
  const auto uuid = Uuid::fromBytes(uuidBytes);
  if (!uuid) throw StorageError("an attachment's record id is not a UUID (a bug in the server)");
  return uuid->toString();
}

}  // namespace

UploadState SqliteAttachments::upload(std::string_view uuid, std::string_view name) {
  UploadState state;
  phum::sqlite::Statement upload(db_,
                                 "SELECT confirmed_offset, complete, size, sha256, mask_nonce"
                                 " FROM attachments"
                                 " WHERE uuid = ? AND name = ?");
  upload.bindBlob(1, uuid).bind(2, name);
  if (upload.step()) {
    state.offset = static_cast<std::uint64_t>(upload.int64(0));
    state.complete = upload.int64(1) != 0;
    state.size = static_cast<std::uint64_t>(upload.int64(2));
    if (!upload.isNull(3)) state.sha256 = upload.blob(3);
    if (!upload.isNull(4)) state.maskNonce = upload.blob(4);
  }
  if (!state.complete && state.offset > 0) {
    // Confirmed bytes that are no longer on disk (a folder restored from an old backup, a .part
    // removed by hand) cannot be resumed: the client starts again from 0.
    const std::string uuidText = uuidTextOf(uuid);
    const std::string file(name);
    const auto held = files_.partSize(uuidText, file);
    if (!files_.finishedButNotRecorded(uuidText, file) && (!held || *held < state.offset)) {
      state.offset = 0;
    }
  }
  return state;
}

void SqliteAttachments::recordOffset(std::string_view uuid, std::string_view name,
                                     std::uint64_t offset) {
  phum::sqlite::Statement upsert(
      db_,
      "INSERT INTO attachments (uuid, name, confirmed_offset, updated_at_ms)"
      " VALUES (?, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE SET"
      " confirmed_offset = excluded.confirmed_offset, complete = 0, size = 0,"
      " sha256 = NULL, updated_at_ms = excluded.updated_at_ms");
  upsert.bindBlob(1, uuid).bind(2, name).bind(3, static_cast<std::int64_t>(offset));
  upsert.bind(4, nowMillis()).run();
}

void SqliteAttachments::append(std::string_view uuid, std::string_view name, std::uint64_t offset,
                               std::string_view bytes) {
  // Fsynced before the offset that confirms it is recorded.
  files_.append(uuidTextOf(uuid), std::string(name), offset, bytes);
  recordOffset(uuid, name, offset + bytes.size());
}

HeldBytes SqliteAttachments::measure(std::string_view uuid, std::string_view name) {
  const std::string uuidText = uuidTextOf(uuid);
  const std::string file(name);
  // A crash between the rename and recording it leaves the file in place: measure that one.
  const bool inPlace = files_.finishedButNotRecorded(uuidText, file);
  return files_.measure(inPlace ? files_.finalPath(uuidText, file)
                                : files_.partPath(uuidText, file));
}

void SqliteAttachments::markComplete(std::string_view uuid, std::string_view name,
                                     const HeldBytes& verified) {
  const std::string uuidText = uuidTextOf(uuid);
  const std::string file(name);
  if (!files_.finishedButNotRecorded(uuidText, file)) files_.finish(uuidText, file);
  phum::sqlite::Statement upsert(
      db_,
      "INSERT INTO attachments (uuid, name, confirmed_offset, complete, size, sha256,"
      " updated_at_ms) VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (uuid, name) DO UPDATE"
      " SET confirmed_offset = excluded.confirmed_offset, complete = 1,"
      " size = excluded.size, sha256 = excluded.sha256,"
      " updated_at_ms = excluded.updated_at_ms");
  const auto bytes = static_cast<std::int64_t>(verified.size);
  upsert.bindBlob(1, uuid).bind(2, name).bind(3, bytes).bind(4, bytes);
  upsert.bindBlob(5, verified.sha256).bind(6, nowMillis()).run();
}

void SqliteAttachments::setMaskNonce(std::string_view uuid, std::string_view name,
                                     std::string_view nonce) {
  phum::sqlite::Statement update(
      db_, "UPDATE attachments SET mask_nonce = ? WHERE uuid = ? AND name = ?");
  update.bindBlob(1, nonce).bindBlob(2, uuid).bind(3, name).run();
}

void SqliteAttachments::restart(std::string_view uuid, std::string_view name) {
  const std::string uuidText = uuidTextOf(uuid);
  const std::string file(name);
  files_.discardPart(uuidText, file);
  // Renamed into place by a crash before it was recorded: not a verified file yet.
  files_.discardFinal(uuidText, file);
  recordOffset(uuid, name, 0);
  setMaskNonce(uuid, name, {});
}

PrunedUploads SqliteAttachments::pruneAbandoned(std::int64_t notAdvancedSinceMs) {
  PrunedUploads pruned;
  std::vector<std::pair<std::string, std::string>> expired;  // uuid bytes, name
  {
    phum::sqlite::Statement query(db_,
                                  "SELECT uuid, name FROM attachments WHERE complete = 0"
                                  " AND updated_at_ms < ?");
    query.bind(1, notAdvancedSinceMs);
    while (query.step()) expired.emplace_back(query.blob(0), query.text(1));
  }
  phum::sqlite::Statement remove(db_, "DELETE FROM attachments WHERE uuid = ? AND name = ?");
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
  phum::sqlite::Statement known(db_, "SELECT 1 FROM attachments WHERE uuid = ? AND name = ?");
  pruned.bytes += files_.removeStrayParts(
      notAdvancedSinceMs, [&](const std::string& uuidText, const std::string& name) {
        const auto uuid = Uuid::parse(uuidText);
        if (!uuid) return true;  // not ours: leave it alone
        known.reset();
        known.bindBlob(1, uuid->toBytes()).bind(2, name);
        return known.step();
      });
  return pruned;
}

std::optional<std::string> SqliteAttachments::completeBytes(std::string_view uuid,
                                                            std::string_view name) {
  phum::sqlite::Statement state(db_,
                                "SELECT complete FROM attachments WHERE uuid = ? AND name = ?");
  state.bindBlob(1, uuid).bind(2, name);
  if (!state.step() || state.int64(0) == 0) return std::nullopt;
  return readAll(files_.finalPath(uuidTextOf(uuid), std::string(name)));
}

std::string SqliteAttachments::heldBytes(std::string_view uuid, std::string_view name) {
  const std::string uuidText = uuidTextOf(uuid);
  const std::string file(name);
  const bool inPlace = files_.finishedButNotRecorded(uuidText, file);
  const auto path = inPlace ? files_.finalPath(uuidText, file) : files_.partPath(uuidText, file);
  // Nothing received yet: no file.
  if (!std::filesystem::exists(path)) return {};
  return readAll(path);
}

std::string SqliteAttachments::readAll(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (!file.good() && !file.eof()) {
    throw StorageError("attachment file " + path.string() + " cannot be read");
  }
  if (!file.is_open()) throw StorageError("attachment file " + path.string() + " is missing");
  return bytes;
}

}  // namespace phum::server::storage
