// The review queue's storage on both backends (server_store_backends.h): the schema step that
// fills record_heads from a database of the version before it, and the "to" date paged with the
// keyset cursor.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "common/secrets.h"
#include "core/uuid.h"
#include "server_store_backends.h"
#include "storage/review_storage.h"

namespace phum::server {
namespace {

using storage::QueueQuery;
using storage::QueueRow;
using storage::QueueState;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kFirstDayMs = 1767200400000;  // 2026-01-01 00:00 in Cambodia

class ServerQueueTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    initSecrets();
    storage_ = GetParam().makeStorage();
    if (!storage_) {
      GTEST_SKIP() << tools::postgresUnavailableReason();
    }
  }
  std::vector<QueueRow> queue(storage::Database& db, const QueueQuery& query) {
    return storage::read(db, [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
  }
  std::vector<QueueRow> queue(storage::Database& db, QueueState state,
                              const std::string& place = {}) {
    QueueQuery query;
    query.state = state;
    query.placePrefix = place;
    query.limit = 100;
    return queue(db, query);
  }
  // Every page of `query`, each asked with the cursor of the page before, as the console does.
  std::vector<QueueRow> allPages(storage::Database& db, QueueQuery query) {
    std::vector<QueueRow> rows;
    for (int pages = 0; pages < 100; ++pages) {
      const auto page = queue(db, query);
      rows.insert(rows.end(), page.begin(), page.end());
      if (static_cast<int>(page.size()) < query.limit) break;
      query.after =
          storage::QueueKey{page.back().record.receivedAtMs, page.back().record.serverSeq};
    }
    return rows;
  }
  // The uuid of each row, in order.
  static std::vector<std::string> uuidsOf(const std::vector<QueueRow>& rows) {
    std::vector<std::string> uuids;
    for (const auto& row : rows) uuids.push_back(row.record.uuid);
    return uuids;
  }

  std::unique_ptr<TestStorage> storage_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ServerQueueTest, ::testing::Values(kSqliteBackend));
INSTANTIATE_TEST_SUITE_P(Postgres, ServerQueueTest, ::testing::Values(kPostgresBackend));

// Rows written as a server of the version before the step wrote them.
class OldServer {
 public:
  explicit OldServer(TestStorage& storage) : storage_(storage) {}
  void record(const Uuid& uuid, int revision, const std::string& place, std::int64_t receivedMs) {
    phum::v1::Record body;
    body.set_uuid(uuid.toBytes());
    body.set_revision(static_cast<std::uint32_t>(revision));
    storage_.exec(
        "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
        " location_code, created_at_ms, updated_at_ms, received_at_ms, body) VALUES (" +
        storage_.blobLiteral(uuid.toBytes()) + ", " + std::to_string(revision) +
        ", 'returnee_registration', '1', 'sokha', 'tab-1', '" + place + "', 1, 1, " +
        std::to_string(receivedMs) + ", " + storage_.blobLiteral(body.SerializeAsString()) + ")");
  }
  // A decision, and the record's last decision as review_state then held it.
  void decision(const Uuid& uuid, int revision, const std::string& decision) {
    const std::string id = storage_.blobLiteral(uuid.toBytes());
    storage_.exec(
        "INSERT INTO reviews (uuid, revision, decision, reviewer, comment, reason, decided_at_ms)"
        " VALUES (" +
        id + ", " + std::to_string(revision) + ", '" + decision + "', 'rev', '', '', 1)");
    storage_.exec("DELETE FROM review_state WHERE uuid = " + id);
    storage_.exec("INSERT INTO review_state (uuid, decision, revision, review_id) SELECT " + id +
                  ", '" + decision + "', " + std::to_string(revision) + ", max(id) FROM reviews");
  }

 private:
  TestStorage& storage_;
};

TEST_P(ServerQueueTest, TheRecordHeadsStepFillsEachRecordsNewestRevisionAndLastDecision) {
  const auto steps = storage_->migrations();
  const auto step = std::find_if(steps.begin(), steps.end(), [](std::string_view sql) {
    return sql.find("CREATE TABLE record_heads") != std::string_view::npos;
  });
  ASSERT_NE(step, steps.end());
  storage_->createAtVersion(static_cast<int>(step - steps.begin()));

  const Uuid corrected = Uuid::generate(), approved = Uuid::generate(), late = Uuid::generate(),
             rejected = Uuid::generate();
  const std::int64_t t = kFirstDayMs;
  OldServer old(*storage_);
  // Returned, then corrected into another village.
  old.record(corrected, 1, "01020304", t + 1);
  old.decision(corrected, 1, "return");
  old.record(corrected, 2, "01020305", t + 5);
  old.record(approved, 1, "01020304", t + 2);
  old.decision(approved, 1, "approve");
  // Revision 2 arrived after revision 3: the newest revision is the head, not the newest row.
  old.record(late, 1, "01020304", t + 3);
  old.record(late, 3, "01020306", t + 6);
  old.record(late, 2, "01020304", t + 7);
  old.record(rejected, 1, "01020304", t + 4);
  old.decision(rejected, 1, "approve");
  old.decision(rejected, 1, "reject");

  const auto db = storage_->open();
  EXPECT_EQ(storage_->schemaVersion(), storage_->latestSchemaVersion());
  EXPECT_EQ(storage_->count("record_heads"), 4);
  const auto rows = queue(*db, QueueState::Any);
  ASSERT_EQ(uuidsOf(rows), (std::vector<std::string>{late.toString(), corrected.toString(),
                                                     rejected.toString(), approved.toString()}));
  // Each head is its newest revision's own row (seq, place, received time).
  const std::map<std::string, std::pair<std::uint32_t, std::string>> expected{
      {late.toString(), {3, "01020306"}},
      {corrected.toString(), {2, "01020305"}},
      {rejected.toString(), {1, "01020304"}},
      {approved.toString(), {1, "01020304"}}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.record.uuid);
    EXPECT_EQ(row.record.revision, expected.at(row.record.uuid).first);
    EXPECT_EQ(row.record.locationCode, expected.at(row.record.uuid).second);
    const auto revisions = storage::read(*db, [&](storage::Transaction& tx) {
      return tx.reviews().revisions(Uuid::parse(row.record.uuid)->toBytes());
    });
    const auto newest = std::max_element(revisions.begin(), revisions.end(), [](auto& a, auto& b) {
      return a.first.revision < b.first.revision;
    });
    ASSERT_NE(newest, revisions.end());
    EXPECT_EQ(row.record.serverSeq, newest->first.serverSeq);
    EXPECT_EQ(row.record.receivedAtMs, newest->first.receivedAtMs);
  }
  EXPECT_FALSE(rows[0].last);
  ASSERT_TRUE(rows[1].last);
  EXPECT_EQ(rows[1].last->decision, "return");
  EXPECT_EQ(rows[1].last->revision, 1u);
  ASSERT_TRUE(rows[2].last);
  EXPECT_EQ(rows[2].last->decision, "reject");  // the last of its two decisions
  ASSERT_TRUE(rows[3].last);
  EXPECT_EQ(rows[3].last->decision, "approve");

  // The states and the place filter read the filled heads.
  EXPECT_EQ(uuidsOf(queue(*db, QueueState::New)), std::vector<std::string>{late.toString()});
  EXPECT_EQ(uuidsOf(queue(*db, QueueState::Corrected)),
            std::vector<std::string>{corrected.toString()});
  EXPECT_EQ(uuidsOf(queue(*db, QueueState::Rejected)),
            std::vector<std::string>{rejected.toString()});
  EXPECT_EQ(uuidsOf(queue(*db, QueueState::Approved)),
            std::vector<std::string>{approved.toString()});
  EXPECT_TRUE(queue(*db, QueueState::Returned).empty());
  EXPECT_EQ(uuidsOf(queue(*db, QueueState::Any, "01020305")),
            std::vector<std::string>{corrected.toString()});
}

// Records over six days in two districts, several sharing one received time, so pages of two
// split such ties.
struct GeneratedDays {
  struct Stored {
    std::string uuid;
    std::string place;
    std::int64_t receivedAtMs;
  };
  std::vector<Stored> stored;  // in insertion (seq) order

  explicit GeneratedDays(storage::Database& db) {
    std::vector<std::string> uuids, bodies;
    std::vector<std::pair<std::string, std::int64_t>> places;
    for (int day = 0; day < 6; ++day) {
      for (int k = 0; k < 5; ++k) {
        const std::int64_t received = kFirstDayMs + day * kDayMs + (k < 3 ? 3600000 : k * 60000);
        places.emplace_back(k % 2 ? "01030101" : "01020101", received);
      }
    }
    // The day's last minute and the next day's first: the edges of "to".
    places.emplace_back("01020101", kFirstDayMs + 4 * kDayMs - 1);
    places.emplace_back("01020101", kFirstDayMs + 4 * kDayMs);
    std::vector<storage::RecordRow> rows(places.size());
    uuids.resize(places.size());
    bodies.resize(places.size());
    for (std::size_t i = 0; i < places.size(); ++i) {
      const Uuid uuid = Uuid::generate();
      uuids[i] = uuid.toBytes();
      phum::v1::Record record;
      record.set_uuid(uuids[i]);
      record.set_revision(1);
      bodies[i] = record.SerializeAsString();
      rows[i] = storage::RecordRow{.uuid = uuids[i],
                                   .revision = 1,
                                   .formId = "returnee_registration",
                                   .formVersion = "1",
                                   .author = "sokha",
                                   .deviceId = "tab-1",
                                   .locationCode = places[i].first,
                                   .createdAtMs = 1,
                                   .updatedAtMs = 1,
                                   .receivedAtMs = places[i].second,
                                   .body = bodies[i]};
      stored.push_back({uuid.toString(), places[i].first, places[i].second});
    }
    // One at a time: seq then follows this order (a batch is stored in uuid order).
    for (const auto& row : rows) {
      storage::write(db, [&](storage::Transaction& tx) { tx.records().insertIfAbsent({row}); });
    }
  }
  // The uuids the queue should list for this place and range, newest first (ties: last stored
  // first, as seq orders them).
  std::vector<std::string> expected(const std::string& place, std::int64_t fromMs,
                                    std::int64_t beforeMs) const {
    std::vector<std::pair<std::int64_t, std::size_t>> keys;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      const auto& s = stored[i];
      if (s.place.starts_with(place) && s.receivedAtMs >= fromMs && s.receivedAtMs < beforeMs) {
        keys.emplace_back(s.receivedAtMs, i);
      }
    }
    std::sort(keys.rbegin(), keys.rend());
    std::vector<std::string> uuids;
    for (const auto& key : keys) uuids.push_back(stored[key.second].uuid);
    return uuids;
  }
};

TEST_P(ServerQueueTest, TheToDatePagedWithACursorListsEachRecordOnceAndNothingLater) {
  const auto db = storage_->open();
  const GeneratedDays days(*db);
  QueueQuery query;
  query.limit = 2;
  query.placePrefix = "0102";
  query.receivedFromMs = kFirstDayMs + kDayMs;
  query.receivedBeforeMs = kFirstDayMs + 4 * kDayMs;  // "to" = the fourth day, all of it
  const auto expected = days.expected("0102", *query.receivedFromMs, *query.receivedBeforeMs);
  ASSERT_GT(expected.size(), 6u);  // several pages, ties split between them
  EXPECT_EQ(uuidsOf(allPages(*db, query)), expected);

  // Only "to", every place.
  query.placePrefix.clear();
  query.receivedFromMs.reset();
  EXPECT_EQ(uuidsOf(allPages(*db, query)), days.expected("", INT64_MIN, *query.receivedBeforeMs));

  // A cursor from a page above "to" (the filter added while paging) still lists nothing later.
  const auto newest = queue(*db, QueueState::Any).front().record;
  ASSERT_GE(newest.receivedAtMs, *query.receivedBeforeMs);
  query.after = storage::QueueKey{newest.receivedAtMs, newest.serverSeq};
  const auto rows = allPages(*db, query);
  EXPECT_EQ(uuidsOf(rows), days.expected("", INT64_MIN, *query.receivedBeforeMs));
  for (const auto& row : rows) EXPECT_LT(row.record.receivedAtMs, *query.receivedBeforeMs);
}

}  // namespace
}  // namespace phum::server
