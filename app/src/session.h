#pragma once
// Who is using the tablet and where their data lives. One per QML engine (a singleton), set up from
// the command line before the engine loads. Users sign in through AccountsController, which sets
// `user` here; pages only ever see this object, never the command line.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <memory>

#include "accounts/device_accounts.h"
#include "app_config.h"
#include "store/local_store.h"

class QQmlEngine;
class QJSEngine;

namespace phum::app {

// sync_state key of the server address set on the settings screen.
inline constexpr const char* kServerUrlKey = "app.server_url";

class Session : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString user READ user NOTIFY userChanged)
  Q_PROPERTY(bool signedIn READ signedIn NOTIFY userChanged)
  Q_PROPERTY(bool usesAccounts READ usesAccounts CONSTANT)
  // The command line's address, or the one set on the settings screen (kept in the store).
  Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY serverUrlChanged)
  Q_PROPERTY(QString dataPath READ dataPath CONSTANT)
  Q_PROPERTY(bool storeOpen READ storeOpen CONSTANT)
  Q_PROPERTY(QString storeError READ storeError CONSTANT)

 public:
  // Must be called before the QML engine first uses `Session` (main() and test setup do).
  static void setStartupConfig(const AppConfig& config);
  static Session* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

  explicit Session(AppConfig config, QObject* parent = nullptr);
  ~Session() override;

  QString user() const { return user_; }
  bool signedIn() const { return !user_.isEmpty(); }
  // False only for a preset --user (server in --open mode): no enrolment, no sign-in.
  bool usesAccounts() const { return config_.user.isEmpty(); }
  // Who is signed in ("" when the tablet is locked). Lists and counters refresh for the new user.
  void setUser(const QString& user);
  // The enrolled device id (or the preset one in --open mode); stamped on new records.
  QString deviceId() const;
  QString serverUrl() const { return serverUrl_; }
  // Keeps a new server address (checked by the caller) in the store for the next start too.
  // Throws StorageError when it cannot be written.
  void setServerUrl(const QString& url);
  QString dataPath() const { return config_.dataPath; }
  const AppConfig& config() const { return config_; }
  bool storeOpen() const { return store_ != nullptr; }
  QString storeError() const { return storeError_; }

  // The UI thread's store; nullptr when it could not be opened (storeError says why). The sync
  // worker opens its own LocalStore on the same file.
  store::LocalStore* store() const { return store_.get(); }
  // The UI thread's accounts (quick reads only: list, current user); nullptr in --open mode or
  // when the store could not be opened. Slow work (network, Argon2) opens its own on a worker.
  accounts::DeviceAccounts* accounts() const { return accounts_.get(); }

  // True when the records are encrypted and their key is not in memory (the tablet is locked).
  Q_INVOKABLE bool dataLocked() const;

  // Whoever changes records (a save, a sync batch) calls this so lists and counters refresh.
  void notifyRecordsChanged() { emit recordsChanged(); }
  void notifyRecordSaved() { emit recordSaved(); }
  // Drafts were added, finalized or deleted: draft lists refresh.
  void notifyDraftsChanged() { emit draftsChanged(); }
  // The server said this tablet was revoked: its keys are erased, then the database (with its
  // write-ahead log) and the photos are deleted, and an empty store is opened, so the tablet is
  // back at enrolment. Returns "" or what could not be deleted.
  QString eraseDevice();

 signals:
  void recordsChanged();
  void userChanged();
  // A record was saved on this tablet: background sync sends it soon.
  void recordSaved();
  void draftsChanged();
  void serverUrlChanged();
  // eraseDevice() ran: the sign-in flow goes back to enrolment.
  void deviceErased();

 private:
  AppConfig config_;
  QString user_;
  QString serverUrl_;
  std::unique_ptr<store::LocalStore> store_;
  std::unique_ptr<accounts::DeviceAccounts> accounts_;
  QString storeError_;

  void openStore();
};

}  // namespace phum::app
