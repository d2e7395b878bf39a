// QtQuickTest runner for capture/tst_*.qml: the device capabilities through the screen, offscreen,
// against a real phum-server on 127.0.0.1 (open mode) that validates every record against the
// published test form capture/capture_check.xlsform.md. Positions come from NMEA logs replayed by
// Qt Positioning's NMEA source (capture/*.nmea: a fix improving from 50 m to 5 m, and a fix lost
// after 40 m; written for these tests, HDOP x 5 m = the accuracy); pictures are made here: a
// 4000x3000 "camera photo" and a Code 128 barcode drawn by zxing-cpp's writer. `capture` (a
// context property) gives the QML tests these files, SHA-256 on the tablet and on the server,
// and screenshots into the build folder.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QUrl>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app_config.h"
#include "app_quick_setup.h"
#include "capture_images.h"
#include "field_capture.h"
#include "language.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class CaptureFixture : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString picturesDir READ picturesDir CONSTANT)

 public:
  CaptureFixture(QString picturesDir, std::string serverDir)
      : picturesDir_(std::move(picturesDir)), serverDir_(std::move(serverDir)) {}
  QString picturesDir() const { return picturesDir_; }

  Q_INVOKABLE QString nmea(const QString& name) const {
    return QStringLiteral(PHUM_CAPTURE_DIR "/") + name + QStringLiteral(".nmea");
  }

  // "WIDTHxHEIGHT" of the picture at `path` (a path or file: URL).
  Q_INVOKABLE QString imageSize(const QString& path) const {
    const QSize size = QImageReader(local(path)).size();
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
  }

  Q_INVOKABLE QString sha256(const QString& path) const {
    QFile file(local(path));
    if (!file.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
  }

  // The SHA-256 of the attachment as the server keeps it ("" when it has no complete copy).
  Q_INVOKABLE QString serverSha256(const QString& recordUuid, const QString& name) const {
    return sha256(QString::fromStdString(serverDir_) + QStringLiteral("/attachments/") +
                  recordUuid + QLatin1Char('/') + name);
  }

  // Saves the window holding `item` as BUILD/screenshot-NAME-LANG.png.
  Q_INVOKABLE bool screenshot(QQuickItem* item, const QString& name) const {
    if (!item || !item->window()) return false;
    const QString path = QStringLiteral(PHUM_BUILD_DIR "/screenshot-%1-%2.png")
                             .arg(name, phum::app::Language::current());
    return item->window()->grabWindow().save(path);
  }

 private:
  static QString local(const QString& path) {
    return path.startsWith(QLatin1String("file:")) ? QUrl(path).toLocalFile() : path;
  }

  QString picturesDir_;
  std::string serverDir_;
};

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    const QString pictures = QString::fromStdString(scratchPath(QStringLiteral("pictures")));
    QDir().mkpath(pictures);
    // A camera's full size (12 MP) at a camera's JPEG quality.
    if (!phum::testing::cameraPhoto(4000, 3000)
             .save(pictures + QStringLiteral("/household-document.jpg"), "JPEG", 92))
      throw std::runtime_error("cannot write the test photo");
    if (!phum::testing::codeImage(QStringLiteral("PHUM-BOX-0042"), QStringLiteral("code128"), 600,
                                  200)
             .save(pictures + QStringLiteral("/box-code.png")))
      throw std::runtime_error("cannot write the test barcode");
    admin({"keys", "create"});  // the injury photo is sealed at finalize
    admin({"forms", "publish", PHUM_CAPTURE_DIR "/capture_check.xlsform.md"});
    fixture_ = std::make_unique<CaptureFixture>(pictures, serverDir());
  }

  std::vector<std::string> serverArgs() const override { return {"--open"}; }

  void configureTablet(phum::app::AppConfig& config) override {
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("capture-tablet");
  }

  void engineReady(QQmlEngine* engine) override {
    phum::app::FieldCapture::setStartup(QStringLiteral("none"), fixture_->picturesDir());
    engine->rootContext()->setContextProperty(QStringLiteral("capture"), fixture_.get());
  }

 private:
  std::unique_ptr<CaptureFixture> fixture_;
};

QUICK_TEST_MAIN_WITH_SETUP(app_capture, Setup)

#include "tst_app_capture.moc"
