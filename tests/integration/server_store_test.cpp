// The ServerStore contract used directly (no HTTP), on both backends: idempotence, conflicts,
// validation, scope, devices, sessions and the change feed. SQLite runs on a real file in a temp
// folder (label unit); PostgreSQL in a fresh schema of the database the PG* variables name (label
// postgres; skipped when PGHOST is unset, e.g. outside pg_virtualenv).
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <random>

#include "core/uuid.h"
#include "storage/postgres/postgres_database.h"
#include "storage/server_store.h"
#include "common/secrets.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage_backend.h"

namespace phum::server {
namespace {

namespace fs = std::filesystem;

// Where one test's server data lives. open() may be called again: the data is still there.
class TestStorage {
 public:
  virtual ~TestStorage() = default;
  virtual std::unique_ptr<ServerStore> open(RecordValidator validator) = 0;
  virtual int latestSchemaVersion() const = 0;
};

class SqliteStorage : public TestStorage {
 public:
  SqliteStorage()
      : dir_(fs::temp_directory_path() /
             ("phum-store-test-" + std::to_string(std::random_device()()))) {}
  ~SqliteStorage() override {
    std::error_code ignored;  // a leftover temp folder is not worth failing a test over
    fs::remove_all(dir_, ignored);
  }
  std::unique_ptr<ServerStore> open(RecordValidator validator) override {
    return openSqliteStore(dir_.string(), std::move(validator));
  }
  int latestSchemaVersion() const override { return SqliteStore::latestSchemaVersion(); }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

// A schema of its own (tools::PostgresSchema), dropped afterwards.
class PostgresStorage : public TestStorage {
 public:
  std::unique_ptr<ServerStore> open(RecordValidator validator) override {
    return openPostgresStore(schema_.conninfo(), std::move(validator));
  }
  int latestSchemaVersion() const override { return PostgresStore::latestSchemaVersion(); }

 private:
  tools::PostgresSchema schema_;
};

// The test parameter: which backend, and how to make a fresh storage for one test (nullptr: no
// PostgreSQL to run against, the test skips itself).
struct Backend {
  const char* name;
  std::function<std::unique_ptr<TestStorage>()> makeStorage;
};
// So test names read ".../sqlite" rather than the bytes of the std::function.
void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

class ServerStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    initSecrets();
    storage_ = GetParam().makeStorage();
    if (!storage_) {
      GTEST_SKIP() << tools::postgresUnavailableReason();
    }
    store_ = storage_->open({});
  }
  void TearDown() override {
    store_.reset();
    storage_.reset();
  }
  void reopen(RecordValidator validator = {}) {
    store_.reset();
    store_ = storage_->open(std::move(validator));
  }
  static phum::v1::Record record(const std::string& author = "sokha",
                                 const std::string& location = "01020304") {
    phum::v1::Record r;
    r.set_uuid(Uuid::generate().toBytes());
    r.set_form_id("returnee_registration");
    r.set_form_version("1");
    r.set_revision(1);
    r.set_author(author);
    r.set_location_code(location);
    r.mutable_answers()->add_answers()->set_name("crossing_point");
    return r;
  }
  static phum::v1::PushBatch batchOf(std::vector<phum::v1::Record> records) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(Uuid::generate().toBytes());
    for (auto& r : records) *batch.add_records() = std::move(r);
    return batch;
  }

  std::unique_ptr<TestStorage> storage_;
  std::unique_ptr<ServerStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ServerStoreTest,
                         ::testing::Values(Backend{
                             "sqlite", [] { return std::make_unique<SqliteStorage>(); }}));
INSTANTIATE_TEST_SUITE_P(Postgres, ServerStoreTest,
                         ::testing::Values(Backend{
                             "postgres", []() -> std::unique_ptr<TestStorage> {
                               if (!tools::postgresUnavailableReason().empty()) {
                                 return nullptr;
                               }
                               return std::make_unique<PostgresStorage>();
                             }}));

TEST(SqliteServerStore, NewDatabaseIsAFileInTheDataFolderInWalMode) {
  initSecrets();
  SqliteStorage storage;
  auto store = storage.open({});
  EXPECT_GE(SqliteStore::latestSchemaVersion(), 3);
  EXPECT_TRUE(fs::exists(storage.dir() / "phum-server.sqlite"));
  EXPECT_TRUE(fs::exists(storage.dir() / "phum-server.sqlite-wal"));
}

TEST_P(ServerStoreTest, NewDatabaseHasTheCurrentSchema) {
  EXPECT_EQ(store_->schemaVersion(), storage_->latestSchemaVersion());
  reopen();  // a second open finds the schema current
  EXPECT_EQ(store_->schemaVersion(), storage_->latestSchemaVersion());
  EXPECT_EQ(store_->counts().records, 0);
}

TEST_P(ServerStoreTest, AcceptedRecordsSurviveReopening) {
  const auto batch = batchOf({record(), record()});
  const auto ack = store_->commitBatch(batch, {});
  ASSERT_EQ(ack.acks_size(), 2);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_NE(ack.acks(0).server_seq(), ack.acks(1).server_seq());
  reopen();
  EXPECT_EQ(store_->counts().records, 2);
  ASSERT_TRUE(store_->findRecord(batch.records(1).uuid(), 1));
  EXPECT_EQ(store_->listRecords(10).front().formId, "returnee_registration");
  EXPECT_EQ(store_->listRecords(1).size(), 1u);
  EXPECT_EQ(store_->listRecords(-1).size(), 2u);  // no limit
}

TEST_P(ServerStoreTest, ReplayedBatchReturnsTheRecordedAck) {
  const auto batch = batchOf({record()});
  const auto first = store_->commitBatch(batch, {});
  const auto again = store_->commitBatch(batch, {});
  EXPECT_EQ(first.SerializeAsString(), again.SerializeAsString());
  EXPECT_EQ(store_->counts().records, 1);
  EXPECT_EQ(store_->counts().batches, 1);
}

TEST_P(ServerStoreTest, SameKeySameBytesIsDuplicateDifferentBytesIsConflict) {
  const auto original = record();
  const auto first = store_->commitBatch(batchOf({original}), {});
  auto changed = original;
  changed.set_location_code("01020399");
  const auto ack = store_->commitBatch(batchOf({original, changed, changed}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(0).server_seq(), first.acks(0).server_seq());
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(store_->counts().conflicts, 1);  // the same conflicting copy is kept once
  EXPECT_EQ(store_->findRecord(original.uuid(), 1)->location_code(), "01020304");
}

// Insert-first storing keeps the outcome of looking each key up: acks in batch order, a key
// repeated within the batch compared with its first copy.
TEST_P(ServerStoreTest, OneBatchMixesEveryOutcomeInBatchOrder) {
  const auto stored = record();
  const auto first = store_->commitBatch(batchOf({stored}), {});
  auto conflicting = stored;
  conflicting.set_location_code("01020399");
  const auto fresh = record();
  auto freshEdited = fresh;
  freshEdited.set_location_code("01020399");
  auto invalid = record();
  invalid.set_revision(0);
  const auto batch = batchOf({conflicting, fresh, fresh, stored, invalid, freshEdited});
  const auto ack = store_->commitBatch(batch, {});
  ASSERT_EQ(ack.acks_size(), 6);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(ack.acks(i).uuid(), batch.records(i).uuid());
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(2).server_seq(), ack.acks(1).server_seq());
  EXPECT_EQ(ack.acks(3).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(3).server_seq(), first.acks(0).server_seq());
  EXPECT_EQ(ack.acks(4).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(5).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(store_->counts().records, 2);
  EXPECT_EQ(store_->counts().conflicts, 2);
}

TEST_P(ServerStoreTest, NewRevisionOfTheSameRecordIsStoredAlongside) {
  auto first = record();
  auto second = first;
  second.set_revision(2);
  second.set_location_code("01020305");
  store_->commitBatch(batchOf({first}), {});
  const auto ack = store_->commitBatch(batchOf({second}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(store_->counts().records, 2);
}

TEST_P(ServerStoreTest, ValidatorErrorsRejectOnlyThatRecord) {
  reopen([](const phum::v1::Record& r) {
    std::vector<phum::v1::FieldError> errors;
    if (r.location_code() == "99") {
      phum::v1::FieldError error;
      error.set_field("members[2]/age");
      error.set_message("age must be between 0 and 120");
      errors.push_back(error);
    }
    return errors;
  });
  auto bad = record("sokha", "99");
  auto noRevision = record();
  noRevision.set_revision(0);
  auto noUuid = record();
  noUuid.clear_uuid();
  const auto ack = store_->commitBatch(batchOf({record(), bad, noRevision, noUuid}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "members[2]/age");
  EXPECT_NE(ack.acks(1).reason().find("between 0 and 120"), std::string::npos);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "revision");
  EXPECT_EQ(ack.acks(3).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_FALSE(ack.acks(3).reason().empty());
  EXPECT_EQ(store_->counts().records, 1);
}

TEST_P(ServerStoreTest, SignedInPushesAreCheckedAgainstAuthorAndScope) {
  const PushContext context{"dev-1", "sokha", "0102"};
  const auto ack = store_->commitBatch(
      batchOf({record("sokha", "01020304"), record("dara", "01020304"), record("sokha", "0203")}),
      context);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "author");
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "location_code");
  const PushContext national{"dev-1", "sokha", "national"};
  EXPECT_EQ(store_->commitBatch(batchOf({record("sokha", "2203")}), national).acks(0).status(),
            phum::v1::RECORD_STATUS_ACCEPTED);
}

TEST_P(ServerStoreTest, EnrollmentCodeWorksOnceAndRevocationIsFinal) {
  const std::string code = store_->createEnrollmentCode("Poipet tablet 3", 60'000);
  const auto device = store_->enrollDevice(code, "");
  EXPECT_THROW(store_->enrollDevice(code, ""), AuthError);
  EXPECT_EQ(store_->checkDevice(device.device_id(), device.device_secret()), DeviceCheck::Valid);
  EXPECT_EQ(store_->checkDevice(device.device_id(), "wrong"), DeviceCheck::Unknown);
  EXPECT_EQ(store_->listDevices().front().name, "Poipet tablet 3");
  EXPECT_TRUE(store_->revokeDevice(device.device_id()));
  EXPECT_FALSE(store_->revokeDevice("dev-unknown"));
  EXPECT_EQ(store_->checkDevice(device.device_id(), device.device_secret()), DeviceCheck::Revoked);
  EXPECT_EQ(store_->listDevices().size(), 1u);
  // Every device learns of the revocation from the change feed.
  const auto feed = store_->changesSince(0, 10, "anyone");
  ASSERT_EQ(feed.batch.changes_size(), 1);
  EXPECT_TRUE(feed.batch.changes(0).has_revocation());
}

TEST_P(ServerStoreTest, ExpiredEnrollmentCodeIsRefused) {
  const std::string code = store_->createEnrollmentCode("old", -1);
  EXPECT_THROW(store_->enrollDevice(code, ""), AuthError);
}

TEST_P(ServerStoreTest, SignInChecksThePasswordAndIssuesASession) {
  phum::v1::Account account;
  account.set_username("sokha");
  account.set_role(phum::v1::ROLE_ENUMERATOR);
  account.set_scope_code("0102");
  store_->addAccount(account, "correct horse");
  EXPECT_THROW(store_->addAccount(account, "correct horse"), std::invalid_argument);
  account.set_scope_code("123");
  account.set_username("other");
  EXPECT_THROW(store_->addAccount(account, "correct horse"), std::invalid_argument);
  EXPECT_THROW(store_->signIn("sokha", "wrong password", "dev-1", 60'000), AuthError);
  EXPECT_THROW(store_->signIn("nobody", "correct horse", "dev-1", 60'000), AuthError);
  const auto response = store_->signIn("sokha", "correct horse", "dev-1", 60'000);
  EXPECT_EQ(response.account().scope_code(), "0102");
  const auto session = store_->findSession(response.session_token());
  ASSERT_TRUE(session);
  EXPECT_EQ(session->account.username(), "sokha");
  EXPECT_EQ(session->deviceId, "dev-1");
  EXPECT_FALSE(store_->findSession("not-a-token"));
  ASSERT_EQ(store_->listAccounts().size(), 1u);
  const auto expired = store_->signIn("sokha", "correct horse", "dev-1", -1);
  EXPECT_FALSE(store_->findSession(expired.session_token()));
}

TEST_P(ServerStoreTest, ChangeFeedPagesFiltersByAudienceAndAsksForFullRefreshAfterPruning) {
  phum::v1::Change form;
  form.mutable_form()->set_form_id("household_survey");
  phum::v1::Change review;
  review.mutable_review()->set_comment("check the age of member 2");
  store_->appendChange(form, "");
  store_->appendChange(review, "dara");
  store_->appendChange(review, "sokha");
  store_->appendChange(form, "");

  auto page = store_->changesSince(0, 2, "sokha");
  ASSERT_FALSE(page.fullRefreshRequired);
  ASSERT_EQ(page.batch.changes_size(), 2);
  EXPECT_EQ(page.batch.changes(0).seq(), 1u);
  EXPECT_EQ(page.batch.changes(1).seq(), 3u);  // dara's review is not sokha's business
  EXPECT_TRUE(page.batch.has_more());
  page = store_->changesSince(page.batch.next_cursor(), 2, "sokha");
  ASSERT_EQ(page.batch.changes_size(), 1);
  EXPECT_FALSE(page.batch.has_more());
  EXPECT_EQ(page.batch.next_cursor(), 4u);

  store_->pruneChanges(2);
  EXPECT_TRUE(store_->changesSince(1, 10, "sokha").fullRefreshRequired);
  EXPECT_TRUE(store_->changesSince(99, 10, "sokha").fullRefreshRequired);
  EXPECT_FALSE(store_->changesSince(2, 10, "sokha").fullRefreshRequired);
  EXPECT_EQ(store_->changesSince(0, 10, "sokha").batch.changes_size(), 2);
}

}  // namespace
}  // namespace phum::server
