#include "app_settings.h"

#include <QDebug>
#include <QNetworkInformation>
#include <QQmlEngine>
#include <QUrl>
#include <algorithm>
#include <exception>
#include <string>

#include "core/clock.h"
#include "form_library.h"
#include "khmer_digits.h"
#include "language.h"

namespace phum::app {

AppSettings* AppSettings::create(QQmlEngine* qmlEngine, QJSEngine*) {
  const int sessionType = qmlTypeId("Phum", 1, 0, "Session");
  return new AppSettings(qmlEngine->singletonInstance<Session*>(sessionType));
}

AppSettings::AppSettings(Session* session, QObject* parent) : QObject(parent), session_(session) {
  if (session_ && session_->store()) {
    try {
      photosOnlyUnmetered_ =
          session_->store()->syncValue(kPhotosUnmeteredOnlyKey) == std::optional<std::string>("1");
      idleLockMinutes_ =
          storedNumber(*session_->store(), kIdleLockMinutesKey, kDefaultIdleLockMinutes, 1, 60);
      retentionDays_ =
          storedNumber(*session_->store(), kRetentionDaysKey, kDefaultRetentionDays, 1, 365);
    } catch (const std::exception& e) {
      setError(
          tr("Could not read the settings on this tablet: %1").arg(QString::fromUtf8(e.what())));
    }
  }
  // The platform's own reading (Android: the connectivity manager); none on a plain Linux box.
  if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Metered)) {
    auto* info = QNetworkInformation::instance();
    meteredKnown_ = true;
    metered_ = info->isMetered();
    connect(info, &QNetworkInformation::isMeteredChanged, this, &AppSettings::setMetered);
  }
}

int storedNumber(const store::LocalStore& store, const char* key, int fallback, int low, int high) {
  try {
    const auto stored = store.syncValue(key);
    bool ok = false;
    const int value = stored ? QString::fromStdString(*stored).toInt(&ok) : 0;
    return ok && value >= low && value <= high ? value : fallback;
  } catch (const std::exception& e) {
    qWarning().noquote() << "phum-app: cannot read the setting" << key << ":" << e.what();
    return fallback;
  }
}

int removeExpiredRecords(store::LocalStore& store) {
  const std::int64_t days = storedNumber(store, kRetentionDaysKey, kDefaultRetentionDays, 1, 365);
  try {
    const auto report = store.removeConfirmedRecords(nowMillis(), days * 24 * 60 * 60 * 1000);
    for (const auto& problem : report.problems)
      qWarning().noquote() << "phum-app: retention could not delete" << problem.c_str();
    return report.records;
  } catch (const std::exception& e) {
    // The records stay; the next sync or unlock tries again.
    qWarning().noquote() << "phum-app: retention stopped:" << e.what();
    return 0;
  }
}

bool photosMayUploadNow(store::LocalStore& store) {
  bool onlyUnmetered = false;
  try {
    onlyUnmetered = store.syncValue(kPhotosUnmeteredOnlyKey) == std::optional<std::string>("1");
  } catch (const std::exception&) {
    return true;  // the Settings page shows the read error; photos are not held on a guess
  }
  if (!onlyUnmetered) return true;
  const auto* info = QNetworkInformation::instance();
  return !(info && info->supports(QNetworkInformation::Feature::Metered) && info->isMetered());
}

QString AppSettings::appVersion() const { return QStringLiteral(PHUM_APP_VERSION); }

void AppSettings::setPhotosOnlyUnmetered(bool on) {
  if (on == photosOnlyUnmetered_) return;
  try {
    if (session_ && session_->store())
      session_->store()->setSyncValue(kPhotosUnmeteredOnlyKey, on ? "1" : "0");
  } catch (const std::exception& e) {
    setError(tr("Could not keep the setting on this tablet: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  const bool mayBefore = photosMayUpload();
  photosOnlyUnmetered_ = on;
  setError({});
  emit photosOnlyUnmeteredChanged();
  if (mayBefore != photosMayUpload()) emit photosMayUploadChanged();
}

bool AppSettings::keepNumber(const char* key, int value) {
  try {
    if (session_ && session_->store()) session_->store()->setSyncValue(key, std::to_string(value));
  } catch (const std::exception& e) {
    setError(tr("Could not keep the setting on this tablet: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  setError({});
  return true;
}

void AppSettings::setIdleLockMinutes(int minutes) {
  minutes = std::clamp(minutes, 1, 60);
  if (minutes == idleLockMinutes_ || !keepNumber(kIdleLockMinutesKey, minutes)) return;
  idleLockMinutes_ = minutes;
  emit idleLockMinutesChanged();
}

void AppSettings::setRetentionDays(int days) {
  days = std::clamp(days, 1, 365);
  if (days == retentionDays_ || !keepNumber(kRetentionDaysKey, days)) return;
  retentionDays_ = days;
  emit retentionDaysChanged();
}

void AppSettings::setMetered(bool metered) {
  if (metered == metered_) return;
  const bool mayBefore = photosMayUpload();
  metered_ = metered;
  emit meteredChanged();
  if (mayBefore != photosMayUpload()) emit photosMayUploadChanged();
}

QString AppSettings::changeServerUrl(const QString& typed) {
  const QString text = toAsciiDigits(typed.trimmed());
  const QUrl url(text, QUrl::StrictMode);
  QString problem;
  if (text.isEmpty())
    problem = tr("Type the server address, e.g. https://phum.example.org");
  else if (!url.isValid() ||
           (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
    problem = tr("The address must start with https:// or http://, e.g. https://phum.example.org");
  else if (url.host().isEmpty())
    problem = tr("The address has no server name after https://.");
  else if (url.hasQuery() || url.hasFragment())
    problem = tr("The address must not contain '?' or '#'.");
  if (!problem.isEmpty()) return problem;
  QString clean = url.toString(QUrl::StripTrailingSlash);
  while (clean.endsWith(QLatin1Char('/'))) clean.chop(1);  // "http://host:8470/" too
  try {
    if (session_) session_->setServerUrl(clean);
  } catch (const std::exception& e) {
    return tr("Could not keep the setting on this tablet: %1").arg(QString::fromUtf8(e.what()));
  }
  return {};
}

QVariantMap AppSettings::storage() {
  QVariantMap out;
  if (!session_ || !session_->store()) return out;
  try {
    const store::StorageUsage usage = session_->store()->storageUsage();
    out[QStringLiteral("records")] = qint64{usage.records};
    out[QStringLiteral("recordBytes")] = qint64{usage.recordBytes};
    out[QStringLiteral("drafts")] = qint64{usage.drafts};
    out[QStringLiteral("draftBytes")] = qint64{usage.draftBytes};
    out[QStringLiteral("photos")] = qint64{usage.photos};
    out[QStringLiteral("photoBytes")] = qint64{usage.photoBytes};
    out[QStringLiteral("referenceRows")] = qint64{usage.referenceRows};
    out[QStringLiteral("referenceBytes")] = qint64{usage.referenceBytes};
    out[QStringLiteral("forms")] = qint64{usage.forms};
    setError({});
  } catch (const std::exception& e) {
    setError(tr("Could not read the settings on this tablet: %1").arg(QString::fromUtf8(e.what())));
  }
  return out;
}

QVariantList AppSettings::formVersions() {
  QVariantList out;
  try {
    const std::string language = Language::current().toStdString();
    for (const auto& form : availableForms(session_ ? session_->store() : nullptr)) {
      QVariantMap row;
      row[QStringLiteral("formId")] = QString::fromStdString(form.formId);
      row[QStringLiteral("title")] = QString::fromStdString(formTitleIn(form.title, language));
      row[QStringLiteral("version")] = QString::fromStdString(form.version);
      out.push_back(row);
    }
  } catch (const std::exception& e) {
    setError(tr("Could not read the forms on this tablet: %1").arg(QString::fromUtf8(e.what())));
  }
  return out;
}

QString AppSettings::sizeText(qint64 bytes) const {
  if (bytes < 1024) return tr("%1 bytes").arg(bytes);
  if (bytes < 1024 * 1024) return tr("%1 KB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
  return tr("%1 MB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

void AppSettings::setError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

}  // namespace phum::app
