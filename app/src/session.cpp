#include "session.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <exception>

#include "crypto/data_key.h"

namespace phum::app {
namespace {
AppConfig& startupConfig() {
  static AppConfig config;
  return config;
}
}  // namespace

void Session::setStartupConfig(const AppConfig& config) { startupConfig() = config; }

Session* Session::create(QQmlEngine*, QJSEngine*) { return new Session(startupConfig()); }

Session::Session(AppConfig config, QObject* parent)
    : QObject(parent),
      config_(std::move(config)),
      user_(config_.user),
      serverUrl_(config_.serverUrl) {
  if (config_.dataPath.isEmpty()) {
    storeError_ = tr("No data file was given to the app. Ask your supervisor to set it up.");
    qWarning().noquote() << "phum-app:" << storeError_;
    return;
  }
  openStore();
}

void Session::openStore() {
  try {
    store_ = store::LocalStore::open(config_.dataPath.toStdString());
    if (const auto stored = store_->syncValue(kServerUrlKey); stored && !stored->empty())
      serverUrl_ = QString::fromStdString(*stored);
    if (usesAccounts()) {
      accounts_ = std::make_unique<accounts::DeviceAccounts>(config_.dataPath.toStdString());
      // A user who did not sign out before the app stopped is still signed in.
      if (const auto current = accounts_->currentUser())
        user_ = QString::fromStdString(current->username);
    }
  } catch (const std::exception& error) {
    // Shown on screen and logged: the user must not collect records that cannot be saved.
    storeError_ = QString::fromStdString(error.what());
    qWarning().noquote() << "phum-app: cannot open" << config_.dataPath << ":" << storeError_;
    accounts_.reset();
    store_.reset();
  }
}

Session::~Session() = default;

QString Session::eraseDevice() {
  QString problem;
  try {
    if (accounts_) accounts_->eraseKeys();
  } catch (const std::exception& error) {
    problem = QString::fromStdString(error.what());
  }
  crypto::forgetAllKeys();
  accounts_.reset();
  store_.reset();
  const QFileInfo data(config_.dataPath);
  for (const QString& suffix :
       {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
    const QString file = config_.dataPath + suffix;
    if (QFile::exists(file) && !QFile::remove(file))
      problem = tr("%1 could not be deleted").arg(file);
  }
  // The photos folder beside the store (FormController::photosDir).
  QDir photos(data.absolutePath() + QLatin1Char('/') + data.completeBaseName() +
              QStringLiteral("-photos"));
  if (photos.exists() && !photos.removeRecursively())
    problem = tr("%1 could not be deleted").arg(photos.path());
  storeError_.clear();
  openStore();
  user_.clear();
  emit userChanged();
  emit recordsChanged();
  emit draftsChanged();
  emit deviceErased();
  if (!problem.isEmpty()) qWarning().noquote() << "phum-app: erasing the tablet:" << problem;
  return problem;
}

bool Session::dataLocked() const {
  try {
    return accounts_ && accounts_->dataLocked();
  } catch (const std::exception& error) {
    qWarning().noquote() << "phum-app: cannot tell whether the data key is open:" << error.what();
    return true;
  }
}

void Session::setUser(const QString& user) {
  if (user == user_) return;
  user_ = user;
  emit userChanged();
  emit recordsChanged();
}

void Session::setServerUrl(const QString& url) {
  if (url == serverUrl_) return;
  if (store_) store_->setSyncValue(kServerUrlKey, url.toStdString());
  serverUrl_ = url;
  emit serverUrlChanged();
}

QString Session::deviceId() const {
  if (accounts_) {
    try {
      const std::string id = accounts_->deviceId();
      if (!id.empty()) return QString::fromStdString(id);
    } catch (const std::exception& error) {
      qWarning().noquote() << "phum-app: cannot read the device id:" << error.what();
    }
  }
  return config_.deviceId;
}

}  // namespace phum::app
