// The app's C++ models against a real SQLite store in a temporary directory (no QML needed).
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <map>
#include <stdexcept>

#include "app_config.h"
#include "app_form.h"
#include "core/clock.h"
#include "forms/engine/validate.h"
#include "forms/xlsform_compiler.h"
#include "khmer_digits.h"
#include "language.h"
#include "phum/v1/changes.pb.h"
#include "record_draft.h"
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

class DraftOnRealStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.isValid());
    AppConfig config;
    config.dataPath = dir_.filePath(QStringLiteral("tablet.sqlite"));
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("tab-07");
    session_ = std::make_unique<Session>(config);
    ASSERT_TRUE(session_->storeOpen()) << session_->storeError().toStdString();
    draft_.setSession(session_.get());
  }

  void fillValid() {
    draft_.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("  ស្រីមុំ ហេង "));
    draft_.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
    draft_.setAnswer(QStringLiteral("age"), QStringLiteral("២៥"));
    draft_.setAnswer(QStringLiteral("village_code"), QStringLiteral("១២០១០២០៣"));
  }

  QTemporaryDir dir_;
  std::unique_ptr<Session> session_;
  RecordDraft draft_;
};

TEST_F(DraftOnRealStore, EmptyDraftNamesEveryMissingAnswer) {
  EXPECT_FALSE(draft_.save());
  const auto errors = draft_.errors();
  for (const char* field : {"respondent_name", "sex", "age", "village_code"})
    EXPECT_TRUE(errors.contains(QString::fromLatin1(field))) << field;
  EXPECT_TRUE(session_->store()->listRecords().empty());
}

TEST_F(DraftOnRealStore, OutOfRangeAgeAndShortVillageCodeAreRefused) {
  fillValid();
  draft_.setAnswer(QStringLiteral("age"), QStringLiteral("១៥០"));
  draft_.setAnswer(QStringLiteral("village_code"), QStringLiteral("1201"));
  EXPECT_FALSE(draft_.validate());
  EXPECT_TRUE(
      draft_.errors().value(QStringLiteral("age")).toString().contains(QStringLiteral("120")));
  EXPECT_TRUE(draft_.errors().contains(QStringLiteral("village_code")));
  // Fixing a field clears its message straight away.
  draft_.setAnswer(QStringLiteral("age"), QStringLiteral("15"));
  EXPECT_FALSE(draft_.errors().contains(QStringLiteral("age")));
}

TEST_F(DraftOnRealStore, SavedRecordHasAsciiDigitsAndIsQueued) {
  fillValid();
  QSignalSpy saved(&draft_, &RecordDraft::saved);
  ASSERT_TRUE(draft_.save()) << draft_.saveError().toStdString();
  ASSERT_EQ(saved.count(), 1);
  EXPECT_TRUE(draft_.answers().isEmpty());  // ready for the next person

  const auto summaries = session_->store()->listRecords("sokha");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0].state, store::SyncState::Queued);
  EXPECT_EQ(QString::fromStdString(summaries[0].uuid.toString()), saved.at(0).at(0).toString());

  const auto record = session_->store()->findRecord(summaries[0].uuid);
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->form_id(), "quick_registration");
  EXPECT_EQ(record->form_version(), "1");
  EXPECT_EQ(record->author(), "sokha");
  EXPECT_EQ(record->device_id(), "tab-07");
  EXPECT_EQ(record->location_code(), "12010203");
  std::map<std::string, phum::v1::Value> answers;
  for (const auto& answer : record->answers().answers()) answers[answer.name()] = answer.value();
  EXPECT_EQ(answers["respondent_name"].text(), "ស្រីមុំ ហេង");
  EXPECT_EQ(answers["sex"].text(), "female");
  ASSERT_EQ(answers["age"].kind_case(), phum::v1::Value::kInteger);
  EXPECT_EQ(answers["age"].integer(), 25);
  EXPECT_EQ(answers["village_code"].text(), "12010203");
}

// The definition the server publishes: compiled from the repository's file, not the app's copy.
phum::v1::FormDefinition publishedQuickRegistration() {
  auto result = forms::compileFormFile(PHUM_FORMS_DIR "/quick_registration.xlsform.md");
  EXPECT_TRUE(result.ok());
  return result.form;
}

TEST_F(DraftOnRealStore, SavedRecordPassesTheServersValidator) {
  fillValid();
  ASSERT_TRUE(draft_.save()) << draft_.saveError().toStdString();
  const auto summaries = session_->store()->listRecords("sokha");
  ASSERT_EQ(summaries.size(), 1u);
  const auto record = session_->store()->findRecord(summaries[0].uuid);
  ASSERT_TRUE(record.has_value());
  const auto problems = forms::engine::validateRecord(publishedQuickRegistration(), *record);
  for (const auto& problem : problems)
    ADD_FAILURE() << problem.field() << ": " << problem.message();
}

TEST_F(DraftOnRealStore, DraftAndServerRefuseTheSameAnswers) {
  fillValid();
  draft_.setAnswer(QStringLiteral("age"), QStringLiteral("១៥០"));
  EXPECT_FALSE(draft_.validate());
  forms::engine::ValidationOptions english;
  english.language = "en";  // the draft's language (no Language switched in this test)
  const auto problems =
      forms::engine::validateRecord(publishedQuickRegistration(), draft_.toRecord(), english);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field(), "age");
  EXPECT_EQ(draft_.errors().value(QStringLiteral("age")).toString().toStdString(),
            problems[0].message());
}

TEST_F(DraftOnRealStore, MessagesComeFromTheFormInTheUiLanguage) {
  draft_.setAnswer(QStringLiteral("age"), QStringLiteral("150"));
  EXPECT_FALSE(draft_.validate());
  EXPECT_EQ(draft_.errors().value(QStringLiteral("age")).toString(),
            QStringLiteral("Age must be between 0 and 120."));
  Language language(nullptr);
  language.setCode(QStringLiteral("km"));
  EXPECT_FALSE(draft_.validate());  // re-words after the switch
  language.setCode(QStringLiteral("en"));
  // Restore English for the other tests before checking, so a failure cannot leak.
  const auto khmer = draft_.errors();
  EXPECT_EQ(khmer.value(QStringLiteral("age")).toString(),
            QStringLiteral("អាយុត្រូវនៅចន្លោះ ០ ដល់ ១២០ ឆ្នាំ។"));
  EXPECT_EQ(khmer.value(QStringLiteral("respondent_name")).toString(),
            QStringLiteral("សូមឆ្លើយសំណួរនេះ មុននឹងបន្ត។"));
}

TEST_F(DraftOnRealStore, ADownloadedNewerVersionOfTheFormIsUsed) {
  auto form = publishedQuickRegistration();
  form.set_version("2");
  for (auto& field : *form.mutable_fields()) {
    if (field.name() != "age") continue;
    field.set_constraint(". >= 15 and . <= 120");
    (*field.mutable_constraint_messages())["en"] = "Register people aged 15 or more.";
  }
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = form;
  session_->store()->applyChanges(batch);

  RecordDraft draft;
  draft.setSession(session_.get());
  draft.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("Dara Keo"));
  draft.setAnswer(QStringLiteral("sex"), QStringLiteral("male"));
  draft.setAnswer(QStringLiteral("age"), QStringLiteral("12"));
  draft.setAnswer(QStringLiteral("village_code"), QStringLiteral("12010203"));
  EXPECT_FALSE(draft.validate());
  EXPECT_EQ(draft.errors().value(QStringLiteral("age")).toString(),
            QStringLiteral("Register people aged 15 or more."));
  draft.setAnswer(QStringLiteral("age"), QStringLiteral("15"));
  ASSERT_TRUE(draft.save()) << draft.saveError().toStdString();
  const auto summaries = session_->store()->listRecords("sokha");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(session_->store()->findRecord(summaries[0].uuid)->form_version(), "2");
}

TEST(AppForm, VersionsCompareAsNumbers) {
  EXPECT_TRUE(isNewerVersion("10", "9"));
  EXPECT_FALSE(isNewerVersion("1", "1"));
  EXPECT_TRUE(isNewerVersion("2026112802", "2026112801"));
}

TEST_F(DraftOnRealStore, ListShowsOnlyTheSignedInUsersRecordsNewestFirst) {
  RecordListModel model;
  model.setSession(session_.get());
  EXPECT_EQ(model.count(), 0);
  fillValid();
  ASSERT_TRUE(draft_.save());
  // The list orders by save time in milliseconds: let the clock tick so "newest" is well defined.
  const auto firstSaved = nowMillis();
  while (nowMillis() <= firstSaved) QThread::yieldCurrentThread();
  fillValid();
  draft_.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("Dara Keo"));
  ASSERT_TRUE(draft_.save());

  // Another enumerator's record on the same shared tablet.
  auto other = draft_.toRecord();
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
  RecordDraft draft;
  draft.setSession(&session);
  EXPECT_FALSE(draft.save());
  EXPECT_FALSE(draft.saveError().isEmpty());
}

}  // namespace
}  // namespace phum::app

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
