#pragma once
// Reads QR codes and barcodes with zxing-cpp (Debian libzxing-dev): from a picture file (a
// photographed or scanned enrolment sheet) or from the camera's frames. The enrolment screen and
// barcode questions use the same reader.
#include <QtQml/qqmlregistration.h>

#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVideoSink>
#include <optional>

class QVideoFrame;

namespace phum::app {

// The text of the first code found in `image`; nullopt when there is none.
std::optional<QString> decodeCode(const QImage& image);

class CodeReader : public QObject {
  Q_OBJECT
  QML_ELEMENT
  // A camera's frames (VideoOutput.videoSink): each is searched for a code until one is found.
  Q_PROPERTY(QVideoSink* videoSink READ videoSink WRITE setVideoSink NOTIFY videoSinkChanged)
  // Why the last readFile found nothing, in the UI language; "" after a success.
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)

 public:
  explicit CodeReader(QObject* parent = nullptr);

  QVideoSink* videoSink() const { return sink_; }
  void setVideoSink(QVideoSink* sink);
  QString error() const { return error_; }

  // The code in the picture at `path` (a path or file: URL); "" and `error` when none is found.
  Q_INVOKABLE QString readFile(const QString& path);
  // The enrolment code in what a printed enrolment QR holds ("phum:enroll?code=CODE&server=URL",
  // phum-admin devices enroll-code); any other text is taken as the code itself.
  Q_INVOKABLE static QString enrolmentCode(const QString& scanned);

 signals:
  void videoSinkChanged();
  void errorChanged();
  void found(const QString& text);

 private:
  void onFrame(const QVideoFrame& frame);
  void setError(const QString& error);

  QPointer<QVideoSink> sink_;
  QString error_;
  QElapsedTimer sinceLastTry_;
};

}  // namespace phum::app
