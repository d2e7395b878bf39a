#pragma once
// Accounts and devices: enrolment codes and enrolment, device checks and revocation, accounts,
// sign-in and sessions, and who may send what from a tablet. The user-facing messages of
// credentials are here, once.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/sealing_keys.h"
#include "phum/v1/account.pb.h"
#include "services/audit_log.h"
#include "services/escrow_keys.h"
#include "storage/database.h"

namespace phum::server {

using storage::AccountRecord;
using storage::DeviceInfo;

// A credential problem (wrong password, used enrolment code). Its message is safe to show.
class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// escrowSignIn: the right password, for a tablet the server does not know or has revoked.
class UnknownDevice : public AuthError {
 public:
  using AuthError::AuthError;
};
class RevokedDevice : public AuthError {
 public:
  using AuthError::AuthError;
};

// The escrow key of a device (kEscrowKeyBytes random bytes) is made at enrolment (or at the first
// sign-in of a device enrolled before escrow keys) and kept in the devices table sealed to the
// server's sealing key (escrow_keys.h). The tablet keeps its data key wrapped with it, so that a
// user who never signed in on that tablet can open its records after an app restart; the server
// never sees the data key, and the tablet never stores this key.

// addAccount: the user name is taken. Its message names the user.
class AccountExists : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// What an administrator changes on an account; what is not given stays as it is.
struct AccountChange {
  std::optional<std::string> displayName;
  std::optional<phum::v1::Role> role;
  std::optional<std::string> scope;
  std::optional<std::string> password;  // ends the account's sessions
  std::optional<bool> disabled;         // as disableAccount / enableAccount
};

enum class DeviceCheck { Unknown, Revoked, Valid };

// How stale a device's stored last contact may be: minutes are enough for an administrator.
inline constexpr std::int64_t kDeviceContactResolutionMs = 5LL * 60 * 1000;

struct SessionInfo {
  phum::v1::Account account;
  std::string deviceId;
  std::int64_t expiresAtMs = 0;
};

// Who sent a request, as far as its credentials say.
struct Authentication {
  DeviceCheck device = DeviceCheck::Unknown;
  std::optional<SessionInfo> session;  // a live session of an enabled account, if a token was given
};

// The methods that change devices or accounts append their audit entry (AuditOrigin) in their
// own write transaction: an entry that cannot be written undoes the change.
class AccountService {
 public:
  // Escrow keys are sealed with `sealingKeys` (kept in clear without them, or while they are
  // empty: a server without a key file).
  explicit AccountService(storage::Database& db, SealingKeys* sealingKeys = nullptr);

  // Returns the one-time code to print; only its hash is stored.
  std::string createEnrollmentCode(const std::string& deviceName, std::int64_t validForMs,
                                   const AuditOrigin& origin = {});
  // Consumes the code and enrols a device (named `deviceName`, or as the code says). Throws
  // AuthError if the code is unknown, used or expired; text that cannot be a code this server
  // issued is refused without a lookup, and a code that cannot be used never takes the write lock.
  phum::v1::EnrollResponse enrollDevice(const std::string& code, const std::string& deviceName,
                                        const AuditOrigin& origin = {});
  // The device and, when `token` is not empty, its session (a live session of an enabled
  // account, issued to this device), in one read. A valid device's last contact is written when
  // the stored one is older than kDeviceContactResolutionMs, so steady traffic costs no writes.
  Authentication authenticate(const std::string& deviceId, const std::string& secret,
                              const std::string& token);
  // False if no such device. Ends its sessions and publishes a revocation on the change feed
  // (once).
  bool revokeDevice(const std::string& deviceId, const AuditOrigin& origin = {});
  std::vector<DeviceInfo> listDevices();

  // Throws std::invalid_argument naming what to fix: an empty user name, no role, a scope that is
  // not "national" or a NIS code of 2, 4, 6 or 8 digits, a password shorter than 8 characters, a
  // user name already taken (AccountExists).
  void addAccount(const phum::v1::Account& account, const std::string& password,
                  const AuditOrigin& origin = {});
  std::vector<AccountRecord> listAccounts();
  // Throws AuthError for a wrong user name or password (the same message for both, and for a
  // disabled account). The password check (Argon2id) holds no lock or connection. The session is
  // stored with the audit entry `auditAction` (by the user, from `origin`). With `wantEscrowKey`
  // the answer carries the device's escrow key, audited in the same transaction.
  phum::v1::SignInResponse signIn(const std::string& username, const std::string& password,
                                  const std::string& deviceId, std::int64_t sessionLifetimeMs,
                                  bool wantEscrowKey = false, const AuditOrigin& origin = {},
                                  const std::string& auditAction = "sign_in");
  // A tablet that cannot read its own device secret (no user has opened its data since the app
  // started) asks for its escrow key with a user's password and its device id: the answer
  // carries the account and the escrow key, and no session (the tablet then signs in with its
  // device credential as usual). Throws AuthError as signIn, then UnknownDevice or RevokedDevice.
  phum::v1::SignInResponse escrowSignIn(const std::string& username, const std::string& password,
                                        const std::string& deviceId,
                                        const AuditOrigin& origin = {});
  // Ends the session of `token` (nothing if there is none) with the audit entry `auditAction`.
  void signOut(const std::string& token, const AuditOrigin& origin = {},
               const std::string& auditAction = "sign_out");
  // A live session of an enabled account, whatever device it was issued to (the console checks
  // that it is its own).
  std::optional<SessionInfo> findSession(const std::string& token);
  // Disables the account, ends its sessions and appends Change{revocation username}. False if no
  // such user. Disabling twice appends nothing the second time.
  bool disableAccount(const std::string& username, const AuditOrigin& origin = {});
  // Lets a disabled account sign in again (new sessions only). False if no such user.
  bool enableAccount(const std::string& username, const AuditOrigin& origin = {});
  // Changes name, role or scope; a changed role or scope ends the account's sessions, so every
  // device signs in again and learns it. Throws std::invalid_argument for an unknown role or a
  // malformed scope; nothing when no such user.
  // All of `change` is stored in one transaction, with its audit entry.
  std::optional<AccountRecord> changeAccount(const std::string& username,
                                             const AccountChange& change,
                                             const AuditOrigin& origin = {});
  // Sets a new password (at least 8 characters, else std::invalid_argument) and ends the
  // account's sessions. False if no such user.
  bool resetPassword(const std::string& username, const std::string& password,
                     const AuditOrigin& origin = {});
  // Seals every escrow key still kept in clear (stored by an older server or one without a key
  // file) to the current sealing key, in one transaction; returns how many. Nothing without keys.
  std::size_t sealClearEscrowKeys();

 private:
  storage::Database& db_;
  SealingKeys noKeys_;  // when none were given: escrow keys stay in clear
  SealingKeys& sealingKeys_;
};

// Why `account` may not send field records (a push, or completing an upload) or attachment bytes
// from a tablet; nullopt when it may. Reviewers review on the web.
std::optional<std::string> whyNotSendRecords(const phum::v1::Account& account);
std::optional<std::string> whyNotSendAttachments(const phum::v1::Account& account);

}  // namespace phum::server
