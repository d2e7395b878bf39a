// Drafts in the local store: saved whole, per author, opaque answers, finalized atomically, and
// every draft write the writer was told about survives a SIGKILL.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "core/errors.h"
#include "store/local_store.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

using test::householdSurvey;

Draft makeDraft(const std::string& author, const std::string& respondent, std::int64_t at) {
  Draft draft;
  draft.id = Uuid::generate();
  draft.recordUuid = Uuid::generate();
  draft.formId = "household_survey";
  draft.formVersion = "2026112801";
  draft.author = author;
  draft.page = "household";
  draft.createdAtMs = at;
  draft.updatedAtMs = at;
  phum::v1::AnswerSet answers;
  test::addText(answers, "respondent_name", respondent);
  test::addInteger(answers, "hh_size", 3);
  draft.answers = answers.SerializeAsString();
  return draft;
}

class DraftStoreTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::string path = dir.file("tablet.db");
  std::unique_ptr<LocalStore> store = LocalStore::open(path);
};

TEST_F(DraftStoreTest, SavedDraftReadsBackWholeAndReplacesItself) {
  Draft draft = makeDraft("sokha", "Chan Dara", 1000);
  store->saveDraft(draft);
  draft.page = "member[2]";
  draft.updatedAtMs = 2000;
  phum::v1::AnswerSet more;
  ASSERT_TRUE(more.ParseFromString(draft.answers));
  test::addText(more, "consent", "yes");
  draft.answers = more.SerializeAsString();
  store->saveDraft(draft);

  auto found = store->findDraft(draft.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->recordUuid, draft.recordUuid);
  EXPECT_EQ(found->formId, "household_survey");
  EXPECT_EQ(found->formVersion, "2026112801");
  EXPECT_EQ(found->page, "member[2]");
  EXPECT_EQ(found->createdAtMs, 1000);
  EXPECT_EQ(found->updatedAtMs, 2000);
  EXPECT_EQ(found->answers, draft.answers);
  EXPECT_EQ(store->listDrafts("sokha").size(), 1u);
  EXPECT_FALSE(store->findDraft(Uuid::generate()));
}

TEST_F(DraftStoreTest, EachAuthorSeesOnlyTheirOwnDraftsNewestFirst) {
  store->saveDraft(makeDraft("sokha", "First", 1000));
  store->saveDraft(makeDraft("vanna", "Other", 1500));
  store->saveDraft(makeDraft("sokha", "Second", 2000));
  const auto mine = store->listDrafts("sokha");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].updatedAtMs, 2000);
  EXPECT_EQ(mine[1].updatedAtMs, 1000);
  EXPECT_EQ(store->listDrafts("vanna").size(), 1u);
  EXPECT_TRUE(store->listDrafts("").empty());
}

TEST_F(DraftStoreTest, AnswersNeverReachAPlaintextColumn) {
  store->saveDraft(makeDraft("sokha", "Srey Mom Heng", 1000));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  // Every column but the answers blob, as text.
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT hex(id) || hex(record_uuid) || corrects_revision || form_id "
                               "|| form_version || author || page || created_at_ms || "
                               "updated_at_ms FROM drafts",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const std::string columns = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_EQ(columns.find("Srey"), std::string::npos) << columns;
}

TEST_F(DraftStoreTest, FinalizeQueuesTheRecordAndRemovesTheDraftTogether) {
  Draft draft = makeDraft("sokha", "Chan Dara", 1000);
  store->saveDraft(draft);
  auto record = householdSurvey();
  record.set_uuid(draft.recordUuid.toBytes());
  const auto stored = store->finalizeDraft(draft.id, record);
  EXPECT_EQ(stored.revision(), 1u);
  EXPECT_FALSE(store->findDraft(draft.id));
  EXPECT_TRUE(store->findRecord(draft.recordUuid));
  EXPECT_EQ(store->pendingOutbox(10).size(), 1u);
}

TEST_F(DraftStoreTest, AFailedFinalizeKeepsTheDraft) {
  Draft draft = makeDraft("sokha", "Chan Dara", 1000);
  store->saveDraft(draft);
  auto record = householdSurvey();
  record.set_uuid("not 16 bytes");
  EXPECT_THROW(store->finalizeDraft(draft.id, record), StorageError);
  EXPECT_TRUE(store->findDraft(draft.id));
  EXPECT_TRUE(store->listRecords().empty());
}

TEST_F(DraftStoreTest, ACorrectionDraftIsFoundByItsRecordAndBecomesTheNextRevision) {
  const auto sent = store->saveRecord(householdSurvey());
  const Uuid uuid = *Uuid::fromBytes(sent.uuid());
  store->markSent(uuid, sent.revision());
  Draft draft = makeDraft("sokha", "Chan Dara", 1000);
  draft.recordUuid = uuid;
  draft.correctsRevision = sent.revision();
  store->saveDraft(draft);
  ASSERT_TRUE(store->draftForRecord(uuid, "sokha"));
  EXPECT_FALSE(store->draftForRecord(uuid, "vanna"));
  auto corrected = *store->findRecord(uuid);
  const auto stored = store->finalizeDraft(draft.id, corrected);
  EXPECT_EQ(stored.revision(), 2u);
  EXPECT_FALSE(store->draftForRecord(uuid, "sokha"));
}

TEST_F(DraftStoreTest, DeleteSaysWhetherThereWasADraft) {
  Draft draft = makeDraft("sokha", "Chan Dara", 1000);
  store->saveDraft(draft);
  EXPECT_TRUE(store->deleteDraft(draft.id));
  EXPECT_FALSE(store->deleteDraft(draft.id));
  EXPECT_TRUE(store->listDrafts("sokha").empty());
}

// A child process saves the same draft over and over, each time with one more answer, and reports
// each save once it returned; a SIGKILL at any moment keeps at least the last reported answer.
TEST(DraftCrash, KillMidWriteKeepsEveryReportedAnswer) {
  test::ScratchDir dir;
  const std::string path = dir.file("tablet.db");
  LocalStore::open(path);  // create and migrate before forking
  const Draft base = makeDraft("sokha", "Chan Dara", 1000);
  for (int round = 0; round < 6; ++round) {
    int reported[2];
    ASSERT_EQ(pipe(reported), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(reported[0]);
      auto store = LocalStore::open(path);
      Draft draft = base;
      phum::v1::AnswerSet answers;
      for (int n = 1;; ++n) {
        test::addInteger(answers, "answer_" + std::to_string(n), n);
        draft.answers = answers.SerializeAsString();
        store->saveDraft(draft);
        if (write(reported[1], &n, sizeof n) != sizeof n) _exit(3);
      }
    }
    close(reported[1]);
    int last = 0;
    int n = 0;
    while (last < 5 && read(reported[0], &n, sizeof n) == sizeof n) last = n;
    usleep(static_cast<useconds_t>(1000 * (round * 5 % 7)));
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    while (read(reported[0], &n, sizeof n) == sizeof n) last = n;
    close(reported[0]);

    auto store = LocalStore::open(path);
    auto found = store->findDraft(base.id);
    ASSERT_TRUE(found);
    phum::v1::AnswerSet answers;
    ASSERT_TRUE(answers.ParseFromString(found->answers));
    // The write under way at the kill may or may not have landed; every reported one did.
    EXPECT_GE(answers.answers_size(), last) << "round " << round;
    EXPECT_LE(answers.answers_size(), last + 1) << "round " << round;
  }
}

}  // namespace
}  // namespace phum::store
