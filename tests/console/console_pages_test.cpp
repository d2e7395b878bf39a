// The console's pages as served by a real phum-server, in real headless Chromium: the WebDriver
// client works (open, find, type, click, read, wait, screenshot) and the pages load in Khmer and
// English with every string present in both languages.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "author_tablet.h"
#include "console_fixture.h"
#include "core/uuid.h"
#include "export_reader.h"
#include "phum/v1/changes.pb.h"
#include "phum/v1/sync.pb.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/sync_client.h"
#include "webdriver.h"

namespace phum::tools {
namespace {

std::string screenshotPath(const std::string& name) {
  std::filesystem::create_directories(PHUM_SCREENSHOT_DIR);
  return std::string(PHUM_SCREENSHOT_DIR) + "/" + name + ".png";
}

bool isPng(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic(8, '\0');
  in.read(magic.data(), 8);
  return magic == "\x89PNG\r\n\x1a\n" && std::filesystem::file_size(path) > 1000;
}

class ConsolePagesTest : public ::testing::Test {
 protected:
  TempDir dir_{"phum-console-pages"};
  ServerProcess server_{phumServerBinary(), dir_.file("server"), {}, ServerMode::AsGiven};
  void SetUp() override { server_.start(); }
};

TEST_F(ConsolePagesTest, SignInPageInKhmerAndEnglish) {
  WebDriver browser(dir_.path());
  browser.open(server_.url() + "/");  // redirected to /console/
  browser.waitFor("#signin-form");
  EXPECT_EQ(browser.currentUrl(), server_.url() + "/console/");
  // Khmer is the default language.
  EXPECT_EQ(browser.execute("return document.documentElement.lang").get<std::string>(), "km");
  EXPECT_NE(browser.find("h1").text().find("ភូមិ"), std::string::npos);
  browser.screenshot(screenshotPath("signin-km"));

  browser.clickOn("#lang-en");
  browser.waitForText("h1", "Sign in to the Phum console");
  browser.find("#username").type("reviewer");
  EXPECT_EQ(browser.find("#username").property("value"), "reviewer");
  const std::string english = browser.screenshot(screenshotPath("signin-en"));
  EXPECT_TRUE(isPng(english));
  EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
}

TEST_F(ConsolePagesTest, EveryStringHasKhmerAndEnglish) {
  WebDriver browser(dir_.path());
  browser.open(server_.url() + "/console/");
  browser.waitFor("#signin-form");
  const auto missing = browser.execute(
      "return import('/console/i18n.js').then(m => Object.entries(m.dictionary)"
      "  .filter(([k, v]) => !v.km || !v.en).map(([k]) => k));");
  EXPECT_TRUE(missing.empty()) << missing.dump();
}

TEST_F(ConsolePagesTest, PagesComeWithTheirSecurityHeaders) {
  WebDriver browser(dir_.path());
  browser.open(server_.url() + "/console/");
  browser.waitFor("#signin-form");
  const auto headers = browser.execute(
      "return fetch('/console/app.js').then(r => ({type: r.headers.get('content-type'),"
      " csp: r.headers.get('content-security-policy'), status: r.status}));");
  EXPECT_EQ(headers["status"], 200);
  EXPECT_EQ(headers["type"], "text/javascript; charset=utf-8");
  EXPECT_NE(headers["csp"].get<std::string>().find("script-src 'self'"), std::string::npos);
  const auto missing = browser.execute("return fetch('/console/nothing.js').then(r => r.status);");
  EXPECT_EQ(missing, 404);
}

// A reviewer's whole round in the browser: sign in, filter the queue, open a household record
// with its members, return it with a note, which reaches the author's tablet through the real sync
// client, approve the correction the tablet sends; screenshots in en and km.
class ConsoleReviewFlowTest : public phum::testing::ConsoleServerTest {
 protected:
  void signInAs(WebDriver& browser, const std::string& username) {
    browser.open(server_->url() + "/console/");
    browser.waitFor("#signin-form");
    browser.find("#username").type(username);
    browser.find("#password").type(phum::testing::kConsolePassword);
    browser.clickOn("#signin-submit");
    browser.waitFor("#queue");
  }
};

TEST_F(ConsoleReviewFlowTest, ReviewerFiltersOpensReturnsAndApproves) {
  auto tablet = phum::testing::enrolAuthorTablet(server_, records_[0], homeProvince_,
                                                 dir_.file("tablet.sqlite"));
  WebDriver browser(dir_.path());
  browser.open(server_->url() + "/console/");
  browser.clickOn("#lang-en");
  signInAs(browser, "rev_home");
  // Only the reviewer's province: every record but the one elsewhere.
  browser.waitUntil([&] { return browser.findAll("#queue tr.row").size() == records_.size() - 1; },
                    "the home province's records in the queue");
  browser.screenshot(screenshotPath("queue-en"));

  browser.find("#filter-state").select("new");
  browser.clickOn("#apply-filters");
  browser.waitUntil([&] { return browser.currentUrl().find("state=new") != std::string::npos; },
                    "the state filter in the address");
  const std::string uuid = uuidOf(records_[0]);
  browser.clickOn("#queue tr.row[data-uuid='" + uuid + "']");
  browser.waitFor("#answers");
  EXPECT_FALSE(browser.findAll("#answers table.repeat-table tbody tr").empty())
      << "the household members should show as a table";
  EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
  browser.screenshot(screenshotPath("record-en"));

  browser.clickOn("button.note-toggle[data-field='hh_size']");
  browser.waitFor("#review-notes textarea[data-field='hh_size']").type("Count the members again");
  browser.find("#review-comment").type("Please check the household size.");
  browser.clickOn("#return");
  browser.waitForText("#record-state", "Returned");
  browser.waitForText("#history", "Count the members again");
  browser.screenshot(screenshotPath("record-returned-en"));

  // The author's tablet receives the return and its note through the real sync client.
  sync::SyncClient client(*tablet.store, tablet.config);
  const auto pulled = client.pullChanges();
  ASSERT_TRUE(pulled.complete) << pulled.error;
  const auto id = *Uuid::parse(uuid);
  std::map<std::string, std::string> notes;  // field ("" for the comment) -> text
  for (const auto& decision : tablet.store->reviewDecisions(id)) {
    EXPECT_EQ(decision.outcome(), phum::v1::REVIEW_OUTCOME_RETURNED);
    EXPECT_EQ(decision.revision(), 1u);
    EXPECT_EQ(decision.reviewer(), "rev_home");
    notes[decision.field()] = decision.comment();
  }
  EXPECT_EQ(notes, (std::map<std::string, std::string>{{"", "Please check the household size."},
                                                       {"hh_size", "Count the members again"}}));
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_RETURNED), 1);

  // The author corrects it on the tablet, which sends revision 2.
  tablet.store->saveRecord(*tablet.store->findRecord(id));
  const auto sent = client.syncNow();
  ASSERT_TRUE(sent.complete) << sent.error;
  ASSERT_EQ(sent.sent, 1);
  browser.execute("location.reload()");
  browser.waitForText("#record-state", "Corrected");
  browser.waitFor("#diff");
  browser.clickOn("#approve");
  browser.waitForText("#record-state", "Approved");
  ASSERT_TRUE(client.pullChanges().complete);
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_APPROVED), 1);

  browser.clickOn("#lang-km");
  browser.waitForText("#record-state", "បានអនុម័ត");
  EXPECT_EQ(browser.find("body").text().find("⟦"), std::string::npos);
  browser.screenshot(screenshotPath("record-km"));
  browser.open(server_->url() + "/console/#/queue");
  browser.waitFor("#queue");
  // Dates in Khmer: Khmer digits and month names, not the browser's English fallback.
  const std::string row = browser.find("#queue tbody tr td").text();
  EXPECT_NE(row.find("២០"), std::string::npos) << row;
  EXPECT_EQ(row.find_first_of("0123456789"), std::string::npos) << row;
  browser.screenshot(screenshotPath("queue-km"));
}

// The export file the browser saved in `folder` once its download finished ("" until then).
std::string downloadedExport(const std::filesystem::path& folder) {
  if (!std::filesystem::exists(folder)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("phum-export-") && name.ends_with(".zip")) {
      std::ifstream in(entry.path(), std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return {};
}

// Export CSV from the queue page, as a reviewer clicks it, in English and then in Khmer: the file
// the browser saves is a ZIP whose CSVs have a BOM, labels in the page's language, and members
// linked to their household by its uuid.
TEST_F(ConsoleReviewFlowTest, ReviewerExportsCsvFromTheQueue) {
  WebDriver browser(dir_.path());
  const auto downloads = std::filesystem::path(dir_.path()) / "downloads";
  browser.open(server_->url() + "/console/");
  browser.clickOn("#lang-en");
  signInAs(browser, "rev_home");
  for (const std::string language : {"en", "km"}) {
    if (language == "km") {
      browser.clickOn("#lang-km");
      browser.waitForText("#export", "នាំចេញ CSV");
    }
    browser.waitFor("#export");
    browser.screenshot(screenshotPath("export-" + language));
    std::filesystem::remove_all(downloads);
    browser.clickOn("#export");
    std::string archive;
    browser.waitUntil([&] { return !(archive = downloadedExport(downloads)).empty(); },
                      "the export downloaded", std::chrono::seconds(60));
    auto files = phum::testing::unzip(archive);
    ASSERT_TRUE(files.contains("household_survey.csv")) << language;
    const std::string& main = files["household_survey.csv"];
    EXPECT_TRUE(main.starts_with("\xEF\xBB\xBF")) << "UTF-8 BOM";
    EXPECT_NE(main.find(language == "km" ? "លេខសម្គាល់កំណត់ត្រា" : "Record ID"), std::string::npos);
    const auto households = phum::testing::parseCsv(main);
    const auto members = phum::testing::parseCsv(files["household_survey-member.csv"]);
    ASSERT_EQ(households.size(), 2 + records_.size() - 1) << "the reviewer's province only";
    ASSERT_GT(members.size(), 2u);
    std::set<std::string> uuids;
    for (std::size_t row = 2; row < households.size(); ++row) uuids.insert(households[row][0]);
    for (std::size_t row = 2; row < members.size(); ++row) {
      EXPECT_TRUE(uuids.contains(members[row][0])) << "a member row not linked by uuid";
    }
  }
}

// The reviewer leaves a page before its answer arrives (switches language on the queue, then
// opens the duplicates at once): the late queue must not replace the page now shown. The
// browser's own fetch is slowed for the queue's list only, so the late answer is certain.
TEST_F(ConsoleReviewFlowTest, ALatePageNeverReplacesThePageNowShown) {
  WebDriver browser(dir_.path());
  browser.open(server_->url() + "/console/");
  browser.clickOn("#lang-en");
  signInAs(browser, "rev_home");
  browser.execute(R"(
    const fetchNow = window.fetch;
    window.lateAnswers = 0;
    window.fetch = async (url, options) => {
      const response = await fetchNow(url, options);
      if (String(url).includes('/v1/console/records?')) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        window.lateAnswers += 1;
      }
      return response;
    };)");
  browser.clickOn("#lang-km");  // re-renders the queue, whose list now answers late
  browser.execute("location.hash = '#/duplicates';");
  browser.waitUntil([&] { return browser.tryFind("#dup-state").has_value(); },
                    "the duplicates page");
  browser.waitUntil([&] { return browser.execute("return window.lateAnswers;") == 1; },
                    "the queue's late answer");
  // Let the late page finish whatever it does after its answer.
  browser.execute("return new Promise((resolve) => setTimeout(resolve, 200));");
  EXPECT_TRUE(browser.tryFind("#dup-state").has_value()) << "the duplicates page stays";
  EXPECT_FALSE(browser.tryFind("#queue").has_value()) << "the late queue was shown over it";
  EXPECT_TRUE(browser.find("#message").text().empty());
}

}  // namespace
}  // namespace phum::tools
