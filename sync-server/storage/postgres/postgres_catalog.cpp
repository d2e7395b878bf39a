// Published forms, reference data and account revocation of the PostgreSQL backend, with the
// semantics of sqlite_catalog.cpp. Several server instances (and phum-admin) may share the
// database: unique keys and row locks decide races, never an in-process lock.
#include <algorithm>

#include "core/canonical_bytes.h"
#include "core/clock.h"
#include "storage/postgres/postgres_database.h"

namespace phum::server {

PublishOutcome PostgresStore::publishForm(const phum::v1::FormDefinition& form) {
  const std::string bytes = canonicalBytes(form);
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    // Claim (form_id, version). A concurrent publisher of the same version waits here until
    // the first commits, then finds its row: exactly one of them is Published.
    const pg::Result claimed = db.exec(
        "INSERT INTO forms (form_id, version, title, definition, published_at_ms)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (form_id, version) DO NOTHING"
        " RETURNING published_at_ms",
        pg::Params()
            .text(form.form_id())
            .text(form.version())
            .text(form.title())
            .bytes(bytes)
            .integer(nowMillis()));
    if (claimed.rows() == 0) {
      const pg::Result existing =
          db.exec("SELECT definition FROM forms WHERE form_id = $1 AND version = $2",
                  pg::Params().text(form.form_id()).text(form.version()));
      if (existing.rows() != 1) {
        throw StorageError(db.describe() + ": form " + form.form_id() + " version " +
                           form.version() + " conflicted on insert but cannot be read back");
      }
      return existing.bytes(0, 0) == bytes ? PublishOutcome::AlreadyPublished
                                           : PublishOutcome::DifferentContent;
    }
    phum::v1::Change change;
    *change.mutable_form() = form;
    appendChangeIn(db, change, {});
    return PublishOutcome::Published;
  });
}

std::optional<phum::v1::FormDefinition> PostgresStore::findForm(const std::string& formId,
                                                                const std::string& version) const {
  auto db = pool_.acquire();
  const pg::Result rows =
      db->exec("SELECT definition FROM forms WHERE form_id = $1 AND version = $2",
               pg::Params().text(formId).text(version));
  if (rows.rows() == 0) return std::nullopt;
  phum::v1::FormDefinition form;
  if (!form.ParseFromString(rows.bytes(0, 0))) {
    throw StorageError(db->describe() + ": the stored form " + formId + " version " + version +
                       " is corrupt; publish it again under a new version");
  }
  return form;
}

std::vector<PublishedForm> PostgresStore::listForms() const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT form_id, version, title, published_at_ms FROM forms"
      " ORDER BY form_id, published_at_ms");
  std::vector<PublishedForm> forms;
  for (int row = 0; row < rows.rows(); ++row) {
    forms.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.int64(row, 3)});
  }
  return forms;
}

std::uint64_t PostgresStore::applyReferenceDelta(const phum::v1::ReferenceDelta& delta) {
  // Rows in key order, so two instances applying overlapping deltas lock them in the same order
  // and cannot deadlock; stable, so a key listed twice keeps its last state.
  std::vector<const phum::v1::ReferenceRow*> rows;
  for (const auto& row : delta.rows()) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->key() < b->key(); });
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    for (const auto* row : rows) {
      if (row->deleted()) {
        db.exec("DELETE FROM reference_rows WHERE dataset = $1 AND key = $2",
                pg::Params().text(delta.dataset()).text(row->key()));
      } else {
        db.exec(
            "INSERT INTO reference_rows (dataset, key, row) VALUES ($1, $2, $3)"
            " ON CONFLICT (dataset, key) DO UPDATE SET row = excluded.row",
            pg::Params().text(delta.dataset()).text(row->key()).bytes(canonicalBytes(*row)));
      }
    }
    phum::v1::Change change;
    *change.mutable_reference() = delta;
    const std::uint64_t seq = appendChangeIn(db, change, {});
    // The feed lock taken by appendChangeIn is held until COMMIT, so marks land in seq order.
    db.exec(
        "INSERT INTO reference_datasets (dataset, last_change_seq) VALUES ($1, $2)"
        " ON CONFLICT (dataset) DO UPDATE SET last_change_seq = excluded.last_change_seq",
        pg::Params().text(delta.dataset()).integer(static_cast<std::int64_t>(seq)));
    return seq;
  });
}

std::vector<phum::v1::ReferenceRow> PostgresStore::referenceRows(const std::string& dataset) const {
  auto db = pool_.acquire();
  const pg::Result rows =
      db->exec("SELECT key, row FROM reference_rows WHERE dataset = $1 ORDER BY key",
               pg::Params().text(dataset));
  std::vector<phum::v1::ReferenceRow> result;
  result.reserve(static_cast<std::size_t>(rows.rows()));
  for (int index = 0; index < rows.rows(); ++index) {
    phum::v1::ReferenceRow row;
    if (!row.ParseFromString(rows.bytes(index, 1))) {
      throw StorageError(db->describe() + ": reference row '" + rows.text(index, 0) + "' of " +
                         dataset + " is corrupt; import the dataset again");
    }
    result.push_back(std::move(row));
  }
  return result;
}

std::vector<ReferenceDatasetInfo> PostgresStore::listReferenceDatasets() const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT d.dataset, (SELECT count(*) FROM reference_rows r WHERE r.dataset = d.dataset),"
      " d.last_change_seq FROM reference_datasets d ORDER BY d.dataset");
  std::vector<ReferenceDatasetInfo> datasets;
  for (int row = 0; row < rows.rows(); ++row) {
    datasets.push_back(
        {rows.text(row, 0), rows.int64(row, 1), static_cast<std::uint64_t>(rows.int64(row, 2))});
  }
  return datasets;
}

bool PostgresStore::disableAccount(const std::string& username) {
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    // FOR UPDATE: two instances disabling the same user at once append one revocation.
    const pg::Result rows = db.exec("SELECT disabled FROM accounts WHERE username = $1 FOR UPDATE",
                                    pg::Params().text(username));
    if (rows.rows() == 0) return false;
    if (!rows.boolean(0, 0)) {
      db.exec("UPDATE accounts SET disabled = true WHERE username = $1",
              pg::Params().text(username));
      db.exec("DELETE FROM sessions WHERE username = $1", pg::Params().text(username));
      phum::v1::Change change;
      change.mutable_revocation()->set_username(username);
      appendChangeIn(db, change, {});
    }
    return true;
  });
}

}  // namespace phum::server
