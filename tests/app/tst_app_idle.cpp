// QtQuickTest runner for idle/tst_*.qml: the idle lock. A real phum-server in secure mode with a
// sealing key, the quick registration published and one enumerator; the tablet is enrolled through
// the screen with `testEnrollCode` and the screens are saved under `testBuildDir`.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <string>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    admin({"keys", "create"});  // the respondent's name is sealed at finalize
    admin({"forms", "publish", repositoryForm("quick_registration")});
    admin({"refdata", "import", sourceDir() + "/data/reference"});
    addFieldUser("sokha", "enumerator", "01");
  }

  void engineReady(QQmlEngine* engine) override {
    auto* context = engine->rootContext();
    context->setContextProperty(QStringLiteral("testEnrollCode"), enrollCode("idle tablet"));
    context->setContextProperty(QStringLiteral("testPassword"), fieldPassword());
    context->setContextProperty(QStringLiteral("testBuildDir"), QStringLiteral(PHUM_BUILD_DIR));
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_idle, Setup)
