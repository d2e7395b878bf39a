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
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QUrl>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app_config.h"
#include "capture_images.h"
#include "field_capture.h"
#include "language.h"
#include "server_fixture.h"
#include "session.h"

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

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    if (!dataDir_.isValid()) qFatal("cannot create a temporary directory for the test store");
    try {
      if (!server_) prepare();
    } catch (const std::exception& error) {
      qFatal("cannot prepare the capture tests: %s", error.what());
    }
    phum::app::AppConfig config;
    config.dataPath = dataDir_.filePath(QStringLiteral("tablet-%1.sqlite").arg(++engines_));
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("capture-tablet");
    config.language = QStringLiteral("en");
    config.serverUrl = QString::fromStdString(server_->url());
    phum::app::Session::setStartupConfig(config);
    phum::app::Language::setStartupCode(config.language);
    phum::app::FieldCapture::setStartup(QStringLiteral("none"), fixture_->picturesDir());
    engine->rootContext()->setContextProperty(QStringLiteral("capture"), fixture_.get());
  }

 private:
  void prepare() {
    const QString pictures = dataDir_.filePath(QStringLiteral("pictures"));
    QDir().mkpath(pictures);
    // A camera's full size (12 MP) at a camera's JPEG quality.
    if (!phum::testing::cameraPhoto(4000, 3000)
             .save(pictures + QStringLiteral("/household-document.jpg"), "JPEG", 92))
      throw std::runtime_error("cannot write the test photo");
    if (!phum::testing::codeImage(QStringLiteral("PHUM-BOX-0042"), QStringLiteral("code128"), 600,
                                  200)
             .save(pictures + QStringLiteral("/box-code.png")))
      throw std::runtime_error("cannot write the test barcode");
    const std::string serverDir = dataDir_.filePath(QStringLiteral("server")).toStdString();
    const auto published = phum::testing::runAdmin(
        {"forms", "publish", PHUM_CAPTURE_DIR "/capture_check.xlsform.md", "--data", serverDir});
    if (published.exitCode != 0) throw std::runtime_error("forms publish: " + published.err);
    server_ = std::make_unique<phum::testing::ServerProcess>(
        serverDir, std::vector<std::string>{"--open"}, phum::testing::FormChecks::AllRecords);
    fixture_ = std::make_unique<CaptureFixture>(pictures, serverDir);
  }

  QTemporaryDir dataDir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
  std::unique_ptr<CaptureFixture> fixture_;
  int engines_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(app_capture, Setup)

#include "tst_app_capture.moc"
