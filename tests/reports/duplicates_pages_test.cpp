// The likely-duplicates pages in real headless Chromium against a real phum-server: a reviewer
// lists the pairs, opens one side by side, confirms it; the pair moves to the confirmed list with
// who decided; a long list pages through older and newer pairs and names each record's place.
// Screenshots in Khmer and English go to the build folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "console_fixture.h"
#include "core/uuid.h"
#include "returnee_pair.h"
#include "webdriver.h"

namespace phum::testing {
namespace {

using tools::WebDriver;

// A hundred rows with their links take a while to render on a loaded CI machine.
constexpr std::chrono::seconds kSlowPage{30};

std::string screenshotPath(const std::string& name) {
  std::filesystem::create_directories(PHUM_SCREENSHOT_DIR);
  return std::string(PHUM_SCREENSHOT_DIR) + "/" + name + ".png";
}

class DuplicatesPagesTest : public ConsoleServerTest {
 protected:
  // Opens the console in `language` and signs in as `username`; waits for the queue.
  void signInAs(WebDriver& browser, const std::string& username, const std::string& language) {
    browser.open(server_->url() + "/console/");
    browser.waitFor("#lang-" + language).click();
    browser.waitFor("#signin-form");
    browser.find("#username").type(username);
    browser.find("#password").type(kConsolePassword);
    browser.find("#signin-submit").click();
    browser.waitFor("#queue");
  }
};

TEST_F(DuplicatesPagesTest, AReviewerComparesAPairSideBySideAndConfirmsItInBothLanguages) {
  std::vector<phum::v1::Record> records;
  for (const bool inside : {true, false}) {
    auto pair = makeReturnees(1, homeProvince_, inside, "2026-05-20");
    pair.push_back(registeredAgain(pair[0]));
    records.insert(records.end(), pair.begin(), pair.end());
  }
  pushAccepted(records);
  WebDriver browser(dir_.path());
  signInAs(browser, "rev_national", "en");
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

// More pairs than a page (100): the next page holds the older ones, the previous one leads back;
// places are named (in the page's language), not given as codes.
TEST_F(DuplicatesPagesTest, ALongListPagesThroughOlderAndNewerPairsWithPlaceNames) {
  auto records = makeReturnees(101, homeProvince_, true, "2026-05-20");
  for (int i = 0; i < 101; ++i) records.push_back(registeredAgain(records[i]));
  pushAccepted(records);
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  // Demo names may make a few more pairs than the 101 registered twice.
  const auto listed = [&](const std::string& lang) {
    const auto reply = call("GET", "/duplicates?limit=200&lang=" + lang, cookie);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return nlohmann::json::parse(reply.body, nullptr, false)["pairs"];
  };
  const auto all = listed("en");
  ASSERT_GT(all.size(), 100u);
  ASSERT_LE(all.size(), 200u);

  WebDriver browser(dir_.path());
  signInAs(browser, "rev_national", "en");
  const auto rows = [&] { return browser.findAll("#duplicates tbody tr").size(); };
  for (const std::string language : {"en", "km"}) {
    browser.find("#lang-" + language).click();
    browser.open(server_->url() + "/console/#/duplicates");
    const auto newest = listed(language)[0];
    const auto placeName = newest["first"]["placeName"].get<std::string>();
    // The language switch re-renders the list, so the old language's rows may still be there (or
    // gone for a moment): wait for the first row to name its place in this language.
    browser.waitUntil(
        [&] {
          return rows() == 100 &&
                 browser.find("#duplicates tbody tr").text().find(placeName) != std::string::npos;
        },
        "the first page of pairs, its places named in " + language, kSlowPage);
    EXPECT_TRUE(browser.findAll("#dup-previous").empty()) << "the first page has no newer pairs";
    EXPECT_NE(newest["first"]["placeName"], newest["first"]["locationCode"]);
    browser.screenshot(screenshotPath("duplicates-page1-" + language));
    browser.clickOn("#dup-next");
    browser.waitUntil([&] { return rows() == all.size() - 100; }, "the older pairs", kSlowPage);
    EXPECT_TRUE(browser.findAll("#dup-next").empty()) << "the last page";
    EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
    browser.screenshot(screenshotPath("duplicates-page2-" + language));
    browser.clickOn("#dup-previous");
    browser.waitUntil([&] { return rows() == 100; }, "back on the newer pairs", kSlowPage);
    EXPECT_TRUE(browser.findAll("#dup-previous").empty());
  }
}

// An administrator (who may not read names) has no duplicates page in the menu.
TEST_F(DuplicatesPagesTest, AdministratorsHaveNoDuplicatesPage) {
  WebDriver browser(dir_.path());
  signInAs(browser, "admin1", "km");
  EXPECT_FALSE(browser.find("#nav-duplicates").displayed());
}

}  // namespace
}  // namespace phum::testing
