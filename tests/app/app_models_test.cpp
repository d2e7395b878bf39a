// The app's C++ models against a real SQLite store in a temporary directory (no QML needed).
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <map>
#include <stdexcept>

#include "app_config.h"
#include "core/clock.h"
#include "form_controller.h"
#include "form_library.h"
#include "khmer_digits.h"
#include "language.h"
#include "record_list_model.h"
#include "session.h"

namespace phum::app {
namespace {

TEST(KhmerDigits, TypedKhmerDigitsBecomeAscii) {
  EXPECT_EQ(toAsciiDigits(QStringLiteral("២៥")), QStringLiteral("25"));
  EXPECT_EQ(toAsciiDigits(QStringLiteral("១២០១០២០៣")), QStringLiteral("12010203"));
  EXPECT_EQ(toAsciiDigits(QStringLiteral("a៩ 0")), QStringLiteral("a9 0"));
  EXPECT_EQ(toKhmerDigits(QStringLiteral("Village 42")), QStringLiteral("Village ៤២"));
}

TEST(AppConfig, CommandLineWinsAndMissingDataIsExplained) {
  const auto config = parseAppConfig({"phum-app", "--data", "/tmp/x.sqlite", "--server",
                                      "http://10.0.0.2:8470", "--user", "dara", "--lang", "en"});
  EXPECT_EQ(config.dataPath, QStringLiteral("/tmp/x.sqlite"));
  EXPECT_EQ(config.serverUrl, QStringLiteral("http://10.0.0.2:8470"));
  EXPECT_EQ(config.user, QStringLiteral("dara"));
  EXPECT_EQ(config.language, QStringLiteral("en"));

  qunsetenv("PHUM_DATA");
  try {
    parseAppConfig({"phum-app", "--user", "dara"});
    FAIL() << "a missing data file must be refused";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("--data"), std::string::npos) << error.what();
  }
  EXPECT_THROW(parseAppConfig({"phum-app", "--data", "x", "--user", "d", "--lang", "fr"}),
               std::invalid_argument);
}

TEST(AppConfig, EnrolmentCodeAndBackgroundSyncAreOptional) {
  const auto preset = parseAppConfig(
      {"phum-app", "--data", "/tmp/x.sqlite", "--enroll-code", "K7Q2-9XPA", "--sync-every", "30"});
  EXPECT_TRUE(preset.user.isEmpty());  // no --user: the tablet enrols and users sign in
  EXPECT_EQ(preset.enrollCode, QStringLiteral("K7Q2-9XPA"));
  EXPECT_EQ(preset.autoSyncSeconds, 30);
  EXPECT_EQ(parseAppConfig({"phum-app", "--data", "/tmp/x.sqlite"}).autoSyncSeconds, 60);
  EXPECT_THROW(parseAppConfig({"phum-app", "--data", "x", "--sync-every", "soon"}),
               std::invalid_argument);
}

TEST(AppConfig, EnvironmentFillsTheGaps) {
  qputenv("PHUM_DATA", "/data/phum.sqlite");
  qputenv("PHUM_USER", "srey");
  qputenv("PHUM_SERVER_URL", "http://sync.example:8470");
  const auto config = parseAppConfig({"phum-app"});
  qunsetenv("PHUM_DATA");
  qunsetenv("PHUM_USER");
  qunsetenv("PHUM_SERVER_URL");
  EXPECT_EQ(config.dataPath, QStringLiteral("/data/phum.sqlite"));
  EXPECT_EQ(config.user, QStringLiteral("srey"));
  EXPECT_EQ(config.serverUrl, QStringLiteral("http://sync.example:8470"));
  EXPECT_EQ(config.language, QStringLiteral("km"));
}

TEST(AppForm, VersionsCompareAsNumbers) {
  EXPECT_TRUE(isNewerVersion("10", "9"));
  EXPECT_FALSE(isNewerVersion("1", "1"));
  EXPECT_TRUE(isNewerVersion("2026112802", "2026112801"));
}

TEST(AppForm, TitlesFollowTheUiLanguage) {
  const std::string title = "ការស្ទង់មតិ (Household migration survey)";
  EXPECT_EQ(formTitleIn(title, "en"), "Household migration survey");
  EXPECT_EQ(formTitleIn(title, "km"), "ការស្ទង់មតិ");
  EXPECT_EQ(formTitleIn("Survey (2026)", "km"), "Survey (2026)");
}

class ListOnRealStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.isValid());
    AppConfig config;
    config.dataPath = dir_.filePath(QStringLiteral("tablet.sqlite"));
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("tab-07");
    session_ = std::make_unique<Session>(config);
    ASSERT_TRUE(session_->storeOpen()) << session_->storeError().toStdString();
  }

  void finalizeRegistration(const QString& name) {
    FormController form;
    form.setSession(session_.get());
    ASSERT_TRUE(form.startNew(QStringLiteral("quick_registration")));
    form.setAnswer(QStringLiteral("respondent_name"), name);
    form.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
    form.setAnswer(QStringLiteral("age"), QStringLiteral("២៥"));
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("១២០១០២០៣"));
    ASSERT_TRUE(form.finalize()) << form.saveError().toStdString();
  }

  QTemporaryDir dir_;
  std::unique_ptr<Session> session_;
};

TEST_F(ListOnRealStore, ListShowsOnlyTheSignedInUsersRecordsNewestFirst) {
  RecordListModel model;
  model.setSession(session_.get());
  EXPECT_EQ(model.count(), 0);
  finalizeRegistration(QStringLiteral("ស្រីមុំ ហេង"));
  // The list orders by save time in milliseconds: let the clock tick so "newest" is well defined.
  const auto firstSaved = nowMillis();
  while (nowMillis() <= firstSaved) QThread::yieldCurrentThread();
  finalizeRegistration(QStringLiteral("Dara Keo"));

  // Another enumerator's record on the same shared tablet.
  auto other = *session_->store()->findRecord(session_->store()->listRecords()[0].uuid);
  other.set_uuid(Uuid::generate().toBytes());
  other.set_author("vanna");
  session_->store()->saveRecord(other);
  session_->notifyRecordsChanged();

  ASSERT_EQ(model.count(), 2);
  const auto title = [&](int row) {
    return model.data(model.index(row), RecordListModel::TitleRole).toString();
  };
  EXPECT_EQ(title(0), QStringLiteral("Dara Keo"));
  EXPECT_EQ(title(1), QStringLiteral("ស្រីមុំ ហេង"));
  EXPECT_EQ(model.data(model.index(0), RecordListModel::StateRole).toString(),
            QStringLiteral("queued"));
}

TEST(Session, UnopenableStoreIsReportedNotHidden) {
  AppConfig config;
  config.dataPath = QStringLiteral("/proc/phum-cannot-write-here/tablet.sqlite");
  config.user = QStringLiteral("sokha");
  Session session(config);
  EXPECT_FALSE(session.storeOpen());
  EXPECT_FALSE(session.storeError().isEmpty());
  FormController form;
  form.setSession(&session);
  EXPECT_FALSE(form.startNew(QStringLiteral("quick_registration")));
  EXPECT_FALSE(form.openError().isEmpty());
  EXPECT_FALSE(form.finalize());
}

}  // namespace
}  // namespace phum::app
