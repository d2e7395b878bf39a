// The outbox: state changes the sync client relies on, and the same-transaction guarantee under a
// real process kill.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/local_store.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

using test::householdSurvey;

class OutboxTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::string path = dir.file("tablet.db");
  std::unique_ptr<LocalStore> store = LocalStore::open(path);

  Uuid save(const std::string& author = "sokha") {
    return *Uuid::fromBytes(store->saveRecord(householdSurvey(author)).uuid());
  }
};

TEST_F(OutboxTest, PendingIsOldestFirstAndLimited) {
  Uuid a = save();
  Uuid b = save();
  save();
  auto pending = store->pendingOutbox(2);
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].record.uuid(), a.toBytes());
  EXPECT_EQ(pending[1].record.uuid(), b.toBytes());
}

TEST_F(OutboxTest, ClaimMarksSendingAndSentOnlyAfterAck) {
  Uuid a = save();
  auto claimed = store->claimOutbox(10, 0);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Sending);
  EXPECT_TRUE(store->claimOutbox(10, 0).empty());  // not claimed twice
  EXPECT_TRUE(store->pendingOutbox(10).empty());
  store->markSent(a, 1);
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Sent);
  auto counts = store->outboxCounts();
  EXPECT_EQ(counts.sent, 1);
  EXPECT_EQ(counts.queued + counts.sending + counts.failed + counts.rejected, 0);
}

TEST_F(OutboxTest, MarkSendingThenFailedKeepsErrorAndCountsAttempts) {
  save();
  auto pending = store->pendingOutbox(10);
  store->markSending({pending[0].id});
  EXPECT_EQ(store->outboxCounts().sending, 1);
  store->markFailed({pending[0].id}, "Could not reach the sync server");
  auto summary = store->listRecords()[0];
  EXPECT_EQ(summary.state, SyncState::Failed);
  EXPECT_EQ(summary.lastError, "Could not reach the sync server");
  auto again = store->pendingOutbox(10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
}

TEST_F(OutboxTest, BackoffIsPersistedAndHonouredAcrossReopen) {
  save();
  auto claimed = store->claimOutbox(10, 0);
  store->markFailed({claimed[0].id}, "timeout", 5'000);
  store.reset();
  store = LocalStore::open(path);  // an app restart
  EXPECT_EQ(store->nextAttemptAtMs(), 5'000);
  EXPECT_TRUE(store->claimOutbox(10, 4'999).empty());
  EXPECT_EQ(store->claimOutbox(10, 5'000).size(), 1u);
  EXPECT_FALSE(store->nextAttemptAtMs());
}

TEST_F(OutboxTest, RejectedKeepsReasonAndIsNeverPending) {
  Uuid a = save();
  store->claimOutbox(10, 0);
  store->markRejected(a, 1, "Age 240 is out of range (members[2]/age)");
  EXPECT_TRUE(store->pendingOutbox(10).empty());
  EXPECT_TRUE(store->claimOutbox(10, INT64_MAX).empty());
  auto summary = store->listRecords()[0];
  EXPECT_EQ(summary.state, SyncState::Rejected);
  EXPECT_EQ(summary.lastError, "Age 240 is out of range (members[2]/age)");
  EXPECT_EQ(store->outboxCounts().rejected, 1);
}

TEST_F(OutboxTest, AckForAnOlderRevisionDoesNotMarkTheNewEdit) {
  auto saved = store->saveRecord(householdSurvey());
  Uuid a = *Uuid::fromBytes(saved.uuid());
  store->claimOutbox(10, 0);               // revision 1 in flight
  auto edited = store->saveRecord(saved);  // edit meanwhile
  EXPECT_EQ(edited.revision(), 2u);
  store->markSent(a, 1);  // the ack for revision 1 arrives
  auto summary = store->listRecords()[0];
  EXPECT_EQ(summary.revision, 2u);
  EXPECT_EQ(summary.state, SyncState::Queued);
  ASSERT_EQ(store->pendingOutbox(10).size(), 1u);
  EXPECT_EQ(store->pendingOutbox(10)[0].record.revision(), 2u);
}

TEST_F(OutboxTest, InterruptedSendsGoBackToTheQueue) {
  save();
  store->claimOutbox(10, 0);
  EXPECT_EQ(store->requeueInterruptedSends(0), 0);  // too recent to be a crash
  EXPECT_EQ(store->requeueInterruptedSends(INT64_MAX), 1);
  auto pending = store->pendingOutbox(10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Queued);
}

TEST_F(OutboxTest, MarkQueuedKeepsTheErrorWithoutBackoff) {
  save();
  auto claimed = store->claimOutbox(10, 0);
  store->markQueued({claimed[0].id}, "sign in again");
  EXPECT_EQ(store->listRecords()[0].state, SyncState::Queued);
  EXPECT_EQ(store->listRecords()[0].lastError, "sign in again");
  EXPECT_EQ(store->claimOutbox(10, 0).size(), 1u);
}

// Counts records without their outbox row, outbox rows without their record, and integrity.
struct Consistency {
  int records = 0;
  int orphanRecords = 0;
  int orphanOutbox = 0;
  std::string integrity;
};

Consistency inspect(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  auto scalar = [db](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  };
  Consistency c;
  c.records = std::stoi(scalar("SELECT COUNT(*) FROM records"));
  c.orphanRecords =
      std::stoi(scalar("SELECT COUNT(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                       "WHERE o.uuid = r.uuid AND o.revision = r.revision)"));
  c.orphanOutbox =
      std::stoi(scalar("SELECT COUNT(*) FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM records r "
                       "WHERE r.uuid = o.uuid)"));
  c.integrity = scalar("PRAGMA integrity_check");
  sqlite3_close(db);
  return c;
}

// A child process saves records as fast as it can and is killed with SIGKILL at an arbitrary
// moment, several times over; whatever moment the kill hits, each record has its outbox row.
TEST(OutboxCrash, KillMidSaveLeavesRecordAndOutboxBothOrNeither) {
  test::ScratchDir dir;
  std::string path = dir.file("tablet.db");
  LocalStore::open(path);  // create and migrate before forking
  constexpr int kRounds = 8;
  std::vector<Uuid> lastAnnounced;  // per round, the save that was under way at the kill
  for (int round = 0; round < kRounds; ++round) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(ready[0]);
      auto store = LocalStore::open(path);
      auto big = householdSurvey("sokha");
      test::addText(*big.mutable_answers(), "narrative", std::string(64 * 1024, 'x'));
      for (;;) {
        // Announce the id before saving, so the parent knows which save the kill interrupted.
        big.set_uuid(Uuid::generate().toBytes());
        if (write(ready[1], big.uuid().data(), 16) != 16) _exit(3);
        store->saveRecord(big);
      }
    }
    close(ready[1]);
    std::string announced;
    char id[16];
    while (announced.size() < 4 * 16 && read(ready[0], id, 16) == 16) announced.append(id, 16);
    usleep(static_cast<useconds_t>(1000 * (round * 7 % 11)));  // vary where the kill lands
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    while (read(ready[0], id, 16) == 16) announced.append(id, 16);
    close(ready[0]);
    lastAnnounced.push_back(*Uuid::fromBytes(announced.substr(announced.size() - 16)));
  }
  auto store = LocalStore::open(path);  // recovers the WAL like an app restart would
  Consistency c = inspect(path);
  EXPECT_EQ(c.integrity, "ok");
  EXPECT_GE(c.records, kRounds * 3);  // at least the 3 saves announced before each 4th
  EXPECT_EQ(c.orphanRecords, 0);
  EXPECT_EQ(c.orphanOutbox, 0);
  EXPECT_EQ(static_cast<int>(store->pendingOutbox(1'000'000).size()), c.records);
  int interrupted = 0;  // saves the kill cut short: rolled back whole
  for (const Uuid& id : lastAnnounced) interrupted += store->findRecord(id) ? 0 : 1;
  RecordProperty("interrupted_saves", interrupted);
}

}  // namespace
}  // namespace phum::store
