#pragma once
// The catalogue the tablets download: published form versions and reference data (gazetteer,
// agencies, crossing points, referrals). Each change goes on the feed in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"
#include "services/audit_log.h"
#include "storage/database.h"

namespace phum::server {

using storage::PublishedForm;
using storage::ReferenceDatasetInfo;

enum class PublishOutcome {
  Published,         // stored, and a Change{form} appended to the feed
  AlreadyPublished,  // same id, version and content: nothing to do
  DifferentContent,  // same id and version, other content: refused
};

// What phum-admin prints and the console shows after a publish, e.g. "published F version V".
std::string publishMessage(const phum::v1::FormDefinition& form, PublishOutcome outcome);

class CatalogService {
 public:
  explicit CatalogService(storage::Database& db);

  // Stores the form by (form_id, version) and appends Change{form}, in one transaction, with the
  // audit entry `form_published` by `origin` when one is given. A version never changes once
  // published: of concurrent publishes of one version (any server instance), exactly one is
  // Published.
  PublishOutcome publishForm(const phum::v1::FormDefinition& form,
                             const std::optional<AuditOrigin>& origin = std::nullopt);
  // Read from the database every time (no cache), so forms published through another server
  // instance or phum-admin are found at once.
  std::optional<phum::v1::FormDefinition> findForm(const std::string& formId,
                                                   const std::string& version) const;
  // Ordered by form id, then publication time.
  std::vector<PublishedForm> listForms() const;

  // Upserts/deletes the delta's rows (a key listed twice keeps its last state), appends
  // Change{reference} and marks the dataset as changed by it, in one transaction, with the audit
  // entry `reference_data_changed` by `origin` when one is given. Returns the change's seq.
  std::uint64_t applyReferenceDelta(const phum::v1::ReferenceDelta& delta,
                                    const std::optional<AuditOrigin>& origin = std::nullopt);
  // Every stored row of the dataset (columns include the key column), ordered by key (bytewise).
  std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const;
  std::vector<ReferenceDatasetInfo> listReferenceDatasets() const;

 private:
  storage::Database& db_;
};

}  // namespace phum::server
