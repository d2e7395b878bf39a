// QtQuickTest runner for signin/sign_in_flow.qml (not named tst_*, so app_quick does not run it): a
// real phum-server in secure mode (no --open) on 127.0.0.1 with one enumerator account, an empty
// tablet store in a temporary directory that is not enrolled yet, and the administrator's one-time
// enrolment code handed to QML as `testEnrollCode`.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>

#include "app_config.h"
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
    const auto issued = phum::testing::runAdmin(
        {"devices", "enroll-code", "--data", serverDir, "--name", "test tablet"});
    if (issued.exitCode != 0) throw std::runtime_error("enroll-code failed: " + issued.err);
    return QString::fromStdString(issued.out.substr(0, issued.out.find('\n'))).trimmed();
  }

  QTemporaryDir dataDir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
  int engines_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(app_signin, Setup)

#include "tst_app_signin.moc"
