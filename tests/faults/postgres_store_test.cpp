// What only the PostgreSQL backend has, against a real PostgreSQL (label `postgres`; run under
// pg_virtualenv): migrations, several server instances in process and several phum-server
// processes on one database. Each test works in its own schema of the database PG* points at,
// dropped afterwards. The backend-neutral behaviour runs on both backends elsewhere:
// tests/integration/server_store_test.cpp (the services on each backend) and the pg.* copies of
// the process-level suites (HTTP, accounts, sync through faults).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "core/uuid.h"
#include "household.h"
#include "phum_processes.h"
#include "postgres_schema_test.h"
#include "services/ingest_service.h"
#include "storage/open_database.h"
#include "storage/postgres/postgres_database.h"
#include "sync_harness.h"

namespace phum::server {
namespace {

using phum::v1::RECORD_STATUS_ACCEPTED;
using phum::v1::RECORD_STATUS_DUPLICATE;

class PostgresStoreTest : public PostgresSchemaTest {
 protected:
  // One more instance on the schema, with connections of its own.
  std::unique_ptr<storage::Database> openDatabase() {
    return storage::openDatabase({"", conninfo()});
  }
  std::int64_t schemaVersion() {
    return count("SELECT coalesce(max(version), 0) FROM " + schemaName() + ".phum_schema");
  }
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
  auto first = openDatabase();
  EXPECT_EQ(schemaVersion(), storage::PostgresDatabase::latestSchemaVersion());
  auto second = openDatabase();  // a second instance finds the schema current
  EXPECT_EQ(schemaVersion(), storage::PostgresDatabase::latestSchemaVersion());
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".phum_schema"),
            storage::PostgresDatabase::latestSchemaVersion());
}

// Two databases with their own connections behave like two server instances: overlapping
// batches pushed at once from several threads still store every record exactly once.
TEST_F(PostgresStoreTest, TwoInstancesStoreOverlappingBatchesExactlyOnce) {
  auto firstDb = openDatabase();
  auto secondDb = openDatabase();
  IngestService first(*firstDb, {});
  IngestService second(*secondDb, {});
  const auto records = makeRecords(400);
  std::atomic<int> accepted{0};
  std::atomic<int> other{0};
  std::vector<std::thread> pushers;
  for (int t = 0; t < 6; ++t) {
    pushers.emplace_back([&, t] {
      IngestService& ingest = t % 2 ? second : first;
      // Each thread sends all records in batches of 40, starting at a different place and
      // going in a different direction, so batches overlap in every way.
      for (int b = 0; b < 10; ++b) {
        const int start = ((t % 2 ? 9 - b : b) + t) % 10 * 40;
        const auto ack =
            ingest.push(makeBatch({records.begin() + start, records.begin() + start + 40}), {});
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
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".records"), 400);
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".conflicts"), 0);
}

// Two phum-server processes on one database: different tablets through each, and the same
// records through both at once. Every record is stored exactly once.
TEST_F(PostgresStoreTest, TwoServerInstancesOnOneDatabase) {
  openDatabase();  // migrate before both start (they would also cope on their own)
  tools::TempDir dir("phum-pg-two");
  const std::vector<std::string> db = {"--db", conninfo()};
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
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".records"), 900);
  EXPECT_EQ(count("SELECT count(DISTINCT (uuid, revision)) FROM " + schemaName() + ".records"),
            900);
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".conflicts"), 0);
  for (const char* file : {"a.sqlite", "b.sqlite", "c.sqlite", "c-copy.sqlite"}) {
    const auto counts = store::LocalStore::open(dir.file(file))->outboxCounts();
    EXPECT_EQ(counts.sent, 300) << file;
    EXPECT_EQ(counts.rejected, 0) << file;
  }
}

}  // namespace
}  // namespace phum::server
