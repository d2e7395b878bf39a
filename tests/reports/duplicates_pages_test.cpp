// The likely-duplicates pages in real headless Chromium against a real phum-server: a reviewer
// lists the pairs, opens one side by side, confirms it; the pair moves to the confirmed list with
// who decided. Screenshots in Khmer and English go to the build folder.
#include <gtest/gtest.h>

#include <filesystem>

#include "console_fixture.h"
#include "core/uuid.h"
#include "returnee_pair.h"
#include "webdriver.h"

namespace phum::testing {
namespace {

using tools::WebDriver;

std::string screenshotPath(const std::string& name) {
  std::filesystem::create_directories(PHUM_SCREENSHOT_DIR);
  return std::string(PHUM_SCREENSHOT_DIR) + "/" + name + ".png";
}

class DuplicatesPagesTest : public ConsoleServerTest {};

TEST_F(DuplicatesPagesTest, AReviewerComparesAPairSideBySideAndConfirmsItInBothLanguages) {
  std::vector<phum::v1::Record> records;
  for (const bool inside : {true, false}) {
    auto pair = makeReturnees(1, homeProvince_, inside, "2026-05-20");
    pair.push_back(registeredAgain(pair[0]));
    records.insert(records.end(), pair.begin(), pair.end());
  }
  pushAccepted(records);
  WebDriver browser(dir_.path());
  browser.open(server_->url() + "/console/");
  browser.waitFor("#lang-en").click();
  browser.waitFor("#signin-form");
  browser.find("#username").type("rev_national");
  browser.find("#password").type(kConsolePassword);
  browser.find("#signin-submit").click();
  browser.waitFor("#queue");
  const std::vector<std::string> decisions = {"en", "km"};
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const std::string& language = decisions[i];
    browser.find("#lang-" + language).click();
    browser.clickOn("#nav-duplicates");
    browser.waitUntil([&] { return browser.findAll("#duplicates tbody tr").size() == 2 - i; },
                      "the open pairs listed");
    EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
    browser.screenshot(screenshotPath("duplicates-list-" + language));
    browser.clickOn("#duplicates tbody tr a.compare");
    browser.waitFor("#side-by-side");
    const std::string table = browser.find("#side-by-side").text();
    // The reviewer sees both spellings of one person's name (and no other pair's).
    int names = 0;
    for (const auto& record : records) {
      if (table.find(answerText(record, "full_name")) != std::string::npos) ++names;
    }
    EXPECT_EQ(names, 2) << table;
    EXPECT_FALSE(browser.findAll("#side-by-side tr.differs").empty());
    EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
    browser.screenshot(screenshotPath("duplicates-pair-" + language));
    browser.clickOn("#dup-confirm");
    browser.waitUntil(
        [&] { return browser.currentUrl().find("state=confirmed") != std::string::npos; },
        "back on the confirmed list");
    browser.waitUntil([&] { return browser.findAll("#duplicates tbody tr").size() == i + 1; },
                      "the confirmed pairs listed");
  }
  browser.clickOn("#duplicates tbody tr a.compare");
  browser.waitFor("#dup-decided");
  EXPECT_NE(browser.find("#dup-decided").text().find("rev_national"), std::string::npos);
  browser.screenshot(screenshotPath("duplicates-confirmed-km"));
}

// An administrator (who may not read names) has no duplicates page in the menu.
TEST_F(DuplicatesPagesTest, AdministratorsHaveNoDuplicatesPage) {
  WebDriver browser(dir_.path());
  browser.open(server_->url() + "/console/");
  browser.waitFor("#signin-form");
  browser.find("#username").type("admin1");
  browser.find("#password").type(kConsolePassword);
  browser.find("#signin-submit").click();
  browser.waitFor("#queue");
  EXPECT_FALSE(browser.find("#nav-duplicates").displayed());
}

}  // namespace
}  // namespace phum::testing
