#include "sync_controller.h"

#include <QDateTime>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <memory>
#include <string>

#include "accounts/device_accounts.h"
#include "app_settings.h"

namespace phum::app {
namespace {

struct SyncJob {
  std::string dataPath;
  sync::SyncConfig config;
  bool usesAccounts = false;  // credentials come from DeviceAccounts (false: server in --open mode)
  bool userAsked = false;     // Send pressed: ignore the backoff
};

// Push, then (only when the push got through) pull the change feed and apply revocations; after a
// sync that got everything through, records confirmed long enough ago leave the tablet.
SyncUpdate pushAndPull(sync::SyncClient& client, store::LocalStore& store,
                       accounts::DeviceAccounts* accounts, bool userAsked) {
  SyncUpdate update;
  update.finished = true;
  update.report = userAsked ? client.syncNow() : client.syncOnce();
  update.deviceRevoked = update.report.deviceRevoked;
  if (!update.report.error.empty()) return update;
  const sync::PullReport pulled = client.pullChanges();
  if (!pulled.error.empty()) {
    update.report.error = pulled.error;
    update.report.retryable = pulled.retryable;
    update.deviceRevoked = pulled.deviceRevoked;
  }
  if (accounts) accounts->applyRecordedRevocations();
  if (update.report.error.empty()) {
    update.syncedAtMs = QDateTime::currentMSecsSinceEpoch();
    removeExpiredRecords(store);
  }
  return update;
}

// Runs on a pool thread. Owns everything it touches: its own store, accounts and client.
void runSync(QPromise<SyncUpdate>& promise, const SyncJob& job) {
  try {
    auto store = store::LocalStore::open(job.dataPath);
    std::unique_ptr<accounts::DeviceAccounts> accounts;
    sync::SyncConfig config = job.config;
    if (job.usesAccounts) {
      accounts = std::make_unique<accounts::DeviceAccounts>(job.dataPath);
      const auto signedIn = accounts->syncConfigFor(job.config.author, job.config);
      if (!signedIn) {
        SyncUpdate update;
        update.finished = true;
        update.needsSignIn = true;
        promise.addResult(update);
        return;
      }
      config = *signedIn;
    }
    sync::SyncClient client(*store, config);
    client.onProgress = [&promise](const sync::SyncReport& report) {
      SyncUpdate progress;
      progress.report = report;
      promise.addResult(progress);
    };
    client.onSyncProgress = [&promise](const sync::SyncProgress& progress) {
      SyncUpdate update;
      update.isProgress = true;
      update.progress = progress;
      promise.addResult(update);
    };
    promise.addResult(pushAndPull(client, *store, accounts.get(), job.userAsked));
  } catch (const std::exception& error) {
    SyncUpdate update;
    update.finished = true;
    update.fatalError = QString::fromStdString(error.what());
    promise.addResult(update);
  }
}

}  // namespace

SyncController::SyncController(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<SyncUpdate>::resultReadyAt, this,
          [this](int index) { onUpdate(watcher_.resultAt(index)); });
  connect(&watcher_, &QFutureWatcher<SyncUpdate>::finished, this, [this] {
    if (eraseWhenDone_) {
      // After the worker closed its store: then the files can go.
      eraseWhenDone_ = false;
      syncAgain_ = false;
      autoSync_.stop();
      setRunning(false);
      if (session_) session_->eraseDevice();
      setLastError({});
      refreshCounts();
      emit finished();
      return;
    }
    setRunning(false);
    refreshCounts();
    emit finished();
    if (syncAgain_) {
      syncAgain_ = false;
      syncInBackground();
    }
  });
  connect(&autoSync_, &QTimer::timeout, this, &SyncController::syncInBackground);
}

SyncController::~SyncController() { watcher_.waitForFinished(); }

void SyncController::setSession(Session* session) {
  if (session == session_) return;
  if (session_) disconnect(session_, nullptr, this, nullptr);
  session_ = session;
  if (session_) {
    connect(session_, &Session::recordsChanged, this, &SyncController::refreshCounts);
    connect(session_, &Session::userChanged, this, &SyncController::onUserChanged);
    connect(session_, &Session::recordSaved, this, [this] {
      if (autoSync_.isActive()) syncInBackground();
    });
  }
  emit sessionChanged();
  loadLastSyncedAt();
  refreshCounts();
  onUserChanged();
}

// The timer runs only while someone is signed in: a locked tablet sends nothing by itself.
void SyncController::onUserChanged() {
  const int seconds = session_ ? session_->config().autoSyncSeconds : 0;
  if (!session_ || !session_->signedIn() || seconds <= 0) {
    autoSync_.stop();
    return;
  }
  autoSync_.start(seconds * 1000);
  syncInBackground();  // just signed in, or the app restarted with someone signed in
}

bool SyncController::start() { return launch(true); }

void SyncController::syncInBackground() {
  if (running_) {
    syncAgain_ = true;
    return;
  }
  if (session_ && session_->signedIn()) launch(false);
}

bool SyncController::launch(bool userAsked) {
  if (running_) return true;
  if (!session_ || !session_->store()) {
    setLastError(tr("Cannot send: the tablet's storage is not open. Ask your supervisor."));
    return false;
  }
  SyncJob job;
  job.config.serverUrl = session_->serverUrl().toStdString();
  job.config.caFile = session_->config().caFile.toStdString();
  job.config.deviceId = session_->config().deviceId.toStdString();
  // On a shared tablet only the signed-in user's records go out under their name.
  job.config.author = session_->user().toStdString();
  job.dataPath = session_->dataPath().toStdString();
  job.usesAccounts = session_->usesAccounts();
  job.userAsked = userAsked;
  job.config.uploadAttachments = photosMayUploadNow(*session_->store());
  setProgress({});
  setRunning(true);
  watcher_.setFuture(
      QtConcurrent::run([job](QPromise<SyncUpdate>& promise) { runSync(promise, job); }));
  return true;
}

void SyncController::onUpdate(const SyncUpdate& update) {
  if (update.isProgress) {
    setProgress(update.progress);
    return;
  }
  if (update.deviceRevoked) eraseWhenDone_ = true;
  if (!update.fatalError.isEmpty())
    setLastError(tr("Sending stopped: %1").arg(update.fatalError));
  else if (update.needsSignIn)
    setLastError(tr("To send your records, lock the tablet and sign in again with your password."));
  else if (update.finished)
    setLastError(QString::fromStdString(update.report.error));
  if (update.syncedAtMs > 0 && session_ && session_->store()) {
    lastSyncedAtMs_ = update.syncedAtMs;
    emit lastSyncedAtChanged();
    try {
      session_->store()->setSyncValue(kLastSyncedAtKey, std::to_string(update.syncedAtMs));
    } catch (const std::exception& error) {
      setLastError(
          tr("Could not write on this tablet: %1").arg(QString::fromStdString(error.what())));
    }
  }
  if (session_) session_->notifyRecordsChanged();  // lists and counters follow each batch
}

void SyncController::loadLastSyncedAt() {
  if (!session_ || !session_->store()) return;
  try {
    const auto stored = session_->store()->syncValue(kLastSyncedAtKey);
    lastSyncedAtMs_ = stored ? QString::fromStdString(*stored).toLongLong() : 0;
  } catch (const std::exception& error) {
    setLastError(tr("Could not read the records on this tablet: %1")
                     .arg(QString::fromStdString(error.what())));
  }
  emit lastSyncedAtChanged();
}

void SyncController::refreshCounts() {
  if (!session_ || !session_->store()) return;
  try {
    counts_ = session_->store()->outboxCounts();
  } catch (const std::exception& error) {
    setLastError(tr("Could not read the records on this tablet: %1")
                     .arg(QString::fromStdString(error.what())));
    return;
  }
  emit countsChanged();
}

void SyncController::setRunning(bool running) {
  if (running == running_) return;
  running_ = running;
  emit runningChanged();
}

void SyncController::setProgress(const sync::SyncProgress& progress) {
  if (progress == progress_) return;
  progress_ = progress;
  emit progressChanged();
}

void SyncController::setLastError(const QString& error) {
  if (error == lastError_) return;
  lastError_ = error;
  emit lastErrorChanged();
}

}  // namespace phum::app
