// The services over each storage backend, used directly (no HTTP): idempotence, conflicts,
// validation, scope, devices, sessions and the change feed. SQLite runs on a real file in a temp
// folder (label unit); PostgreSQL in a fresh schema of the database the PG* variables name (label
// postgres; skipped when PGHOST is unset, e.g. outside pg_virtualenv).
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <random>

#include "common/secrets.h"
#include "core/uuid.h"
#include "server_store_backends.h"
#include "services/account_service.h"
#include "services/catalog_service.h"
#include "services/feed_service.h"
#include "services/ingest_service.h"
#include "services/review_service.h"
#include "sqlite/sqlite_db.h"
#include "storage/open_database.h"
#include "storage/postgres/postgres_database.h"
#include "storage/review_storage.h"
#include "storage/sqlite/sqlite_database.h"
#include "storage_backend.h"

namespace phum::server {
namespace {

namespace fs = std::filesystem;

// The services over one database, wired as phum-server wires them, with the test's validator.
struct ServicesUnderTest {
  ServicesUnderTest(std::unique_ptr<storage::Database> database, RecordValidator validator)
      : db(std::move(database)),
        ingest(*db, std::move(validator)),
        accounts(*db),
        feed(*db),
        catalog(*db),
        review(*db) {}
  std::unique_ptr<storage::Database> db;
  IngestService ingest;
  AccountService accounts;
  FeedService feed;
  CatalogService catalog;
  ReviewService review;
};

class ServerStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    initSecrets();
    storage_ = GetParam().makeStorage();
    if (!storage_) {
      GTEST_SKIP() << tools::postgresUnavailableReason();
    }
    reopen();
  }
  void TearDown() override {
    server_.reset();
    storage_.reset();
  }
  void reopen(RecordValidator validator = {}) {
    server_.reset();
    server_ = std::make_unique<ServicesUnderTest>(storage_->open(), std::move(validator));
  }
  // What a request with these credentials is authenticated as, as the API asks.
  DeviceCheck deviceCheck(const std::string& deviceId, const std::string& secret) {
    return server_->accounts.authenticate(deviceId, secret, {}).device;
  }
  std::optional<SessionInfo> sessionOf(const phum::v1::EnrollResponse& device,
                                       const std::string& token) {
    return server_->accounts.authenticate(device.device_id(), device.device_secret(), token)
        .session;
  }
  // Records stored, as `phum-admin records list` lists them.
  std::int64_t storedRecords() {
    return static_cast<std::int64_t>(server_->review.listRecords(-1).size());
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
  std::unique_ptr<ServicesUnderTest> server_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, ServerStoreTest, ::testing::Values(kSqliteBackend));
INSTANTIATE_TEST_SUITE_P(Postgres, ServerStoreTest, ::testing::Values(kPostgresBackend));

TEST(SqliteServerStore, NewDatabaseIsAFileInTheDataFolderInWalMode) {
  initSecrets();
  SqliteStorage storage;
  auto db = storage.open();
  EXPECT_GE(storage::SqliteDatabase::latestSchemaVersion(), 3);
  EXPECT_TRUE(fs::exists(storage.dir() / "phum-server.sqlite"));
  EXPECT_TRUE(fs::exists(storage.dir() / "phum-server.sqlite-wal"));
}

TEST_P(ServerStoreTest, NewDatabaseHasTheCurrentSchema) {
  EXPECT_EQ(storage_->schemaVersion(), storage_->latestSchemaVersion());
  reopen();  // a second open finds the schema current
  EXPECT_EQ(storage_->schemaVersion(), storage_->latestSchemaVersion());
  EXPECT_EQ(storedRecords(), 0);
}

TEST_P(ServerStoreTest, AcceptedRecordsSurviveReopening) {
  const auto batch = batchOf({record(), record()});
  const auto ack = server_->ingest.push(batch, {});
  ASSERT_EQ(ack.acks_size(), 2);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_NE(ack.acks(0).server_seq(), ack.acks(1).server_seq());
  reopen();
  EXPECT_EQ(storedRecords(), 2);
  ASSERT_TRUE(server_->review.findRecord(batch.records(1).uuid(), 1));
  EXPECT_EQ(server_->review.listRecords(10).front().formId, "returnee_registration");
  EXPECT_EQ(server_->review.listRecords(1).size(), 1u);
  EXPECT_EQ(server_->review.listRecords(-1).size(), 2u);  // no limit
}

TEST_P(ServerStoreTest, ReplayedBatchReturnsTheRecordedAck) {
  const auto batch = batchOf({record()});
  const auto first = server_->ingest.push(batch, {});
  const auto again = server_->ingest.push(batch, {});
  EXPECT_EQ(first.SerializeAsString(), again.SerializeAsString());
  EXPECT_EQ(storedRecords(), 1);
  EXPECT_EQ(storage_->count("batches"), 1);
}

TEST_P(ServerStoreTest, SameKeySameBytesIsDuplicateDifferentBytesIsConflict) {
  const auto original = record();
  const auto first = server_->ingest.push(batchOf({original}), {});
  auto changed = original;
  changed.set_location_code("01020399");
  const auto ack = server_->ingest.push(batchOf({original, changed, changed}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(ack.acks(0).server_seq(), first.acks(0).server_seq());
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_EQ(storage_->count("conflicts"), 1);  // the same conflicting copy is kept once
  EXPECT_EQ(server_->review.findRecord(original.uuid(), 1)->location_code(), "01020304");
}

// Insert-first storing keeps the outcome of looking each key up: acks in batch order, a key
// repeated within the batch compared with its first copy.
TEST_P(ServerStoreTest, OneBatchMixesEveryOutcomeInBatchOrder) {
  const auto stored = record();
  const auto first = server_->ingest.push(batchOf({stored}), {});
  auto conflicting = stored;
  conflicting.set_location_code("01020399");
  const auto fresh = record();
  auto freshEdited = fresh;
  freshEdited.set_location_code("01020399");
  auto invalid = record();
  invalid.set_revision(0);
  const auto batch = batchOf({conflicting, fresh, fresh, stored, invalid, freshEdited});
  const auto ack = server_->ingest.push(batch, {});
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
  EXPECT_EQ(storedRecords(), 2);
  EXPECT_EQ(storage_->count("conflicts"), 2);
}

TEST_P(ServerStoreTest, NewRevisionOfTheSameRecordIsStoredAlongside) {
  auto first = record();
  auto second = first;
  second.set_revision(2);
  second.set_location_code("01020305");
  server_->ingest.push(batchOf({first}), {});
  const auto ack = server_->ingest.push(batchOf({second}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(storedRecords(), 2);
}

// The queue reads record_heads, kept in the transaction of each push and decision: one row per
// record, its newest revision, whatever order revisions arrive in and however often they repeat.
TEST_P(ServerStoreTest, TheQueueFollowsCorrectionsDecisionsAndRepushes) {
  using storage::QueueState;
  const auto queue = [&](QueueState state, const std::string& place = {}) {
    storage::QueueQuery query;
    query.state = state;
    query.placePrefix = place;
    query.limit = 100;
    return storage::read(*server_->db,
                         [&](storage::Transaction& tx) { return tx.reviews().queue(query); });
  };
  const auto decide = [&](const phum::v1::Record& r, const std::string& decision) {
    storage::ReviewRow review;
    review.uuid = r.uuid();
    review.revision = r.revision();
    review.decision = decision;
    review.reviewer = "rev";
    storage::write(*server_->db,
                   [&](storage::Transaction& tx) { tx.reviews().insertReview(review); });
  };
  const auto revisionOf = [&](const phum::v1::Record& r) {
    const auto uuid = Uuid::fromBytes(r.uuid())->toString();
    std::uint32_t found = 0;
    int rows = 0;
    for (const auto& row : queue(QueueState::Any)) {
      if (row.record.uuid != uuid) continue;
      found = row.record.revision;
      ++rows;
    }
    EXPECT_EQ(rows, 1) << "one queue row per record";
    return found;
  };
  const auto first = record();
  const auto other = record("dara");
  server_->ingest.push(batchOf({first, other}), {});
  EXPECT_EQ(revisionOf(first), 1u);

  auto correction = first;  // the author's correction moves the household
  correction.set_revision(2);
  correction.set_location_code("01020305");
  server_->ingest.push(batchOf({correction}), {});
  EXPECT_EQ(revisionOf(first), 2u);
  ASSERT_EQ(queue(QueueState::Any, "01020305").size(), 1u);
  EXPECT_EQ(queue(QueueState::Any, "01020305")[0].record.revision, 2u);

  decide(correction, "return");
  ASSERT_EQ(queue(QueueState::Returned).size(), 1u);
  EXPECT_EQ(queue(QueueState::Returned)[0].last->revision, 2u);
  EXPECT_EQ(queue(QueueState::New).size(), 1u);  // the other record

  // Re-pushes are duplicates: the head and its decision stay.
  const auto again = server_->ingest.push(batchOf({correction, first, correction}), {});
  EXPECT_EQ(again.acks(0).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_EQ(revisionOf(first), 2u);
  EXPECT_EQ(queue(QueueState::Returned).size(), 1u);

  // Two new revisions in one batch: the newer is the head, a correction of the return.
  auto third = correction, fourth = correction;
  third.set_revision(3);
  fourth.set_revision(4);
  server_->ingest.push(batchOf({fourth, third}), {});
  EXPECT_EQ(revisionOf(first), 4u);
  ASSERT_EQ(queue(QueueState::Corrected).size(), 1u);
  decide(fourth, "approve");
  EXPECT_EQ(queue(QueueState::Approved).size(), 1u);
  EXPECT_TRUE(queue(QueueState::Corrected).empty());

  // An older revision arriving late is stored but does not become the head.
  auto late = other;
  late.set_revision(3);
  server_->ingest.push(batchOf({late}), {});
  auto earlier = other;
  earlier.set_revision(2);
  server_->ingest.push(batchOf({earlier}), {});
  EXPECT_EQ(revisionOf(other), 3u);
  EXPECT_EQ(queue(QueueState::Any).size(), 2u);
  reopen();
  EXPECT_EQ(revisionOf(first), 4u);
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
  const auto ack = server_->ingest.push(batchOf({record(), bad, noRevision, noUuid}), {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "members[2]/age");
  EXPECT_NE(ack.acks(1).reason().find("between 0 and 120"), std::string::npos);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "revision");
  EXPECT_EQ(ack.acks(3).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_FALSE(ack.acks(3).reason().empty());
  EXPECT_EQ(storedRecords(), 1);
}

TEST_P(ServerStoreTest, SignedInPushesAreCheckedAgainstAuthorAndScope) {
  const PushContext context{"dev-1", "sokha", "0102"};
  const auto ack = server_->ingest.push(
      batchOf({record("sokha", "01020304"), record("dara", "01020304"), record("sokha", "0203")}),
      context);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "author");
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "location_code");
  const PushContext national{"dev-1", "sokha", "national"};
  EXPECT_EQ(server_->ingest.push(batchOf({record("sokha", "2203")}), national).acks(0).status(),
            phum::v1::RECORD_STATUS_ACCEPTED);
}

TEST_P(ServerStoreTest, EnrollmentCodeWorksOnceAndRevocationIsFinal) {
  const std::string code = server_->accounts.createEnrollmentCode("Poipet tablet 3", 60'000);
  const auto device = server_->accounts.enrollDevice(code, "");
  EXPECT_THROW(server_->accounts.enrollDevice(code, ""), AuthError);
  EXPECT_EQ(deviceCheck(device.device_id(), device.device_secret()), DeviceCheck::Valid);
  EXPECT_EQ(deviceCheck(device.device_id(), "wrong"), DeviceCheck::Unknown);
  EXPECT_EQ(server_->accounts.listDevices().front().name, "Poipet tablet 3");
  EXPECT_TRUE(server_->accounts.revokeDevice(device.device_id()));
  EXPECT_FALSE(server_->accounts.revokeDevice("dev-unknown"));
  EXPECT_EQ(deviceCheck(device.device_id(), device.device_secret()), DeviceCheck::Revoked);
  EXPECT_EQ(server_->accounts.listDevices().size(), 1u);
  // Every device learns of the revocation from the change feed.
  const auto feed = server_->feed.changesSince(0, 10, "anyone");
  ASSERT_EQ(feed.batch.changes_size(), 1);
  EXPECT_TRUE(feed.batch.changes(0).has_revocation());
}

TEST_P(ServerStoreTest, ExpiredEnrollmentCodeIsRefused) {
  const std::string code = server_->accounts.createEnrollmentCode("old", -1);
  EXPECT_THROW(server_->accounts.enrollDevice(code, ""), AuthError);
}

TEST_P(ServerStoreTest, SignInChecksThePasswordAndIssuesASession) {
  phum::v1::Account account;
  account.set_username("sokha");
  account.set_role(phum::v1::ROLE_ENUMERATOR);
  account.set_scope_code("0102");
  server_->accounts.addAccount(account, "correct horse");
  EXPECT_THROW(server_->accounts.addAccount(account, "correct horse"), std::invalid_argument);
  account.set_scope_code("123");
  account.set_username("other");
  EXPECT_THROW(server_->accounts.addAccount(account, "correct horse"), std::invalid_argument);
  const auto device = server_->accounts.enrollDevice(
      server_->accounts.createEnrollmentCode("Poipet tablet 3", 60'000), "");
  const std::string& deviceId = device.device_id();
  EXPECT_THROW(server_->accounts.signIn("sokha", "wrong password", deviceId, 60'000), AuthError);
  EXPECT_THROW(server_->accounts.signIn("nobody", "correct horse", deviceId, 60'000), AuthError);
  const auto response = server_->accounts.signIn("sokha", "correct horse", deviceId, 60'000);
  EXPECT_EQ(response.account().scope_code(), "0102");
  const auto session = sessionOf(device, response.session_token());
  ASSERT_TRUE(session);
  EXPECT_EQ(session->account.username(), "sokha");
  EXPECT_EQ(session->deviceId, deviceId);
  EXPECT_FALSE(sessionOf(device, "not-a-token"));
  ASSERT_EQ(server_->accounts.listAccounts().size(), 1u);
  const auto expired = server_->accounts.signIn("sokha", "correct horse", deviceId, -1);
  EXPECT_FALSE(sessionOf(device, expired.session_token()));
}

TEST_P(ServerStoreTest, ChangeFeedPagesFiltersByAudienceAndAsksForFullRefreshAfterPruning) {
  // Through the services that publish: a form for everyone, a review of dara's record and one of
  // sokha's (each for its author only), another form.
  const auto daras = record("dara");
  const auto sokhas = record("sokha");
  server_->ingest.push(batchOf({daras, sokhas}), {});
  const auto reviewOf = [&](const phum::v1::Record& stored) {
    phum::v1::ReviewDecision decision;
    decision.set_record_uuid(stored.uuid());
    decision.set_revision(stored.revision());
    decision.set_outcome(phum::v1::REVIEW_OUTCOME_COMMENT);
    decision.set_comment("check the age of member 2");
    return server_->review.review(decision).outcome;
  };
  phum::v1::FormDefinition form;
  form.set_form_id("household_survey");
  form.set_version("1");
  ASSERT_EQ(server_->catalog.publishForm(form), PublishOutcome::Published);
  ASSERT_EQ(reviewOf(daras), ReviewOutcome::Sent);
  ASSERT_EQ(reviewOf(sokhas), ReviewOutcome::Sent);
  form.set_version("2");
  ASSERT_EQ(server_->catalog.publishForm(form), PublishOutcome::Published);

  auto page = server_->feed.changesSince(0, 2, "sokha");
  ASSERT_FALSE(page.fullRefreshRequired);
  ASSERT_EQ(page.batch.changes_size(), 2);
  EXPECT_EQ(page.batch.changes(0).seq(), 1u);
  EXPECT_EQ(page.batch.changes(1).seq(), 3u);  // dara's review is not sokha's business
  EXPECT_TRUE(page.batch.has_more());
  page = server_->feed.changesSince(page.batch.next_cursor(), 2, "sokha");
  ASSERT_EQ(page.batch.changes_size(), 1);
  EXPECT_FALSE(page.batch.has_more());
  EXPECT_EQ(page.batch.next_cursor(), 4u);

  server_->feed.prune(2);
  EXPECT_TRUE(server_->feed.changesSince(1, 10, "sokha").fullRefreshRequired);
  EXPECT_TRUE(server_->feed.changesSince(99, 10, "sokha").fullRefreshRequired);
  EXPECT_FALSE(server_->feed.changesSince(2, 10, "sokha").fullRefreshRequired);
  // The retained review and form 2, and form 1 again: a tablet starting from 0 still gets it.
  const auto fresh = server_->feed.changesSince(0, 10, "sokha").batch;
  ASSERT_EQ(fresh.changes_size(), 3);
  EXPECT_EQ(fresh.changes(2).form().version(), "1");
}

}  // namespace
}  // namespace phum::server
