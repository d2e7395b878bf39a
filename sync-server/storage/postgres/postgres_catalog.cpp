// Published forms and reference data of the PostgreSQL adapter. Several server instances (and
// phum-admin) may share the database: unique keys and row locks decide races.
#include "core/canonical_bytes.h"
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

bool PostgresCatalog::insertFormIfAbsent(const phum::v1::FormDefinition& form,
                                         std::string_view bytes, std::int64_t publishedAtMs) {
  // A concurrent insert of the same version waits here until the first commits.
  const pg::Result claimed = db_.exec(
      "INSERT INTO forms (form_id, version, title, definition, published_at_ms)"
      " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (form_id, version) DO NOTHING"
      " RETURNING published_at_ms",
      pg::Params()
          .text(form.form_id())
          .text(form.version())
          .text(form.title())
          .bytes(bytes)
          .integer(publishedAtMs));
  return claimed.rows() == 1;
}

std::optional<std::string> PostgresCatalog::formBytes(std::string_view formId,
                                                      std::string_view version) {
  const pg::Result rows =
      db_.exec("SELECT definition FROM forms WHERE form_id = $1 AND version = $2",
               pg::Params().text(formId).text(version));
  if (rows.rows() == 0) return std::nullopt;
  return rows.bytes(0, 0);
}

std::optional<phum::v1::FormDefinition> PostgresCatalog::form(std::string_view formId,
                                                              std::string_view version) {
  const auto bytes = formBytes(formId, version);
  if (!bytes) return std::nullopt;
  phum::v1::FormDefinition form;
  if (!form.ParseFromString(*bytes)) {
    throw StorageError(db_.describe() + ": the stored form " + std::string(formId) + " version " +
                       std::string(version) + " is corrupt; publish it again under a new version");
  }
  return form;
}

std::vector<PublishedForm> PostgresCatalog::forms() {
  const pg::Result rows = db_.exec(
      "SELECT form_id, version, title, published_at_ms FROM forms"
      " ORDER BY form_id, published_at_ms");
  std::vector<PublishedForm> forms;
  for (int row = 0; row < rows.rows(); ++row) {
    forms.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.int64(row, 3)});
  }
  return forms;
}

void PostgresCatalog::writeReferenceRows(std::string_view dataset,
                                         const std::vector<const phum::v1::ReferenceRow*>& rows) {
  for (const auto* row : rows) {
    if (row->deleted()) {
      db_.exec("DELETE FROM reference_rows WHERE dataset = $1 AND key = $2",
               pg::Params().text(dataset).text(row->key()));
    } else {
      db_.exec(
          "INSERT INTO reference_rows (dataset, key, row) VALUES ($1, $2, $3)"
          " ON CONFLICT (dataset, key) DO UPDATE SET row = excluded.row",
          pg::Params().text(dataset).text(row->key()).bytes(canonicalBytes(*row)));
    }
  }
}

void PostgresCatalog::markDatasetChanged(std::string_view dataset, std::uint64_t changeSeq) {
  db_.exec(
      "INSERT INTO reference_datasets (dataset, last_change_seq) VALUES ($1, $2)"
      " ON CONFLICT (dataset) DO UPDATE SET last_change_seq = excluded.last_change_seq",
      pg::Params().text(dataset).integer(static_cast<std::int64_t>(changeSeq)));
}

std::vector<phum::v1::ReferenceRow> PostgresCatalog::referenceRows(std::string_view dataset) {
  const pg::Result rows =
      db_.exec("SELECT key, row FROM reference_rows WHERE dataset = $1 ORDER BY key",
               pg::Params().text(dataset));
  std::vector<phum::v1::ReferenceRow> result;
  result.reserve(static_cast<std::size_t>(rows.rows()));
  for (int index = 0; index < rows.rows(); ++index) {
    phum::v1::ReferenceRow row;
    if (!row.ParseFromString(rows.bytes(index, 1))) {
      throw StorageError(db_.describe() + ": reference row '" + rows.text(index, 0) + "' of " +
                         std::string(dataset) + " is corrupt; import the dataset again");
    }
    result.push_back(std::move(row));
  }
  return result;
}

std::vector<ReferenceDatasetInfo> PostgresCatalog::datasets() {
  const pg::Result rows = db_.exec(
      "SELECT d.dataset, (SELECT count(*) FROM reference_rows r WHERE r.dataset = d.dataset),"
      " d.last_change_seq FROM reference_datasets d ORDER BY d.dataset");
  std::vector<ReferenceDatasetInfo> datasets;
  for (int row = 0; row < rows.rows(); ++row) {
    datasets.push_back(
        {rows.text(row, 0), rows.int64(row, 1), static_cast<std::uint64_t>(rows.int64(row, 2))});
  }
  return datasets;
}

}  // namespace phum::server::storage
