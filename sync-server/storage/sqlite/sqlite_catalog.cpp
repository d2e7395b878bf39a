// Published forms, reference data and account revocation: the SQLite backend (the PostgreSQL one
// is postgres/postgres_catalog.cpp, with the same semantics).
#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "core/errors.h"
#include "storage/sqlite/sqlite_database.h"

namespace phum::server {

PublishOutcome SqliteStore::publishForm(const phum::v1::FormDefinition& form) {
  const std::string bytes = canonicalBytes(form);
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement existing(db_, "SELECT definition FROM forms WHERE form_id = ? AND version = ?");
  existing.bind(1, form.form_id()).bind(2, form.version());
  if (existing.step()) {
    return existing.blob(0) == bytes ? PublishOutcome::AlreadyPublished
                                     : PublishOutcome::DifferentContent;
  }
  sqlite::Statement insert(
      db_,
      "INSERT INTO forms (form_id, version, title, definition, published_at_ms)"
      " VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, form.form_id()).bind(2, form.version()).bind(3, form.title());
  insert.bindBlob(4, bytes).bind(5, nowMillis()).run();
  phum::v1::Change change;
  *change.mutable_form() = form;
  appendChangeLocked(change, {});
  tx.commit();
  return PublishOutcome::Published;
}

std::optional<phum::v1::FormDefinition> SqliteStore::findForm(const std::string& formId,
                                                              const std::string& version) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_, "SELECT definition FROM forms WHERE form_id = ? AND version = ?");
  query.bind(1, formId).bind(2, version);
  if (!query.step()) return std::nullopt;
  phum::v1::FormDefinition form;
  if (!form.ParseFromString(query.blob(0))) {
    throw StorageError("server database " + db_.path() + ": the stored form " + formId +
                       " version " + version + " is corrupt; publish it again under a new version");
  }
  return form;
}

std::vector<PublishedForm> SqliteStore::listForms() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT form_id, version, title, published_at_ms FROM forms"
                          " ORDER BY form_id, published_at_ms");
  std::vector<PublishedForm> forms;
  while (query.step()) {
    forms.push_back({query.text(0), query.text(1), query.text(2), query.int64(3)});
  }
  return forms;
}

std::uint64_t SqliteStore::applyReferenceDelta(const phum::v1::ReferenceDelta& delta) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement upsert(db_,
                           "INSERT INTO reference_rows (dataset, key, row) VALUES (?, ?, ?)"
                           " ON CONFLICT (dataset, key) DO UPDATE SET row = excluded.row");
  sqlite::Statement remove(db_, "DELETE FROM reference_rows WHERE dataset = ? AND key = ?");
  for (const auto& row : delta.rows()) {
    sqlite::Statement& statement = row.deleted() ? remove : upsert;
    statement.reset();
    statement.bind(1, delta.dataset()).bind(2, row.key());
    if (!row.deleted()) statement.bindBlob(3, canonicalBytes(row));
    statement.run();
  }
  phum::v1::Change change;
  *change.mutable_reference() = delta;
  const std::uint64_t seq = appendChangeLocked(change, {});
  sqlite::Statement mark(
      db_,
      "INSERT INTO reference_datasets (dataset, last_change_seq) VALUES (?, ?)"
      " ON CONFLICT (dataset) DO UPDATE SET last_change_seq = excluded.last_change_seq");
  mark.bind(1, delta.dataset()).bind(2, static_cast<std::int64_t>(seq)).run();
  tx.commit();
  return seq;
}

std::vector<phum::v1::ReferenceRow> SqliteStore::referenceRows(const std::string& dataset) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT key, row FROM reference_rows WHERE dataset = ? ORDER BY key");
  query.bind(1, dataset);
  std::vector<phum::v1::ReferenceRow> rows;
  while (query.step()) {
    phum::v1::ReferenceRow row;
    if (!row.ParseFromString(query.blob(1))) {
      throw StorageError("server database " + db_.path() + ": reference row '" + query.text(0) +
                         "' of " + dataset + " is corrupt; import the dataset again");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<ReferenceDatasetInfo> SqliteStore::listReferenceDatasets() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(
      db_,
      "SELECT d.dataset, (SELECT count(*) FROM reference_rows r"
      " WHERE r.dataset = d.dataset), d.last_change_seq FROM reference_datasets d"
      " ORDER BY d.dataset");
  std::vector<ReferenceDatasetInfo> datasets;
  while (query.step()) {
    datasets.push_back({query.text(0), query.int64(1), static_cast<std::uint64_t>(query.int64(2))});
  }
  return datasets;
}

bool SqliteStore::disableAccount(const std::string& username) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement exists(db_, "SELECT disabled FROM accounts WHERE username = ?");
  exists.bind(1, username);
  if (!exists.step()) return false;
  if (exists.int64(0) == 0) {
    sqlite::Statement disable(db_, "UPDATE accounts SET disabled = 1 WHERE username = ?");
    disable.bind(1, username).run();
    sqlite::Statement sessions(db_, "DELETE FROM sessions WHERE username = ?");
    sessions.bind(1, username).run();
    phum::v1::Change change;
    change.mutable_revocation()->set_username(username);
    appendChangeLocked(change, {});
  }
  tx.commit();
  return true;
}

}  // namespace phum::server
