// FormController on a real tablet store holding the repository's mission forms and reference data:
// pages, relevance, cascades, repeats, messages, drafts that reopen where they were left, the
// version of a draft, corrections, records the server's validator accepts, and a photo saved with
// its record in one transaction.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <set>

#include "draft_list_model.h"
#include "draft_writer.h"
#include "form_controller.h"
#include "forms/engine/validate.h"
#include "forms/markdown_form.h"
#include "forms/xlsform_compiler.h"
#include "language.h"
#include "mission_forms.h"
#include "session.h"
#include "sqlite/sqlite_db.h"

namespace phum::app {
namespace {

using testing::compileMissionForm;

class FormOnRealStore : public ::testing::Test {
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

  std::unique_ptr<FormController> start(const char* formId) {
    auto form = std::make_unique<FormController>();
    form->setSession(session_.get());
    EXPECT_TRUE(form->startNew(QString::fromLatin1(formId))) << form->openError().toStdString();
    return form;
  }

  static QVariantMap row(FormController& form, const QString& path) {
    return form.fields()->get(form.fields()->rowOf(path));
  }

  static QStringList paths(FormController& form) {
    QStringList out;
    for (const auto& row : form.fields()->rows()) out << row.path;
    return out;
  }

  static void answer(FormController& form, const char* path, const QString& value) {
    form.setAnswer(QString::fromUtf8(path), value);
  }

  // What the server says about the record (published form, reference data, same engine).
  std::vector<phum::v1::FieldError> serverProblems(const phum::v1::Record& record) const {
    forms::engine::ValidationOptions options;
    options.language = "en";
    options.externalChoices = references_.provider();
    return forms::engine::validateRecord(compileMissionForm(PHUM_SOURCE_DIR, record.form_id()),
                                         record, options);
  }

  phum::v1::Record onlyRecord() const {
    const auto summaries = session_->store()->listRecords("sokha");
    EXPECT_EQ(summaries.size(), 1u);
    return *session_->store()->findRecord(summaries.at(0).uuid);
  }

  QTemporaryDir dir_;
  std::unique_ptr<Session> session_;
  testing::ReferenceLists references_{PHUM_SOURCE_DIR};
};

void fillQuickRegistration(FormController& form) {
  form.setAnswer(QStringLiteral("respondent_name"), QStringLiteral("  ស្រីមុំ ហេង "));
  form.setAnswer(QStringLiteral("sex"), QStringLiteral("female"));
  form.setAnswer(QStringLiteral("age"), QStringLiteral("២៥"));
  form.setAnswer(QStringLiteral("village_code"), QStringLiteral("១២០១០២០៣"));
}

TEST_F(FormOnRealStore, QuickRegistrationGoesThroughTheGenericRenderer) {
  auto form = start("quick_registration");
  EXPECT_EQ(form->pageCount(), 1);
  EXPECT_EQ(paths(*form), (QStringList{"respondent_name", "sex", "age", "village_code"}));
  EXPECT_EQ(row(*form, "sex").value("kind").toString(), QStringLiteral("select_one"));
  EXPECT_EQ(row(*form, "age").value("kind").toString(), QStringLiteral("integer"));
  // Nothing is shown as wrong before the user tried to go on.
  EXPECT_EQ(row(*form, "age").value("problem").toString(), QString());
  EXPECT_FALSE(form->finalize());
  EXPECT_EQ(form->problemCount(), 4);
  EXPECT_EQ(row(*form, "age").value("problem").toString(),
            QStringLiteral("Please answer this question before continuing."));
  fillQuickRegistration(*form);
  form->setAnswer(QStringLiteral("age"), QStringLiteral("១៥០"));
  EXPECT_EQ(row(*form, "age").value("problem").toString(),
            QStringLiteral("Age must be between 0 and 120."));
  form->setAnswer(QStringLiteral("age"), QStringLiteral("២៥"));
  EXPECT_TRUE(form->canFinalize());
  QSignalSpy finalized(form.get(), &FormController::finalized);
  ASSERT_TRUE(form->finalize()) << form->saveError().toStdString();
  ASSERT_EQ(finalized.count(), 1);
  EXPECT_FALSE(form->isOpen());

  const auto record = onlyRecord();
  EXPECT_EQ(QString::fromStdString(Uuid::fromBytes(record.uuid())->toString()),
            finalized.at(0).at(0).toString());
  EXPECT_EQ(record.form_id(), "quick_registration");
  EXPECT_EQ(record.author(), "sokha");
  EXPECT_EQ(record.device_id(), "tab-07");
  EXPECT_EQ(record.location_code(), "12010203");
  std::map<std::string, phum::v1::Value> answers;
  for (const auto& a : record.answers().answers()) answers[a.name()] = a.value();
  EXPECT_EQ(answers["respondent_name"].text(), "ស្រីមុំ ហេង");
  EXPECT_EQ(answers["age"].integer(), 25);
  EXPECT_EQ(answers["village_code"].text(), "12010203");
  EXPECT_TRUE(serverProblems(record).empty());
  EXPECT_TRUE(session_->store()->listDrafts("sokha").empty());  // finalizing removed the draft
}

TEST_F(FormOnRealStore, MessagesComeFromTheFormInTheUiLanguage) {
  auto form = start("quick_registration");
  Language language(nullptr);
  language.setCode(QStringLiteral("km"));
  form->retranslate();
  form->setAnswer(QStringLiteral("age"), QStringLiteral("150"));
  form->finalize();
  const QString age = row(*form, "age").value("problem").toString();
  const QString name = row(*form, "respondent_name").value("problem").toString();
  const QString label = row(*form, "age").value("label").toString();
  language.setCode(QStringLiteral("en"));  // restore before checking, so a failure cannot leak
  EXPECT_EQ(age, QStringLiteral("អាយុត្រូវនៅចន្លោះ ០ ដល់ ១២០ ឆ្នាំ។"));
  EXPECT_EQ(name, QStringLiteral("សូមឆ្លើយសំណួរនេះ មុននឹងបន្ត។"));
  EXPECT_EQ(label, QStringLiteral("អាយុ (ឆ្នាំគត់)"));
}

void fillMember(FormController& form, int n, const QString& name, const char* sex, int age,
                bool migrant) {
  const QString at = QStringLiteral("member[%1]/").arg(n);
  form.setAnswer(at + "member_name", name);
  form.setAnswer(at + "sex", QString::fromLatin1(sex));
  form.setAnswer(at + "age", QString::number(age));
  if (age >= 15) form.setAnswer(at + "marital_status", QStringLiteral("never"));
  if (age >= 6) form.setAnswer(at + "education", QStringLiteral("primary"));
  form.setAnswer(at + "is_migrant", migrant ? QStringLiteral("yes") : QStringLiteral("no"));
}

TEST_F(FormOnRealStore, HouseholdPagesFollowConsentCascadesAndTheRoster) {
  auto form = start("household_survey");
  // Before consent only the first page is shown; the rest depends on it.
  EXPECT_EQ(form->pageCount(), 1);
  EXPECT_EQ(paths(*form), (QStringList{"intro", "consent", "no_consent_note"}));
  EXPECT_FALSE(row(*form, "no_consent_note").value("relevant").toBool());
  answer(*form, "consent", "no");
  EXPECT_TRUE(row(*form, "no_consent_note").value("relevant").toBool());  // live, same page
  answer(*form, "consent", "yes");
  // + location, household, and the members' list (empty until hh_size is answered).
  EXPECT_EQ(form->pageCount(), 4);

  ASSERT_TRUE(form->next());
  EXPECT_EQ(form->pageKey(), QStringLiteral("location"));
  EXPECT_EQ(paths(*form), (QStringList{"province", "district", "commune", "village", "gps"}));
  EXPECT_EQ(row(*form, "province").value("choices").toList().size(), 25);
  EXPECT_TRUE(row(*form, "district").value("choices").toList().isEmpty());
  EXPECT_FALSE(row(*form, "district").value("note").toString().isEmpty());
  answer(*form, "province", "01");
  const auto districts = row(*form, "district").value("choices").toList();
  ASSERT_FALSE(districts.isEmpty());
  EXPECT_EQ(districts[0].toMap().value("name").toString().left(2), QStringLiteral("01"));
  answer(*form, "district", "0102");
  answer(*form, "commune", "010201");
  EXPECT_EQ(row(*form, "village").value("choices").toList().size(), 3);
  answer(*form, "village", "01020101");
  answer(*form, "gps", QStringLiteral("១៣.៦ ១០២.៩៨"));  // typed, Khmer digits
  EXPECT_EQ(row(*form, "gps").value("value").toString(), QStringLiteral("13.6 102.98 0 0"));

  ASSERT_TRUE(form->next());
  EXPECT_EQ(form->pageKey(), QStringLiteral("household"));
  answer(*form, "respondent_name", QStringLiteral("Chan Sokha"));
  answer(*form, "hh_size", QStringLiteral("3"));
  answer(*form, "land_ha", QStringLiteral("1.5"));
  answer(*form, "has_debt", QStringLiteral("no"));
  EXPECT_FALSE(row(*form, "debt_usd").value("relevant").toBool());

  ASSERT_TRUE(form->next());
  EXPECT_EQ(form->pageKey(), QStringLiteral("@member"));
  auto roster = row(*form, "member").value("repeat").toMap();
  EXPECT_EQ(roster.value("count").toInt(), 3);
  EXPECT_TRUE(roster.value("canRemove").toBool());  // by changing hh_size
  fillMember(*form, 1, QStringLiteral("Sokha"), "female", 45, false);
  fillMember(*form, 2, QStringLiteral("Dara"), "male", 24, true);
  fillMember(*form, 3, QStringLiteral("Srey"), "female", 8, false);

  // A fourth member and removing them again keep hh_size in step.
  ASSERT_TRUE(form->addEntry(QStringLiteral("member")));
  EXPECT_EQ(form->pageKey(), QStringLiteral("member[4]/#member_name"));
  EXPECT_EQ(form->formSession()->state("hh_size").value, "4");
  form->goToPage(4);
  ASSERT_TRUE(form->removeEntry(QStringLiteral("member"), 4));
  EXPECT_EQ(form->formSession()->state("hh_size").value, "3");
  EXPECT_EQ(form->formSession()->instanceCount("member"), 3u);
  EXPECT_EQ(form->formSession()->state("member[3]/member_name").value, "Srey");

  form->openEntry(QStringLiteral("member"), 2);
  EXPECT_EQ(form->pageKey(), QStringLiteral("member[2]/#member_name"));
  EXPECT_EQ(form->pageTitle(), QStringLiteral("Household member 2"));
  EXPECT_EQ(form->pageSubtitle(), QStringLiteral("Household member 2 of 3 · Dara"));
  ASSERT_TRUE(form->next());
  EXPECT_EQ(form->pageKey(), QStringLiteral("member[2]/migration"));
  answer(*form, "member[2]/destination", "thailand");
  answer(*form, "member[2]/channel", "irregular_broker");
  answer(*form, "member[2]/year_left", "2022");
  answer(*form, "member[2]/sector", "construction");
  answer(*form, "member[2]/reason", "work");
  answer(*form, "member[2]/decided_by", "self");
  answer(*form, "member[2]/cost_usd", "300");
  answer(*form, "member[2]/took_loan", "yes");
  answer(*form, "member[2]/loan_usd", "500");
  EXPECT_FALSE(row(*form, "member[2]/loan_usd").value("problem").toString().isEmpty());
  answer(*form, "member[2]/loan_usd", "200");

  // Money sent home: shown once a member migrated.
  answer(*form, "received_remittances", "yes");
  answer(*form, "remittance_usd", "1200");
  answer(*form, "remittance_channel", "mto_phone");
  answer(*form, "remittance_uses", "consumption_food debt_repayment");
  EXPECT_EQ(form->problemCount(), 0) << form->goToFirstProblem().toStdString();
  ASSERT_TRUE(form->finalize()) << form->saveError().toStdString();

  const auto record = onlyRecord();
  EXPECT_EQ(record.location_code(), "01020101");
  for (const auto& problem : serverProblems(record))
    ADD_FAILURE() << problem.field() << ": " << problem.message();
  ASSERT_EQ(record.answers().repeats_size(), 1);
  EXPECT_EQ(record.answers().repeats(0).instances_size(), 3);
}

TEST_F(FormOnRealStore, NextShowsThePagesProblemsOnceThenGoesOn) {
  auto form = start("quick_registration");
  EXPECT_FALSE(form->pageChecked());
  EXPECT_FALSE(form->next());  // shows the problems, stays
  EXPECT_TRUE(form->pageChecked());
  EXPECT_EQ(form->pageProblems(), 4);
  EXPECT_FALSE(row(*form, "sex").value("problem").toString().isEmpty());
  EXPECT_TRUE(form->next());  // "Next anyway"
  EXPECT_TRUE(form->onFinishPage());
  EXPECT_FALSE(form->canFinalize());
  EXPECT_EQ(form->goToFirstProblem(), QStringLiteral("respondent_name"));
  EXPECT_EQ(form->pageNumber(), 1);
}

TEST_F(FormOnRealStore, ADraftReopensOnItsPageWithItsAnswers) {
  QString draftId;
  {
    auto form = start("household_survey");
    draftId = form->draftId();
    answer(*form, "consent", "yes");
    form->next();
    answer(*form, "province", "01");
    form->typeAnswer(QStringLiteral("gps"), QStringLiteral("13.6 102.9"));
    // Leaving without close(): the controller writes what is pending as it goes away.
  }
  DraftListModel drafts;
  drafts.setSession(session_.get());
  ASSERT_EQ(drafts.count(), 1);
  EXPECT_EQ(drafts.get(0).value("draftId").toString(), draftId);
  EXPECT_TRUE(drafts.get(0).value("canOpen").toBool());

  FormController form;
  form.setSession(session_.get());
  ASSERT_TRUE(form.openDraft(draftId)) << form.openError().toStdString();
  EXPECT_EQ(form.pageKey(), QStringLiteral("location"));
  EXPECT_EQ(row(form, "province").value("value").toString(), QStringLiteral("01"));
  EXPECT_EQ(row(form, "gps").value("value").toString(), QStringLiteral("13.6 102.9 0 0"));
  EXPECT_EQ(form.formVersion(), QStringLiteral("2026112801"));
}

TEST_F(FormOnRealStore, TypingIsWrittenWhenItPauses) {
  auto form = start("quick_registration");
  form->typeAnswer(QStringLiteral("respondent_name"), QStringLiteral("D"));
  form->typeAnswer(QStringLiteral("respondent_name"), QStringLiteral("Da"));
  form->typeAnswer(QStringLiteral("respondent_name"), QStringLiteral("Dara"));
  EXPECT_TRUE(form->saving());
  QElapsedTimer waited;
  waited.start();
  while (form->saving() && waited.elapsed() < 10000) QCoreApplication::processEvents();
  EXPECT_FALSE(form->saving());
  const auto draft = session_->store()->listDrafts("sokha").at(0);
  phum::v1::AnswerSet answers;
  ASSERT_TRUE(answers.ParseFromString(draft.answers));
  bool found = false;
  for (const auto& a : answers.answers())
    found |= a.name() == "respondent_name" && a.value().text() == "Dara";
  EXPECT_TRUE(found);
}

TEST_F(FormOnRealStore, DraftsBelongToTheirAuthor) {
  auto form = start("quick_registration");
  const QString draftId = form->draftId();
  form->close();
  session_->setUser(QStringLiteral("vanna"));
  DraftListModel drafts;
  drafts.setSession(session_.get());
  EXPECT_EQ(drafts.count(), 0);
  FormController other;
  other.setSession(session_.get());
  EXPECT_FALSE(other.openDraft(draftId));
  EXPECT_FALSE(drafts.remove(draftId));
  session_->setUser(QStringLiteral("sokha"));
  EXPECT_EQ(drafts.count(), 1);
}

TEST_F(FormOnRealStore, ADraftWhoseFormVersionIsGoneSaysSoAndCanBeDeleted) {
  auto form = start("household_survey");
  const QString draftId = form->draftId();
  form->close();
  // A newer version arrives: the draft keeps the version it started with.
  auto newer = compileMissionForm(PHUM_SOURCE_DIR, "household_survey");
  newer.set_version("2026120101");
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = newer;
  session_->store()->applyChanges(batch);
  ASSERT_TRUE(form->openDraft(draftId));
  EXPECT_EQ(form->formVersion(), QStringLiteral("2026112801"));
  form->close();
  // The tablet's forms are downloaded afresh and the old version is not among them.
  session_->store()->resetChangeFeed();
  session_->store()->applyChanges(batch);
  DraftListModel drafts;
  drafts.setSession(session_.get());
  ASSERT_EQ(drafts.count(), 1);
  EXPECT_FALSE(drafts.get(0).value("canOpen").toBool());
  EXPECT_TRUE(drafts.get(0).value("problem").toString().contains(QStringLiteral("2026112801")));
  EXPECT_FALSE(form->openDraft(draftId));
  EXPECT_TRUE(form->openError().contains(QStringLiteral("2026112801")));
  EXPECT_TRUE(form->openError().contains(QStringLiteral("delete")));
  ASSERT_TRUE(form->deleteDraft());
  EXPECT_EQ(drafts.count(), 0);
}

TEST_F(FormOnRealStore, AFormFromTheFeedThatAddsAQuestionShowsIt) {
  auto form = compileMissionForm(PHUM_SOURCE_DIR, "quick_registration");
  form.set_version("2");
  auto* phone = form.add_fields();
  phone->set_type(phum::v1::FIELD_TYPE_TEXT);
  phone->set_name("phone");
  (*phone->mutable_labels())["en"] = "Phone number";
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = form;
  session_->store()->applyChanges(batch);
  auto controller = start("quick_registration");
  EXPECT_EQ(controller->formVersion(), QStringLiteral("2"));
  EXPECT_EQ(row(*controller, "phone").value("label").toString(), QStringLiteral("Phone number"));
}

TEST_F(FormOnRealStore, ACorrectionBecomesTheRecordsNextRevision) {
  auto form = start("quick_registration");
  fillQuickRegistration(*form);
  ASSERT_TRUE(form->finalize());
  const auto sent = onlyRecord();
  const Uuid uuid = *Uuid::fromBytes(sent.uuid());
  session_->store()->markSent(uuid, sent.revision());
  const QString recordUuid = QString::fromStdString(uuid.toString());

  FormController view;
  view.setSession(session_.get());
  ASSERT_TRUE(view.openReadOnly(recordUuid));
  EXPECT_TRUE(view.readOnly());
  view.setAnswer(QStringLiteral("age"), QStringLiteral("30"));
  EXPECT_EQ(row(view, "age").value("value").toString(), QStringLiteral("25"));
  EXPECT_FALSE(view.finalize());
  view.close();

  ASSERT_TRUE(form->openForCorrection(recordUuid)) << form->openError().toStdString();
  EXPECT_TRUE(form->correcting());
  EXPECT_EQ(row(*form, "respondent_name").value("value").toString(), QStringLiteral("ស្រីមុំ ហេង"));
  const QString draftId = form->draftId();
  form->close();
  ASSERT_TRUE(form->openForCorrection(recordUuid));  // resumes the same correction draft
  EXPECT_EQ(form->draftId(), draftId);
  form->setAnswer(QStringLiteral("age"), QStringLiteral("26"));
  ASSERT_TRUE(form->finalize());
  const auto corrected = onlyRecord();
  EXPECT_EQ(corrected.uuid(), sent.uuid());
  EXPECT_EQ(corrected.revision(), 2u);
  EXPECT_EQ(corrected.created_at_ms(), sent.created_at_ms());
  EXPECT_TRUE(session_->store()->listDrafts("sokha").empty());
}

// Every question type the compiler accepts has its delegate kind, and pages follow groups.
constexpr const char* kEveryType = R"(# Every type

## survey

| type | name | label | appearance | calculation | relevant |
|---|---|---|---|---|---|
| start | start |  |  |  |  |
| today | today |  |  |  |  |
| username | username |  |  |  |  |
| text | name | Name |  |  |  |
| integer | count | Count |  |  |  |
| decimal | amount | Amount |  |  |  |
| select_one yn | agree | Agree? |  |  |  |
| select_multiple colours | colours | Colours |  |  |  |
| note | info | Read this |  |  |  |
| acknowledge | ok | Confirm |  |  |  |
| calculate | hidden |  |  | ${count} * 2 |  |
| calculate | shown | Twice the count |  | ${count} * 2 |  |
| begin group | when | When | field-list |  |  |
| date | day | Day |  |  |  |
| time | hour | Hour |  |  |  |
| datetime | moment | Moment |  |  |  |
| begin group | where | Where |  |  |  |
| geopoint | spot | Spot |  |  |  |
| image | picture | Picture |  |  |  |
| end group |  |  |  |  |  |
| end group |  |  |  |  |  |
| begin repeat | trips | Trip |  |  |  |
| text | place | Place |  |  |  |
| end repeat |  |  |  |  |  |

## choices

| list_name | name | label |
|---|---|---|
| yn | yes | Yes |
| yn | no | No |
| colours | red | Red |
| colours | blue | Blue |

## settings

| form_id | version |
|---|---|
| every_type | 1 |
)";

TEST_F(FormOnRealStore, EveryQuestionTypeHasItsDelegate) {
  const auto workbook = forms::readMarkdownWorkbook(kEveryType, "every_type.xlsform.md");
  auto compiled = forms::compileWorkbook(workbook);
  ASSERT_TRUE(compiled.ok());
  phum::v1::ChangeBatch batch;
  *batch.add_changes()->mutable_form() = compiled.form;
  session_->store()->applyChanges(batch);
  auto form = start("every_type");
  std::set<QString> kinds;
  QStringList keys;
  for (int page = 1; page <= form->pageCount(); ++page) {
    form->goToPage(page);
    keys << form->pageKey();
    for (const auto& row : form->fields()->rows()) kinds.insert(row.kind);
  }
  EXPECT_EQ(keys, (QStringList{"#name", "when", "@trips"}));
  EXPECT_EQ(kinds, (std::set<QString>{"text", "integer", "decimal", "select_one", "select_multiple",
                                      "note", "acknowledge", "calculate", "date", "time",
                                      "datetime", "group", "geopoint", "image", "repeat"}));
  form->goToPage(1);
  EXPECT_EQ(form->fields()->rowOf(QStringLiteral("hidden")), -1);  // unlabelled calculation
  EXPECT_EQ(form->fields()->rowOf(QStringLiteral("start")), -1);   // metadata
  answer(*form, "count", "21");
  EXPECT_EQ(row(*form, "shown").value("value").toString(), QStringLiteral("42"));
  EXPECT_TRUE(row(*form, "shown").value("readOnly").toBool());
  // The pickers' answers are what the engine takes.
  answer(*form, "day", form->today());
  answer(*form, "hour", QStringLiteral("08:30"));
  answer(*form, "moment", form->dateTimeText(form->today(), QStringLiteral("08:30")));
  for (const char* path : {"day", "hour", "moment"})
    EXPECT_TRUE(form->formSession()->state(path).valid) << path;
  EXPECT_EQ(form->formSession()->state("username").value, "sokha");
  EXPECT_EQ(form->formSession()->state("today").value, form->today().toStdString());
  // The trips roster: free to add and remove (no repeat_count).
  form->goToPage(3);
  EXPECT_TRUE(row(*form, "trips").value("repeat").toMap().value("canAdd").toBool());
  ASSERT_TRUE(form->addEntry(QStringLiteral("trips")));
  EXPECT_EQ(form->pageKey(), QStringLiteral("trips[1]/#place"));
  EXPECT_EQ(form->pageCount(), 4);
}

TEST(DraftWriterCoalescing, ABurstOfSnapshotsEndsWithTheLastOnDisk) {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("tablet.sqlite")).toStdString();
  auto store = store::LocalStore::open(path);
  int writes = 0;
  store::Draft draft;
  {
    DraftWriter writer(path);
    QObject::connect(&writer, &DraftWriter::written, [&](quint64) { ++writes; });
    draft.id = Uuid::generate();
    draft.recordUuid = Uuid::generate();
    draft.formId = "quick_registration";
    draft.author = "sokha";
    for (int i = 1; i <= 200; ++i) {
      draft.page = std::to_string(i);
      writer.submit(draft);
    }
    writer.flush();
  }
  QCoreApplication::processEvents();  // the queued `written` signals
  EXPECT_GT(writes, 0);
  EXPECT_LT(writes, 200);
  EXPECT_EQ(store->findDraft(draft.id)->page, "200");
}

// Finalizing a record with a photo: the record and its photo's attachment row land together or not
// at all. A SQLite trigger that aborts the attachment row stands in for a tablet dying between the
// two writes.
class PhotoFinalize : public FormOnRealStore {
 protected:
  void SetUp() override {
    FormOnRealStore::SetUp();
    QFile source(QStringLiteral(PHUM_SOURCE_DIR "/tests/app/capture/capture_check.xlsform.md"));
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const auto compiled = forms::compileWorkbook(
        forms::readMarkdownWorkbook(source.readAll().toStdString(), "capture_check.xlsform.md"));
    ASSERT_TRUE(compiled.ok());
    phum::v1::ChangeBatch batch;
    *batch.add_changes()->mutable_form() = compiled.form;
    session_->store()->applyChanges(batch);
  }

  // A household with a photo of its document, ready to finalize.
  std::unique_ptr<FormController> householdWithPhoto() {
    auto form = start("capture_check");
    form->setAnswer(QStringLiteral("household"), QStringLiteral("ផ្ទះ ១២"));
    QImage picture(640, 480, QImage::Format_RGB32);
    picture.fill(Qt::darkCyan);
    const QString file = dir_.filePath(QStringLiteral("document.jpg"));
    EXPECT_TRUE(picture.save(file, "JPEG"));
    EXPECT_TRUE(form->attachPhoto(QStringLiteral("document"), file))
        << form->saveError().toStdString();
    return form;
  }

  // A second connection to the tablet's file, as the crash-injection hook.
  void setAttachmentsFail(bool fail) {
    sqlite::OpenOptions options;
    options.busyTimeoutMs = 10000;  // the draft writer may be saving the kept draft
    sqlite::Database db(dir_.filePath(QStringLiteral("tablet.sqlite")).toStdString(), options);
    db.exec(fail ? "CREATE TRIGGER dies_before_photo BEFORE INSERT ON attachments BEGIN "
                   "SELECT RAISE(ABORT, 'the tablet stopped here'); END"
                 : "DROP TRIGGER dies_before_photo");
  }

  int records() const { return static_cast<int>(session_->store()->listRecords("sokha").size()); }
};

TEST_F(PhotoFinalize, TheRecordAndItsPhotoRowLandTogether) {
  auto form = householdWithPhoto();
  ASSERT_TRUE(form->finalize()) << form->saveError().toStdString();
  const auto summaries = session_->store()->listRecords("sokha");
  ASSERT_EQ(summaries.size(), 1u);
  const auto photos = session_->store()->attachments(summaries.at(0).uuid);
  ASSERT_EQ(photos.size(), 1u);
  EXPECT_TRUE(QFile::exists(QString::fromStdString(photos.at(0).localPath)));
}

TEST_F(PhotoFinalize, ATabletDyingBeforeThePhotoRowKeepsNoRecordWithoutIt) {
  auto form = householdWithPhoto();
  setAttachmentsFail(true);
  EXPECT_FALSE(form->finalize());
  EXPECT_TRUE(form->saveError().contains(QStringLiteral("the tablet stopped here")))
      << form->saveError().toStdString();
  EXPECT_EQ(records(), 0);                                       // not a record without its photo
  ASSERT_EQ(session_->store()->listDrafts("sokha").size(), 1u);  // the interview is not lost

  setAttachmentsFail(false);
  ASSERT_TRUE(form->finalize()) << form->saveError().toStdString();
  const auto summaries = session_->store()->listRecords("sokha");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(session_->store()->attachments(summaries.at(0).uuid).size(), 1u);
  EXPECT_TRUE(session_->store()->listDrafts("sokha").empty());
}

}  // namespace
}  // namespace phum::app
