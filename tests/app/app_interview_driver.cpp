// A real tablet app (the Phum QML module, its AppShell, its SQLite store) driven through the
// screen by interview/tst_interview.qml, as a separate process that draft_kill_test can SIGKILL.
// The tablet file comes from PHUM_DATA; PHUM_INTERVIEW says what to do ("enter": start a household
// interview and answer; "check": reopen the draft). Progress lines go to stdout at once:
//   ACK <n> <path>=<value>   an answer the app reported saved
//   OPENED <page key>        the draft reopened on this page
//   SHOWN <path>=<value>     an answer shown on that page
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <cstdio>

#include "app_config.h"
#include "language.h"
#include "session.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class DriverLog : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  Q_INVOKABLE void write(const QString& line) {
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);  // the parent may kill us any moment after this line
  }
};

class Setup : public QObject {
  Q_OBJECT

 public slots:
  void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Basic")); }

  void qmlEngineAvailable(QQmlEngine* engine) {
    engine->addImportPath(QStringLiteral("qrc:/"));
    phum::app::AppConfig config;
    config.dataPath = qEnvironmentVariable("PHUM_DATA");
    if (config.dataPath.isEmpty()) qFatal("PHUM_DATA must name the tablet's SQLite file");
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("kill-test-tablet");
    config.language = QStringLiteral("en");
    phum::app::Session::setStartupConfig(config);
    phum::app::Language::setStartupCode(config.language);
    engine->rootContext()->setContextProperty(QStringLiteral("driverLog"), &log_);
    engine->rootContext()->setContextProperty(QStringLiteral("interviewMode"),
                                              qEnvironmentVariable("PHUM_INTERVIEW"));
  }

 private:
  DriverLog log_;
};

QUICK_TEST_MAIN_WITH_SETUP(app_interview_driver, Setup)

#include "app_interview_driver.moc"
