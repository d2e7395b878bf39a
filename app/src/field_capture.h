#pragma once
// Where the tablet's measured answers come from: the position source for geopoints, the folder a
// picture is picked from, whether there is a camera. The platform parts stay behind this one
// singleton (Android's GPS and camera come in through the same Qt classes), and tests or a
// demonstration replace them: `--position none` (no GPS), `--position FILE.nmea` (a recorded NMEA
// log replayed at its own pace through Qt Positioning's NMEA source), `--pictures DIR`.
#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QStringList>

class QGeoPositionInfoSource;

namespace phum::app {

class FieldCapture : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON
  // "" = the platform's own source; "none" = no position source; otherwise an NMEA log file.
  Q_PROPERTY(QString positionSource READ positionSource WRITE setPositionSource NOTIFY changed)
  // The folder the picture picker lists (photos copied onto the tablet, downloads).
  Q_PROPERTY(QString pictureFolder READ pictureFolder WRITE setPictureFolder NOTIFY changed)
  // A camera is present (photos and QR codes can be taken, not only picked from a file).
  Q_PROPERTY(bool cameraAvailable READ cameraAvailable WRITE setCameraAvailable NOTIFY changed)

 public:
  explicit FieldCapture(QObject* parent = nullptr);

  // What main() read from the command line, applied to the singleton when QML first asks for it.
  static void setStartup(const QString& positionSource, const QString& pictureFolder);
  static FieldCapture* instance();

  QString positionSource() const { return positionSource_; }
  void setPositionSource(const QString& source);
  QString pictureFolder() const { return pictureFolder_; }
  void setPictureFolder(const QString& folder);
  bool cameraAvailable() const { return cameraAvailable_; }
  void setCameraAvailable(bool available);

  // A new position source as configured, owned by `parent`; nullptr when there is none.
  QGeoPositionInfoSource* createPositionSource(QObject* parent) const;

  // The pictures in pictureFolder, newest first (absolute paths).
  Q_INVOKABLE QStringList pictures() const;
  // Where the camera writes a photo before it is scaled into the record (in the app's own
  // cache, never the shared picture folder: photos of victims must not end up in the gallery).
  Q_INVOKABLE QString cameraFile() const;
  Q_INVOKABLE void removeFile(const QString& path) const;

 signals:
  void changed();

 private:
  QString positionSource_;
  QString pictureFolder_;
  bool cameraAvailable_ = false;
};

}  // namespace phum::app
