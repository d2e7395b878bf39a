// The reports' summary tables on both backends (server_store_backends.h): a batch of facts, as the
// extractor writes it, leaves what replacing each record's facts one by one would leave.
#include <gtest/gtest.h>

#include "common/secrets.h"
#include "server_store_backends.h"
#include "storage/report_storage.h"

namespace phum::server {
namespace {

using storage::FactRow;
using storage::FactTable;
using storage::RecordFacts;

// Facts of `rows` member rows of one record, told apart by `age`.
RecordFacts members(char record, std::uint32_t revision, int rows, std::int64_t age) {
  RecordFacts facts{FactTable::Members, std::string(16, record), revision, {}};
  for (int i = 0; i < rows; ++i) {
    FactRow row;
    row.day = "2026-03-01";
    row.location = "010203";
    row.sex = i % 2 ? "female" : "male";
    row.age = age;
    row.text = {{"marital", "ម្ដាយមេម៉ាយ widowed"}, {"migrant", "yes"}};
    facts.rows.push_back(row);
  }
  return facts;
}

class ReportFactsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    initSecrets();
    storage_ = GetParam().makeStorage();
    if (!storage_) GTEST_SKIP() << tools::postgresUnavailableReason();
    db_ = storage_->open();
  }
  std::int64_t rowsAged(std::int64_t age) {
    return storage_->count("report_members WHERE age = " + std::to_string(age));
  }
  std::unique_ptr<TestStorage> storage_;
  std::unique_ptr<storage::Database> db_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ReportFactsTest, ::testing::Values(kSqliteBackend));
INSTANTIATE_TEST_SUITE_P(Postgres, ReportFactsTest, ::testing::Values(kPostgresBackend));

TEST_P(ReportFactsTest, ABatchKeepsEachRecordsNewestRevisionAsOneByOneWould) {
  storage::write(*db_, [](storage::Transaction& tx) {
    tx.reports().replaceFacts(members('c', 3, 1, 50));  // newer than what the batch brings
    tx.reports().replaceFacts(members('d', 1, 2, 60));
  });
  storage::write(*db_, [](storage::Transaction& tx) {
    tx.reports().replaceFactsOfRecords({
        members('a', 2, 2, 20),
        members('a', 1, 4, 10),  // an older revision read after the newer one
        members('b', 1, 2, 30),
        members('b', 1, 3, 31),  // the same revision read again: the later read wins
        members('c', 2, 5, 40),
        members('d', 2, 0, 0),  // the newer revision has no member rows any more
    });
  });
  EXPECT_EQ(rowsAged(20), 2);
  EXPECT_EQ(rowsAged(10), 0);
  EXPECT_EQ(rowsAged(30), 0);
  EXPECT_EQ(rowsAged(31), 3);
  EXPECT_EQ(rowsAged(50), 1);
  EXPECT_EQ(rowsAged(40), 0);
  EXPECT_EQ(rowsAged(60), 0);
  EXPECT_EQ(storage_->count("report_members"), 6);
  // Category columns reach the table as written (Khmer included).
  EXPECT_EQ(
      storage_->count("report_members WHERE marital = 'ម្ដាយមេម៉ាយ widowed' AND migrant = 'yes'"), 6);
}

TEST_P(ReportFactsTest, AnEmptyBatchChangesNothing) {
  storage::write(*db_, [](storage::Transaction& tx) {
    tx.reports().replaceFacts(members('a', 1, 2, 20));
    tx.reports().replaceFactsOfRecords({});
  });
  EXPECT_EQ(storage_->count("report_members"), 2);
}

}  // namespace
}  // namespace phum::server
