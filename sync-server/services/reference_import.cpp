#include "services/reference_import.h"

namespace phum::server {

std::string ReferenceImport::summary() const {
  if (!seq) return dataset + ": unchanged (" + std::to_string(rows) + " rows)";
  return dataset + ": " + std::to_string(diff.added.size()) + " added, " +
         std::to_string(diff.changed.size()) + " changed, " + std::to_string(diff.deleted.size()) +
         " deleted (change " + std::to_string(*seq) + ")";
}

refdata::Dataset storedDataset(const CatalogService& catalog, const std::string& name) {
  refdata::Dataset dataset;
  dataset.name = name;
  for (const auto& row : catalog.referenceRows(name)) {
    dataset.rows[row.key()] = refdata::RowColumns(row.columns().begin(), row.columns().end());
  }
  return dataset;
}

ReferenceImport importReferenceDataset(CatalogService& catalog, const refdata::Dataset& imported,
                                       const std::optional<AuditOrigin>& origin) {
  ReferenceImport result;
  result.dataset = imported.name;
  result.rows = imported.rows.size();
  const refdata::Dataset before = storedDataset(catalog, imported.name);
  result.diff = refdata::diffDatasets(before, imported);
  if (!result.diff.empty()) {
    result.seq = catalog.applyReferenceDelta(refdata::makeDelta(before, imported), origin);
  }
  return result;
}

}  // namespace phum::server
