// The tablet's drafts: interviews saved answer by answer until they are finalized into a record.
#include "core/errors.h"
#include "store/sqlite_local_store.h"
#include "store/store_encryption.h"

namespace phum::store {
namespace {

constexpr const char* kColumns =
    "id, record_uuid, corrects_revision, form_id, form_version, author, page, created_at_ms, "
    "updated_at_ms, answers";

Uuid uuidColumn(const sqlite::Statement& row, int column, const std::string& path) {
  auto uuid = Uuid::fromBytes(row.blob(column));
  if (!uuid)
    throw StorageError("The local database " + path + " holds a draft without a valid id.");
  return *uuid;
}

Draft readDraft(const sqlite::Statement& row, const std::string& path) {
  Draft draft;
  draft.id = uuidColumn(row, 0, path);
  draft.recordUuid = uuidColumn(row, 1, path);
  draft.correctsRevision = static_cast<std::uint32_t>(row.int64(2));
  draft.formId = row.text(3);
  draft.formVersion = row.text(4);
  draft.author = row.text(5);
  draft.page = row.text(6);
  draft.createdAtMs = row.int64(7);
  draft.updatedAtMs = row.int64(8);
  draft.answers = revealed(row.blob(9), draftAnswersContext(row.blob(0)));
  return draft;
}

}  // namespace

void SqliteLocalStore::saveDraft(const Draft& draft) {
  const std::string answers =
      concealed(keyId(), draft.answers, draftAnswersContext(draft.id.toBytes()));
  sqlite::WriteTransaction tx(db_);
  db_.prepare(
         "INSERT INTO drafts (id, record_uuid, corrects_revision, form_id, form_version, author, "
         "page, created_at_ms, updated_at_ms, answers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
         "?10) ON CONFLICT (id) DO UPDATE SET record_uuid = ?2, corrects_revision = ?3, "
         "form_id = ?4, form_version = ?5, author = ?6, page = ?7, created_at_ms = ?8, "
         "updated_at_ms = ?9, answers = ?10")
      .bindBlob(1, draft.id.toBytes())
      .bindBlob(2, draft.recordUuid.toBytes())
      .bind(3, std::int64_t{draft.correctsRevision})
      .bind(4, draft.formId)
      .bind(5, draft.formVersion)
      .bind(6, draft.author)
      .bind(7, draft.page)
      .bind(8, draft.createdAtMs)
      .bind(9, draft.updatedAtMs)
      .bindBlobBorrowed(10, answers)
      .run();
  tx.commit();
}

std::optional<Draft> SqliteLocalStore::findDraft(const Uuid& id) const {
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns + " FROM drafts WHERE id = ?1");
  stmt.bindBlob(1, id.toBytes());
  if (!stmt.step()) return std::nullopt;
  return readDraft(stmt, db_.path());
}

std::vector<Draft> SqliteLocalStore::listDrafts(const std::string& author) const {
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns +
                          " FROM drafts WHERE author = ?1 ORDER BY updated_at_ms DESC, id");
  stmt.bind(1, author);
  std::vector<Draft> out;
  while (stmt.step()) out.push_back(readDraft(stmt, db_.path()));
  return out;
}

std::optional<Draft> SqliteLocalStore::draftForRecord(const Uuid& recordUuid,
                                                      const std::string& author) const {
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns +
                          " FROM drafts WHERE record_uuid = ?1 AND author = ?2 "
                          "ORDER BY updated_at_ms DESC LIMIT 1");
  stmt.bindBlob(1, recordUuid.toBytes()).bind(2, author);
  if (!stmt.step()) return std::nullopt;
  return readDraft(stmt, db_.path());
}

bool SqliteLocalStore::deleteDraft(const Uuid& id) {
  sqlite::WriteTransaction tx(db_);
  db_.prepare("DELETE FROM drafts WHERE id = ?1").bindBlob(1, id.toBytes()).run();
  const bool deleted = db_.changes() > 0;
  tx.commit();
  return deleted;
}

phum::v1::Record SqliteLocalStore::finalizeDraft(const Uuid& draftId, phum::v1::Record record) {
  return finalizeDraft(draftId, std::move(record), {}, {});
}

phum::v1::Record SqliteLocalStore::finalizeDraft(const Uuid& draftId, phum::v1::Record record,
                                                 const std::string& title,
                                                 std::vector<AttachmentInfo> attachments) {
  sqlite::WriteTransaction tx(db_);
  record = saveRecordInTransaction(std::move(record), title);
  const auto recordUuid = Uuid::fromBytes(record.uuid());
  for (auto& attachment : attachments) {
    attachment.recordUuid = *recordUuid;
    addAttachmentInTransaction(attachment);
  }
  db_.prepare("DELETE FROM drafts WHERE id = ?1").bindBlob(1, draftId.toBytes()).run();
  tx.commit();
  return record;
}

}  // namespace phum::store
