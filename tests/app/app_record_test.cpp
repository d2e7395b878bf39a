// The records on a real tablet store: the list's filters, search and pages (SQL, schema v7), the
// state a reviewer's decision gives a record, the correction loop with the reviewer's comment and
// flagged questions, refusals in the UI language, and what a record is titled and filed under.
#include <gtest/gtest.h>

#include <QSet>
#include <QTemporaryDir>

#include "form_controller.h"
#include "form_library.h"
#include "mission_forms.h"
#include "phum/v1/sync.pb.h"
#include "record_list_model.h"
#include "session.h"

namespace phum::app {
namespace {

class RecordsOnRealStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.isValid());
    AppConfig config;
    config.dataPath = dir_.filePath(QStringLiteral("tablet.sqlite"));
    config.user = QStringLiteral("sokha");
    config.deviceId = QStringLiteral("tab-07");
    session_ = std::make_unique<Session>(config);
    ASSERT_TRUE(session_->storeOpen()) << session_->storeError().toStdString();
    testing::installMissionForms(*session_->store(), PHUM_SOURCE_DIR);
  }

  store::LocalStore& store() { return *session_->store(); }

  // A quick registration finalized through the form, as the user does; returns its uuid.
  QString register_(const QString& name, const QString& age = QStringLiteral("25")) {
    FormController form;
    form.setSession(session_.get());
    EXPECT_TRUE(form.startNew(QStringLiteral("quick_registration")));
    form.setAnswer(QStringLiteral("respondent_name"), name);
    form.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
    form.setAnswer(QStringLiteral("age"), age);
    form.setAnswer(QStringLiteral("village_code"), QStringLiteral("12010203"));
    QString uuid;
    QObject::connect(&form, &FormController::finalized, [&](const QString& id) { uuid = id; });
    EXPECT_TRUE(form.finalize()) << form.saveError().toStdString();
    return uuid;
  }

  void review(const QString& uuid, std::uint32_t revision, phum::v1::ReviewOutcome outcome,
              const std::string& comment, const std::string& field = {}) {
    phum::v1::ChangeBatch batch;
    auto* change = batch.add_changes();
    change->set_seq(++seq_);
    auto* decision = change->mutable_review();
    decision->set_record_uuid(Uuid::parse(uuid.toStdString())->toBytes());
    decision->set_revision(revision);
    decision->set_outcome(outcome);
    decision->set_reviewer("Channary");
    decision->set_comment(comment);
    decision->set_field(field);
    batch.set_next_cursor(seq_);
    store().applyChanges(batch, "sokha");
    session_->notifyRecordsChanged();
  }

  static QVariantMap row(FormController& form, const QString& path) {
    return form.fields()->get(form.fields()->rowOf(path));
  }

  QTemporaryDir dir_;
  std::unique_ptr<Session> session_;
  std::uint64_t seq_ = 100;
};

TEST_F(RecordsOnRealStore, AReturnedRecordIsCorrectedWithTheReviewersNotesAndGoesOutAgain) {
  const QString uuid = register_(QStringLiteral("Sokha Chan"), QStringLiteral("52"));
  store().markSent(*Uuid::parse(uuid.toStdString()), 1);
  RecordListModel returned;
  returned.setSession(session_.get());
  returned.setStateFilter(QStringLiteral("returned"));
  EXPECT_EQ(returned.total(), 0);

  review(uuid, 1, phum::v1::REVIEW_OUTCOME_RETURNED, "Check the age with her ID card.");
  review(uuid, 1, phum::v1::REVIEW_OUTCOME_COMMENT, "She said 25.", "age");
  ASSERT_EQ(returned.total(), 1);
  EXPECT_EQ(returned.get(0).value("syncState").toString(), QStringLiteral("returned"));
  EXPECT_TRUE(returned.get(0).value("canCorrect").toBool());

  FormController form;
  form.setSession(session_.get());
  ASSERT_TRUE(form.openForCorrection(uuid)) << form.openError().toStdString();
  EXPECT_TRUE(form.returned());
  EXPECT_EQ(form.reviewer(), QStringLiteral("Channary"));
  EXPECT_EQ(form.reviewComment(), QStringLiteral("Check the age with her ID card."));
  EXPECT_EQ(form.flagCount(), 1);
  EXPECT_EQ(row(form, QStringLiteral("age")).value("flag").toString(),
            QStringLiteral("She said 25."));
  EXPECT_EQ(row(form, QStringLiteral("sex")).value("flag").toString(), QString());
  EXPECT_EQ(form.goToFirstFlag(), QStringLiteral("age"));
  // Left and opened again: the same correction draft, the notes still there.
  form.close();
  ASSERT_TRUE(form.openForCorrection(uuid));
  EXPECT_EQ(form.flagCount(), 1);
  form.setAnswer(QStringLiteral("age"), QStringLiteral("25"));
  ASSERT_TRUE(form.finalize());

  EXPECT_EQ(returned.total(), 0);  // the new revision is no longer "returned"
  RecordListModel all;
  all.setSession(session_.get());
  ASSERT_EQ(all.count(), 1);
  EXPECT_EQ(all.get(0).value("syncState").toString(), QStringLiteral("queued"));
  EXPECT_EQ(all.get(0).value("revision").toInt(), 2);
  // A late decision about revision 1 does not mark revision 2.
  review(uuid, 1, phum::v1::REVIEW_OUTCOME_RETURNED, "Late.");
  EXPECT_EQ(returned.total(), 0);
}

TEST_F(RecordsOnRealStore, ARecordRejectedByReviewShowsTheReasonAndIsNotOfferedForCorrection) {
  const QString uuid = register_(QStringLiteral("Sokha Chan"));
  store().markSent(*Uuid::parse(uuid.toStdString()), 1);
  review(uuid, 1, phum::v1::REVIEW_OUTCOME_REJECTED, "A duplicate of another household.");
  RecordListModel all;
  all.setSession(session_.get());
  ASSERT_EQ(all.count(), 1);
  // Not "rejected": that is the server refusing a record at sync, which the author corrects.
  EXPECT_EQ(all.get(0).value("syncState").toString(), QStringLiteral("not_accepted"));
  EXPECT_FALSE(all.get(0).value("canCorrect").toBool());
  RecordListModel returned;
  returned.setSession(session_.get());
  returned.setStateFilter(QStringLiteral("returned"));
  EXPECT_EQ(returned.total(), 0);

  FormController form;
  form.setSession(session_.get());
  ASSERT_TRUE(form.openReadOnly(uuid)) << form.openError().toStdString();
  EXPECT_TRUE(form.notAccepted());
  EXPECT_FALSE(form.returned());
  EXPECT_EQ(form.reviewer(), QStringLiteral("Channary"));
  EXPECT_EQ(form.reviewComment(), QStringLiteral("A duplicate of another household."));
  EXPECT_FALSE(form.openForCorrection(uuid));
  EXPECT_FALSE(form.openError().isEmpty());
  EXPECT_TRUE(store().listDrafts("sokha").empty());
}

TEST_F(RecordsOnRealStore, TheListFiltersSearchesAndPagesInTheStore) {
  for (int i = 0; i < 120; ++i) {
    auto record = phum::v1::Record();
    record.set_form_id(i % 3 == 0 ? "household_survey" : "quick_registration");
    record.set_form_version("1");
    record.set_author(i % 4 == 0 ? "vanna" : "sokha");
    auto* answer = record.mutable_answers()->add_answers();
    answer->set_name("respondent_name");
    answer->mutable_value()->set_text((i % 2 ? "Dara " : "ស្រីមុំ ") + std::to_string(i));
    const auto saved = store().saveRecord(record);
    if (i % 5 == 0) store().markSent(*Uuid::fromBytes(saved.uuid()), saved.revision());
  }
  RecordListModel list;
  list.setSession(session_.get());
  EXPECT_EQ(list.total(), 90);  // sokha's only
  EXPECT_EQ(list.count(), RecordListModel::kPageSize);
  ASSERT_TRUE(list.canFetchMore({}));
  list.fetchMore({});
  EXPECT_EQ(list.count(), 90);
  EXPECT_FALSE(list.canFetchMore({}));
  // Newest first, across the page boundaries, each record once.
  QSet<QString> seen;
  for (int i = 0; i < list.count(); ++i) seen.insert(list.get(i).value("uuid").toString());
  EXPECT_EQ(seen.size(), 90);

  list.setSearch(QStringLiteral("dara"));  // Latin letters in either case
  EXPECT_EQ(list.total(), 60);
  list.setSearch(QStringLiteral("ស្រីមុំ 1"));
  EXPECT_EQ(list.total(), 8);  // sokha's ស្រីមុំ 10, 14, 18, 102, 106, 110, 114, 118
  list.setSearch(QStringLiteral("%"));  // typed text is literal, not a pattern
  EXPECT_EQ(list.total(), 0);
  list.setSearch({});
  list.setFormFilter(QStringLiteral("household_survey"));
  EXPECT_EQ(list.total(), 30);
  list.setFormFilter({});
  list.setStateFilter(QStringLiteral("sent"));
  EXPECT_EQ(list.total(), 18);
  list.setStateFilter(QStringLiteral("toSend"));
  EXPECT_EQ(list.total(), 72);
  list.setDays(1);
  EXPECT_EQ(list.total(), 72);
}

TEST_F(RecordsOnRealStore, ARefusalIsShownInTheUiLanguageWithWhatToDo) {
  const QString uuid = register_(QStringLiteral("Dara Keo"));
  store::LocalStore::AckOutcome refused;
  refused.uuid = *Uuid::parse(uuid.toStdString());
  refused.revision = 1;
  refused.reason = "location 12010203 is outside the scope of sokha";
  refused.reasonCode = phum::v1::ACK_REASON_OUT_OF_SCOPE;
  store().applyAcks({refused});
  RecordListModel list;
  list.setSession(session_.get());
  EXPECT_EQ(list.get(0).value("syncState").toString(), QStringLiteral("rejected"));
  EXPECT_TRUE(list.get(0).value("reason").toString().startsWith(
      QStringLiteral("The record's place is outside your working area.")));
  EXPECT_TRUE(list.get(0).value("canCorrect").toBool());
  // A code this app does not know (a newer server): the server's own words.
  refused.uuid = *Uuid::parse(register_(QStringLiteral("Vanna Phan")).toStdString());
  refused.reason = "a reason from a newer server";
  refused.reasonCode = 99;
  store().applyAcks({refused});
  list.refresh();
  ASSERT_EQ(list.count(), 2);
  EXPECT_EQ(list.get(0).value("reason").toString(), QStringLiteral("a reason from a newer server"));
}

TEST_F(RecordsOnRealStore, TheFormsLocationFieldFilesTheRecordUnderACrossingPoint) {
  auto definition = testing::compileMissionForm(PHUM_SOURCE_DIR, "returnee_registration");
  const auto answerPlaces = [&](FormController& form) {
    form.setAnswer(QStringLiteral("crossing_point"), QStringLiteral("CHAMYEAM"));
    form.setAnswer(QStringLiteral("origin_province"), QStringLiteral("01"));
    form.setAnswer(QStringLiteral("origin_district"), QStringLiteral("0102"));
  };
  {
    FormController form;
    form.setSession(session_.get());
    ASSERT_TRUE(form.startNew(QStringLiteral("returnee_registration")));
    answerPlaces(form);
    EXPECT_EQ(form.toRecord().location_code(), "0102");  // the most precise gazetteer answer
    form.deleteDraft();
  }
  definition.set_version(definition.version() + "9");
  definition.set_location_field("crossing_point");
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = definition;
  store().applyChanges(batch);
  FormController form;
  form.setSession(session_.get());
  ASSERT_TRUE(form.startNew(QStringLiteral("returnee_registration")));
  answerPlaces(form);
  EXPECT_EQ(form.toRecord().location_code(), "09");  // Cham Yeam is in Koh Kong
  form.deleteDraft();
}

TEST_F(RecordsOnRealStore, TheFormsInstanceNameTitlesTheRecord) {
  auto definition = testing::compileMissionForm(PHUM_SOURCE_DIR, "quick_registration");
  // A version no other test uses: compiled forms are cached per (form id, version).
  definition.set_version("7");
  definition.set_instance_name("concat(${respondent_name}, ' (', ${age}, ')')");
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = definition;
  store().applyChanges(batch);
  {
    FormController form;
    form.setSession(session_.get());
    ASSERT_TRUE(form.startNew(QStringLiteral("quick_registration")));
    EXPECT_EQ(form.formVersion(), QStringLiteral("7"));
    form.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("Sokha Chan"));
    form.setAnswer(QStringLiteral("age"), QStringLiteral("52"));
    EXPECT_EQ(form.formSession()->instanceName(), "Sokha Chan (52)");
    form.deleteDraft();
  }
  register_(QStringLiteral("Sokha Chan"), QStringLiteral("52"));
  RecordListModel list;
  list.setSession(session_.get());
  ASSERT_EQ(list.count(), 1);
  EXPECT_EQ(list.get(0).value("title").toString(), QStringLiteral("Sokha Chan (52)"));
}

TEST(FormRoles, AFormIsOfferedToTheRolesItsSettingsName) {
  const AvailableForm everyone{"quick_registration", "1", "Quick", {}};
  const AvailableForm outreach{"returnee_registration", "2", "Returnee", {"outreach_worker"}};
  EXPECT_TRUE(offeredTo(everyone, phum::v1::ROLE_ENUMERATOR));
  EXPECT_TRUE(offeredTo(outreach, phum::v1::ROLE_OUTREACH_WORKER));
  EXPECT_FALSE(offeredTo(outreach, phum::v1::ROLE_ENUMERATOR));
  EXPECT_TRUE(offeredTo(outreach, phum::v1::ROLE_UNSPECIFIED));  // --open mode: no account
}

}  // namespace
}  // namespace phum::app
