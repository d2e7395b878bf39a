// How much this tablet holds, for the settings screen: counts and stored sizes, read by SQLite.
#include <string>

#include "store/sqlite_local_store.h"

namespace phum::store {
namespace {

struct CountAndBytes {
  std::int64_t count = 0;
  std::int64_t bytes = 0;
};

CountAndBytes countAndBytes(const sqlite::Database& db, const std::string& sql) {
  auto stmt = db.prepare(sql);
  if (!stmt.step()) db.fail("measuring the storage used");
  return {stmt.int64(0), stmt.int64(1)};
}

}  // namespace

StorageUsage SqliteLocalStore::storageUsage() const {
  StorageUsage usage;
  const auto records =
      countAndBytes(db_, "SELECT count(*), coalesce(sum(length(body)), 0) FROM records");
  const auto drafts =
      countAndBytes(db_, "SELECT count(*), coalesce(sum(length(answers)), 0) FROM drafts");
  const auto photos =
      countAndBytes(db_, "SELECT count(*), coalesce(sum(size), 0) FROM attachments");
  const auto reference =
      countAndBytes(db_, "SELECT count(*), coalesce(sum(length(body)), 0) FROM reference_rows");
  const auto forms =
      countAndBytes(db_, "SELECT count(*), coalesce(sum(length(body)), 0) FROM form_definitions");
  usage.records = records.count;
  usage.recordBytes = records.bytes;
  usage.drafts = drafts.count;
  usage.draftBytes = drafts.bytes;
  usage.photos = photos.count;
  usage.photoBytes = photos.bytes;
  usage.referenceRows = reference.count;
  usage.referenceBytes = reference.bytes + forms.bytes;
  usage.forms = forms.count;
  return usage;
}

OutboxSize SqliteLocalStore::outboxSizeFor(const std::string& author) const {
  auto stmt = db_.prepare(
      "SELECT count(*), coalesce(sum(length(r.body)), 0) FROM outbox o JOIN records r ON "
      "r.uuid = o.uuid WHERE o.state IN ('queued', 'failed', 'sending') AND (?1 = '' OR "
      "r.author = ?1)");
  stmt.bind(1, author);
  if (!stmt.step()) db_.fail("measuring what waits to be sent");
  return {static_cast<int>(stmt.int64(0)), static_cast<std::uint64_t>(stmt.int64(1))};
}

}  // namespace phum::store
