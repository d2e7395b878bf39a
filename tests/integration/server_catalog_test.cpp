// Forms, reference data and account revocation through the services, on every storage backend
// (no HTTP), and the published-form validator on top of them. Each test runs once per backend:
// SQLite on a real file in a temp folder (label unit), PostgreSQL in a schema of its own in the
// database PG* points at (label postgres; skipped unless PGHOST is set, e.g. under pg_virtualenv).
// "Two instances" are two sets of services with their own connections to the same database, as
// two phum-server processes (or phum-server and phum-admin) would have.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <latch>
#include <optional>
#include <random>
#include <thread>

#include "age_check.h"
#include "common/secrets.h"
#include "services/services.h"
#include "storage/open_database.h"
#include "storage_backend.h"

namespace phum::server {
namespace {

namespace fs = std::filesystem;

enum class Backend { Sqlite, Postgres };

// A fresh, empty database of one backend, removed when the test ends.
class TestDatabase {
 public:
  explicit TestDatabase(Backend backend) : backend_(backend) {
    if (backend_ == Backend::Sqlite) {
      dir_ = fs::temp_directory_path() /
             ("phum-catalog-test-" + std::to_string(std::random_device()()));
      return;
    }
    schema_.emplace();
  }
  ~TestDatabase() {
    if (backend_ == Backend::Sqlite) fs::remove_all(dir_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // One more instance on the same database, with its own connection(s), validating records
  // against the forms published on it.
  std::unique_ptr<Services> open() const {
    const storage::StorageLocation location{
        dir_.string(), backend_ == Backend::Postgres ? schema_->conninfo() : std::string()};
    return std::make_unique<Services>(storage::openDatabase(location), FormValidatorOptions{});
  }

 private:
  Backend backend_;
  fs::path dir_;
  std::optional<tools::PostgresSchema> schema_;
};

using tools::ageForm;
using tools::ageRecord;
using tools::villages;

phum::v1::Account enumerator(const std::string& username) {
  phum::v1::Account account;
  account.set_username(username);
  account.set_role(phum::v1::ROLE_ENUMERATOR);
  account.set_scope_code("01");
  return account;
}

// A tablet enrolled on `server`, as `phum-admin devices enroll-code` and the app would enrol it.
phum::v1::EnrollResponse enrollTablet(Services& server) {
  return server.accounts().enrollDevice(server.accounts().createEnrollmentCode("tablet", 60'000),
                                        "");
}

// Whether a request from `tablet` with `token` would be served as a signed-in user.
bool sessionIsLive(Services& server, const phum::v1::EnrollResponse& tablet,
                   const std::string& token) {
  return server.accounts()
      .authenticate(tablet.device_id(), tablet.device_secret(), token)
      .session.has_value();
}

phum::v1::RecordStatus pushOne(Services& server, const phum::v1::Record& record) {
  phum::v1::PushBatch batch;
  *batch.add_records() = record;
  return server.ingest().push(batch, {}).acks(0).status();
}

class ServerCatalogTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::Postgres) {
      if (const auto reason = tools::postgresUnavailableReason(); !reason.empty())
        GTEST_SKIP() << reason;
    }
    initSecrets();
    db_ = std::make_unique<TestDatabase>(GetParam());
    server_ = db_->open();
  }
  // A second instance on the same database, with its own validator.
  Services& other() {
    if (!other_) other_ = db_->open();
    return *other_;
  }
  std::vector<phum::v1::Change> feed() const {
    const auto result = server_->feed().changesSince(0, 1000, "");
    return {result.batch.changes().begin(), result.batch.changes().end()};
  }
  template <typename Predicate>
  std::size_t feedCount(Predicate predicate) const {
    const auto changes = feed();
    return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), predicate));
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Services> server_;
  std::unique_ptr<Services> other_;
};

TEST_P(ServerCatalogTest, AFormVersionIsPublishedOnceAndNeverReplaced) {
  EXPECT_EQ(server_->catalog().publishForm(ageForm("1")), PublishOutcome::Published);
  EXPECT_EQ(server_->catalog().publishForm(ageForm("1")), PublishOutcome::AlreadyPublished);
  auto changed = ageForm("1");
  changed.set_title("Another title");
  EXPECT_EQ(server_->catalog().publishForm(changed), PublishOutcome::DifferentContent);
  EXPECT_EQ(server_->catalog().findForm("age_check", "1")->title(), "Age check");
  EXPECT_FALSE(server_->catalog().findForm("age_check", "2"));
  ASSERT_EQ(feed().size(), 1u);
  EXPECT_EQ(feed()[0].form().version(), "1");
}

TEST_P(ServerCatalogTest, ReferenceDeltasUpsertAndDeleteRows) {
  server_->catalog().applyReferenceDelta(villages({"01020101", "01020102"}));
  auto removal = villages({"01020102"});
  removal.mutable_rows(0)->set_deleted(true);
  removal.mutable_rows(0)->clear_columns();
  const auto seq = server_->catalog().applyReferenceDelta(removal);
  const auto rows = server_->catalog().referenceRows("gazetteer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key(), "01020101");
  const auto datasets = server_->catalog().listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 1u);
  EXPECT_EQ(datasets[0].lastChangeSeq, seq);
  EXPECT_EQ(datasets[0].rows, 1);
  EXPECT_EQ(feed().size(), 2u);
}

// The order of listings does not depend on the backend or the database's locale.
TEST_P(ServerCatalogTest, ListingsAreOrderedBytewise) {
  server_->catalog().applyReferenceDelta(villages({"b", "B", "a", "_z"}));
  auto agencies = villages({"x"});
  agencies.set_dataset("Agencies");
  server_->catalog().applyReferenceDelta(agencies);
  std::vector<std::string> keys;
  for (const auto& row : server_->catalog().referenceRows("gazetteer")) keys.push_back(row.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"B", "_z", "a", "b"}));
  const auto datasets = server_->catalog().listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 2u);
  EXPECT_EQ(datasets[0].name, "Agencies");
  EXPECT_EQ(datasets[1].rows, 4);

  for (const char* id : {"b_form", "B_form", "a_form"}) {
    auto form = ageForm("1");
    form.set_form_id(id);
    server_->catalog().publishForm(form);
  }
  std::vector<std::string> ids;
  for (const auto& form : server_->catalog().listForms()) ids.push_back(form.formId);
  EXPECT_EQ(ids, (std::vector<std::string>{"B_form", "a_form", "b_form"}));
}

TEST_P(ServerCatalogTest, ADeltaListingAKeyTwiceKeepsItsLastState) {
  auto delta = villages({"01020102", "01020101", "01020102"});
  delta.mutable_rows(2)->set_deleted(true);
  server_->catalog().applyReferenceDelta(delta);
  const auto rows = server_->catalog().referenceRows("gazetteer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key(), "01020101");
}

TEST_P(ServerCatalogTest, RecordsAreCheckedAgainstTheirVersionAndTheServersReferenceData) {
  server_->catalog().publishForm(ageForm("1"));
  server_->catalog().applyReferenceDelta(villages({"01020101"}));
  phum::v1::PushBatch batch;
  *batch.add_records() = ageRecord("1", 30, "01020101");
  *batch.add_records() = ageRecord("1", 130, "01020101");
  *batch.add_records() = ageRecord("1", 30, "99999999");
  *batch.add_records() = ageRecord("2", 30, "01020101");
  const auto ack = server_->ingest().push(batch, {});
  ASSERT_EQ(ack.acks_size(), 4);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "age");
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "village");
  EXPECT_EQ(ack.acks(3).field_errors(0).field(), "form_version");
  EXPECT_EQ(server_->review().listRecords(-1).size(), 1u);

  // A village added later is accepted without restarting: the cached list follows the delta.
  server_->catalog().applyReferenceDelta(villages({"99999999"}));
  EXPECT_EQ(pushOne(*server_, ageRecord("1", 30, "99999999")), phum::v1::RECORD_STATUS_ACCEPTED);
}

// The validator looks an unpublished form up once per batch, never longer: a version published
// between two pushes is used for the next one.
TEST_P(ServerCatalogTest, AFormPublishedBetweenTwoPushesValidatesTheNextOne) {
  server_->catalog().applyReferenceDelta(villages({"01020101"}));
  phum::v1::PushBatch before;
  *before.add_records() = ageRecord("1", 30, "01020101");
  *before.add_records() = ageRecord("1", 130, "01020101");
  const auto refused = server_->ingest().push(before, {});
  EXPECT_EQ(refused.acks(0).field_errors(0).field(), "form_version");
  EXPECT_EQ(refused.acks(1).field_errors(0).field(), "form_version");
  server_->catalog().publishForm(ageForm("1"));
  phum::v1::PushBatch after;
  *after.add_records() = ageRecord("1", 30, "01020101");
  *after.add_records() = ageRecord("1", 130, "01020101");
  const auto ack = server_->ingest().push(after, {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "age");
}

TEST_P(ServerCatalogTest, DisablingAnAccountEndsItsSessionsOnce) {
  server_->accounts().addAccount(enumerator("sokha"), "field-pass-2026");
  const auto tablet = enrollTablet(*server_);
  const auto session =
      server_->accounts().signIn("sokha", "field-pass-2026", tablet.device_id(), 3'600'000);
  ASSERT_TRUE(sessionIsLive(*server_, tablet, session.session_token()));
  EXPECT_TRUE(server_->accounts().disableAccount("sokha"));
  EXPECT_FALSE(sessionIsLive(*server_, tablet, session.session_token()));
  EXPECT_THROW(
      server_->accounts().signIn("sokha", "field-pass-2026", tablet.device_id(), 3'600'000),
      AuthError);
  EXPECT_TRUE(server_->accounts().disableAccount("sokha"));
  EXPECT_FALSE(server_->accounts().disableAccount("nobody"));
  ASSERT_EQ(feed().size(), 1u);
  EXPECT_EQ(feed()[0].revocation().username(), "sokha");
}

// What one instance (or phum-admin) publishes, imports or disables, the other acts on at once:
// a record of a form it did not know a moment ago is now validated and accepted.
TEST_P(ServerCatalogTest, TwoInstancesSeeEachOthersFormsReferenceDataAndDisabledAccounts) {
  EXPECT_EQ(pushOne(*server_, ageRecord("1", 30, "01020101")), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(other().catalog().publishForm(ageForm("1")), PublishOutcome::Published);
  other().catalog().applyReferenceDelta(villages({"01020101"}));
  EXPECT_EQ(server_->catalog().findForm("age_check", "1")->title(), "Age check");
  ASSERT_EQ(server_->catalog().listForms().size(), 1u);
  EXPECT_EQ(server_->catalog().referenceRows("gazetteer").size(), 1u);
  EXPECT_EQ(pushOne(*server_, ageRecord("1", 30, "01020101")), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(pushOne(*server_, ageRecord("1", 30, "01020102")), phum::v1::RECORD_STATUS_REJECTED);
  other().catalog().applyReferenceDelta(villages({"01020102"}));
  EXPECT_EQ(pushOne(*server_, ageRecord("1", 30, "01020102")), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(server_->catalog().publishForm(ageForm("1")), PublishOutcome::AlreadyPublished);

  server_->accounts().addAccount(enumerator("sokha"), "field-pass-2026");
  const auto tablet = enrollTablet(*server_);
  const auto session =
      server_->accounts().signIn("sokha", "field-pass-2026", tablet.device_id(), 3'600'000);
  ASSERT_TRUE(sessionIsLive(*server_, tablet, session.session_token()));
  EXPECT_TRUE(other().accounts().disableAccount("sokha"));
  EXPECT_FALSE(sessionIsLive(*server_, tablet, session.session_token()));
  EXPECT_THROW(
      server_->accounts().signIn("sokha", "field-pass-2026", tablet.device_id(), 3'600'000),
      AuthError);
  ASSERT_EQ(server_->accounts().listAccounts().size(), 1u);
  EXPECT_TRUE(server_->accounts().listAccounts()[0].disabled);
  EXPECT_TRUE(
      server_->accounts().disableAccount("sokha"));  // already disabled: no second revocation
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_revocation(); }), 1u);
}

// Threads on two instances publish one version at once: exactly one wins, the others learn
// whether their content is the winner's. One Change{form} per version on the feed.
TEST_P(ServerCatalogTest, RacingPublishesOfOneVersionGiveExactlyOnePublished) {
  constexpr int kThreads = 8;
  for (const bool sameContent : {true, false}) {
    const std::string version = sameContent ? "1" : "2";
    std::atomic<int> published{0}, already{0}, different{0};
    other();  // opened before the threads share it
    std::latch start(kThreads);
    std::vector<std::thread> publishers;
    for (int t = 0; t < kThreads; ++t) {
      publishers.emplace_back([&, t] {
        auto form = ageForm(version);
        if (!sameContent && t % 2 == 1) form.set_title("Age check (odd)");
        Services& server = t % 2 ? other() : *server_;
        start.arrive_and_wait();
        switch (server.catalog().publishForm(form)) {
          case PublishOutcome::Published:
            ++published;
            break;
          case PublishOutcome::AlreadyPublished:
            ++already;
            break;
          case PublishOutcome::DifferentContent:
            ++different;
            break;
        }
      });
    }
    for (auto& publisher : publishers) publisher.join();
    EXPECT_EQ(published.load(), 1) << "version " << version;
    EXPECT_EQ(already.load() + different.load(), kThreads - 1);
    EXPECT_EQ(different.load(), sameContent ? 0 : kThreads / 2) << "version " << version;
  }
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_form(); }), 2u);
  EXPECT_EQ(server_->catalog().listForms().size(), 2u);
}

TEST_P(ServerCatalogTest, RacingDisablesAppendOneRevocation) {
  server_->accounts().addAccount(enumerator("sokha"), "field-pass-2026");
  other();
  constexpr int kThreads = 6;
  std::atomic<int> disabled{0};
  std::latch start(kThreads);
  std::vector<std::thread> admins;
  for (int t = 0; t < kThreads; ++t) {
    admins.emplace_back([&, t] {
      Services& server = t % 2 ? other() : *server_;
      start.arrive_and_wait();
      if (server.accounts().disableAccount("sokha")) ++disabled;
    });
  }
  for (auto& admin : admins) admin.join();
  EXPECT_EQ(disabled.load(), kThreads);
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_revocation(); }), 1u);
}

// Reviewers on two instances deciding in the console at once: each decision takes the records'
// shared lock and appends to the audit log in the same transaction. The two locks once shared a
// PostgreSQL advisory lock number, so two decisions deadlocked and one failed.
TEST_P(ServerCatalogTest, RacingReviewDecisionsOnTwoInstancesAllLand) {
  ASSERT_EQ(server_->catalog().publishForm(ageForm("1")), PublishOutcome::Published);
  server_->catalog().applyReferenceDelta(villages({"01020101"}));
  constexpr int kThreads = 4, kEach = 5;
  std::vector<phum::v1::Record> records;
  for (int i = 0; i < kThreads * kEach; ++i) {
    records.push_back(ageRecord("1", 20 + i, "01020101"));
    ASSERT_EQ(pushOne(*server_, records.back()), phum::v1::RECORD_STATUS_ACCEPTED);
  }
  other();
  std::atomic<int> sent{0};
  std::latch start(kThreads);
  std::vector<std::thread> reviewers;
  for (int t = 0; t < kThreads; ++t) {
    reviewers.emplace_back([&, t] {
      Services& server = t % 2 ? other() : *server_;
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        const auto& record = records[static_cast<std::size_t>(t * kEach + i)];
        phum::v1::Account reviewer;
        reviewer.set_username("reviewer" + std::to_string(t));
        reviewer.set_role(phum::v1::ROLE_REVIEWER);
        reviewer.set_scope_code("01");
        DecisionRequest request;
        request.revision = record.revision();
        request.decision = "approve";
        AuditOrigin origin;
        origin.actor = reviewer.username();
        try {
          const auto result = server.console().decide(reviewer, record.uuid(), request, origin);
          if (result.outcome == DecisionOutcome::Stored)
            ++sent;
          else
            ADD_FAILURE() << "reviewer " << t << ": " << result.problem;
        } catch (const std::exception& e) {
          ADD_FAILURE() << "reviewer " << t << ": " << e.what();
        }
      }
    });
  }
  for (auto& reviewer : reviewers) reviewer.join();
  EXPECT_EQ(sent.load(), kThreads * kEach);
}

// Overlapping deltas from two instances, rows in opposite orders: all applied, and the dataset's
// last change is the newest delta's.
TEST_P(ServerCatalogTest, RacingReferenceDeltasAllApplyAndTheNewestSeqWins) {
  other();
  std::vector<std::string> codes;
  for (int i = 0; i < 40; ++i) codes.push_back("0102" + std::to_string(1000 + i));
  constexpr int kThreads = 4;
  std::atomic<std::uint64_t> newest{0};
  std::latch start(kThreads);
  std::vector<std::thread> importers;
  for (int t = 0; t < kThreads; ++t) {
    importers.emplace_back([&, t] {
      phum::v1::ReferenceDelta delta;
      delta.set_dataset("gazetteer");
      for (int i = 0; i < 40; ++i) {
        auto* row = delta.add_rows();
        row->set_key(codes[static_cast<std::size_t>(t % 2 ? 39 - i : i)]);
        (*row->mutable_columns())["name_en"] = "Village from importer " + std::to_string(t);
      }
      Services& server = t % 2 ? other() : *server_;
      start.arrive_and_wait();
      for (int round = 0; round < 3; ++round) {
        const std::uint64_t seq = server.catalog().applyReferenceDelta(delta);
        std::uint64_t seen = newest.load();
        while (seq > seen && !newest.compare_exchange_weak(seen, seq)) {
        }
      }
    });
  }
  for (auto& importer : importers) importer.join();
  const auto datasets = server_->catalog().listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 1u);
  EXPECT_EQ(datasets[0].rows, 40);
  EXPECT_EQ(datasets[0].lastChangeSeq, newest.load());
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_reference(); }),
            static_cast<std::size_t>(kThreads * 3));
}

std::vector<Backend> backends() { return {Backend::Sqlite, Backend::Postgres}; }

// Test names end in /Sqlite or /Postgres; CMake labels them unit and postgres by that suffix.
INSTANTIATE_TEST_SUITE_P(Backends, ServerCatalogTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace phum::server
