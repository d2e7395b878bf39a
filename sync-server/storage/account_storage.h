#pragma once
// Accounts, their sessions, enrolled devices and one-time enrolment codes. Secrets are stored only
// as hashes; the caller hashes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phum/v1/account.pb.h"

namespace phum::server::storage {

struct EnrollmentCodeRow {
  std::string deviceName;  // given when the code was made
  std::int64_t expiresAtMs = 0;
  bool used = false;
};

struct DeviceRow {
  std::string secretHash;
  std::optional<std::int64_t> revokedAtMs;
  std::optional<std::int64_t> lastContactAtMs;
};

struct DeviceInfo {
  std::string deviceId;
  std::string name;
  std::int64_t enrolledAtMs = 0;
  std::optional<std::int64_t> revokedAtMs;
  std::optional<std::int64_t> lastContactAtMs;  // its last authenticated request, roughly
};

struct AccountRow {
  phum::v1::Account account;
  std::string passwordHash;
  bool disabled = false;
};

struct AccountRecord {
  phum::v1::Account account;
  bool disabled = false;
};

struct SessionRow {
  phum::v1::Account account;  // the account signed in
  bool accountDisabled = false;
  std::string deviceId;
  std::int64_t expiresAtMs = 0;
};

// Failed sign-ins of one account or one address since the window started.
struct SignInWindow {
  std::int64_t startMs = 0;
  int failures = 0;
};

class AccountStorage {
 public:
  virtual ~AccountStorage() = default;

  virtual void insertEnrollmentCode(std::string_view codeHash, std::string_view deviceName,
                                    std::int64_t createdAtMs, std::int64_t expiresAtMs) = 0;
  // Locks it in a Write.
  virtual std::optional<EnrollmentCodeRow> enrollmentCode(std::string_view codeHash) = 0;
  virtual void markEnrollmentCodeUsed(std::string_view codeHash, std::int64_t usedAtMs) = 0;

  virtual void insertDevice(std::string_view deviceId, std::string_view name,
                            std::string_view secretHash, std::int64_t enrolledAtMs) = 0;
  // Locks it in a Write.
  virtual std::optional<DeviceRow> device(std::string_view deviceId) = 0;
  virtual void markDeviceRevoked(std::string_view deviceId, std::int64_t revokedAtMs) = 0;
  virtual void markDeviceContact(std::string_view deviceId, std::int64_t atMs) = 0;
  // The device's escrow key as stored (services/account_service.h: sealed, or in clear when
  // stored by an older server or one without sealing keys), empty when it has none yet.
  virtual std::string escrowKey(std::string_view deviceId) = 0;
  virtual void setEscrowKey(std::string_view deviceId, std::string_view key) = 0;
  // The ids of devices whose stored escrow key is exactly `bytes` long (kept in clear), to seal.
  virtual std::vector<std::string> devicesWithEscrowKeyOf(std::size_t bytes) = 0;
  // Ordered by enrolment time, then id.
  virtual std::vector<DeviceInfo> devices() = 0;

  // False when the user name is taken.
  virtual bool insertAccountIfAbsent(const phum::v1::Account& account,
                                     std::string_view passwordHash, std::int64_t createdAtMs) = 0;
  // Locks it in a Write.
  virtual std::optional<AccountRow> account(std::string_view username) = 0;
  virtual void markAccountDisabled(std::string_view username) = 0;
  virtual void markAccountEnabled(std::string_view username) = 0;
  // Display name, role and scope of the account with the same user name.
  virtual void updateAccount(const phum::v1::Account& account) = 0;
  virtual void setPasswordHash(std::string_view username, std::string_view passwordHash) = 0;
  // Ordered by user name.
  virtual std::vector<AccountRecord> accounts() = 0;

  virtual void insertSession(std::string_view tokenHash, std::string_view username,
                             std::string_view deviceId, std::int64_t createdAtMs,
                             std::int64_t expiresAtMs) = 0;
  virtual std::optional<SessionRow> session(std::string_view tokenHash) = 0;
  virtual void deleteSessionsOfDevice(std::string_view deviceId) = 0;
  virtual void deleteSessionsOfAccount(std::string_view username) = 0;

  // Failed sign-ins (services/sign_in_limits.h) by kind ("account" or "address") and key.
  virtual std::optional<SignInWindow> signInWindow(std::string_view kind, std::string_view key) = 0;
  // Counts one failure; a window that ended (started windowMs or more before nowMs) starts again
  // at nowMs with this failure. Windows that ended are dropped, so made-up names do not pile up.
  virtual void countSignInFailure(std::string_view kind, std::string_view key, std::int64_t nowMs,
                                  std::int64_t windowMs) = 0;
  virtual void clearSignInFailures(std::string_view kind, std::string_view key) = 0;
};

}  // namespace phum::server::storage
