// QtQuickTest runner for signin/sign_in_flow.qml (not named tst_*, so app_quick does not run it): a
// real phum-server in secure mode (no --open) on 127.0.0.1 with one enumerator account, an empty
// tablet store in a temporary directory that is not enrolled yet, and the administrator's one-time
// enrolment code handed to QML as `testEnrollCode`.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <string>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

namespace {
constexpr const char* kPassword = "field-pass-2026";
}

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    admin({"users", "add", "--username", "sokha", "--role", "enumerator", "--scope", "0102"},
          std::string(kPassword) + "\n");
  }

  phum::testing::FormChecks formChecks() const override {
    return phum::testing::FormChecks::PublishedOnly;
  }

  void engineReady(QQmlEngine* engine) override {
    engine->rootContext()->setContextProperty(QStringLiteral("testEnrollCode"),
                                              enrollCode("test tablet"));
    engine->rootContext()->setContextProperty(QStringLiteral("testPassword"),
                                              QString::fromLatin1(kPassword));
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_signin, Setup)
