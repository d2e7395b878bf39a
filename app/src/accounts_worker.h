#pragma once
// The slow half of signing in, run on a pool thread: enrolment and online sign-in (network) and
// PIN checks (Argon2id, ~100 ms). Each call opens its own LocalStore, DeviceAccounts and SyncClient
// on the tablet's SQLite file, so nothing is shared with the UI thread.
#include <QString>
#include <optional>

#include "accounts/device_accounts.h"

namespace phum::app {

// What went wrong, in kinds the UI translates; `detail` is the English text from below.
enum class AccountsFailure {
  None,
  Input,        // AccountError: the typed values cannot be used (detail says why)
  Unreachable,  // retryable SyncError: no network, server down, timeout
  Refused,      // permanent SyncError: wrong code/password, account disabled (httpStatus says)
  Storage,      // the tablet's database failed
};

struct AccountsOutcome {
  AccountsFailure failure = AccountsFailure::None;
  int httpStatus = 0;
  QString detail;
  QString username;                              // signed-in or unlocked user
  std::optional<accounts::UnlockResult> unlock;  // set by unlockWithPin
  bool ok() const { return failure == AccountsFailure::None && (!unlock || unlock->ok()); }
};

// `caFile`: the certificate authorities to trust for an https:// server ("" = the system's).
AccountsOutcome enrolTablet(const QString& dataPath, const QString& serverUrl,
                            const QString& caFile, const QString& code, const QString& deviceName);
AccountsOutcome signInOnline(const QString& dataPath, const QString& serverUrl,
                             const QString& caFile, const QString& username,
                             const QString& password, const QString& pin);
AccountsOutcome unlockWithPin(const QString& dataPath, const QString& username, const QString& pin);

}  // namespace phum::app
