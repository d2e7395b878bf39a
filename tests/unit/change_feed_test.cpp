// SyncClient::pullChanges over real HTTP against a scripted loopback responder.
#include <gtest/gtest.h>

#include "support/push_replies.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"
#include "sync/sync_client.h"

namespace phum::sync {
namespace {

using test::ScriptedReply;

phum::v1::Change formChange(std::uint64_t seq, const std::string& id, const std::string& version) {
  phum::v1::Change c;
  c.set_seq(seq);
  c.mutable_form()->set_form_id(id);
  c.mutable_form()->set_version(version);
  c.mutable_form()->set_title("Household migration survey");
  return c;
}

phum::v1::Change referenceChange(std::uint64_t seq, const std::string& key, bool deleted) {
  phum::v1::Change c;
  c.set_seq(seq);
  auto* delta = c.mutable_reference();
  delta->set_dataset("gazetteer");
  auto* row = delta->add_rows();
  row->set_key(key);
  row->set_deleted(deleted);
  (*row->mutable_columns())["name_en"] = "Banteay Meanchey";
  return c;
}

ScriptedReply page(std::vector<phum::v1::Change> changes, std::uint64_t next, bool more) {
  phum::v1::ChangeBatch batch;
  for (auto& c : changes) *batch.add_changes() = std::move(c);
  batch.set_next_cursor(next);
  batch.set_has_more(more);
  return test::protobufReply(200, batch);
}

class ChangeFeedTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::unique_ptr<store::LocalStore> store = store::LocalStore::open(dir.file("tablet.db"));
  test::ScriptedHttpServer server;

  // `author` empty: --open mode, the device cursor.
  SyncClient client(const std::string& author = {}) {
    SyncConfig c;
    c.serverUrl = server.baseUrl();
    c.deviceId = "tab-07";
    c.changesPageSize = 2;
    c.author = author;
    return SyncClient(*store, c);
  }
};

phum::v1::Change reviewChange(std::uint64_t seq, const Uuid& record) {
  phum::v1::Change c;
  c.set_seq(seq);
  c.mutable_review()->set_record_uuid(record.toBytes());
  c.mutable_review()->set_outcome(phum::v1::REVIEW_OUTCOME_RETURNED);
  return c;
}

phum::v1::ChangeBatch batchOf(std::vector<phum::v1::Change> changes, std::uint64_t next) {
  phum::v1::ChangeBatch batch;
  for (auto& c : changes) *batch.add_changes() = std::move(c);
  batch.set_next_cursor(next);
  return batch;
}

TEST_F(ChangeFeedTest, PagesAreAppliedAndTheCursorStored) {
  server.enqueue(page(
      {formChange(1, "household_migration", "2026.1"), referenceChange(2, "01", false)}, 2, true));
  phum::v1::Change review;
  review.set_seq(3);
  review.mutable_review()->set_record_uuid(Uuid::generate().toBytes());
  review.mutable_review()->set_outcome(phum::v1::REVIEW_OUTCOME_RETURNED);
  review.mutable_review()->set_comment("Check member 2's age");
  server.enqueue(page({review, referenceChange(4, "01", true)}, 4, false));
  PullReport report = client().pullChanges();
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_TRUE(report.complete);
  EXPECT_EQ(report.applied, 4);
  EXPECT_EQ(report.cursor, 4u);
  EXPECT_EQ(store->syncValue(store::kChangeCursorKey), "4");
  ASSERT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(store->formDefinitions()[0].version(), "2026.1");
  EXPECT_TRUE(store->referenceRows("gazetteer").empty());  // added, then deleted
  auto reviews = store->reviewDecisions(*Uuid::fromBytes(review.review().record_uuid()));
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].comment(), "Check member 2's age");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/v1/changes?cursor=0&limit=2");
  EXPECT_EQ(requests[1].target, "/v1/changes?cursor=2&limit=2");
}

TEST_F(ChangeFeedTest, ResumesFromTheStoredCursorAfterACut) {
  server.enqueue(page({referenceChange(1, "01", false)}, 1, true));
  ScriptedReply cut;
  cut.cutConnection = true;
  server.enqueue(cut);
  PullReport first = client().pullChanges();
  EXPECT_FALSE(first.error.empty());
  EXPECT_TRUE(first.retryable);
  EXPECT_EQ(store->syncValue(store::kChangeCursorKey), "1");
  server.enqueue(page({referenceChange(2, "02", false)}, 2, false));
  PullReport second = client().pullChanges();
  EXPECT_TRUE(second.complete);
  EXPECT_EQ(server.requests().back().target, "/v1/changes?cursor=1&limit=2");
  EXPECT_EQ(store->referenceRows("gazetteer").size(), 2u);
}

TEST_F(ChangeFeedTest, FullRefreshDropsCachesButNeverRecords) {
  store->saveRecord(test::householdSurvey());
  store->setSyncValue(store::kChangeCursorKey, "900");
  phum::v1::ChangeBatch stale;
  *stale.add_changes() = formChange(900, "old_form", "1");
  stale.set_next_cursor(900);
  store->applyChanges(stale);
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  server.enqueue(page({formChange(5, "household_migration", "2026.2")}, 5, false));
  PullReport report = client().pullChanges();
  EXPECT_TRUE(report.fullRefresh);
  EXPECT_TRUE(report.complete);
  ASSERT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(store->formDefinitions()[0].form_id(), "household_migration");
  EXPECT_EQ(store->syncValue(store::kChangeCursorKey), "5");
  EXPECT_EQ(server.requests()[1].target, "/v1/changes?cursor=0&limit=2");
  EXPECT_EQ(store->listRecords().size(), 1u);
  EXPECT_EQ(store->pendingOutbox(10).size(), 1u);
}

TEST_F(ChangeFeedTest, CaptivePortalLeavesTheCursorAlone) {
  store->setSyncValue(store::kChangeCursorKey, "7");
  server.enqueue(ScriptedReply{200, {{"Content-Type", "text/html"}}, "<html>login</html>"});
  PullReport report = client().pullChanges();
  EXPECT_TRUE(report.retryable);
  EXPECT_FALSE(report.complete);
  EXPECT_EQ(store->syncValue(store::kChangeCursorKey), "7");
}

TEST_F(ChangeFeedTest, ForbiddenIsPermanent) {
  server.enqueue(test::errorReply(403, "device_revoked", "This tablet was revoked.", false));
  PullReport report = client().pullChanges();
  EXPECT_FALSE(report.retryable);
  EXPECT_TRUE(report.deviceRevoked);
  EXPECT_NE(report.error.find("This tablet was revoked."), std::string::npos);
}

// Shared tablet: sokha pulled through 9; dara last pulled at 3.
class SharedTabletFeedTest : public ChangeFeedTest {
 protected:
  void SetUp() override {
    store->applyChanges(batchOf({formChange(1, "quick_registration", "1")}, 9), "sokha");
    store->applyChanges(batchOf({}, 3), "dara");
  }
  const Uuid darasRecord = Uuid::generate();
};

TEST_F(SharedTabletFeedTest, EachUserPullsFromTheirOwnCursor) {
  server.enqueue(page({reviewChange(5, darasRecord)}, 9, false));
  PullReport report = client("dara").pullChanges();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(server.requests().back().target, "/v1/changes?cursor=3&limit=2");
  EXPECT_EQ(store->reviewDecisions(darasRecord).size(), 1u);
  EXPECT_EQ(store->changeCursor("dara"), 9u);

  server.enqueue(page({}, 9, false));
  EXPECT_TRUE(client("sokha").pullChanges().complete);
  EXPECT_EQ(server.requests().back().target, "/v1/changes?cursor=9&limit=2");
  server.enqueue(page({}, 9, false));
  EXPECT_TRUE(client("chenda").pullChanges().complete);  // first pull on this tablet
  EXPECT_EQ(server.requests().back().target, "/v1/changes?cursor=0&limit=2");
}

TEST_F(SharedTabletFeedTest, AUserBehindTheRetainedFeedPullsAgainAndTheCachesStay) {
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  server.enqueue(page({}, 9, false));  // the device cursor is still served
  server.enqueue(
      page({formChange(1, "quick_registration", "1"), reviewChange(8, darasRecord)}, 9, false));
  PullReport report = client("dara").pullChanges();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_TRUE(report.cursorRestarted);
  EXPECT_FALSE(report.fullRefresh);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/v1/changes?cursor=3&limit=2");
  EXPECT_EQ(requests[1].target, "/v1/changes?cursor=9&limit=1");
  EXPECT_EQ(requests[2].target, "/v1/changes?cursor=0&limit=2");
  EXPECT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(store->reviewDecisions(darasRecord).size(), 1u);
  EXPECT_EQ(store->changeCursor("dara"), 9u);
  EXPECT_EQ(store->changeCursor("sokha"), 9u);
}

TEST_F(SharedTabletFeedTest, WhenTheDeviceCursorIsRefusedTooEveryUserStartsAgain) {
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  server.enqueue(page({formChange(2, "quick_registration", "2")}, 2, false));
  PullReport report = client("dara").pullChanges();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_TRUE(report.fullRefresh);
  EXPECT_EQ(server.requests().back().target, "/v1/changes?cursor=0&limit=2");
  ASSERT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(store->formDefinitions()[0].version(), "2");
  EXPECT_EQ(store->changeCursor("dara"), 2u);
  EXPECT_EQ(store->changeCursor("sokha"), 0u);  // nothing past what the tablet holds now
  EXPECT_EQ(store->changeCursor(), 2u);
}

TEST_F(SharedTabletFeedTest, TheDeviceCursorsOwnerGoesStraightToAFullRefresh) {
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  server.enqueue(page({}, 2, false));
  PullReport report = client("sokha").pullChanges();
  EXPECT_TRUE(report.fullRefresh);
  EXPECT_EQ(server.requests().size(), 2u);  // no probe: her cursor is the device cursor
  EXPECT_TRUE(store->formDefinitions().empty());
}

TEST_F(SharedTabletFeedTest, ACutProbeChangesNothing) {
  server.enqueue(test::errorReply(412, "full_refresh_required", "Cursor too old.", false));
  ScriptedReply cut;
  cut.cutConnection = true;
  server.enqueue(cut);
  PullReport report = client("dara").pullChanges();
  EXPECT_FALSE(report.error.empty());
  EXPECT_TRUE(report.retryable);
  EXPECT_FALSE(report.complete);
  EXPECT_EQ(store->changeCursor("dara"), 3u);
  EXPECT_EQ(store->formDefinitions().size(), 1u);
}

}  // namespace
}  // namespace phum::sync
