// QtQuickTest runner for roles/tst_*.qml: the forms offered follow the signed-in user's role. A
// real phum-server in secure mode with the repository's mission forms published with a `roles`
// setting as an office would set them (DOMAIN.md: enumerators fill the household survey,
// outreach workers the returnee and case reports, counsellors the agency complaint; the quick
// registration names no role, so everyone has it), a counsellor and an enumerator account.
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <QQmlContext>
#include <QQmlEngine>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "app_quick_setup.h"

Q_IMPORT_QML_PLUGIN(PhumPlugin)

namespace {
// The form's settings table with a `roles` column added (the header, the rule, the one row).
std::string withRoles(const std::string& markdown, const std::string& roles) {
  std::istringstream in(markdown);
  std::string out, line;
  int settingsLine = -1;
  while (std::getline(in, line)) {
    if (line.rfind("| form_id | form_title", 0) == 0) settingsLine = 0;
    if (settingsLine >= 0 && settingsLine < 3 && !line.empty() && line.back() == '|') {
      line += settingsLine == 0 ? " roles |" : settingsLine == 1 ? "---|" : " " + roles + " |";
      ++settingsLine;
    }
    out += line + "\n";
  }
  if (settingsLine != 3) throw std::runtime_error("no settings table to add roles to");
  return out;
}
}  // namespace

class Setup : public phum::testing::AppQuickSetup {
 protected:
  void prepareServer() override {
    const std::vector<std::pair<std::string, std::string>> forms{
        {"household_survey", "enumerator"},
        {"returnee_registration", "outreach_worker"},
        {"trafficking_case_report", "outreach_worker"},
        {"agency_complaint", "counsellor"}};
    std::vector<std::string> publish{"forms", "publish", repositoryForm("quick_registration")};
    for (const auto& [name, roles] : forms) {
      std::ifstream in(repositoryForm(name));
      std::stringstream text;
      text << in.rdbuf();
      const std::string copy = scratchPath(QString::fromStdString(name + ".xlsform.md"));
      std::ofstream(copy) << withRoles(text.str(), roles);
      publish.push_back(copy);
    }
    admin(publish);
    admin({"refdata", "import", sourceDir() + "/data/reference"});
    addFieldUser("dara", "counsellor", "01");
    addFieldUser("sokha", "enumerator", "01");
  }

  void engineReady(QQmlEngine* engine) override {
    engine->rootContext()->setContextProperty(QStringLiteral("testEnrollCode"),
                                              enrollCode("roles tablet"));
    engine->rootContext()->setContextProperty(QStringLiteral("testPassword"), fieldPassword());
  }
};

QUICK_TEST_MAIN_WITH_SETUP(app_roles, Setup)
