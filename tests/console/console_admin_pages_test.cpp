// The administrator's pages in real headless Chromium against a real phum-server: create a user,
// create an enrolment code (its QR code on screen), check a broken workbook and publish a good
// one, import reference data and see what changed. A screenshot of each page in English and
// Khmer goes to the build folder (tests/console/screenshots/).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "console_fixture.h"
#include "webdriver.h"

namespace phum::tools {
namespace {

std::string screenshotPath(const std::string& name) {
  std::filesystem::create_directories(PHUM_SCREENSHOT_DIR);
  return std::string(PHUM_SCREENSHOT_DIR) + "/" + name + ".png";
}

std::string sourcePath(const std::string& relative) {
  return std::string(PHUM_SOURCE_DIR) + "/" + relative;
}

class ConsoleAdminPagesTest : public phum::testing::ConsoleServerTest {
 protected:
  void signInAsAdministrator(WebDriver& browser) {
    browser.open(server_->url() + "/console/");
    browser.waitFor("#lang-en").click();
    browser.waitFor("#signin-form");
    browser.find("#username").type("admin1");
    browser.find("#password").type(phum::testing::kConsolePassword);
    browser.find("#signin-submit").click();
    browser.waitFor("#queue");
  }
  void go(WebDriver& browser, const std::string& page, const std::string& ready) {
    browser.open(server_->url() + "/console/#/admin/" + page);
    browser.waitFor(ready);
  }
  void expectEveryStringTranslated(WebDriver& browser, const std::string& page) {
    EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos) << page;
  }
  // The agencies CSV with one agency added, to import.
  std::string editedAgencies() {
    std::ifstream in(sourcePath("data/reference/agencies.csv"));
    std::ostringstream text;
    text << in.rdbuf() << "SAMPLE-0998,Console Test Agency (sample),ក្រុមហ៊ុន សាកល្បង,no,12\n";
    const std::string path = dir_.file("agencies.csv");
    std::ofstream(path) << text.str();
    return path;
  }
};

TEST_F(ConsoleAdminPagesTest, AnAdministratorManagesUsersDevicesFormsAndReferenceData) {
  WebDriver browser(dir_.path());
  signInAsAdministrator(browser);
  browser.screenshot(screenshotPath("admin-queue-en"));

  go(browser, "users", "#new-user");
  browser.find("#new-username").type("sokha");
  browser.find("#new-display-name").type("Sok Sokha");
  browser.find("#new-role").select("reviewer");
  browser.find("#new-scope").clear();
  browser.find("#new-scope").type(homeProvince_);
  browser.find("#new-password").type(phum::testing::kConsolePassword);
  browser.find("#add-user").click();
  browser.waitFor("#users tr[data-username='sokha']");
  browser.find("#users tr[data-username='sokha'] .disable-user").click();
  browser.waitFor("#users tr[data-username='sokha'] .confirm-yes").click();
  browser.waitForText("#users tr[data-username='sokha']", "Disabled");
  browser.waitFor("#users tr[data-username='sokha'] .enable-user").click();
  browser.waitForText("#users tr[data-username='sokha']", "Active");
  // After the page reloads itself, the administrator still cannot disable their own account.
  EXPECT_EQ(browser.find("#users tr[data-username='admin1'] .disable-user").property("disabled"),
            "true");
  browser.screenshot(screenshotPath("admin-users-en"));

  go(browser, "devices", "#new-code");
  browser.find("#device-name").type("Poipet 1");
  browser.find("#create-code").click();
  browser.waitFor("#enrolment-code svg");
  const auto size = browser.execute(
      "const r = document.querySelector('#enrolment-code svg').getBoundingClientRect();"
      "return [r.width, r.height];");
  EXPECT_GE(size[0].get<double>(), 150) << "the QR code should be large enough to scan";
  EXPECT_FALSE(browser.find("#code-text").text().empty());
  browser.screenshot(screenshotPath("admin-devices-en"));

  go(browser, "forms", "#form-file");
  browser.find("#form-file").type(sourcePath("tests/forms/corpus/hotosm/Camping.xlsx"));
  browser.find("#check-form").click();
  browser.waitFor("#form-messages .line.error");
  EXPECT_NE(browser.find("#form-messages").text().find("Camping.xlsx: error: survey row 13"),
            std::string::npos);
  browser.screenshot(screenshotPath("admin-forms-errors-en"));
  browser.find("#form-file").type(sourcePath("tests/forms/data/htcds_xlsform.xlsx"));
  browser.find("#publish-form").click();
  browser.waitFor("#forms tr[data-form='htcds_xlsform']");
  browser.waitForText("#message", "htcds_xlsform");
  browser.screenshot(screenshotPath("admin-forms-en"));

  go(browser, "refdata", "#refdata-file");
  browser.find("#refdata-dataset").select("agencies");
  browser.find("#refdata-file").type(editedAgencies());
  browser.find("#import-refdata").click();
  browser.waitForText("#refdata-summary", "1 added, 0 changed, 0 removed");
  browser.waitForText("#refdata-changes", "SAMPLE-0998");
  browser.screenshot(screenshotPath("admin-refdata-en"));

  // The same pages in Khmer, every string translated.
  browser.find("#lang-km").click();
  browser.waitUntil([&] { return browser.find("h1").text() == "ទិន្នន័យយោង"; }, "Khmer headings");
  for (const auto& [page, ready] :
       std::vector<std::pair<std::string, std::string>>{{"users", "#users"},
                                                        {"devices", "#new-code"},
                                                        {"forms", "#forms"},
                                                        {"refdata", "#datasets"}}) {
    go(browser, page, ready);
    expectEveryStringTranslated(browser, page);
    browser.screenshot(screenshotPath("admin-" + page + "-km"));
  }
  go(browser, "devices", "#new-code");
  browser.find("#device-name").type("ប៉ោយប៉ែត ២");
  browser.find("#create-code").click();
  browser.waitFor("#enrolment-code svg");
  browser.screenshot(screenshotPath("admin-devices-code-km"));
  browser.open(server_->url() + "/console/#/queue");
  browser.waitFor("#queue");
  browser.screenshot(screenshotPath("admin-queue-km"));
}

// The District and Commune selects keep the Province select's width when they are empty, and the
// language switch sits in the header, clear of the review panel.
TEST_F(ConsoleAdminPagesTest, FiltersKeepTheirWidthAndTheLanguageSwitchIsInTheHeader) {
  WebDriver browser(dir_.path());
  signInAsAdministrator(browser);
  const auto widths = browser.execute(
      "return ['#filter-province', '#filter-district', '#filter-commune']"
      ".map(s => document.querySelector(s).getBoundingClientRect().width);");
  EXPECT_EQ(widths[0], widths[1]) << widths;
  EXPECT_EQ(widths[1], widths[2]) << widths;
  EXPECT_TRUE(browser
                  .execute("return document.querySelector('header.top').contains("
                           "document.querySelector('#lang-km'));")
                  .get<bool>());
  browser.waitFor("#queue tr.row").click();
  browser.waitFor("#answers");
  // Nothing of the header's language switch lies over the review panel.
  const auto overlap = browser.execute(
      "const a = document.querySelector('.lang').getBoundingClientRect();"
      "const b = document.querySelector('.actions').getBoundingClientRect();"
      "return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= "
      "a.top);");
  EXPECT_FALSE(overlap.get<bool>());
  browser.screenshot(screenshotPath("admin-record-en"));
}

}  // namespace
}  // namespace phum::tools
