// SqliteLocalStore: key/value sync state and the change feed's local caches.
#include <charconv>
#include <stdexcept>
#include <string>

#include "core/errors.h"
#include "crypto/data_key.h"
#include "store/sqlite_local_store.h"
#include "store/store_encryption.h"

namespace phum::store {
namespace {

template <typename Message>
Message parseCached(const std::string& body, const std::string& path, const char* what) {
  Message message;
  if (!message.ParseFromString(body)) {
    throw StorageError(std::string("Cached ") + what + " in the local database " + path +
                       " is damaged. Sync again to download it afresh.");
  }
  return message;
}

}  // namespace

std::optional<std::string> SqliteLocalStore::syncValue(const std::string& key) const {
  auto stmt = db_.prepare("SELECT value FROM sync_state WHERE key = ?1");
  stmt.bind(1, key);
  if (!stmt.step()) return std::nullopt;
  if (!isSecretSyncKey(key)) return stmt.text(0);
  return revealed(stmt.blob(0), syncValueContext(key));
}

void SqliteLocalStore::writeSyncValue(const std::string& key, const std::string& value) {
  auto stmt = db_.prepare(
      "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = ?2");
  stmt.bind(1, key);
  // A secret is encrypted, or sealed to the store's public key while the data key is locked
  // (store_encryption.h); in clear only on a store without a data key, or one whose key came
  // before the sealing key pair (until its next unlock).
  const std::string stored = isSecretSyncKey(key) ? protectedSecret(db_, key, value) : value;
  if (stored != value)
    stmt.bindBlob(2, stored);
  else
    stmt.bind(2, value);
  stmt.run();
}

void SqliteLocalStore::setSyncValue(const std::string& key, const std::string& value) {
  sqlite::WriteTransaction tx(db_);
  writeSyncValue(key, value);
  tx.commit();
}

void SqliteLocalStore::applyChange(const phum::v1::Change& change) {
  std::string body;
  if (change.has_form()) {
    change.form().SerializeToString(&body);
    db_.prepare(
           "INSERT OR REPLACE INTO form_definitions (form_id, version, body) VALUES (?1, ?2, ?3)")
        .bind(1, change.form().form_id())
        .bind(2, change.form().version())
        .bindBlob(3, body)
        .run();
  } else if (change.has_reference()) {
    const auto& delta = change.reference();
    for (const auto& row : delta.rows()) {
      if (row.deleted()) {
        db_.prepare("DELETE FROM reference_rows WHERE dataset = ?1 AND key = ?2")
            .bind(1, delta.dataset())
            .bind(2, row.key())
            .run();
        continue;
      }
      row.SerializeToString(&body);
      db_.prepare("INSERT OR REPLACE INTO reference_rows (dataset, key, body) VALUES (?1, ?2, ?3)")
          .bind(1, delta.dataset())
          .bind(2, row.key())
          .bindBlob(3, body)
          .run();
    }
  } else if (change.has_review()) {
    change.review().SerializeToString(&body);
    body = concealed(keyId(), body, reviewContext(change.review().record_uuid()));
    db_.prepare(
           "INSERT OR REPLACE INTO review_decisions (seq, record_uuid, body) VALUES (?1, ?2, ?3)")
        .bind(1, static_cast<std::int64_t>(change.seq()))
        .bindBlob(2, change.review().record_uuid())
        .bindBlob(3, body)
        .run();
    // A decision (not a mere comment) about the revision on the tablet marks the record, so the
    // list finds returned records in SQL. A later revision saved here clears it.
    const auto outcome = change.review().outcome();
    if (outcome == phum::v1::REVIEW_OUTCOME_APPROVED ||
        outcome == phum::v1::REVIEW_OUTCOME_RETURNED ||
        outcome == phum::v1::REVIEW_OUTCOME_REJECTED)
      db_.prepare("UPDATE records SET review_outcome = ?1 WHERE uuid = ?2 AND revision = ?3")
          .bind(1, std::int64_t{outcome})
          .bindBlob(2, change.review().record_uuid())
          .bind(3, std::int64_t{change.review().revision()})
          .run();
  } else if (change.has_revocation()) {
    const auto& r = change.revocation();
    writeSyncValue(
        r.has_device_id() ? "revoked.device." + r.device_id() : "revoked.user." + r.username(),
        std::to_string(change.seq()));
  }
  // An unknown kind (from a newer server) is skipped: the cursor still moves past it.
}

std::uint64_t SqliteLocalStore::changeCursor(const std::string& username) const {
  auto text = syncValue(changeCursorKey(username));
  if (!text || text->empty()) return 0;
  std::uint64_t cursor = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), cursor);
  // A damaged cursor costs a download from the start, never data.
  if (error != std::errc() || end != text->data() + text->size()) return 0;
  return cursor;
}

void SqliteLocalStore::applyChanges(const phum::v1::ChangeBatch& batch,
                                    const std::string& username) {
  sqlite::WriteTransaction tx(db_);
  // Read inside the write transaction: another user's pull cannot move it meanwhile.
  const std::uint64_t deviceCursor = changeCursor({});
  for (const auto& change : batch.changes()) {
    // Every change but a review reaches every user; in (0, device cursor] the tablet has it
    // already, and applying an old reference delta again would undo newer ones.
    const bool onTablet = change.seq() > 0 && change.seq() <= deviceCursor;
    if (!change.has_review() && onTablet) continue;
    applyChange(change);
  }
  writeSyncValue(changeCursorKey(username), std::to_string(batch.next_cursor()));
  if (!username.empty() && batch.next_cursor() > deviceCursor) {
    writeSyncValue(kChangeCursorKey, std::to_string(batch.next_cursor()));
  }
  tx.commit();
}

void SqliteLocalStore::resetChangeFeed() {
  sqlite::WriteTransaction tx(db_);
  db_.exec(
      "DELETE FROM form_definitions; DELETE FROM reference_rows; DELETE FROM review_decisions;");
  db_.prepare("DELETE FROM sync_state WHERE substr(key, 1, length(?1)) = ?1")
      .bind(1, std::string(kUserChangeCursorPrefix))
      .run();
  writeSyncValue(kChangeCursorKey, "0");
  tx.commit();
}

void SqliteLocalStore::restartChangeCursor(const std::string& username) {
  // The device cursor vouches for the caches; only resetChangeFeed may move it back.
  if (username.empty()) throw std::invalid_argument("restartChangeCursor needs a user name");
  setSyncValue(changeCursorKey(username), "0");
}

std::vector<phum::v1::FormDefinition> SqliteLocalStore::formDefinitions() const {
  auto stmt = db_.prepare("SELECT body FROM form_definitions ORDER BY form_id, version");
  std::vector<phum::v1::FormDefinition> out;
  while (stmt.step()) {
    out.push_back(parseCached<phum::v1::FormDefinition>(stmt.blob(0), db_.path(), "form"));
  }
  return out;
}

std::vector<phum::v1::ReferenceRow> SqliteLocalStore::referenceRows(
    const std::string& dataset) const {
  auto stmt = db_.prepare("SELECT body FROM reference_rows WHERE dataset = ?1 ORDER BY key");
  stmt.bind(1, dataset);
  std::vector<phum::v1::ReferenceRow> out;
  while (stmt.step()) {
    out.push_back(parseCached<phum::v1::ReferenceRow>(stmt.blob(0), db_.path(), "reference data"));
  }
  return out;
}

std::vector<phum::v1::ReviewDecision> SqliteLocalStore::reviewDecisions(
    const Uuid& recordUuid) const {
  auto stmt = db_.prepare("SELECT body FROM review_decisions WHERE record_uuid = ?1 ORDER BY seq");
  stmt.bindBlob(1, recordUuid.toBytes());
  std::vector<phum::v1::ReviewDecision> out;
  while (stmt.step()) {
    out.push_back(parseCached<phum::v1::ReviewDecision>(
        revealed(stmt.blob(0), reviewContext(recordUuid.toBytes())), db_.path(), "review"));
  }
  return out;
}

}  // namespace phum::store
