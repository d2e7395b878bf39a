// The reports pages in real headless Chromium against a real phum-server with an approved demo
// set (phum-admin demo generate): each report opens with its table and chart, a filter changes the
// address and the table, the CSV link downloads (fetched with the page's session). Screenshots in
// Khmer and English go to the build folder (tests/reports/screenshots/).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "console_fixture.h"
#include "phum_processes.h"
#include "webdriver.h"

namespace phum::testing {
namespace {

using tools::WebDriver;

std::string screenshotPath(const std::string& name) {
  std::filesystem::create_directories(PHUM_SCREENSHOT_DIR);
  return std::string(PHUM_SCREENSHOT_DIR) + "/" + name + ".png";
}

class ReportsPagesTest : public ConsoleServerTest {
 protected:
  void SetUp() override {
    ConsoleServerTest::SetUp();
    // A demo set beside the running server (phum-admin waits for the server's write lock):
    // household surveys after the paper's tables, returnees with a mass return at Poipet.
    const auto run = tools::runAdmin(server_->dataDir(), {"demo", "generate", "--records", "3000"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
  }

  void signInAs(WebDriver& browser, const std::string& language) {
    browser.open(server_->url() + "/console/");
    browser.waitFor("#lang-" + language).click();
    browser.waitFor("#signin-form");
    browser.find("#username").type("rev_national");
    browser.find("#password").type(kConsolePassword);
    browser.find("#signin-submit").click();
    browser.waitFor("#queue");
  }
};

TEST_F(ReportsPagesTest, EachReportOpensFiltersAndDownloadsInBothLanguages) {
  // One browser for both languages (the language buttons switch the page in place).
  WebDriver browser(dir_.path());
  signInAs(browser, "en");
  for (const std::string language : {"en", "km"}) {
    browser.find("#lang-" + language).click();
    browser.find("#nav-reports").click();
    for (const std::string key : {"table-2.1", "table-2.2", "table-2.3", "table-2.4", "returnees",
                                  "trafficking", "complaints"}) {
      browser.open(server_->url() + "/console/#/reports/" + key);
      browser.waitFor("#report-notice");
      std::string tab = "#report-tab-" + key;  // ids say "table-2-1": a dot is no CSS id
      std::replace(tab.begin(), tab.end(), '.', '-');
      browser.waitUntil([&] { return browser.find(tab).attribute("class") == "active"; },
                        key + " open");
      EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos) << key;
      const std::string notice = browser.find("#report-notice").text();
      EXPECT_NE(notice.find(language == "en" ? "Approved records only" : "អនុម័ត"), std::string::npos)
          << notice;
      // The CSV link works with the page's session and starts with a byte-order mark.
      const auto csv = browser.execute(
          "return fetch(document.querySelector('#report-csv').href).then(r => r.arrayBuffer())"
          ".then(b => Array.from(new Uint8Array(b).slice(0, 3)));");
      EXPECT_EQ(csv, nlohmann::json({0xEF, 0xBB, 0xBF})) << key;
      if (key.starts_with("table-")) {
        browser.waitUntil(
            [&] {
              return browser
                  .execute(
                      "return !!document.querySelector("
                      "'canvas') && !!window.Chart;")
                  .get<bool>();
            },
            key + " chart drawn");
      }
      browser.screenshot(screenshotPath(key + "-" + language));
    }
    // A filter: one province; the address and the table follow it.
    browser.open(server_->url() + "/console/#/reports/table-2.3");
    browser.waitFor("#table-ageband tr.total");
    const std::string before = browser.find("#table-ageband tr.total").text();
    browser.waitUntil([&] { return browser.findAll("#report-province option").size() > 1; },
                      "provinces listed");
    browser.find("#report-province").select(homeProvince_);
    browser.find("#report-apply").click();
    browser.waitUntil(
        [&] { return browser.currentUrl().find("province=" + homeProvince_) != std::string::npos; },
        "the province in the address");
    browser.waitUntil([&] { return browser.find("#table-ageband tr.total").text() != before; },
                      "the table to change with the filter");
    browser.screenshot(screenshotPath("table-2.3-province-" + language));
  }
}

// The agency watch list under the complaints report: a reviewer raises SAMPLE-0001's flag with a
// reason and clears SAMPLE-0002's (watched in the shipped registry), in Khmer then English.
TEST_F(ReportsPagesTest, AReviewerRaisesAndClearsAnAgencyWatchFlag) {
  WebDriver browser(dir_.path());
  signInAs(browser, "km");
  browser.open(server_->url() + "/console/#/reports/complaints");
  browser.waitFor("#watch-row-SAMPLE-0002.watched");
  browser.screenshot(screenshotPath("watch-list-km"));
  browser.clickOn("#watch-toggle-SAMPLE-0002");
  browser.waitFor("#watch-reason-SAMPLE-0002").type("Complaints settled by the agency");
  browser.clickOn("#watch-confirm-SAMPLE-0002");
  browser.waitUntil(
      [&] { return browser.find("#watch-row-SAMPLE-0002").attribute("class") != "watched"; },
      "SAMPLE-0002 cleared");
  browser.find("#lang-en").click();
  browser.open(server_->url() + "/console/#/reports/complaints");
  browser.waitFor("#watch-list");
  // SAMPLE-0001 is listed once it has complaints or a flag: raise it through the page's API call.
  const auto raised = browser.execute(
      "return import('/console/api.js').then(api => api.post("
      "'/reports/agencies/SAMPLE-0001/watch', {watch: true, reason: 'Passports kept'}))"
      ".then(r => r.watched);");
  EXPECT_EQ(raised, true);
  // Another report first: opening the address the page is on would not draw it again.
  browser.open(server_->url() + "/console/#/reports/trafficking");
  browser.waitFor("#report-htcds");
  browser.open(server_->url() + "/console/#/reports/complaints");
  browser.waitForText("#watch-row-SAMPLE-0001", "Passports kept");
  EXPECT_EQ(browser.find("#watch-row-SAMPLE-0001").attribute("class"), "watched");
  EXPECT_NE(browser.find("#watch-row-SAMPLE-0002").text().find("Complaints settled"),
            std::string::npos);
  browser.screenshot(screenshotPath("watch-list-en"));
}

}  // namespace
}  // namespace phum::testing
