#include "store/store_encryption.h"

#include <sodium.h>

#include <tuple>
#include <vector>

#include "core/errors.h"
#include "core/hex.h"
#include "crypto/encrypted_value.h"
#include "store/local_store.h"
#include "store/sync_state_rows.h"

namespace phum::store {
namespace {

std::string rawOf(const std::string& hex, const std::string& path) {
  std::string raw(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != crypto::kKeyIdBytes) {
    throw StorageError("The local database " + path +
                       " names its data key wrongly. Report this tablet to an administrator.");
  }
  return raw;
}

// Encrypts, row by row, the column `column` of `table` where it is still in clear. `keyColumn`
// identifies the row (and its context, made by `context`).
int encryptColumn(sqlite::Database& db, const std::string& keyId, const std::string& table,
                  const std::string& keyColumn, const std::string& column,
                  std::string (*context)(std::string_view)) {
  std::vector<std::pair<std::string, std::string>> rows;
  {
    auto select = db.prepare("SELECT " + keyColumn + ", " + column + " FROM " + table);
    while (select.step()) {
      std::string value = select.blob(1);
      if (!crypto::isEncrypted(value)) rows.emplace_back(select.blob(0), std::move(value));
    }
  }
  auto update =
      db.prepare("UPDATE " + table + " SET " + column + " = ?1 WHERE " + keyColumn + " = ?2");
  for (const auto& [id, value] : rows) {
    update.reset();
    update.bindBlob(1, crypto::encryptValue(keyId, value, context(id))).bindBlob(2, id).run();
  }
  return static_cast<int>(rows.size());
}

}  // namespace

std::string joined(std::string_view what, char separator, std::string_view id) {
  std::string out(what);
  out += separator;
  out += id;
  return out;
}

std::string recordBodyContext(std::string_view uuid) { return joined("records.body", ':', uuid); }
std::string recordTitleContext(std::string_view uuid) { return joined("records.title", ':', uuid); }
std::string draftAnswersContext(std::string_view id) { return joined("drafts.answers", ':', id); }
std::string reviewContext(std::string_view recordUuid) {
  return joined("review_decisions.body", ':', recordUuid);
}
std::string syncValueContext(std::string_view key) { return joined("sync_state", ':', key); }

bool isSecretSyncKey(std::string_view key) { return key == kDeviceSecretKey; }

std::string dataKeyId(sqlite::Database& db) {
  const auto hex = readSyncRow(db, kDataKeyIdKey);
  if (!hex) return {};
  return rawOf(*hex, db.path());
}

void setDataKeyId(sqlite::Database& db, const std::string& keyId) {
  writeSyncRow(db, kDataKeyIdKey, hexOf(keyId), SyncRowType::Text);
}

int encryptPlaintextValues(sqlite::Database& db, const std::string& keyId, bool sensitiveOnly) {
  int count = 0;
  {
    // Only the secret keys: the rest of sync_state is bookkeeping (cursors, settings).
    std::vector<std::string> keys;
    auto select = db.prepare("SELECT key, value FROM sync_state");
    while (select.step())
      // A sealed secret waits for resealSecretValues (it is not in clear).
      if (isSecretSyncKey(select.text(0)) && !crypto::isEncrypted(select.blob(1)) &&
          !isSealed(select.blob(1)))
        keys.push_back(select.text(0));
    for (const auto& key : keys) {
      const auto plain = readSyncRow(db, key).value_or("");
      writeSyncRow(db, key, crypto::encryptValue(keyId, plain, syncValueContext(key)),
                   SyncRowType::Blob);
      ++count;
    }
  }
  if (sensitiveOnly) return count;
  count += encryptColumn(db, keyId, "records", "uuid", "body", recordBodyContext);
  count += encryptColumn(db, keyId, "records", "uuid", "title", recordTitleContext);
  count += encryptColumn(db, keyId, "drafts", "id", "answers", draftAnswersContext);
  // Reviews are keyed by seq; their context is the record they are about.
  std::vector<std::tuple<std::int64_t, std::string, std::string>> reviews;
  {
    auto select = db.prepare("SELECT seq, record_uuid, body FROM review_decisions");
    while (select.step()) {
      std::string body = select.blob(2);
      if (!crypto::isEncrypted(body))
        reviews.emplace_back(select.int64(0), select.blob(1), std::move(body));
    }
  }
  auto update = db.prepare("UPDATE review_decisions SET body = ?1 WHERE seq = ?2");
  for (const auto& [seq, uuid, body] : reviews) {
    update.reset();
    update.bindBlob(1, crypto::encryptValue(keyId, body, reviewContext(uuid))).bind(2, seq).run();
  }
  return count + static_cast<int>(reviews.size());
}

void dropOldPages(sqlite::Database& db) {
  auto checkpoint = db.prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  while (checkpoint.step()) {
  }
}

std::string revealed(std::string stored, std::string_view context) {
  if (isSealed(stored)) {
    // Written while the data key was locked; the unlock that opens the key re-encrypts it.
    throw crypto::LockedError(
        "This tablet was enrolled again while it was locked. Unlock it with your PIN, or sign in "
        "with your password.");
  }
  if (!crypto::isEncrypted(stored)) return stored;
  try {
    return crypto::decryptValue(stored, context);
  } catch (const crypto::LockedError&) {
    throw;
  } catch (const crypto::CryptoError& error) {
    throw StorageError(error.what());
  }
}

std::string concealed(const std::string& keyId, std::string_view plain, std::string_view context) {
  if (keyId.empty()) return std::string(plain);
  return crypto::encryptValue(keyId, plain, context);
}

}  // namespace phum::store
