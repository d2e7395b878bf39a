#pragma once
// The settings screen's model: the server address (checked before it is kept), the storage this
// tablet uses (counted by the store), whether photos wait for an unmetered connection (kept in the
// store; the photo upload reads `photosMayUpload`), the app's version and the form versions on
// the tablet. Language and sign-out are Language's and AccountsController's.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>

#include "session.h"

class QQmlEngine;
class QJSEngine;

namespace phum::app {

// sync_state key of the "photos only on unmetered connections" setting ("1" / "0").
inline constexpr const char* kPhotosUnmeteredOnlyKey = "app.photos_unmetered_only";

// sync_state keys of the idle lock (minutes without use) and of retention (days a record the
// server confirmed stays on the tablet), and their defaults.
inline constexpr const char* kIdleLockMinutesKey = "app.idle_lock_minutes";
inline constexpr const char* kRetentionDaysKey = "app.retention_days";
inline constexpr int kDefaultIdleLockMinutes = 5;
inline constexpr int kDefaultRetentionDays = 30;

// The stored whole number at `key` within [low, high], or `fallback` when unset or unreadable.
int storedNumber(const store::LocalStore& store, const char* key, int fallback, int low, int high);

// Removes the records the server confirmed more than the retention setting ago (LocalStore::
// removeConfirmedRecords). Returns how many went; problems are logged, nothing is thrown.
int removeExpiredRecords(store::LocalStore& store);

// What AppSettings::photosMayUpload says, read afresh for a sync that starts now (the setting as
// stored, the connection as QNetworkInformation reports it; an unreadable setting holds nothing).
bool photosMayUploadNow(store::LocalStore& store);

class AppSettings : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  Q_PROPERTY(QString appVersion READ appVersion CONSTANT)
  Q_PROPERTY(bool photosOnlyUnmetered READ photosOnlyUnmetered WRITE setPhotosOnlyUnmetered NOTIFY
                 photosOnlyUnmeteredChanged)
  // The connection costs per byte (mobile data), as QNetworkInformation says; false when the
  // platform cannot tell (no backend), so a Linux machine is never stuck holding photos back.
  Q_PROPERTY(bool metered READ metered NOTIFY meteredChanged)
  Q_PROPERTY(bool meteredKnown READ meteredKnown CONSTANT)
  // Photos may go now: the setting is off, or the connection is not metered.
  Q_PROPERTY(bool photosMayUpload READ photosMayUpload NOTIFY photosMayUploadChanged)
  // Minutes without a touch or key before the tablet locks (1 to 60).
  Q_PROPERTY(int idleLockMinutes READ idleLockMinutes WRITE setIdleLockMinutes NOTIFY
                 idleLockMinutesChanged)
  // Days a record the server confirmed stays on the tablet (1 to 365).
  Q_PROPERTY(
      int retentionDays READ retentionDays WRITE setRetentionDays NOTIFY retentionDaysChanged)
  // Set when the last change could not be kept (in the UI language).
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)

 public:
  static AppSettings* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);
  explicit AppSettings(Session* session, QObject* parent = nullptr);

  QString appVersion() const;
  bool photosOnlyUnmetered() const { return photosOnlyUnmetered_; }
  void setPhotosOnlyUnmetered(bool on);
  bool metered() const { return metered_; }
  bool meteredKnown() const { return meteredKnown_; }
  bool photosMayUpload() const { return !photosOnlyUnmetered_ || !metered_; }
  QString error() const { return error_; }
  int idleLockMinutes() const { return idleLockMinutes_; }
  void setIdleLockMinutes(int minutes);
  int retentionDays() const { return retentionDays_; }
  void setRetentionDays(int days);

  // "" when `url` is a usable http(s) server address and was kept; else why not, in the UI
  // language. Khmer digits in the port or address are read as digits.
  Q_INVOKABLE QString changeServerUrl(const QString& url);
  // {records, recordBytes, drafts, draftBytes, photos, photoBytes, referenceRows,
  // referenceBytes, forms}, counted by the store now (all users of the tablet).
  Q_INVOKABLE QVariantMap storage();
  // [{formId, title, version}] of every form on the tablet, newest version of each.
  Q_INVOKABLE QVariantList formVersions();
  // "1.2 MB" (the digits are turned Khmer by Theme.digits in QML).
  Q_INVOKABLE QString sizeText(qint64 bytes) const;

 signals:
  void photosOnlyUnmeteredChanged();
  void meteredChanged();
  void photosMayUploadChanged();
  void errorChanged();
  void idleLockMinutesChanged();
  void retentionDaysChanged();

 private:
  void setError(const QString& error);
  void setMetered(bool metered);
  bool keepNumber(const char* key, int value);

  Session* session_;
  bool photosOnlyUnmetered_ = false;
  bool metered_ = false;
  bool meteredKnown_ = false;
  int idleLockMinutes_ = kDefaultIdleLockMinutes;
  int retentionDays_ = kDefaultRetentionDays;
  QString error_;
};

}  // namespace phum::app
