#pragma once
// Importing reference data (gazetteer, agencies, crossing points, referral directory) into the
// catalogue: only what changed goes on the change feed, as one delta per dataset, so devices on
// 2G download a few rows instead of the whole gazetteer. phum-admin refdata import and the
// console's upload both come through here and report the same way.
#include <cstdint>
#include <optional>
#include <string>

#include "refdata/dataset.h"
#include "refdata/delta.h"
#include "services/catalog_service.h"

namespace phum::server {

struct ReferenceImport {
  std::string dataset;
  std::size_t rows = 0;              // rows in the imported file
  refdata::DatasetDiff diff;         // against the server's copy before the import
  std::optional<std::uint64_t> seq;  // the change that carries it; nothing when unchanged

  // "gazetteer: 3 added, 1 changed, 0 deleted (change 42)" or "gazetteer: unchanged (14 rows)".
  std::string summary() const;
};

// The server's copy of a dataset, as the devices that followed the feed hold it.
refdata::Dataset storedDataset(const CatalogService& catalog, const std::string& name);

// Stores the difference between the server's copy and `imported` (already validated), audited as
// by `origin` when one is given (CatalogService::applyReferenceDelta).
ReferenceImport importReferenceDataset(CatalogService& catalog, const refdata::Dataset& imported,
                                       const std::optional<AuditOrigin>& origin = std::nullopt);

}  // namespace phum::server
