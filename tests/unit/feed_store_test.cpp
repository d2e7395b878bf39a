// The change feed's local side on a real SQLite file, for a tablet shared by several users: a
// cursor per user, changes for every user applied once and never undone by an older copy, and a
// full refresh that leaves no user's cursor past what the tablet still holds.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/local_store.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

phum::v1::Change crossingPoint(std::uint64_t seq, const std::string& key, const std::string& name,
                               bool deleted = false) {
  phum::v1::Change c;
  c.set_seq(seq);
  auto* delta = c.mutable_reference();
  delta->set_dataset("crossing_points");
  auto* row = delta->add_rows();
  row->set_key(key);
  row->set_deleted(deleted);
  if (!deleted) (*row->mutable_columns())["name_en"] = name;
  return c;
}

phum::v1::Change form(std::uint64_t seq, const std::string& version) {
  phum::v1::Change c;
  c.set_seq(seq);
  c.mutable_form()->set_form_id("quick_registration");
  c.mutable_form()->set_version(version);
  return c;
}

phum::v1::Change review(std::uint64_t seq, const Uuid& record, const std::string& comment) {
  phum::v1::Change c;
  c.set_seq(seq);
  c.mutable_review()->set_record_uuid(record.toBytes());
  c.mutable_review()->set_revision(1);
  c.mutable_review()->set_outcome(phum::v1::REVIEW_OUTCOME_RETURNED);
  c.mutable_review()->set_comment(comment);
  return c;
}

phum::v1::Change revocation(std::uint64_t seq, const std::string& username) {
  phum::v1::Change c;
  c.set_seq(seq);
  c.mutable_revocation()->set_username(username);
  return c;
}

phum::v1::ChangeBatch page(std::vector<phum::v1::Change> changes, std::uint64_t next,
                           bool more = false) {
  phum::v1::ChangeBatch batch;
  for (auto& c : changes) *batch.add_changes() = std::move(c);
  batch.set_next_cursor(next);
  batch.set_has_more(more);
  return batch;
}

class FeedStoreTest : public ::testing::Test {
 protected:
  std::string nameOf(const std::string& key) const {
    for (const auto& row : store->referenceRows("crossing_points")) {
      if (row.key() == key) return row.columns().at("name_en");
    }
    return "(none)";
  }

  test::ScratchDir dir;
  std::unique_ptr<LocalStore> store = LocalStore::open(dir.file("tablet.db"));
  const Uuid sokhasRecord = Uuid::generate();
  const Uuid darasRecord = Uuid::generate();
};

TEST_F(FeedStoreTest, EachUserHasACursorOfTheirOwn) {
  EXPECT_EQ(store->changeCursor("sokha"), 0u);
  // The server skips dara's review (seq 4) for sokha and ends her page at the newest seq.
  store->applyChanges(page({form(1, "1"), review(3, sokhasRecord, "Check the age")}, 5), "sokha");
  EXPECT_EQ(store->changeCursor("sokha"), 5u);
  EXPECT_EQ(store->syncValue("changes.cursor/sokha"), "5");
  EXPECT_EQ(store->changeCursor("dara"), 0u);  // sokha's pull did not move it
  EXPECT_EQ(store->changeCursor(), 5u);        // the device has every shared change through 5

  store->applyChanges(page({form(1, "1"), review(4, darasRecord, "Photo is blurred")}, 5), "dara");
  EXPECT_EQ(store->changeCursor("dara"), 5u);
  ASSERT_EQ(store->reviewDecisions(darasRecord).size(), 1u);
  EXPECT_EQ(store->reviewDecisions(darasRecord)[0].comment(), "Photo is blurred");
  EXPECT_EQ(store->reviewDecisions(sokhasRecord).size(), 1u);
  EXPECT_EQ(store->formDefinitions().size(), 1u);
}

TEST_F(FeedStoreTest, WithoutAUserTheDeviceCursorIsUsed) {
  store->applyChanges(page({form(1, "1")}, 2));
  EXPECT_EQ(store->syncValue(kChangeCursorKey), "2");
  EXPECT_EQ(store->changeCursor(), 2u);
  EXPECT_EQ(store->changeCursor("sokha"), 0u);
}

TEST_F(FeedStoreTest, AnOlderReferenceDeltaNeverUndoesANewerOne) {
  store->applyChanges(
      page({crossingPoint(1, "POIPET", "Poipet"), crossingPoint(2, "CHAMYEAM", "Cham Yeam"),
            crossingPoint(3, "POIPET", "Poipet International"),
            crossingPoint(4, "CHAMYEAM", "", true)},
           4),
      "sokha");
  ASSERT_EQ(nameOf("POIPET"), "Poipet International");
  ASSERT_EQ(nameOf("CHAMYEAM"), "(none)");

  // Dara's first pull starts at 0 and stops after its first page (a cut, or has_more): the old
  // deltas in it are the tablet's already and must not bring back the old name or the deleted row.
  store->applyChanges(
      page({crossingPoint(1, "POIPET", "Poipet"), crossingPoint(2, "CHAMYEAM", "Cham Yeam"),
            review(2, darasRecord, "Age?")},
           2, true),
      "dara");
  EXPECT_EQ(nameOf("POIPET"), "Poipet International");
  EXPECT_EQ(nameOf("CHAMYEAM"), "(none)");
  EXPECT_EQ(store->reviewDecisions(darasRecord).size(), 1u);  // reviews are never skipped
  EXPECT_EQ(store->changeCursor("dara"), 2u);
  EXPECT_EQ(store->changeCursor(), 4u);  // never moves back

  // Further on, a delta the tablet does not have yet is applied and moves the device cursor.
  store->applyChanges(page({crossingPoint(5, "POIPET", "Poipet (Banteay Meanchey)")}, 5), "dara");
  EXPECT_EQ(nameOf("POIPET"), "Poipet (Banteay Meanchey)");
  EXPECT_EQ(store->changeCursor(), 5u);
  EXPECT_EQ(store->changeCursor("sokha"), 4u);
}

TEST_F(FeedStoreTest, AnOldRevocationDoesNotReplaceANewerOne) {
  // Chea was revoked (2), reinstated, and revoked again (6): the marker must say 6.
  store->applyChanges(page({revocation(2, "chea"), revocation(6, "chea")}, 6), "sokha");
  ASSERT_EQ(store->syncValue("revoked.user.chea"), "6");
  store->applyChanges(page({revocation(2, "chea")}, 2, true), "dara");
  EXPECT_EQ(store->syncValue("revoked.user.chea"), "6");
}

TEST_F(FeedStoreTest, FullRefreshResetsEveryUsersCursorWithTheCaches) {
  store->applyChanges(page({form(1, "1"), crossingPoint(2, "POIPET", "Poipet"),
                            review(3, sokhasRecord, "Check the age")},
                           6),
                      "sokha");
  store->applyChanges(page({review(4, darasRecord, "Photo is blurred")}, 4), "dara");
  store->resetChangeFeed();
  EXPECT_TRUE(store->formDefinitions().empty());
  EXPECT_TRUE(store->referenceRows("crossing_points").empty());
  EXPECT_TRUE(store->reviewDecisions(darasRecord).empty());
  EXPECT_EQ(store->changeCursor(), 0u);
  EXPECT_EQ(store->changeCursor("sokha"), 0u);
  EXPECT_EQ(store->changeCursor("dara"), 0u);
  EXPECT_FALSE(store->syncValue("changes.cursor/dara"));

  // From 0 again everything is applied: nothing is skipped against the old device cursor.
  store->applyChanges(page({form(1, "1"), crossingPoint(2, "POIPET", "Poipet")}, 2), "dara");
  EXPECT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(nameOf("POIPET"), "Poipet");
  EXPECT_EQ(store->changeCursor(), 2u);
}

TEST_F(FeedStoreTest, RestartingOneUsersCursorKeepsTheCaches) {
  store->applyChanges(page({form(1, "1"), review(3, sokhasRecord, "Check the age")}, 5), "sokha");
  store->applyChanges(page({review(4, darasRecord, "Photo is blurred")}, 5), "dara");
  store->restartChangeCursor("dara");
  EXPECT_EQ(store->changeCursor("dara"), 0u);
  EXPECT_EQ(store->changeCursor("sokha"), 5u);
  EXPECT_EQ(store->changeCursor(), 5u);
  EXPECT_EQ(store->formDefinitions().size(), 1u);
  EXPECT_EQ(store->reviewDecisions(darasRecord).size(), 1u);
  EXPECT_THROW(store->restartChangeCursor(""), std::invalid_argument);
}

TEST_F(FeedStoreTest, AnOlderTabletsSingleCursorBecomesTheDeviceCursor) {
  // Before cursors per user, "changes.cursor" was the one cursor: every shared change through it
  // is on the tablet, but reviews for whoever did not pull last may have been skipped.
  store->applyChanges(page({crossingPoint(7, "POIPET", "Poipet International")}, 42));
  store->applyChanges(
      page({crossingPoint(7, "POIPET", "Poipet"), review(9, darasRecord, "Photo is blurred")}, 42),
      "dara");
  EXPECT_EQ(nameOf("POIPET"), "Poipet International");
  EXPECT_EQ(store->reviewDecisions(darasRecord).size(), 1u);
}

TEST_F(FeedStoreTest, AChangeWithoutASeqIsApplied) {
  // Servers number changes from 1; a batch built without seqs (tests, tools) is still applied.
  store->applyChanges(page({form(0, "2")}, 0));
  EXPECT_EQ(store->formDefinitions().size(), 1u);
  store->applyChanges(page({crossingPoint(3, "POIPET", "Poipet")}, 3), "sokha");
  store->applyChanges(page({form(0, "3")}, 3), "dara");
  EXPECT_EQ(store->formDefinitions().size(), 2u);
}

TEST_F(FeedStoreTest, ADamagedCursorCountsAsZero) {
  store->setSyncValue("changes.cursor/dara", "12x");
  EXPECT_EQ(store->changeCursor("dara"), 0u);
  store->setSyncValue(kChangeCursorKey, "");
  EXPECT_EQ(store->changeCursor(), 0u);
}

}  // namespace
}  // namespace phum::store
