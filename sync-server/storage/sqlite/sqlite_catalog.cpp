// Published forms and reference data of the SQLite adapter.
#include "core/canonical_bytes.h"
#include "core/errors.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

bool SqliteCatalog::insertFormIfAbsent(const phum::v1::FormDefinition& form, std::string_view bytes,
                                       std::int64_t publishedAtMs) {
  phum::sqlite::Statement insert(
      db_,
      "INSERT INTO forms (form_id, version, title, definition, published_at_ms)"
      " VALUES (?, ?, ?, ?, ?) ON CONFLICT (form_id, version) DO NOTHING");
  insert.bind(1, form.form_id()).bind(2, form.version()).bind(3, form.title());
  insert.bindBlob(4, bytes).bind(5, publishedAtMs).run();
  return db_.changes() == 1;
}

std::optional<std::string> SqliteCatalog::formBytes(std::string_view formId,
                                                    std::string_view version) {
  phum::sqlite::Statement query(db_,
                                "SELECT definition FROM forms WHERE form_id = ? AND version = ?");
  query.bind(1, formId).bind(2, version);
  if (!query.step()) return std::nullopt;
  return query.blob(0);
}

std::optional<phum::v1::FormDefinition> SqliteCatalog::form(std::string_view formId,
                                                            std::string_view version) {
  const auto bytes = formBytes(formId, version);
  if (!bytes) return std::nullopt;
  phum::v1::FormDefinition form;
  if (!form.ParseFromString(*bytes)) {
    throw StorageError("server database " + db_.path() + ": the stored form " +
                       std::string(formId) + " version " + std::string(version) +
                       " is corrupt; publish it again under a new version");
  }
  return form;
}

std::vector<PublishedForm> SqliteCatalog::forms() {
  phum::sqlite::Statement query(db_,
                                "SELECT form_id, version, title, published_at_ms FROM forms"
                                " ORDER BY form_id, published_at_ms");
  std::vector<PublishedForm> forms;
  while (query.step()) {
    forms.push_back({query.text(0), query.text(1), query.text(2), query.int64(3)});
  }
  return forms;
}

void SqliteCatalog::writeReferenceRows(std::string_view dataset,
                                       const std::vector<const phum::v1::ReferenceRow*>& rows) {
  phum::sqlite::Statement upsert(db_,
                                 "INSERT INTO reference_rows (dataset, key, row) VALUES (?, ?, ?)"
                                 " ON CONFLICT (dataset, key) DO UPDATE SET row = excluded.row");
  phum::sqlite::Statement remove(db_, "DELETE FROM reference_rows WHERE dataset = ? AND key = ?");
  for (const auto* row : rows) {
    phum::sqlite::Statement& statement = row->deleted() ? remove : upsert;
    statement.reset();
    statement.bind(1, dataset).bind(2, row->key());
    if (!row->deleted()) statement.bindBlob(3, canonicalBytes(*row));
    statement.run();
  }
}

void SqliteCatalog::markDatasetChanged(std::string_view dataset, std::uint64_t changeSeq) {
  phum::sqlite::Statement mark(
      db_,
      "INSERT INTO reference_datasets (dataset, last_change_seq) VALUES (?, ?)"
      " ON CONFLICT (dataset) DO UPDATE SET last_change_seq = excluded.last_change_seq");
  mark.bind(1, dataset).bind(2, static_cast<std::int64_t>(changeSeq)).run();
}

std::vector<phum::v1::ReferenceRow> SqliteCatalog::referenceRows(std::string_view dataset) {
  phum::sqlite::Statement query(
      db_, "SELECT key, row FROM reference_rows WHERE dataset = ? ORDER BY key");
  query.bind(1, dataset);
  std::vector<phum::v1::ReferenceRow> rows;
  while (query.step()) {
    phum::v1::ReferenceRow row;
    if (!row.ParseFromString(query.blob(1))) {
      throw StorageError("server database " + db_.path() + ": reference row '" + query.text(0) +
                         "' of " + std::string(dataset) + " is corrupt; import the dataset again");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<ReferenceDatasetInfo> SqliteCatalog::datasets() {
  phum::sqlite::Statement query(
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

}  // namespace phum::server::storage
