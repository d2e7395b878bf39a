// QtQuickTest runner for forms/tst_*.qml, the four mission forms driven end to end through the
// screen: a real phum-server on 127.0.0.1 that validates every record against the published
// forms (no --accept-unpublished-forms), with the repository's forms published and reference data
// imported by phum-admin, as an administrator does. Each test file gets an empty tablet signed in
// as "sokha" in English; it downloads the forms with "Send now" like a new tablet would.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlEngine>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "app_config.h"
#include "language.h"
#include "server_fixture.h"
#include "session.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    if (!dataDir_.isValid()) qFatal("cannot create a temporary directory for the test store");
    try {
      if (!server_) startServer();
    } catch (const std::exception& error) {
      qFatal("cannot prepare the test sync server: %s", error.what());
    }
    phum::app::AppConfig config;
    config.dataPath = dataDir_.filePath(QStringLiteral("tablet-%1.sqlite").arg(++engines_));
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("forms-tablet");
    config.language = QStringLiteral("en");
    config.serverUrl = QString::fromStdString(server_->url());
    phum::app::Session::setStartupConfig(config);
    phum::app::Language::setStartupCode(config.language);
  }

 private:
  void admin(std::vector<std::string> args) {
    args.push_back("--data");
    args.push_back(serverDir());
    const auto result = phum::testing::runAdmin(args);
    if (result.exitCode != 0)
      throw std::runtime_error("phum-admin " + args[0] + " " + args[1] + " failed: " + result.err);
  }

  void startServer() {
    const std::string source = PHUM_SOURCE_DIR;
    std::vector<std::string> publish{"forms", "publish"};
    for (const char* form : {"quick_registration", "household_survey", "returnee_registration",
                             "trafficking_case_report", "agency_complaint"})
      publish.push_back(source + "/forms/" + form + ".xlsform.md");
    admin(publish);
    admin({"refdata", "import", source + "/data/reference"});
    server_ = std::make_unique<phum::testing::ServerProcess>(
        serverDir(), std::vector<std::string>{"--open"}, phum::testing::FormChecks::AllRecords);
  }

  std::string serverDir() const {
    return dataDir_.filePath(QStringLiteral("server")).toStdString();
  }

  QTemporaryDir dataDir_;
  std::unique_ptr<phum::testing::ServerProcess> server_;
  int engines_ = 0;
};

QUICK_TEST_MAIN_WITH_SETUP(app_forms, Setup)

#include "tst_app_forms.moc"
