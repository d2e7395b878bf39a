// DeviceAccounts: enrolment, online first sign-in, offline PIN unlock with a persisted lockout.
// Revocation lives in revocation.cpp.
#include "accounts/device_accounts.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>
#include <variant>

#include "accounts/accounts_internal.h"
#include "accounts/accounts_schema.h"
#include "accounts/pin.h"
#include "core/clock.h"
#include "core/errors.h"
#include "crypto/data_key.h"
#include "crypto/key_wrap.h"
#include "sqlite/sqlite_db.h"
#include "store/schema.h"
#include "store/store_encryption.h"
#include "store/sync_state_rows.h"

namespace phum::accounts {
namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The enrolment's secrets leave memory however enroll ends.
struct WipedOnExit {
  phum::v1::EnrollResponse& response;
  ~WipedOnExit() {
    for (std::string* secret : {response.mutable_escrow_key(), response.mutable_device_secret()})
      sodium_memzero(secret->data(), secret->size());
  }
};

UnlockResult result(UnlockStatus status, std::string message, int triesLeft = 0,
                    std::int64_t retryAtMs = 0) {
  UnlockResult out;
  out.status = status;
  out.message = std::move(message);
  out.triesLeft = triesLeft;
  out.retryAtMs = retryAtMs;
  return out;
}

struct PinState {
  std::string pinHash;
  int failedPins = 0;
  int lockouts = 0;
  std::int64_t lockedUntilMs = 0;
  std::int64_t lockWaitMs = 0;
  bool revoked = false;
};

std::optional<PinState> readPinState(sqlite::Database& db, const std::string& username) {
  auto stmt = db.prepare(
      "SELECT pin_hash, failed_pins, lockouts, locked_until_ms, lock_wait_ms, revoked_at_ms "
      "FROM device_accounts WHERE username = ?1");
  stmt.bind(1, username);
  if (!stmt.step()) return std::nullopt;
  PinState state;
  state.pinHash = stmt.text(0);
  state.failedPins = static_cast<int>(stmt.int64(1));
  state.lockouts = static_cast<int>(stmt.int64(2));
  state.lockedUntilMs = stmt.int64(3);
  state.lockWaitMs = stmt.int64(4);
  state.revoked = stmt.int64(5) != 0;
  return state;
}

UnlockResult lockedOut(std::int64_t retryAtMs, std::int64_t nowMs, const char* lead) {
  return result(UnlockStatus::LockedOut,
                std::string(lead) + "Too many wrong PINs. Try again in " +
                    describeWait(retryAtMs - nowMs) + ", or sign in online with your password.",
                0, retryAtMs);
}

struct PinAttempt {
  std::string pinHash;
  int attempts = 0;  // wrong PINs so far, this one included until it proves right
  int lockouts = 0;
};

// Refuses (unknown, revoked, no PIN, locked) or counts the try on disk, in one transaction.
// Counted before the slow check, so killing the app during it still uses up a try.
std::variant<UnlockResult, PinAttempt> claimAttempt(sqlite::Database& db, const std::string& name,
                                                    std::int64_t nowMs) {
  sqlite::WriteTransaction tx(db);
  const auto state = readPinState(db, name);
  if (!state) {
    return result(
        UnlockStatus::UnknownUser,
        "No account '" + name + "' on this tablet. Sign in online once with your password.");
  }
  if (state->revoked) {
    return result(UnlockStatus::Revoked,
                  "An administrator removed the account '" + name +
                      "' from this tablet. Ask them to reinstate it, then sign in online.");
  }
  if (state->pinHash.empty()) {
    return result(UnlockStatus::NeedsOnlineSignIn,
                  "Sign in online with your password and choose a PIN.");
  }
  if (nowMs < state->lockedUntilMs) {
    std::int64_t until = state->lockedUntilMs;
    if (until - nowMs > state->lockWaitMs) {
      // The clock was set back: keep the wait as given, not days or years more.
      until = nowMs + state->lockWaitMs;
      db.prepare("UPDATE device_accounts SET locked_until_ms = ?1 WHERE username = ?2")
          .bind(1, until)
          .bind(2, name)
          .run();
      tx.commit();
    }
    return lockedOut(until, nowMs, "");
  }
  const PinAttempt attempt{state->pinHash, state->failedPins + 1, state->lockouts};
  db.prepare("UPDATE device_accounts SET failed_pins = ?1 WHERE username = ?2")
      .bind(1, std::int64_t{attempt.attempts})
      .bind(2, name)
      .run();
  tx.commit();
  return attempt;
}

}  // namespace

DeviceAccounts::DeviceAccounts(const std::string& databasePath, Clock clock)
    : db_(std::make_unique<sqlite::Database>(databasePath)),
      clock_(clock ? std::move(clock) : Clock(nowMillis)) {
  store::configureTabletConnection(*db_);
  store::migrate(*db_);  // sync_state, which holds our schema version, is LocalStore's
  migrateAccounts(*db_);
}

DeviceAccounts::~DeviceAccounts() = default;

std::int64_t DeviceAccounts::now() const { return clock_(); }

std::optional<std::string> DeviceAccounts::syncValue(const std::string& key) const {
  return readSyncValue(*db_, key);
}

void DeviceAccounts::setSyncValue(const std::string& key, const std::string& value) {
  store::writeSyncRow(*db_, key, value, store::SyncRowType::Text);
}

void DeviceAccounts::eraseSyncValue(const std::string& key) { store::eraseSyncRow(*db_, key); }

// --- Enrolment ---

bool DeviceAccounts::isEnrolled() const {
  const auto id = syncValue(store::kDeviceIdKey);
  const auto secret = syncValue(store::kDeviceSecretKey);
  if (!id || id->empty() || !secret || secret->empty()) return false;
  return !syncValue(std::string(kDeviceRevokedPrefix) + *id);
}

std::string DeviceAccounts::deviceId() const {
  return isEnrolled() ? syncValue(store::kDeviceIdKey).value_or("") : std::string();
}

std::string DeviceAccounts::enroll(sync::SyncClient& client, const std::string& code,
                                   const std::string& deviceName) {
  const std::string typed = trimmed(code);
  if (typed.empty()) throw AccountError("Type the enrolment code the administrator gave you.");
  // The client does not store the credential: storeCredential writes it below, in the
  // transaction that makes the data key, so the secret never reaches the disk in clear.
  auto response =
      client.enrollDevice(typed, deviceName, sync::SyncClient::KeepCredential::ByCaller);
  const WipedOnExit wipe{response};
  // A new tablet's data key is made now. Not without an escrow key (a server from before them:
  // nothing could open the key after a restart; the first sign-in makes it, as before).
  std::string keyId = store::dataKeyId(*db_);
  const bool newKey = keyId.empty() && !response.escrow_key().empty();
  if (newKey) {
    keyId = crypto::newKeyId();
    crypto::rememberKey(keyId, crypto::DataKey::generate());
  }
  const bool keyOpen = !keyId.empty() && crypto::findKey(keyId) != nullptr;
  {
    sqlite::WriteTransaction tx(*db_);
    // The server ties each session to the device that opened it: the old ones are now useless.
    db_->exec("UPDATE device_accounts SET session_token = '', session_expires_at_ms = 0");
    eraseEscrowWraps();
    if (keyOpen) protectStore(keyId, newKey);  // a new key gets its sealing key pair here
    storeCredential(response);
    if (!response.escrow_key().empty()) {
      if (keyOpen) {
        storeEscrowWrap(keyId, response.escrow_key());
      } else {
        keepSealedEscrowKey(response.escrow_key());  // the next unlock wraps the key with it
      }
    }
    tx.commit();
  }
  // A store from before encryption was encrypted in place; the old credential's pages go too.
  store::dropOldPages(*db_);
  return response.device_id();
}

void DeviceAccounts::storeCredential(const phum::v1::EnrollResponse& response) {
  // Encrypted, or sealed while the data key is locked; in clear only on a tablet without a data
  // key (a server without escrow keys) or locked with a key from before the sealing key pair.
  const std::string secret =
      store::protectedSecret(*db_, store::kDeviceSecretKey, response.device_secret());
  store::writeSyncRow(
      *db_, store::kDeviceSecretKey, secret,
      secret == response.device_secret() ? store::SyncRowType::Text : store::SyncRowType::Blob);
  setSyncValue(store::kDeviceIdKey, response.device_id());
}

// --- Users ---

LocalAccount DeviceAccounts::firstSignIn(sync::SyncClient& client, const std::string& username,
                                         const std::string& password, const std::string& pin) {
  const std::string name = trimmed(username);
  if (name.empty()) throw AccountError("Type your username.");
  if (password.empty()) throw AccountError("Type your password.");
  const std::string digits = normalisePin(pin);
  const std::string pinHash = hashPin(digits);
  if (!isEnrolled()) {
    throw AccountError(
        "This tablet is not enrolled yet. Ask an administrator for an enrolment code and enter it "
        "first.");
  }
  // Before the network: a user who cannot open the tablet's records is told so at once.
  const auto [keyId, newKey] = dataKeyForSignIn(name, password, digits);
  // The escrow key only when this enrolment has no escrow wrap yet (a tablet enrolled before
  // escrow keys, or whose first user opened the key by escrow just now and keeps it).
  auto response = client.signIn(name, password, !hasEscrowWrap());
  if (response.session_token().empty()) {
    throw SyncError(ErrorClass::Permanent,
                    "The server accepted the sign-in but sent no session. Report this to an "
                    "administrator.");
  }
  const std::string stored =
      response.account().username().empty() ? name : response.account().username();
  const auto key = crypto::findKey(keyId);
  const KeyWraps wraps{crypto::wrapKey(*key, digits), crypto::wrapKey(*key, password)};
  int inClear = 0;
  {
    sqlite::WriteTransaction tx(*db_);
    inClear = protectStore(keyId, newKey);
    rememberSignIn(response, stored, pinHash, wraps);
    if (!response.escrow_key().empty()) storeEscrowWrap(keyId, response.escrow_key());
    tx.commit();
  }
  sodium_memzero(response.mutable_escrow_key()->data(), response.escrow_key().size());
  if (newKey || inClear > 0) store::dropOldPages(*db_);
  auto account = readAccount(stored);
  if (!account) throw StorageError("The account " + stored + " was not kept on the tablet.");
  return *account;
}

// In the caller's transaction, after protectStore: the token is kept encrypted.
void DeviceAccounts::rememberSignIn(const phum::v1::SignInResponse& response,
                                    const std::string& username, const std::string& pinHash,
                                    const KeyWraps& wraps) {
  const auto& account = response.account();
  const std::string keyId = store::dataKeyId(*db_);
  // A revocation already in the feed is older than this successful sign-in: the account was
  // reinstated, so that revocation must not be applied again.
  const auto marker = syncValue(std::string(kUserRevokedPrefix) + username);
  const auto reinstatedAfter = static_cast<std::int64_t>(marker ? parseSeq(*marker) : 0);
  db_->prepare(
         "INSERT INTO device_accounts (username, display_name, role, scope_code, pin_hash, "
         "session_token, session_expires_at_ms, last_online_sign_in_at_ms, reinstated_after_seq, "
         "pin_key_wrap, password_key_wrap) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (username) DO UPDATE "
         "SET "
         "display_name = ?2, role = ?3, scope_code = ?4, pin_hash = ?5, session_token = ?6, "
         "session_expires_at_ms = ?7, last_online_sign_in_at_ms = ?8, reinstated_after_seq = ?9, "
         "pin_key_wrap = ?10, password_key_wrap = ?11, "
         "failed_pins = 0, lockouts = 0, locked_until_ms = 0, lock_wait_ms = 0, "
         "revoked_at_ms = 0, revoked_seq = 0")
      .bind(1, username)
      .bind(2, account.display_name().empty() ? username : account.display_name())
      .bind(3, std::int64_t{account.role()})
      .bind(4, account.scope_code())
      .bind(5, pinHash)
      .bindBlob(6, store::concealed(keyId, response.session_token(), sessionTokenContext(username)))
      .bind(7, response.expires_at_ms())
      .bind(8, now())
      .bind(9, reinstatedAfter)
      .bindBlob(10, wraps.pin)
      .bindBlob(11, wraps.password)
      .run();
  setSyncValue(kCurrentUserKey, username);
}

UnlockResult DeviceAccounts::unlock(const std::string& username, const std::string& pin) {
  applyRecordedRevocations();
  const std::string name = trimmed(username);
  const auto digits = pinDigits(pin);
  if (!digits || digits->empty()) {
    // Not counted: a slip of the keyboard is not a guess.
    return result(UnlockStatus::WrongPin, "The PIN is digits only (0-9 or \u17E0-\u17E9).");
  }
  auto claimed = claimAttempt(*db_, name, now());
  if (auto* refusal = std::get_if<UnlockResult>(&claimed)) return *refusal;
  const auto& attempt = std::get<PinAttempt>(claimed);
  if (!pinMatches(attempt.pinHash, *digits)) {
    return failAttempt(name, attempt.attempts, attempt.lockouts);
  }
  if (auto refusal = openDataKeyWithPin(name, *digits)) return *refusal;
  acceptUnlock(name, *digits, attempt.pinHash);
  const auto account = readAccount(name);
  return result(UnlockStatus::Unlocked,
                "Welcome, " + (account ? account->displayName : name) + ".");
}

void DeviceAccounts::acceptUnlock(const std::string& username, const std::string& digits,
                                  const std::string& pinHash) {
  // Hashed outside the transaction: it takes a tenth of a second and needs no lock.
  const std::string rehashed = pinHashOutdated(pinHash) ? hashPin(digits) : pinHash;
  sqlite::WriteTransaction tx(*db_);
  db_->prepare(
         "UPDATE device_accounts SET failed_pins = 0, lockouts = 0, locked_until_ms = 0, "
         "lock_wait_ms = 0, pin_hash = ?1 WHERE username = ?2")
      .bind(1, rehashed)
      .bind(2, username)
      .run();
  setSyncValue(kCurrentUserKey, username);
  tx.commit();
}

UnlockResult DeviceAccounts::failAttempt(const std::string& username, int attempts, int lockouts) {
  if (attempts < kMaxPinTries) {
    const int left = kMaxPinTries - attempts;
    return result(UnlockStatus::WrongPin,
                  "Wrong PIN, " + std::to_string(left) + (left == 1 ? " try left" : " tries left"),
                  left);
  }
  // Every wrong PIN past the limit locks again, for twice as long as the time before.
  const std::int64_t nowMs = now();
  const std::int64_t wait = lockoutWaitMs(lockouts);
  sqlite::WriteTransaction tx(*db_);
  db_->prepare(
         "UPDATE device_accounts SET locked_until_ms = ?1, lock_wait_ms = ?2, lockouts = ?3 "
         "WHERE username = ?4")
      .bind(1, nowMs + wait)
      .bind(2, wait)
      .bind(3, std::int64_t{lockouts + 1})
      .bind(4, username)
      .run();
  tx.commit();
  return lockedOut(nowMs + wait, nowMs, "Wrong PIN. ");
}

void DeviceAccounts::signOut() { eraseSyncValue(kCurrentUserKey); }

std::optional<LocalAccount> DeviceAccounts::currentUser() const {
  const auto username = syncValue(kCurrentUserKey);
  if (!username) return std::nullopt;
  return readAccount(*username);
}

std::optional<LocalAccount> DeviceAccounts::readAccount(const std::string& username) const {
  auto stmt = db_->prepare(std::string(kAccountSelect) + " AND a.username = ?1");
  stmt.bind(1, username);
  if (!stmt.step()) return std::nullopt;
  return accountFromRow(stmt, now());
}

std::vector<LocalAccount> DeviceAccounts::listUsers() const {
  auto stmt = db_->prepare(std::string(kAccountSelect) +
                           " ORDER BY a.display_name COLLATE NOCASE, a.username");
  std::vector<LocalAccount> out;
  while (stmt.step()) out.push_back(accountFromRow(stmt, now()));
  return out;
}

std::optional<sync::SyncConfig> DeviceAccounts::syncConfigFor(const std::string& username,
                                                              sync::SyncConfig base) const {
  if (!isEnrolled()) return std::nullopt;
  auto stmt = db_->prepare(std::string(kAccountSelect) + " AND a.username = ?1");
  stmt.bind(1, trimmed(username));
  if (!stmt.step() || !accountFromRow(stmt, now()).canSync) return std::nullopt;
  base.deviceId = syncValue(store::kDeviceIdKey).value_or("");
  base.deviceSecret = store::revealed(syncValue(store::kDeviceSecretKey).value_or(""),
                                      store::syncValueContext(store::kDeviceSecretKey));
  base.sessionToken =
      store::revealed(stmt.blob(kSessionTokenColumn), sessionTokenContext(stmt.text(0)));
  base.author = stmt.text(0);
  return base;
}

}  // namespace phum::accounts
