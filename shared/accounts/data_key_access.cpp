// The tablet's data key as users reach it: one random key per tablet encrypts every user's
// records, wrapped for each user by their PIN and by their password.
//
// Why one key for the tablet and not one per user: the device secret must be readable when any
// user signs in (the server binds sessions to the enrolled device), a second enumerator signs in
// on a tablet already in use, and a wipe or a retention purge works on every record at once. With
// one key per user the device secret would be locked by whichever user signed in first, and a new
// user could not sign in without them. The price: a user who knows their own PIN and has a copy of
// the file could decrypt a colleague's records on the same tablet (the app shows each only their
// own). Colleagues in one team share a tablet by choice; a thief has neither PIN nor password.
#include <sodium.h>

#include "accounts/accounts_internal.h"
#include "accounts/device_accounts.h"
#include "accounts/pin.h"
#include "core/errors.h"
#include "crypto/data_key.h"
#include "crypto/encrypted_value.h"
#include "crypto/key_wrap.h"
#include "sqlite/sqlite_db.h"
#include "store/store_encryption.h"

namespace phum::accounts {
namespace {

struct StoredWraps {
  std::string pin;
  std::string password;
};

std::optional<StoredWraps> readWraps(sqlite::Database& db, const std::string& username) {
  auto stmt = db.prepare(
      "SELECT pin_key_wrap, password_key_wrap FROM device_accounts WHERE username = ?1 AND "
      "revoked_at_ms = 0");
  stmt.bind(1, username);
  if (!stmt.step()) return std::nullopt;
  return StoredWraps{stmt.blob(0), stmt.blob(1)};
}

std::optional<crypto::DataKey> tryUnwrap(const std::string& wrap, const std::string& secret) {
  if (wrap.empty() || secret.empty()) return std::nullopt;
  return crypto::unwrapKey(wrap, secret);
}

// Session tokens still in clear (kept before encryption came) are encrypted in place.
int encryptSessionTokens(sqlite::Database& db, const std::string& keyId) {
  std::vector<std::pair<std::string, std::string>> tokens;
  {
    auto stmt = db.prepare("SELECT username, session_token FROM device_accounts");
    while (stmt.step()) {
      std::string token = stmt.blob(1);
      if (!token.empty() && !crypto::isEncrypted(token))
        tokens.emplace_back(stmt.text(0), std::move(token));
    }
  }
  auto update = db.prepare("UPDATE device_accounts SET session_token = ?1 WHERE username = ?2");
  for (const auto& [username, token] : tokens) {
    update.reset();
    update.bindBlob(1, crypto::encryptValue(keyId, token, sessionTokenContext(username)))
        .bind(2, username)
        .run();
  }
  return static_cast<int>(tokens.size());
}

}  // namespace

std::string sessionTokenContext(const std::string& username) {
  return "device_accounts.session_token:" + username;
}

bool DeviceAccounts::dataLocked() const {
  const std::string keyId = store::dataKeyId(*db_);
  return !keyId.empty() && !crypto::findKey(keyId);
}

void DeviceAccounts::openDataKey(const std::string& username, const std::string& password,
                                 const std::string& pin) {
  const auto digits = pinDigits(pin);
  const auto [keyId, newKey] = dataKeyForSignIn(username, password, digits.value_or(""));
  // A device secret sealed while the key was locked is read right after this (the sign-in's
  // request needs it): it is re-encrypted now.
  if (!newKey) settleOpenedKey(keyId);
}

void DeviceAccounts::settleOpenedKey(const std::string& keyId) {
  int inClear = 0;
  {
    sqlite::WriteTransaction tx(*db_);
    inClear = protectStore(keyId, false);
    tx.commit();
  }
  if (inClear > 0) store::dropOldPages(*db_);
}

void DeviceAccounts::eraseKeys() {
  {
    sqlite::WriteTransaction tx(*db_);
    db_->exec(
        "UPDATE device_accounts SET pin_key_wrap = x'', password_key_wrap = x'', pin_hash = '', "
        "session_token = '', session_expires_at_ms = 0");
    db_->exec(
        "DELETE FROM sync_state WHERE key IN ('device.id', 'device.secret', "
        "'accounts.current_user')");
    eraseEscrowWraps();
    tx.commit();
  }
  store::dropOldPages(*db_);
  crypto::forgetAllKeys();
}

std::pair<std::string, bool> DeviceAccounts::dataKeyForSignIn(const std::string& username,
                                                              const std::string& password,
                                                              const std::string& pinDigits) {
  std::string keyId = store::dataKeyId(*db_);
  if (keyId.empty()) {
    keyId = crypto::newKeyId();
    crypto::rememberKey(keyId, crypto::DataKey::generate());
    return {keyId, true};
  }
  if (crypto::findKey(keyId)) return {keyId, false};
  if (const auto wraps = readWraps(*db_, username)) {
    auto key = tryUnwrap(wraps->password, password);
    // The password may have changed on the server since; the PIN wrap still opens the key.
    if (!key) key = tryUnwrap(wraps->pin, pinDigits);
    if (key) {
      crypto::rememberKey(keyId, *key);
      return {keyId, false};
    }
  }
  throw AccountError(kAskAnotherUserText);
}

int DeviceAccounts::protectStore(const std::string& keyId, bool newKey) {
  const std::string stored = store::dataKeyId(*db_);
  if (newKey && !stored.empty() && stored != keyId) {
    crypto::forgetKey(keyId);
    throw StorageError(
        "Another sign-in encrypted this tablet's records at the same moment. "
        "Sign in again.");
  }
  if (newKey) store::setDataKeyId(*db_, keyId);
  // The sealing key pair comes with the key, or now for a key from before it (no schema step:
  // it needs the key open). What was sealed to it while locked is then encrypted as usual.
  store::ensureSealingKeys(*db_, keyId);
  store::resealSecretValues(*db_, keyId);
  int inClear = store::encryptPlaintextValues(*db_, keyId, !newKey);
  inClear += encryptSessionTokens(*db_, keyId);
  adoptSealedEscrowKey(keyId);
  return inClear;
}

std::optional<UnlockResult> DeviceAccounts::openDataKeyWithPin(const std::string& username,
                                                               const std::string& digits) {
  std::string keyId = store::dataKeyId(*db_);
  const bool newKey = keyId.empty();
  const auto wraps = readWraps(*db_, username);
  std::shared_ptr<const crypto::DataKey> key;
  if (newKey) {
    // The first unlock since encryption came: the store is encrypted now, in place.
    keyId = crypto::newKeyId();
    crypto::rememberKey(keyId, crypto::DataKey::generate());
  } else if (!crypto::findKey(keyId)) {
    auto opened = wraps ? tryUnwrap(wraps->pin, digits) : std::nullopt;
    if (!opened) {
      UnlockResult refused;
      refused.status = UnlockStatus::NeedsOnlineSignIn;
      refused.message = kAskAnotherUserText;
      return refused;
    }
    crypto::rememberKey(keyId, *opened);
  }
  key = crypto::findKey(keyId);
  // A user unlocking for the first time since encryption came gets their PIN wrap now; the
  // password wrap follows at their next online sign-in.
  const std::string pinWrap =
      wraps && !wraps->pin.empty() ? std::string() : crypto::wrapKey(*key, digits);
  sqlite::WriteTransaction tx(*db_);
  // A device secret kept in clear by an older version while locked is among these.
  const int inClear = protectStore(keyId, newKey);
  if (!pinWrap.empty()) {
    db_->prepare("UPDATE device_accounts SET pin_key_wrap = ?1 WHERE username = ?2")
        .bindBlob(1, pinWrap)
        .bind(2, username)
        .run();
  }
  tx.commit();
  if (newKey || inClear > 0) store::dropOldPages(*db_);
  return std::nullopt;
}

}  // namespace phum::accounts
