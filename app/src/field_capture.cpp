#include "field_capture.h"

#include <QCameraDevice>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGeoPositionInfoSource>
#include <QMediaDevices>
#include <QNmeaPositionInfoSource>
#include <QStandardPaths>

namespace phum::app {
namespace {

QString startupPosition;
QString startupPictures;
FieldCapture* singleton = nullptr;

// An NMEA log gives HDOP, not metres: a receiver's user equivalent range error turns one into the
// other. Qt reports 2 x HDOP x UERE (95 %); 2.5 m makes about 5 m per unit of HDOP, what a
// consumer GPS chip achieves.
constexpr double kNmeaRangeErrorMetres = 2.5;

}  // namespace

FieldCapture::FieldCapture(QObject* parent)
    : QObject(parent),
      positionSource_(startupPosition),
      pictureFolder_(startupPictures.isEmpty()
                         ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                         : startupPictures),
      cameraAvailable_(!QMediaDevices::videoInputs().isEmpty()) {
  singleton = this;
}

void FieldCapture::setStartup(const QString& positionSource, const QString& pictureFolder) {
  startupPosition = positionSource;
  startupPictures = pictureFolder;
}

FieldCapture* FieldCapture::instance() { return singleton; }

void FieldCapture::setPositionSource(const QString& source) {
  if (source == positionSource_) return;
  positionSource_ = source;
  emit changed();
}

void FieldCapture::setPictureFolder(const QString& folder) {
  if (folder == pictureFolder_) return;
  pictureFolder_ = folder;
  emit changed();
}

void FieldCapture::setCameraAvailable(bool available) {
  if (available == cameraAvailable_) return;
  cameraAvailable_ = available;
  emit changed();
}

QGeoPositionInfoSource* FieldCapture::createPositionSource(QObject* parent) const {
  if (positionSource_ == QLatin1String("none")) return nullptr;
  if (positionSource_.isEmpty()) return QGeoPositionInfoSource::createDefaultSource(parent);
  auto* file = new QFile(positionSource_);
  if (!file->open(QIODevice::ReadOnly)) {
    delete file;
    return nullptr;
  }
  auto* source = new QNmeaPositionInfoSource(QNmeaPositionInfoSource::SimulationMode, parent);
  file->setParent(source);
  source->setDevice(file);
  source->setUserEquivalentRangeError(kNmeaRangeErrorMetres);
  return source;
}

QStringList FieldCapture::pictures() const {
  QDir folder(pictureFolder_);
  const auto files = folder.entryInfoList(
      {QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
       QStringLiteral("*.JPG"), QStringLiteral("*.JPEG"), QStringLiteral("*.PNG")},
      QDir::Files | QDir::Readable, QDir::Time);
  QStringList paths;
  for (const QFileInfo& file : files) paths << file.absoluteFilePath();
  return paths;
}

QString FieldCapture::cameraFile() const {
  const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
  QDir().mkpath(cache);
  return cache + QStringLiteral("/camera.jpg");
}

void FieldCapture::removeFile(const QString& path) const { QFile::remove(path); }

}  // namespace phum::app
