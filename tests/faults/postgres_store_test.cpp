// The PostgreSQL backend against a real PostgreSQL (label `postgres`; run under pg_virtualenv).
// Each test works in its own schema of the database PG* points at, dropped afterwards.
#include "postgres/postgres_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <thread>

#include "core/uuid.h"
#include "household.h"
#include "phum_processes.h"
#include "server/secrets.h"
#include "sync_harness.h"

namespace phum::server {
namespace {

using phum::v1::RECORD_STATUS_ACCEPTED;
using phum::v1::RECORD_STATUS_CONFLICT;
using phum::v1::RECORD_STATUS_DUPLICATE;
using phum::v1::RECORD_STATUS_REJECTED;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("PGHOST") == nullptr) {
      GTEST_SKIP() << "PGHOST is not set: run PostgreSQL tests under pg_virtualenv, e.g. "
                      "`pg_virtualenv ctest -L postgres`";
    }
    initSecrets();
    static int counter = 0;
    schema_ = "phum_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    admin_ = std::make_unique<pg::Connection>("");
    admin_->script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
    conninfo_ = "options='-c search_path=" + schema_ + "'";
  }
  void TearDown() override {
    if (admin_) admin_->script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  std::unique_ptr<ServerStore> openStore() { return openPostgresStore(conninfo_, {}); }

  std::int64_t count(const std::string& sql) {
    return admin_->exec("SELECT (" + sql + ")::bigint").int64(0, 0);
  }

  std::string schema_;
  std::string conninfo_;
  std::unique_ptr<pg::Connection> admin_;
};

phum::v1::PushBatch makeBatch(const std::vector<phum::v1::Record>& records) {
  phum::v1::PushBatch batch;
  batch.set_batch_id(Uuid::generate().toBytes());
  batch.set_device_id("tab-0001");
  for (const auto& record : records) *batch.add_records() = record;
  return batch;
}

std::vector<phum::v1::Record> makeRecords(int count, int firstIndex = 0) {
  std::vector<phum::v1::Record> records;
  for (int i = 0; i < count; ++i)
    records.push_back(tools::makeHouseholdRecord(firstIndex + i, true));
  return records;
}

TEST_F(PostgresStoreTest, MigratesOnceAndReportsItsVersion) {
  auto first = openStore();
  EXPECT_EQ(first->schemaVersion(), PostgresStore::latestSchemaVersion());
  auto second = openStore();  // a second instance finds the schema current
  EXPECT_EQ(second->schemaVersion(), PostgresStore::latestSchemaVersion());
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".phum_schema"),
            PostgresStore::latestSchemaVersion());
}

TEST_F(PostgresStoreTest, AcceptsThenDeduplicatesReplaysAndReportsConflicts) {
  auto store = openStore();
  auto records = makeRecords(3);
  phum::v1::Record invalid = tools::makeHouseholdRecord(9);  // no uuid, no revision
  records.push_back(invalid);
  const auto batch = makeBatch(records);
  const auto ack = store->commitBatch(batch, {});
  ASSERT_EQ(ack.acks_size(), 4);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(ack.acks(i).status(), RECORD_STATUS_ACCEPTED);
    EXPECT_GT(ack.acks(i).server_seq(), 0u);
  }
  EXPECT_EQ(ack.acks(3).status(), RECORD_STATUS_REJECTED);
  EXPECT_FALSE(ack.acks(3).reason().empty());

  // The same batch again: the recorded ack, nothing stored twice.
  EXPECT_EQ(store->commitBatch(batch, {}).SerializeAsString(), ack.SerializeAsString());
  // The same records in a new batch: duplicates with the original sequence numbers.
  const auto again = store->commitBatch(makeBatch({records[0], records[1]}), {});
  EXPECT_EQ(again.acks(0).status(), RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(again.acks(0).server_seq(), ack.acks(0).server_seq());
  // Same uuid and revision, different answers: a conflict, kept aside, nothing overwritten.
  auto edited = records[2];
  edited.mutable_answers()->mutable_answers(0)->mutable_value()->set_text("2026-12-01");
  EXPECT_EQ(store->commitBatch(makeBatch({edited}), {}).acks(0).status(), RECORD_STATUS_CONFLICT);
  const auto stored = store->findRecord(records[2].uuid(), 1);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->answers().answers(0).value().text(), "2026-11-28");

  const StoreCounts counts = store->counts();
  EXPECT_EQ(counts.records, 3);
  EXPECT_EQ(counts.conflicts, 1);
  EXPECT_EQ(counts.batches, 3);
  EXPECT_EQ(store->listRecords(2).size(), 2u);
  EXPECT_EQ(store->listRecords(-1).size(), 3u);
}

// The bulk insert (one statement per batch) keeps the per-record outcome of storing records one
// by one: acks in batch order, a key repeated within the batch compared with its first copy.
TEST_F(PostgresStoreTest, OneBatchMixesEveryOutcomeInBatchOrder) {
  auto store = openStore();
  const auto stored = makeRecords(2);
  const auto first = store->commitBatch(makeBatch(stored), {});
  auto conflicting = stored[1];
  conflicting.set_location_code("01020399");
  const auto fresh = makeRecords(1, 10)[0];
  auto freshEdited = fresh;
  freshEdited.set_location_code("01020399");
  const auto batch =
      makeBatch({conflicting, fresh, fresh, stored[0], tools::makeHouseholdRecord(9), freshEdited});
  const auto ack = store->commitBatch(batch, {});
  ASSERT_EQ(ack.acks_size(), 6);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(ack.acks(i).uuid(), batch.records(i).uuid());
  EXPECT_EQ(ack.acks(0).status(), RECORD_STATUS_CONFLICT);
  EXPECT_EQ(ack.acks(1).status(), RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(2).status(), RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(2).server_seq(), ack.acks(1).server_seq());
  EXPECT_EQ(ack.acks(3).status(), RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(3).server_seq(), first.acks(0).server_seq());
  EXPECT_EQ(ack.acks(4).status(), RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(5).status(), RECORD_STATUS_CONFLICT);
  EXPECT_EQ(store->counts().records, 3);
  EXPECT_EQ(store->counts().conflicts, 2);
}

// Two stores with their own connections behave like two server instances: overlapping batches
// pushed at once from several threads still store every record exactly once.
TEST_F(PostgresStoreTest, TwoInstancesStoreOverlappingBatchesExactlyOnce) {
  auto first = openStore();
  auto second = openStore();
  const auto records = makeRecords(400);
  std::atomic<int> accepted{0};
  std::atomic<int> other{0};
  std::vector<std::thread> pushers;
  for (int t = 0; t < 6; ++t) {
    pushers.emplace_back([&, t] {
      ServerStore& store = t % 2 ? *second : *first;
      // Each thread sends all records in batches of 40, starting at a different place and
      // going in a different direction, so batches overlap in every way.
      for (int b = 0; b < 10; ++b) {
        const int start = ((t % 2 ? 9 - b : b) + t) % 10 * 40;
        const auto ack = store.commitBatch(
            makeBatch({records.begin() + start, records.begin() + start + 40}), {});
        for (const auto& recordAck : ack.acks()) {
          if (recordAck.status() == RECORD_STATUS_ACCEPTED) {
            ++accepted;
          } else if (recordAck.status() != RECORD_STATUS_DUPLICATE) {
            ++other;
          }
        }
      }
    });
  }
  for (auto& pusher : pushers) pusher.join();
  EXPECT_EQ(accepted.load(), 400) << "each record accepted exactly once across both instances";
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".records"), 400);
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".conflicts"), 0);
}

TEST_F(PostgresStoreTest, DevicesAccountsSessionsAndChangeFeed) {
  auto store = openStore();
  phum::v1::Account account;
  account.set_username("sokha");
  account.set_display_name("Sokha");
  account.set_role(phum::v1::ROLE_ENUMERATOR);
  account.set_scope_code("1201");
  store->addAccount(account, "correct horse");
  EXPECT_THROW(store->addAccount(account, "correct horse"), std::invalid_argument);
  EXPECT_THROW(store->signIn("sokha", "wrong password", "dev", 60000), AuthError);
  const auto session = store->signIn("sokha", "correct horse", "dev", 60000);
  const auto found = store->findSession(session.session_token());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->account.scope_code(), "1201");
  ASSERT_EQ(store->listAccounts().size(), 1u);

  const std::string code = store->createEnrollmentCode("Tablet 7", 60000);
  const auto enrolled = store->enrollDevice(code, "");
  EXPECT_THROW(store->enrollDevice(code, ""), AuthError);
  EXPECT_EQ(store->checkDevice(enrolled.device_id(), enrolled.device_secret()), DeviceCheck::Valid);
  EXPECT_EQ(store->checkDevice(enrolled.device_id(), "guess"), DeviceCheck::Unknown);
  EXPECT_TRUE(store->revokeDevice(enrolled.device_id()));
  EXPECT_FALSE(store->revokeDevice("dev-none"));
  EXPECT_EQ(store->checkDevice(enrolled.device_id(), enrolled.device_secret()),
            DeviceCheck::Revoked);
  EXPECT_EQ(store->listDevices().size(), 1u);

  phum::v1::Change form;
  form.mutable_form()->set_form_id("household_survey");
  const auto seq = store->appendChange(form, "");
  store->appendChange(form, "someone_else");
  const auto feed = store->changesSince(0, 10, "sokha");
  ASSERT_FALSE(feed.fullRefreshRequired);
  ASSERT_EQ(feed.batch.changes_size(), 2);  // the revocation, then the form
  EXPECT_TRUE(feed.batch.changes(0).has_revocation());
  EXPECT_EQ(feed.batch.changes(1).seq(), seq);
  EXPECT_EQ(feed.batch.next_cursor(), seq + 1);
  store->pruneChanges(seq);
  EXPECT_TRUE(store->changesSince(1, 10, "sokha").fullRefreshRequired);
  EXPECT_FALSE(store->changesSince(0, 10, "sokha").fullRefreshRequired);
}

// Two phum-server processes on one database: different tablets through each, and the same
// records through both at once. Every record is stored exactly once.
TEST_F(PostgresStoreTest, TwoServerInstancesOnOneDatabase) {
  openStore();  // migrate before both start (they would also cope on their own)
  tools::TempDir dir("phum-pg-two");
  const std::vector<std::string> db = {"--db", conninfo_};
  tools::ServerProcess one(PHUM_SERVER_BIN, dir.file("one"), db);
  tools::ServerProcess two(PHUM_SERVER_BIN, dir.file("two"), db);
  one.start();
  two.start();
  faults::fillOutbox(dir.file("a.sqlite"), 300, 0);
  faults::fillOutbox(dir.file("b.sqlite"), 300, 300);
  faults::fillOutbox(dir.file("c.sqlite"), 300, 600);
  // The same tablet twice: a copy of c syncs through the other server at the same time.
  std::filesystem::copy_file(dir.file("c.sqlite"), dir.file("c-copy.sqlite"));
  const std::vector<std::pair<std::string, std::string>> runs = {{"a.sqlite", one.url()},
                                                                 {"b.sqlite", two.url()},
                                                                 {"c.sqlite", one.url()},
                                                                 {"c-copy.sqlite", two.url()}};
  std::vector<std::thread> tablets;
  std::atomic<int> completed{0};
  for (const auto& [file, url] : runs) {
    tablets.emplace_back([&, file = file, url = url] {
      auto store = store::LocalStore::open(dir.file(file));
      auto config = faults::testSyncConfig(url);
      config.batchSize = 25;
      if (faults::syncUntilComplete(*store, config, 500)) ++completed;
    });
  }
  for (auto& tablet : tablets) tablet.join();
  EXPECT_EQ(completed.load(), 4);
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".records"), 900);
  EXPECT_EQ(count("SELECT count(DISTINCT (uuid, revision)) FROM " + schema_ + ".records"), 900);
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".conflicts"), 0);
  for (const char* file : {"a.sqlite", "b.sqlite", "c.sqlite", "c-copy.sqlite"}) {
    const auto counts = store::LocalStore::open(dir.file(file))->outboxCounts();
    EXPECT_EQ(counts.sent, 300) << file;
    EXPECT_EQ(counts.rejected, 0) << file;
  }
}

// The fault proxy in front of a PostgreSQL-backed server: cuts at random points, exactly once.
TEST_F(PostgresStoreTest, CutsThroughProxyStillExactlyOnce) {
  openStore();
  tools::TempDir dir("phum-pg-cuts");
  tools::ServerProcess server(PHUM_SERVER_BIN, dir.file("server"), {"--db", conninfo_});
  server.start();
  tools::FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"),
                          {"--random", "0.35", "--random-max-bytes", "32768", "--seed", "11"});
  faults::fillOutbox(dir.file("tablet.sqlite"), 1500);
  auto store = store::LocalStore::open(dir.file("tablet.sqlite"));
  ASSERT_TRUE(faults::syncUntilComplete(*store, faults::testSyncConfig(proxy.url()), 2000,
                                        std::chrono::milliseconds(20),
                                        [&] { server.expectRunning(); }));
  EXPECT_GT(proxy.stats().cuts, 0u);
  EXPECT_EQ(count("SELECT count(*) FROM " + schema_ + ".records"), 1500);
  EXPECT_EQ(store->outboxCounts().sent, 1500);
}

}  // namespace
}  // namespace phum::server
