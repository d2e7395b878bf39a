// QtQuickTest runner for quick/tst_*.qml: each test engine gets the Phum module and a fresh SQLite
// store in a temporary directory, signed in as "sokha", starting in English, and a real
// phum-server on 127.0.0.1 (--open) to sync with.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public phum::testing::AppQuickSetup {
 protected:
  std::vector<std::string> serverArgs() const override { return {"--open"}; }
  phum::testing::FormChecks formChecks() const override {
    return phum::testing::FormChecks::PublishedOnly;
  }
  void configureTablet(phum::app::AppConfig& config) override {
    config.user = QStringLiteral("sokha");
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_quick, Setup)
