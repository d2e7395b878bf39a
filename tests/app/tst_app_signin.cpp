// QtQuickTest runner for signin/sign_in_flow.qml (not named tst_*, so app_quick does not run it): a
// real phum-server in secure mode (no --open) on 127.0.0.1 with one enumerator account, an empty
// tablet store in a temporary directory that is not enrolled yet, and the administrator's one-time
// enrolment code handed to QML as `testEnrollCode`. The same code as phum-admin prints it for
// paper (--qr-svg), rendered to a PNG in the tablet's picture folder (FieldCapture), for
// signin/enrol_by_qr.qml (the app_enrol_qr test).
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include "app_config.h"
#include "field_capture.h"
#include "language.h"
#include "server_fixture.h"
#include "session.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

namespace {
constexpr const char* kPassword = "field-pass-2026";
}

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    if (!dataDir_.isValid()) qFatal("cannot create a temporary directory for the test store");
    QString code;
    try {
      code = prepareServer();
    } catch (const std::exception& error) {
      qFatal("cannot prepare the test sync server: %s", error.what());
    }
    phum::app::AppConfig config;
    config.dataPath = dataDir_.filePath(QStringLiteral("tablet-%1.sqlite").arg(++engines_));
    config.serverUrl = QString::fromStdString(server_->url());
    config.language = QStringLiteral("en");
    phum::app::Session::setStartupConfig(config);
    phum::app::Language::setStartupCode(config.language);
    engine->rootContext()->setContextProperty(QStringLiteral("testEnrollCode"), code);
    engine->rootContext()->setContextProperty(QStringLiteral("testBuildDir"),
                                              QStringLiteral(PHUM_BUILD_DIR));
    phum::app::FieldCapture::setStartup(QStringLiteral("none"),
                                        dataDir_.filePath(QStringLiteral("pictures")));
    engine->rootContext()->setContextProperty(QStringLiteral("testPassword"),
                                              QString::fromLatin1(kPassword));
  }

 private:
  // The administrator's steps, with phum-admin as a subprocess; returns a fresh enrolment code.
  QString prepareServer() {
    const std::string serverDir = dataDir_.filePath(QStringLiteral("server")).toStdString();
    if (!server_) {
      const auto added =
          phum::testing::runAdmin({"users", "add", "--data", serverDir, "--username", "sokha",
                                   "--role", "enumerator", "--scope", "0102"},
                                  std::string(kPassword) + "\n");
      if (added.exitCode != 0) throw std::runtime_error("users add failed: " + added.err);
      server_ =
          std::make_unique<phum::testing::ServerProcess>(serverDir, std::vector<std::string>{});
    }
    const QString svg = dataDir_.filePath(QStringLiteral("enrolment-qr.svg"));
    const auto issued = phum::testing::runAdmin({"devices", "enroll-code", "--data", serverDir,
                                                 "--name", "test tablet", "--server-url",
                                                 server_->url(), "--qr-svg", svg.toStdString()});
    if (issued.exitCode != 0) throw std::runtime_error("enroll-code failed: " + issued.err);
    printedQrAsPicture(svg);
    return QString::fromStdString(issued.out.substr(0, issued.out.find('\n'))).trimmed();
  }

  // The printed sheet as a photo of it would be: the SVG drawn at 600x600 on white.
  void printedQrAsPicture(const QString& svg) {
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) throw std::runtime_error("phum-admin wrote no valid QR SVG");
    QImage picture(600, 600, QImage::Format_RGB32);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    renderer.render(&painter, QRectF(50, 50, 500, 500));
    painter.end();
    const QString folder = dataDir_.filePath(QStringLiteral("pictures"));
    QDir().mkpath(folder);
    if (!picture.save(folder + QStringLiteral("/enrolment-qr.png")))
      throw std::runtime_error("cannot write the QR picture");
  }

  QTemporaryDir dataDir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
  int engines_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(app_signin, Setup)

#include "tst_app_signin.moc"
