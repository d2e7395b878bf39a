// Schema migrations: a database written by hand in the v1 layout is upgraded in place.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/errors.h"
#include "store/local_store.h"
#include "store/schema.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

// The v1 layout exactly as the first release wrote it. Frozen here on purpose: if a migration
// step is ever edited instead of added, this test notices.
constexpr const char* kV1Database = R"sql(
CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,
  applied_at_ms INTEGER NOT NULL);
CREATE TABLE records (
  uuid BLOB PRIMARY KEY NOT NULL CHECK (length(uuid) = 16),
  form_id TEXT NOT NULL, form_version TEXT NOT NULL, revision INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL, author TEXT NOT NULL,
  location_code TEXT NOT NULL, title TEXT NOT NULL, body BLOB NOT NULL, state TEXT NOT NULL,
  last_error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX records_by_author ON records (author, updated_at_ms);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid BLOB NOT NULL REFERENCES records (uuid) ON DELETE CASCADE,
  revision INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '', UNIQUE (uuid, revision)
);
CREATE INDEX outbox_by_state ON outbox (state, id);
INSERT INTO schema_migrations VALUES (1, 'records and outbox', 1790000000000);
PRAGMA user_version = 1;
)sql";

void execOrFail(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
}

// Writes a v1 database holding one household record whose first send failed twice.
void writeV1Database(const std::string& path, const phum::v1::Record& record) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  execOrFail(db, kV1Database);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO records VALUES (?1, 'household_migration', '2026.1', "
                               "1, 1790000000000, 1790000000000, 'sokha', '01020304', "
                               "'Chan Dara', ?2, 'failed', 'network down')",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  std::string body = record.SerializeAsString();
  sqlite3_bind_blob(stmt, 1, record.uuid().data(), 16, SQLITE_TRANSIENT);
  sqlite3_bind_blob(stmt, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO outbox (uuid, revision, state, attempts, last_error) "
                               "VALUES (?1, 1, 'failed', 2, 'network down')",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  sqlite3_bind_blob(stmt, 1, record.uuid().data(), 16, SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
}

TEST(Migrations, AreNumberedConsecutivelyFromOne) {
  int expected = 1;
  for (const auto& step : migrations()) {
    EXPECT_EQ(step.version, expected++);
    EXPECT_FALSE(step.description.empty());
  }
  EXPECT_EQ(latestSchemaVersion(), expected - 1);
}

TEST(Migrations, UpgradesAHandWrittenV1DatabaseKeepingItsRecords) {
  test::ScratchDir dir;
  std::string path = dir.file("v1.db");
  auto record = test::householdSurvey();
  record.set_uuid(Uuid::generate().toBytes());
  record.set_revision(1);
  writeV1Database(path, record);

  auto store = LocalStore::open(path);
  EXPECT_EQ(store->schemaVersion(), latestSchemaVersion());
  auto list = store->listRecords("sokha");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].state, SyncState::Failed);
  EXPECT_EQ(list[0].lastError, "network down");
  // New columns got safe defaults: the old failure is due now and keeps its attempt count.
  auto due = store->claimOutbox(10, 1);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 2);
  EXPECT_EQ(due[0].record.uuid(), record.uuid());
  // Tables added by later steps work.
  store->setSyncValue(kChangeCursorKey, "42");
  EXPECT_EQ(store->syncValue(kChangeCursorKey), "42");
  EXPECT_TRUE(store->formDefinitions().empty());
  EXPECT_TRUE(store->listDrafts("sokha").empty());

  // Opening again is a no-op.
  store.reset();
  EXPECT_EQ(LocalStore::open(path)->schemaVersion(), latestSchemaVersion());
}

// A tablet at schema v6 that received reviews (kept only as bodies in review_decisions): after
// the upgrade its records carry the outcome of the latest decision about their current revision.
TEST(Migrations, BackfillsReviewOutcomesReceivedBeforeV7) {
  test::ScratchDir dir;
  const std::string path = dir.file("v6.db");
  const Uuid returned = Uuid::generate(), approved = Uuid::generate(), elsewhere = Uuid::generate();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    for (const auto& step : migrations()) {
      if (step.version <= 6) execOrFail(db, std::string(step.sql));
    }
    execOrFail(db, "PRAGMA user_version = 6");
    const auto insertRecord = [&](const Uuid& uuid, int revision) {
      sqlite3_stmt* stmt = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db,
                                   "INSERT INTO records (uuid, form_id, form_version, revision, "
                                   "created_at_ms, updated_at_ms, author, location_code, title, "
                                   "body, state) VALUES (?1, 'quick_registration', '1', ?2, 1, 1, "
                                   "'sokha', '12010203', 'Chan Dara', x'', 'sent')",
                                   -1, &stmt, nullptr),
                SQLITE_OK);
      sqlite3_bind_blob(stmt, 1, uuid.toBytes().data(), 16, SQLITE_TRANSIENT);
      sqlite3_bind_int(stmt, 2, revision);
      ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
      sqlite3_finalize(stmt);
    };
    const auto insertDecision = [&](int seq, const Uuid& uuid, int revision,
                                    phum::v1::ReviewOutcome outcome) {
      phum::v1::ReviewDecision decision;
      decision.set_record_uuid(uuid.toBytes());
      decision.set_revision(static_cast<std::uint32_t>(revision));
      decision.set_outcome(outcome);
      decision.set_reviewer("Channary");
      const std::string body = decision.SerializeAsString();
      sqlite3_stmt* stmt = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO review_decisions VALUES (?1, ?2, ?3)", -1,
                                   &stmt, nullptr),
                SQLITE_OK);
      sqlite3_bind_int(stmt, 1, seq);
      sqlite3_bind_blob(stmt, 2, uuid.toBytes().data(), 16, SQLITE_TRANSIENT);
      sqlite3_bind_blob(stmt, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(stmt), SQLITE_DONE);
      sqlite3_finalize(stmt);
    };
    insertRecord(returned, 1);
    insertRecord(approved, 2);
    // Approved first, then returned: the later decision is the one that counts.
    insertDecision(3, returned, 1, phum::v1::REVIEW_OUTCOME_APPROVED);
    insertDecision(4, returned, 1, phum::v1::REVIEW_OUTCOME_RETURNED);
    // Returned at revision 1, corrected here as revision 2, which was approved.
    insertDecision(5, approved, 1, phum::v1::REVIEW_OUTCOME_RETURNED);
    insertDecision(6, approved, 2, phum::v1::REVIEW_OUTCOME_APPROVED);
    insertDecision(7, elsewhere, 1, phum::v1::REVIEW_OUTCOME_RETURNED);  // not on this tablet
    ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
  }

  auto store = LocalStore::open(path);
  EXPECT_EQ(store->schemaVersion(), latestSchemaVersion());
  RecordQuery query;
  query.author = "sokha";
  query.reviewOutcome = phum::v1::REVIEW_OUTCOME_RETURNED;
  const auto toCorrect = store->queryRecords(query);
  ASSERT_EQ(toCorrect.size(), 1u);
  EXPECT_EQ(toCorrect[0].uuid, returned);
  query.reviewOutcome = phum::v1::REVIEW_OUTCOME_APPROVED;
  const auto done = store->queryRecords(query);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].uuid, approved);
  EXPECT_EQ(store->reviewDecisions(elsewhere).size(), 1u);  // kept, marks nothing
}

TEST(Migrations, RefusesADatabaseFromANewerApp) {
  test::ScratchDir dir;
  std::string path = dir.file("future.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  execOrFail(db, "PRAGMA user_version = 99");
  sqlite3_close(db);
  try {
    LocalStore::open(path);
    FAIL() << "expected StorageError";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("Update the app"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace phum::store
