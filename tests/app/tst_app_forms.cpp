// QtQuickTest runner for forms/tst_*.qml, the four mission forms driven end to end through the
// screen: a real phum-server on 127.0.0.1 that validates every record against the published
// forms (no --accept-unpublished-forms), with the repository's forms published and reference data
// imported by phum-admin, as an administrator does. Each test file gets an empty tablet signed in
// as "sokha" in English; it downloads the forms with "Send now" like a new tablet would.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    publishForms({"quick_registration", "household_survey", "returnee_registration",
                  "trafficking_case_report", "agency_complaint"});
    admin({"refdata", "import", sourceDir() + "/data/reference"});
  }

  std::vector<std::string> serverArgs() const override { return {"--open"}; }

  void configureTablet(phum::app::AppConfig& config) override {
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("forms-tablet");
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_forms, Setup)
