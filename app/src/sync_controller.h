#pragma once
// The Sync button's brain: sends the outbox on a worker thread (never the UI thread) with its own
// LocalStore on the same SQLite file, and shows how many records are queued, sending, sent, failed
// and rejected, when the last sync succeeded, plus the last error in words the user can act on.
// While someone is signed in it also syncs by itself (a timer and after each save) with syncOnce,
// which honours the outbox's persisted backoff, so sending resumes when the network comes back or
// the app restarts. After a successful push it reads the change feed and applies revocations.
#include <QtQml/qqmlregistration.h>

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include "session.h"
#include "sync/sync_client.h"

namespace phum::app {

// One message from the worker: a progress report after each batch, then a final one.
struct SyncUpdate {
  sync::SyncReport report;
  bool finished = false;
  bool isProgress = false;  // only `progress` is set: counts and bytes sent so far
  sync::SyncProgress progress;
  QString fatalError;          // the local database failed on the worker: sync stopped
  bool needsSignIn = false;    // the user's session expired or the tablet lost its enrolment
  qint64 syncedAtMs = 0;       // set on the final update when push and pull both succeeded
  bool deviceRevoked = false;  // the server said this tablet was revoked: erase it
};

// sync_state key for "last synced at" (Unix epoch ms), so it survives a restart.
inline constexpr const char* kLastSyncedAtKey = "app.last_synced_at_ms";

class SyncController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  Q_PROPERTY(phum::app::Session* session READ session WRITE setSession NOTIFY sessionChanged)
  Q_PROPERTY(bool running READ running NOTIFY runningChanged)
  Q_PROPERTY(int queued READ queued NOTIFY countsChanged)
  Q_PROPERTY(int sending READ sending NOTIFY countsChanged)
  Q_PROPERTY(int sent READ sent NOTIFY countsChanged)
  Q_PROPERTY(int failed READ failed NOTIFY countsChanged)
  Q_PROPERTY(int rejected READ rejected NOTIFY countsChanged)
  Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
  // Unix epoch ms of the last sync that sent and received everything; 0 = never.
  Q_PROPERTY(qint64 lastSyncedAtMs READ lastSyncedAtMs NOTIFY lastSyncedAtChanged)
  // The running (or last) sync's progress, from the core (SyncClient::onSyncProgress): records
  // and photos (attachments), counted and in bytes.
  Q_PROPERTY(int recordsSent READ recordsSent NOTIFY progressChanged)
  Q_PROPERTY(int recordsTotal READ recordsTotal NOTIFY progressChanged)
  Q_PROPERTY(qint64 recordBytesSent READ recordBytesSent NOTIFY progressChanged)
  Q_PROPERTY(qint64 recordBytesTotal READ recordBytesTotal NOTIFY progressChanged)
  Q_PROPERTY(int photosSent READ photosSent NOTIFY progressChanged)
  Q_PROPERTY(int photosTotal READ photosTotal NOTIFY progressChanged)
  Q_PROPERTY(qint64 photoBytesSent READ photoBytesSent NOTIFY progressChanged)
  Q_PROPERTY(qint64 photoBytesTotal READ photoBytesTotal NOTIFY progressChanged)

 public:
  explicit SyncController(QObject* parent = nullptr);
  // Waits for a running sync: the worker holds a pointer to nothing of ours, but the app should not
  // exit mid-batch when it can help it (a cut batch is re-sent and deduplicated anyway).
  ~SyncController() override;

  Session* session() const { return session_; }
  void setSession(Session* session);
  bool running() const { return running_; }
  int queued() const { return counts_.queued; }
  int sending() const { return counts_.sending; }
  int sent() const { return counts_.sent; }
  int failed() const { return counts_.failed; }
  int rejected() const { return counts_.rejected; }
  QString lastError() const { return lastError_; }
  qint64 lastSyncedAtMs() const { return lastSyncedAtMs_; }
  int recordsSent() const { return progress_.recordsSent; }
  int recordsTotal() const { return progress_.recordsTotal; }
  qint64 recordBytesSent() const { return static_cast<qint64>(progress_.recordBytesSent); }
  qint64 recordBytesTotal() const { return static_cast<qint64>(progress_.recordBytesTotal); }
  int photosSent() const { return progress_.attachmentsSent; }
  int photosTotal() const { return progress_.attachmentsTotal; }
  qint64 photoBytesSent() const { return static_cast<qint64>(progress_.attachmentBytesSent); }
  qint64 photoBytesTotal() const { return static_cast<qint64>(progress_.attachmentBytesTotal); }

  // The Send button: starts sending now (even records waiting out a backoff) if not already
  // running; returns false (with lastError) if it cannot start.
  Q_INVOKABLE bool start();
  // Background sync (timer, after a save): honours the backoff; queued if a sync is running.
  Q_INVOKABLE void syncInBackground();
  Q_INVOKABLE void refreshCounts();

 signals:
  void sessionChanged();
  void runningChanged();
  void countsChanged();
  void lastErrorChanged();
  void lastSyncedAtChanged();
  void progressChanged();
  // After every sync; revocations may have been applied (AccountsController::refresh).
  void finished();

 private:
  bool launch(bool userAsked);
  void onUpdate(const SyncUpdate& update);
  void onUserChanged();
  void loadLastSyncedAt();
  void setRunning(bool running);
  void setLastError(const QString& error);
  void setProgress(const sync::SyncProgress& progress);

  Session* session_ = nullptr;
  QFutureWatcher<SyncUpdate> watcher_;
  QTimer autoSync_;
  bool syncAgain_ = false;      // a save or tick came while sending: go once more afterwards
  bool eraseWhenDone_ = false;  // the server revoked this tablet: erase once the worker is done
  qint64 lastSyncedAtMs_ = 0;
  store::OutboxCounts counts_;
  sync::SyncProgress progress_;
  bool running_ = false;
  QString lastError_;
};

}  // namespace phum::app
