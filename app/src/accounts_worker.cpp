#include "accounts_worker.h"

#include <exception>
#include <functional>

#include "core/errors.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::app {
namespace {

// Runs `work` and turns each kind of exception into a value the UI thread can translate.
AccountsOutcome guarded(const std::function<AccountsOutcome()>& work) {
  AccountsOutcome outcome;
  try {
    return work();
  } catch (const accounts::AccountError& error) {
    outcome.failure = AccountsFailure::Input;
    outcome.detail = QString::fromStdString(error.what());
  } catch (const SyncError& error) {
    outcome.failure = error.retryable() ? AccountsFailure::Unreachable : AccountsFailure::Refused;
    outcome.httpStatus = error.httpStatus();
    outcome.detail = QString::fromStdString(error.what());
  } catch (const std::exception& error) {
    outcome.failure = AccountsFailure::Storage;
    outcome.detail = QString::fromStdString(error.what());
  }
  return outcome;
}

sync::SyncConfig baseConfig(const store::LocalStore& store, const QString& serverUrl,
                            const QString& caFile) {
  sync::SyncConfig config;
  config.serverUrl = serverUrl.toStdString();
  config.caFile = caFile.toStdString();
  config.deviceId = store.syncValue(store::kDeviceIdKey).value_or("");
  config.deviceSecret = store.syncValue(store::kDeviceSecretKey).value_or("");
  return config;
}

}  // namespace

AccountsOutcome enrolTablet(const QString& dataPath, const QString& serverUrl,
                            const QString& caFile, const QString& code, const QString& deviceName) {
  return guarded([&] {
    auto store = store::LocalStore::open(dataPath.toStdString());
    accounts::DeviceAccounts accounts(dataPath.toStdString());
    // No credential: the code is the only one enrolment needs (and an old one may be locked).
    sync::SyncConfig config;
    config.serverUrl = serverUrl.toStdString();
    config.caFile = caFile.toStdString();
    sync::SyncClient client(*store, config);
    accounts.enroll(client, code.trimmed().toStdString(), deviceName.toStdString());
    return AccountsOutcome{};
  });
}

AccountsOutcome signInOnline(const QString& dataPath, const QString& serverUrl,
                             const QString& caFile, const QString& username,
                             const QString& password, const QString& pin) {
  return guarded([&] {
    auto store = store::LocalStore::open(dataPath.toStdString());
    accounts::DeviceAccounts accounts(dataPath.toStdString());
    // The device secret is encrypted with the tablet's data key: open it first. For a user new
    // to this tablet the server's escrow key opens it; that request names the tablet by its id
    // alone, as its secret cannot be read yet.
    if (accounts.dataLocked()) {
      sync::SyncConfig escrow;
      escrow.serverUrl = serverUrl.toStdString();
      escrow.caFile = caFile.toStdString();
      escrow.deviceId = store->syncValue(store::kDeviceIdKey).value_or("");
      sync::SyncClient escrowClient(*store, escrow);
      accounts.openDataKey(escrowClient, username.trimmed().toStdString(), password.toStdString(),
                           pin.toStdString());
    }
    sync::SyncClient client(*store, baseConfig(*store, serverUrl, caFile));
    const auto account = accounts.firstSignIn(client, username.trimmed().toStdString(),
                                              password.toStdString(), pin.toStdString());
    AccountsOutcome outcome;
    outcome.username = QString::fromStdString(account.username);
    return outcome;
  });
}

AccountsOutcome unlockWithPin(const QString& dataPath, const QString& username,
                              const QString& pin) {
  return guarded([&] {
    accounts::DeviceAccounts accounts(dataPath.toStdString());
    AccountsOutcome outcome;
    outcome.unlock = accounts.unlock(username.toStdString(), pin.toStdString());
    outcome.username = username;
    return outcome;
  });
}

}  // namespace phum::app
