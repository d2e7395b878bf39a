#include "services/account_service.h"

#include <algorithm>
#include <string_view>

#include "common/secrets.h"
#include "core/clock.h"
#include "services/feed_service.h"

namespace phum::server {
namespace {

constexpr const char* kUnknownCode =
    "this enrolment code is not known: check it, or ask the administrator for a new one";
constexpr const char* kUsedCode =
    "this enrolment code was already used; ask the administrator for a new one";
constexpr const char* kExpiredCode =
    "this enrolment code has expired; ask the administrator for a new one";
constexpr const char* kWrongPassword = "wrong user name or password";

bool validScope(const std::string& scope) {
  if (scope == "national") return true;
  const bool digits =
      std::all_of(scope.begin(), scope.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits &&
         (scope.size() == 2 || scope.size() == 4 || scope.size() == 6 || scope.size() == 8);
}

void checkScope(const std::string& scope) {
  if (!validScope(scope)) {
    throw std::invalid_argument("scope '" + scope +
                                "' is not 'national' or a NIS code of 2, 4, 6 or 8 digits");
  }
}

void checkPassword(const std::string& username, const std::string& password) {
  if (password.size() < 8) {
    throw std::invalid_argument("the password for '" + username +
                                "' must have at least 8 characters");
  }
}

// Throws std::invalid_argument naming what to fix.
void checkNewAccount(const phum::v1::Account& account, const std::string& password) {
  if (account.username().empty()) throw std::invalid_argument("the user name is empty");
  if (account.role() == phum::v1::ROLE_UNSPECIFIED) {
    throw std::invalid_argument("user '" + account.username() + "' needs a role");
  }
  checkScope(account.scope_code());
  checkPassword(account.username(), password);
}

// False for typed text that cannot be a code this server issued (after normalizeEnrollmentCode:
// not 12 letters and digits of the code alphabet).
bool plausibleEnrollmentCode(std::string_view typed) {
  if (typed.size() > 64) return false;  // a code is 14 characters with its dashes
  const std::string code = normalizeEnrollmentCode(typed);
  return code.size() == kEnrollmentCodeLength && std::all_of(code.begin(), code.end(), [](char c) {
           return std::string_view(kEnrollmentCodeAlphabet).find(c) != std::string_view::npos;
         });
}

// Throws AuthError, in words shown on the tablet, unless a tablet can enrol with the code.
void checkEnrollmentCode(const std::optional<storage::EnrollmentCodeRow>& code,
                         std::int64_t nowMs) {
  if (!code) throw AuthError(kUnknownCode);
  if (code->used) throw AuthError(kUsedCode);
  if (code->expiresAtMs < nowMs) throw AuthError(kExpiredCode);
}

std::optional<SessionInfo> liveSession(const std::optional<storage::SessionRow>& row,
                                       std::int64_t nowMs) {
  if (!row || row->accountDisabled || row->expiresAtMs < nowMs) return std::nullopt;
  return SessionInfo{row->account, row->deviceId, row->expiresAtMs};
}

// The device's escrow key, made now for a device enrolled before escrow keys, and sealed now if
// it was kept in clear; audited as handed to `username` on `deviceId`, in the caller's
// transaction.
std::string handOverEscrowKey(storage::Transaction& tx, SealingKeys& keys,
                              const std::string& deviceId, const std::string& username,
                              const AuditOrigin& origin) {
  auto& accounts = tx.accounts();
  const std::string stored = accounts.escrowKey(deviceId);
  std::string key;
  if (stored.empty()) {
    key = randomBytes(kEscrowKeyBytes);
    accounts.setEscrowKey(deviceId, storedEscrowKey(deviceId, key, keys));
  } else {
    key = openEscrowKey(deviceId, stored, keys);
    if (isClearEscrowKey(stored) && keys.ring()) {
      accounts.setEscrowKey(deviceId, storedEscrowKey(deviceId, key, keys));
    }
  }
  AuditEvent event = origin.event("escrow_key_given", deviceId);
  event.actor = username;
  event.deviceId = deviceId;
  AuditLog::append(tx, event);
  return key;
}

DeviceCheck deviceCheck(const std::optional<storage::DeviceRow>& device,
                        const std::string& secret) {
  if (!device || !sameHash(device->secretHash, tokenHash(secret))) return DeviceCheck::Unknown;
  return device->revokedAtMs ? DeviceCheck::Revoked : DeviceCheck::Valid;
}

}  // namespace

AccountService::AccountService(storage::Database& db, SealingKeys* sealingKeys)
    : db_(db), sealingKeys_(sealingKeys != nullptr ? *sealingKeys : noKeys_) {}

std::size_t AccountService::sealClearEscrowKeys() {
  if (!sealingKeys_.ring()) return 0;
  return storage::write(db_, [&](storage::Transaction& tx) {
    auto& accounts = tx.accounts();
    std::size_t sealed = 0;
    for (const auto& deviceId : accounts.devicesWithEscrowKeyOf(kEscrowKeyBytes)) {
      // Read again: another server starting at the same moment may have sealed it meanwhile.
      const std::string key = accounts.escrowKey(deviceId);
      if (!isClearEscrowKey(key)) continue;
      accounts.setEscrowKey(deviceId, storedEscrowKey(deviceId, key, sealingKeys_));
      ++sealed;
    }
    return sealed;
  });
}

std::string AccountService::createEnrollmentCode(const std::string& deviceName,
                                                 std::int64_t validForMs,
                                                 const AuditOrigin& origin) {
  const std::string code = randomEnrollmentCode();
  const std::int64_t now = nowMillis();
  storage::write(db_, [&](storage::Transaction& tx) {
    tx.accounts().insertEnrollmentCode(tokenHash(normalizeEnrollmentCode(code)), deviceName, now,
                                       now + validForMs);
    AuditLog::append(tx, origin.event("enrolment_code_created", {}, deviceName));
  });
  return code;
}

phum::v1::EnrollResponse AccountService::enrollDevice(const std::string& code,
                                                      const std::string& deviceName,
                                                      const AuditOrigin& origin) {
  if (!plausibleEnrollmentCode(code)) throw AuthError(kUnknownCode);
  const std::int64_t now = nowMillis();
  const std::string codeHash = tokenHash(normalizeEnrollmentCode(code));
  // A plain read first: a code that cannot be used never takes the write lock.
  checkEnrollmentCode(
      storage::read(
          db_, [&](storage::Transaction& tx) { return tx.accounts().enrollmentCode(codeHash); }),
      now);
  return storage::write(db_, [&](storage::Transaction& tx) {
    auto& accounts = tx.accounts();
    // Again, locked: another server instance or phum-admin may have used it meanwhile.
    const auto stored = accounts.enrollmentCode(codeHash);
    checkEnrollmentCode(stored, now);
    accounts.markEnrollmentCodeUsed(codeHash, now);
    phum::v1::EnrollResponse response;
    response.set_device_id("dev-" + randomHex(8));
    response.set_device_secret(randomHex(32));
    response.set_escrow_key(randomBytes(kEscrowKeyBytes));
    accounts.insertDevice(response.device_id(),
                          deviceName.empty() ? stored->deviceName : deviceName,
                          tokenHash(response.device_secret()), now);
    accounts.setEscrowKey(
        response.device_id(),
        storedEscrowKey(response.device_id(), response.escrow_key(), sealingKeys_));
    AuditLog::append(tx, origin.event("device_enrolled", response.device_id()));
    return response;
  });
}

Authentication AccountService::authenticate(const std::string& deviceId, const std::string& secret,
                                            const std::string& token) {
  const std::int64_t now = nowMillis();
  bool contactIsStale = false;
  Authentication authentication = storage::read(db_, [&](storage::Transaction& tx) {
    Authentication result;
    const auto device = tx.accounts().device(deviceId);
    result.device = deviceCheck(device, secret);
    contactIsStale =
        result.device == DeviceCheck::Valid &&
        (!device->lastContactAtMs || *device->lastContactAtMs + kDeviceContactResolutionMs < now);
    if (result.device == DeviceCheck::Valid && !token.empty()) {
      result.session = liveSession(tx.accounts().session(tokenHash(token)), nowMillis());
      // A session token is good only from the tablet it was issued to.
      if (result.session && result.session->deviceId != deviceId) result.session.reset();
    }
    return result;
  });
  if (contactIsStale) {
    storage::write(
        db_, [&](storage::Transaction& tx) { tx.accounts().markDeviceContact(deviceId, now); });
  }
  return authentication;
}

bool AccountService::revokeDevice(const std::string& deviceId, const AuditOrigin& origin) {
  return storage::write(db_, [&](storage::Transaction& tx) {
    auto& accounts = tx.accounts();
    const auto device = accounts.device(deviceId);
    if (!device) return false;
    if (!device->revokedAtMs) {
      accounts.markDeviceRevoked(deviceId, nowMillis());
      accounts.deleteSessionsOfDevice(deviceId);
      phum::v1::Change change;
      change.mutable_revocation()->set_device_id(deviceId);
      appendChange(tx, change, {});
    }
    AuditLog::append(tx, origin.event("device_revoked", deviceId));
    return true;
  });
}

std::vector<DeviceInfo> AccountService::listDevices() {
  return storage::read(db_, [](storage::Transaction& tx) { return tx.accounts().devices(); });
}

void AccountService::addAccount(const phum::v1::Account& account, const std::string& password,
                                const AuditOrigin& origin) {
  checkNewAccount(account, password);
  const std::string hash = hashPassword(password);  // slow: before the transaction
  const bool added = storage::write(db_, [&](storage::Transaction& tx) {
    if (!tx.accounts().insertAccountIfAbsent(account, hash, nowMillis())) return false;
    AuditLog::append(tx, origin.event("user_created", account.username()));
    return true;
  });
  if (!added) throw AccountExists("user '" + account.username() + "' already exists");
}

std::vector<AccountRecord> AccountService::listAccounts() {
  return storage::read(db_, [](storage::Transaction& tx) { return tx.accounts().accounts(); });
}

namespace {

// The account of `username` when `password` is theirs and it is enabled; AuthError otherwise.
storage::AccountRow checkedAccount(storage::Database& db, const std::string& username,
                                   const std::string& password) {
  auto stored =
      storage::read(db, [&](storage::Transaction& tx) { return tx.accounts().account(username); });
  // Argon2id takes a fraction of a second and 64 MiB: never inside a transaction.
  if (!stored || stored->disabled || !verifyPassword(stored->passwordHash, password)) {
    throw AuthError(kWrongPassword);
  }
  return std::move(*stored);
}

}  // namespace

phum::v1::SignInResponse AccountService::signIn(const std::string& username,
                                                const std::string& password,
                                                const std::string& deviceId,
                                                std::int64_t sessionLifetimeMs, bool wantEscrowKey,
                                                const AuditOrigin& origin,
                                                const std::string& auditAction) {
  const storage::AccountRow stored = checkedAccount(db_, username, password);
  phum::v1::SignInResponse response;
  *response.mutable_account() = stored.account;
  const std::int64_t now = nowMillis();
  response.set_session_token(randomHex(32));
  response.set_expires_at_ms(now + sessionLifetimeMs);
  storage::write(db_, [&](storage::Transaction& tx) {
    tx.accounts().insertSession(tokenHash(response.session_token()), username, deviceId, now,
                                response.expires_at_ms());
    // The caller authenticated the device (not revoked); --open mode has none.
    if (wantEscrowKey && !deviceId.empty()) {
      response.set_escrow_key(handOverEscrowKey(tx, sealingKeys_, deviceId, username, origin));
    }
    AuditEvent event = origin.event(auditAction);
    event.actor = username;
    AuditLog::append(tx, event);
  });
  return response;
}

phum::v1::SignInResponse AccountService::escrowSignIn(const std::string& username,
                                                      const std::string& password,
                                                      const std::string& deviceId,
                                                      const AuditOrigin& origin) {
  const storage::AccountRow stored = checkedAccount(db_, username, password);
  phum::v1::SignInResponse response;
  *response.mutable_account() = stored.account;
  storage::write(db_, [&](storage::Transaction& tx) {
    // Locked: a revocation at the same moment is seen before the key leaves.
    const auto device = tx.accounts().device(deviceId);
    if (!device) {
      throw UnknownDevice(
          "the server does not recognise this tablet's enrolment; enrol it again with a code "
          "from the administrator");
    }
    if (device->revokedAtMs) {
      throw RevokedDevice("this tablet was revoked by the administrator and may not sync");
    }
    response.set_escrow_key(handOverEscrowKey(tx, sealingKeys_, deviceId, username, origin));
  });
  return response;
}

void AccountService::signOut(const std::string& token, const AuditOrigin& origin,
                             const std::string& auditAction) {
  storage::write(db_, [&](storage::Transaction& tx) {
    if (!token.empty()) tx.reviews().deleteSession(tokenHash(token));
    AuditLog::append(tx, origin.event(auditAction));
  });
}

std::optional<SessionInfo> AccountService::findSession(const std::string& token) {
  return liveSession(
      storage::read(
          db_, [&](storage::Transaction& tx) { return tx.accounts().session(tokenHash(token)); }),
      nowMillis());
}

namespace {

// The entry's detail: the fields changed, with the values that decide access (never a password).
std::string changedFields(const AccountChange& change) {
  std::string detail;
  const auto add = [&](const std::string& text) { detail += (detail.empty() ? "" : " ") + text; };
  if (change.displayName) add("displayName");
  if (change.role) add("role=" + phum::v1::Role_Name(*change.role));
  if (change.scope) add("scope=" + *change.scope);
  if (change.password) add("password");
  if (change.disabled) add(std::string("disabled=") + (*change.disabled ? "true" : "false"));
  return detail;
}

// Disables (ending its sessions and publishing the revocation once) or enables `username`.
void setDisabled(storage::Transaction& tx, const storage::AccountRow& stored, bool disabled) {
  auto& accounts = tx.accounts();
  const std::string& username = stored.account.username();
  if (!disabled) {
    accounts.markAccountEnabled(username);
  } else if (!stored.disabled) {
    accounts.markAccountDisabled(username);
    accounts.deleteSessionsOfAccount(username);
    phum::v1::Change change;
    change.mutable_revocation()->set_username(username);
    appendChange(tx, change, {});
  }
}

}  // namespace

bool AccountService::disableAccount(const std::string& username, const AuditOrigin& origin) {
  AccountChange change;
  change.disabled = true;
  return changeAccount(username, change, origin).has_value();
}

bool AccountService::enableAccount(const std::string& username, const AuditOrigin& origin) {
  AccountChange change;
  change.disabled = false;
  return changeAccount(username, change, origin).has_value();
}

std::optional<AccountRecord> AccountService::changeAccount(const std::string& username,
                                                           const AccountChange& change,
                                                           const AuditOrigin& origin) {
  if (change.role && *change.role == phum::v1::ROLE_UNSPECIFIED) {
    throw std::invalid_argument("user '" + username + "' needs a role");
  }
  if (change.scope) checkScope(*change.scope);
  std::optional<std::string> passwordHash;
  if (change.password) {
    checkPassword(username, *change.password);
    passwordHash = hashPassword(*change.password);  // slow: before the transaction
  }
  return storage::write(db_, [&](storage::Transaction& tx) -> std::optional<AccountRecord> {
    auto& accounts = tx.accounts();
    auto stored = accounts.account(username);
    if (!stored) return std::nullopt;
    phum::v1::Account account = stored->account;
    if (change.displayName) account.set_display_name(*change.displayName);
    if (change.role) account.set_role(*change.role);
    if (change.scope) account.set_scope_code(*change.scope);
    if (change.displayName || change.role || change.scope) accounts.updateAccount(account);
    // A session carries no copy of the role, but a tablet keeps the account it signed in with:
    // signing in again is how it learns the new role or area.
    if (passwordHash || account.role() != stored->account.role() ||
        account.scope_code() != stored->account.scope_code()) {
      accounts.deleteSessionsOfAccount(username);
    }
    if (passwordHash) accounts.setPasswordHash(username, *passwordHash);
    if (change.disabled) setDisabled(tx, *stored, *change.disabled);
    AuditLog::append(tx, origin.event("user_changed", username, changedFields(change)));
    return AccountRecord{account, change.disabled.value_or(stored->disabled)};
  });
}

bool AccountService::resetPassword(const std::string& username, const std::string& password,
                                   const AuditOrigin& origin) {
  AccountChange change;
  change.password = password;
  return changeAccount(username, change, origin).has_value();
}

std::optional<std::string> whyNotSendRecords(const phum::v1::Account& account) {
  if (account.role() != phum::v1::ROLE_REVIEWER) return std::nullopt;
  return "reviewers review on the web and may not send field records";
}

std::optional<std::string> whyNotSendAttachments(const phum::v1::Account& account) {
  if (account.role() != phum::v1::ROLE_REVIEWER) return std::nullopt;
  return "reviewers review on the web and may not send attachments";
}

}  // namespace phum::server
