// LocalStore on a real SQLite file: saving, revisions, listing, reopening, connection settings.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "core/errors.h"
#include "store/local_store.h"
#include "store/schema.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

using test::householdSurvey;

class StoreTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::string path = dir.file("tablet.db");
  std::unique_ptr<LocalStore> store = LocalStore::open(path);
};

std::string pragmaText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
  std::string out;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

TEST_F(StoreTest, NewDatabaseIsInWalModeAtLatestSchema) {
  EXPECT_EQ(pragmaText(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(store->schemaVersion(), latestSchemaVersion());
  EXPECT_EQ(pragmaText(path, "SELECT COUNT(*) FROM schema_migrations"),
            std::to_string(latestSchemaVersion()));
}

// The settings screen's numbers: what each part of the store holds, in stored bytes.
TEST_F(StoreTest, StorageUsageCountsRecordsDraftsPhotosAndReferenceData) {
  EXPECT_EQ(store->storageUsage().records, 0);
  const auto saved = store->saveRecord(householdSurvey());
  const auto uuid = *Uuid::fromBytes(saved.uuid());
  AttachmentInfo photo;
  photo.recordUuid = uuid;
  photo.name = "photo-1.jpg";
  photo.localPath = dir.file("photo-1.jpg");
  photo.size = 123456;
  photo.sha256 = std::string(32, 'x');
  store->addAttachment(photo);
  Draft draft;
  draft.id = Uuid::generate();
  draft.recordUuid = Uuid::generate();
  draft.formId = "household_migration";
  draft.formVersion = "1";
  draft.author = "sokha";
  draft.answers = std::string(40, 'a');
  store->saveDraft(draft);
  phum::v1::ChangeBatch batch;
  auto* change = batch.add_changes();
  change->set_seq(1);
  change->mutable_reference()->set_dataset("villages");
  auto* row = change->mutable_reference()->add_rows();
  row->set_key("01020304");
  (*row->mutable_columns())["name_en"] = std::string(500, 'r');
  batch.set_next_cursor(1);
  store->applyChanges(batch);

  const StorageUsage usage = store->storageUsage();
  EXPECT_EQ(usage.records, 1);
  EXPECT_EQ(usage.recordBytes, static_cast<std::int64_t>(saved.ByteSizeLong()));
  EXPECT_EQ(usage.drafts, 1);
  EXPECT_EQ(usage.draftBytes, 40);
  EXPECT_EQ(usage.photos, 1);
  EXPECT_EQ(usage.photoBytes, 123456);
  EXPECT_EQ(usage.referenceRows, 1);
  EXPECT_GE(usage.referenceBytes, 500);
}

TEST_F(StoreTest, SaveFillsIdentityRevisionAndTimes) {
  auto saved = store->saveRecord(householdSurvey());
  ASSERT_TRUE(Uuid::fromBytes(saved.uuid()));
  EXPECT_EQ(saved.revision(), 1u);
  EXPECT_GT(saved.created_at_ms(), 0);
  EXPECT_EQ(saved.updated_at_ms(), saved.created_at_ms());
  auto found = store->findRecord(*Uuid::fromBytes(saved.uuid()));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->SerializeAsString(), saved.SerializeAsString());
  EXPECT_FALSE(store->findRecord(Uuid::generate()));
}

TEST_F(StoreTest, RejectsARecordWhoseIdIsNot16Bytes) {
  auto r = householdSurvey();
  r.set_uuid("abc");
  EXPECT_THROW(store->saveRecord(r), StorageError);
  EXPECT_TRUE(store->listRecords().empty());
}

TEST_F(StoreTest, EditWhileNeverSentKeepsRevisionAndOneOutboxEntry) {
  auto first = store->saveRecord(householdSurvey());
  first.mutable_answers()->mutable_answers(0)->mutable_value()->set_text("Chan Dara Sok");
  auto second = store->saveRecord(first);
  EXPECT_EQ(second.revision(), 1u);
  EXPECT_EQ(second.created_at_ms(), first.created_at_ms());
  auto pending = store->pendingOutbox(10);
  ASSERT_EQ(pending.size(), 1u);
  // The unsent row carries the edited body, so no stale content can go out under revision 1.
  EXPECT_EQ(pending[0].record.answers().answers(0).value().text(), "Chan Dara Sok");
}

TEST_F(StoreTest, EditAfterSentOrRejectedCreatesNextRevision) {
  auto saved = store->saveRecord(householdSurvey());
  Uuid id = *Uuid::fromBytes(saved.uuid());
  store->markSent(id, 1);
  auto second = store->saveRecord(saved);
  EXPECT_EQ(second.revision(), 2u);
  store->markRejected(id, 2, "age out of range");
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Rejected);
  auto third = store->saveRecord(second);
  EXPECT_EQ(third.revision(), 3u);
  auto pending = store->pendingOutbox(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].record.revision(), 3u);
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Queued);
}

TEST_F(StoreTest, EditAfterAFailedAttemptCreatesNextRevisionAndSupersedesIt) {
  auto saved = store->saveRecord(householdSurvey());
  auto claimed = store->claimOutbox(10, 0);
  ASSERT_EQ(claimed.size(), 1u);
  store->markFailed({claimed[0].id}, "network down");
  // The server may have stored revision 1 before the link dropped: never change it in place.
  auto edited = store->saveRecord(saved);
  EXPECT_EQ(edited.revision(), 2u);
  auto pending = store->pendingOutbox(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].record.revision(), 2u);
}

TEST_F(StoreTest, ListsNewestFirstAndFiltersByAuthor) {
  store->saveRecord(householdSurvey("sokha", "Chan Dara"));
  store->saveRecord(householdSurvey("vibol", "Keo Srey"));
  store->saveRecord(householdSurvey("sokha", "Mao Pich"));
  auto all = store->listRecords();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_GE(all[0].updatedAtMs, all[2].updatedAtMs);
  auto sokha = store->listRecords("sokha");
  ASSERT_EQ(sokha.size(), 2u);
  for (const auto& s : sokha) EXPECT_EQ(s.author, "sokha");
  auto vibol = store->listRecords("vibol");
  ASSERT_EQ(vibol.size(), 1u);
  EXPECT_EQ(vibol[0].title, "Keo Srey");
  EXPECT_EQ(vibol[0].formId, "household_migration");
  EXPECT_EQ(vibol[0].locationCode, "01020304");
  EXPECT_EQ(vibol[0].state, SyncState::Queued);
  EXPECT_TRUE(store->listRecords("nobody").empty());
}

TEST_F(StoreTest, TitleComesFromNameFieldsElseFormId) {
  phum::v1::Record returnee;
  returnee.set_form_id("returnee_registration");
  test::addText(*returnee.mutable_answers(), "crossing_point", "poipet");
  test::addText(*returnee.mutable_answers(), "name", "  សុខ ចាន់  ");
  store->saveRecord(returnee);
  phum::v1::Record complaint;
  complaint.set_form_id("agency_complaint");
  store->saveRecord(complaint);
  std::set<std::string> titles;
  for (const auto& s : store->listRecords()) titles.insert(s.title);
  EXPECT_TRUE(titles.count("សុខ ចាន់"));
  EXPECT_TRUE(titles.count("agency_complaint"));
}

TEST_F(StoreTest, RecordsSurviveCloseAndReopen) {
  auto saved = store->saveRecord(householdSurvey());
  store->setSyncValue("device.id", "tab-07");
  store.reset();
  auto reopened = LocalStore::open(path);
  auto found = reopened->findRecord(*Uuid::fromBytes(saved.uuid()));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->answers().repeats(0).instances_size(), 2);
  EXPECT_EQ(reopened->pendingOutbox(10).size(), 1u);
  EXPECT_EQ(reopened->syncValue("device.id"), "tab-07");
  EXPECT_FALSE(reopened->syncValue("missing"));
}

TEST_F(StoreTest, TwoConnectionsToOneFileSeeEachOthersWrites) {
  auto second = LocalStore::open(path);
  store->saveRecord(householdSurvey());
  EXPECT_EQ(second->listRecords().size(), 1u);
  second->saveRecord(householdSurvey("vibol"));
  EXPECT_EQ(store->listRecords().size(), 2u);
}

TEST(StoreOpen, UnwritablePathNamesTheFile) {
  try {
    LocalStore::open("/nonexistent-dir/phum/tablet.db");
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/phum/tablet.db"), std::string::npos);
  }
}

}  // namespace
}  // namespace phum::store
