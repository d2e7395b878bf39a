// QtQuickTest runner for quick/tst_*.qml: each test engine gets the Phum module and a fresh SQLite
// store in a temporary directory, signed in as "sokha", starting in English, and (when the server
// test support is built) a real phum-server on 127.0.0.1 to sync with.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <exception>
#include <memory>

#include "app_config.h"
#include "language.h"
#include "session.h"
#include "server_fixture.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    if (!dataDir_.isValid()) qFatal("cannot create a temporary directory for the test store");
    phum::app::AppConfig config;
    // One file per engine, so each tst_*.qml starts with an empty tablet.
    config.dataPath = dataDir_.filePath(QStringLiteral("tablet-%1.sqlite").arg(++engines_));
    config.user = QStringLiteral("sokha");
    config.language = QStringLiteral("en");
    config.serverUrl = serverUrl();  // empty: the sync tests skip themselves
    phum::app::Session::setStartupConfig(config);
    phum::app::Language::setStartupCode(config.language);
  }

 private:
  QString serverUrl() {
    try {
      if (!server_)
        server_ = std::make_unique<phum::testing::ServerProcess>(
            dataDir_.filePath(QStringLiteral("server")).toStdString(),
            std::vector<std::string>{"--open"});
      return QString::fromStdString(server_->url());
    } catch (const std::exception& error) {
      qFatal("cannot start the test sync server: %s", error.what());
    }
    return {};
  }

  QTemporaryDir dataDir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
  int engines_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(app_quick, Setup)

#include "tst_app_quick.moc"
