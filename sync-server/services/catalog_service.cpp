#include "services/catalog_service.h"

#include <algorithm>

#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "core/errors.h"
#include "services/feed_service.h"

namespace phum::server {

std::string publishMessage(const phum::v1::FormDefinition& form, PublishOutcome outcome) {
  switch (outcome) {
    case PublishOutcome::Published:
      return "published " + form.form_id() + " version " + form.version();
    case PublishOutcome::AlreadyPublished:
      return form.form_id() + " version " + form.version() +
             " is already published with the same content; nothing to do";
    case PublishOutcome::DifferentContent:
      break;
  }
  return "version " + form.version() + " of " + form.form_id() +
         " is already published with different content; raise the version in the settings sheet";
}

namespace {

// The audit detail of a reference-data change: how many rows it wrote and removed, and its seq.
std::string deltaSummary(const phum::v1::ReferenceDelta& delta, std::uint64_t seq) {
  const auto removed = static_cast<int>(std::count_if(
      delta.rows().begin(), delta.rows().end(), [](const auto& row) { return row.deleted(); }));
  return std::to_string(delta.rows_size() - removed) + " row(s) added or changed, " +
         std::to_string(removed) + " removed; change " + std::to_string(seq);
}

}  // namespace

CatalogService::CatalogService(storage::Database& db) : db_(db) {}

PublishOutcome CatalogService::publishForm(const phum::v1::FormDefinition& form,
                                           const std::optional<AuditOrigin>& origin) {
  const std::string bytes = canonicalBytes(form);  // same form, same bytes
  return storage::write(db_, [&](storage::Transaction& tx) {
    auto& catalog = tx.catalog();
    // Claims (form_id, version): a concurrent publisher of the same version waits until the first
    // commits, then finds its row.
    if (!catalog.insertFormIfAbsent(form, bytes, nowMillis())) {
      const auto stored = catalog.formBytes(form.form_id(), form.version());
      if (!stored) {
        throw StorageError("form " + form.form_id() + " version " + form.version() +
                           " conflicted on insert but cannot be read back");
      }
      return *stored == bytes ? PublishOutcome::AlreadyPublished : PublishOutcome::DifferentContent;
    }
    phum::v1::Change change;
    *change.mutable_form() = form;
    appendChange(tx, change, {});
    if (origin) {
      AuditLog::append(
          tx, origin->event("form_published", form.form_id(), "version " + form.version()));
    }
    return PublishOutcome::Published;
  });
}

std::optional<phum::v1::FormDefinition> CatalogService::findForm(const std::string& formId,
                                                                 const std::string& version) const {
  return storage::read(
      db_, [&](storage::Transaction& tx) { return tx.catalog().form(formId, version); });
}

std::vector<PublishedForm> CatalogService::listForms() const {
  return storage::read(db_, [](storage::Transaction& tx) { return tx.catalog().forms(); });
}

std::uint64_t CatalogService::applyReferenceDelta(const phum::v1::ReferenceDelta& delta,
                                                  const std::optional<AuditOrigin>& origin) {
  // Rows in key order, so two instances applying overlapping deltas lock them in the same order
  // and cannot deadlock; stable, so a key listed twice keeps its last state.
  std::vector<const phum::v1::ReferenceRow*> rows;
  for (const auto& row : delta.rows()) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->key() < b->key(); });
  return storage::write(db_, [&](storage::Transaction& tx) {
    tx.catalog().writeReferenceRows(delta.dataset(), rows);
    phum::v1::Change change;
    *change.mutable_reference() = delta;
    const std::uint64_t seq = appendChange(tx, change, {});
    // The feed keeps appends in commit order, so the marks land in seq order too.
    tx.catalog().markDatasetChanged(delta.dataset(), seq);
    if (origin) {
      AuditLog::append(
          tx, origin->event("reference_data_changed", delta.dataset(), deltaSummary(delta, seq)));
    }
    return seq;
  });
}

std::vector<phum::v1::ReferenceRow> CatalogService::referenceRows(
    const std::string& dataset) const {
  return storage::read(
      db_, [&](storage::Transaction& tx) { return tx.catalog().referenceRows(dataset); });
}

std::vector<ReferenceDatasetInfo> CatalogService::listReferenceDatasets() const {
  return storage::read(db_, [](storage::Transaction& tx) { return tx.catalog().datasets(); });
}

}  // namespace phum::server
