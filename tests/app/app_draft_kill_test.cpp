// The tablet app is killed with SIGKILL in the middle of a household interview (a flat battery, a
// crash): every answer the app reported saved is in the draft after the restart, and the
// restarted app reopens the draft on the page where it was left, showing those answers. The app
// is a real process (app_interview_driver: the Phum QML module driven through the screen).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "child_process.h"
#include "form_library.h"
#include "forms/engine/form_session.h"
#include "mission_forms.h"
#include "store/local_store.h"

namespace phum::app {
namespace {

using tools::ChildProcess;

// Lines "<prefix><path>=<value>" of a log, by path (a later line for the same path wins).
std::map<std::string, std::string> answersIn(const std::string& log, const std::string& prefix) {
  std::map<std::string, std::string> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) != 0) continue;
    std::string rest = line.substr(prefix.size());
    if (prefix == "ACK ") rest = rest.substr(rest.find(' ') + 1);  // "<n> path=value"
    const auto equals = rest.find('=');
    out[rest.substr(0, equals)] = rest.substr(equals + 1);
  }
  return out;
}

ChildProcess startApp(const std::string& dataPath, const char* mode, const std::string& log) {
  ::setenv("PHUM_DATA", dataPath.c_str(), 1);
  ::setenv("PHUM_INTERVIEW", mode, 1);
  ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
  return ChildProcess::start(
      {PHUM_INTERVIEW_DRIVER, "-input", PHUM_INTERVIEW_QML, "-maxwarnings", "0"}, log);
}

TEST(DraftKill, EveryAnswerReportedSavedSurvivesASigkillMidInterview) {
  tools::TempDir dir("phum-draft-kill");
  const std::string data = dir.file("tablet.sqlite");
  testing::installMissionForms(*store::LocalStore::open(data), PHUM_SOURCE_DIR);

  // Kill it a moment after the 14th saved answer, while it goes on answering and typing.
  auto app = startApp(data, "enter", dir.file("enter.log"));
  app.waitForLine("ACK 14 ", std::chrono::seconds(120));
  std::this_thread::sleep_for(std::chrono::milliseconds(std::rand() % 300));
  app.signal(SIGKILL);
  EXPECT_EQ(app.wait(), 128 + SIGKILL);
  const auto acknowledged = answersIn(app.log(), "ACK ");
  ASSERT_GE(acknowledged.size(), 14u) << app.log();
  RecordProperty("answers_reported_saved", static_cast<int>(acknowledged.size()));

  // What the tablet file holds, read with the engine the app uses.
  auto store = store::LocalStore::open(data);
  const auto drafts = store->listDrafts("sokha");
  ASSERT_EQ(drafts.size(), 1u);
  const auto& draft = drafts[0];
  auto model = findForm(store.get(), draft.formId, draft.formVersion);
  ASSERT_TRUE(model);
  forms::engine::FormSession session(model);
  phum::v1::AnswerSet answers;
  ASSERT_TRUE(answers.ParseFromString(draft.answers));
  session.load(answers);
  for (const auto& [path, value] : acknowledged)
    EXPECT_EQ(session.state(path).value, value) << path << " was reported saved";
  store.reset();

  // The restarted app reopens the draft where it was left and shows what was answered there.
  auto again = startApp(data, "check", dir.file("check.log"));
  const std::string opened = again.waitForLine("OPENED ", std::chrono::seconds(120));
  EXPECT_EQ(again.wait(), 0) << again.log();
  EXPECT_EQ(opened, draft.page);
  RecordProperty("reopened_on", opened);
  const auto shown = answersIn(again.log(), "SHOWN ");
  EXPECT_FALSE(shown.empty()) << again.log();
  for (const auto& [path, value] : shown) {
    auto reported = acknowledged.find(path);
    if (reported != acknowledged.end()) {
      EXPECT_EQ(value, reported->second) << path;
    }
  }
}

}  // namespace
}  // namespace phum::app
