// Forms, reference data and account revocation of every storage backend, used directly (no
// HTTP), and the published-form validator on top of them. Each test runs once per backend:
// SQLite on a real file in a temp folder (label unit), PostgreSQL in a schema of its own in the
// database PG* points at (label postgres; skipped unless PGHOST is set, e.g. under pg_virtualenv).
// "Two instances" are two stores with their own connections to the same database, as two
// phum-server processes (or phum-server and phum-admin) would have.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <latch>
#include <optional>
#include <random>
#include <thread>

#include "age_check.h"
#include "services/form_validator.h"
#include "storage/server_store.h"
#include "common/secrets.h"
#include "storage_backend.h"

#ifdef PHUM_CATALOG_TEST_POSTGRES
#include "storage/postgres/postgres_database.h"
#endif

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

  // One more instance on the same database, with its own connection(s).
  std::unique_ptr<ServerStore> open(RecordValidator validator) const {
#ifdef PHUM_CATALOG_TEST_POSTGRES
    if (backend_ == Backend::Postgres)
      return openPostgresStore(schema_->conninfo(), std::move(validator));
#endif
    return openSqliteStore(dir_.string(), std::move(validator));
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

phum::v1::RecordStatus pushOne(ServerStore& store, const phum::v1::Record& record) {
  phum::v1::PushBatch batch;
  *batch.add_records() = record;
  return store.commitBatch(batch, {}).acks(0).status();
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
    store_ = db_->open(validator_.hook());
    validator_.attach(store_.get());
  }
  // A second instance on the same database, with its own validator.
  ServerStore& other() {
    if (!other_) {
      other_ = db_->open(otherValidator_.hook());
      otherValidator_.attach(other_.get());
    }
    return *other_;
  }
  std::vector<phum::v1::Change> feed() const {
    const auto result = store_->changesSince(0, 1000, "");
    return {result.batch.changes().begin(), result.batch.changes().end()};
  }
  template <typename Predicate>
  std::size_t feedCount(Predicate predicate) const {
    const auto changes = feed();
    return static_cast<std::size_t>(std::count_if(changes.begin(), changes.end(), predicate));
  }

  // Declared before the stores, which call them, so they outlive the stores.
  std::unique_ptr<TestDatabase> db_;
  PublishedFormValidator validator_{FormValidatorOptions{}};
  PublishedFormValidator otherValidator_{FormValidatorOptions{}};
  std::unique_ptr<ServerStore> store_;
  std::unique_ptr<ServerStore> other_;
};

TEST_P(ServerCatalogTest, AFormVersionIsPublishedOnceAndNeverReplaced) {
  EXPECT_EQ(store_->publishForm(ageForm("1")), PublishOutcome::Published);
  EXPECT_EQ(store_->publishForm(ageForm("1")), PublishOutcome::AlreadyPublished);
  auto changed = ageForm("1");
  changed.set_title("Another title");
  EXPECT_EQ(store_->publishForm(changed), PublishOutcome::DifferentContent);
  EXPECT_EQ(store_->findForm("age_check", "1")->title(), "Age check");
  EXPECT_FALSE(store_->findForm("age_check", "2"));
  ASSERT_EQ(feed().size(), 1u);
  EXPECT_EQ(feed()[0].form().version(), "1");
}

TEST_P(ServerCatalogTest, ReferenceDeltasUpsertAndDeleteRows) {
  store_->applyReferenceDelta(villages({"01020101", "01020102"}));
  auto removal = villages({"01020102"});
  removal.mutable_rows(0)->set_deleted(true);
  removal.mutable_rows(0)->clear_columns();
  const auto seq = store_->applyReferenceDelta(removal);
  const auto rows = store_->referenceRows("gazetteer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key(), "01020101");
  const auto datasets = store_->listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 1u);
  EXPECT_EQ(datasets[0].lastChangeSeq, seq);
  EXPECT_EQ(datasets[0].rows, 1);
  EXPECT_EQ(feed().size(), 2u);
}

// The order of listings does not depend on the backend or the database's locale.
TEST_P(ServerCatalogTest, ListingsAreOrderedBytewise) {
  store_->applyReferenceDelta(villages({"b", "B", "a", "_z"}));
  auto agencies = villages({"x"});
  agencies.set_dataset("Agencies");
  store_->applyReferenceDelta(agencies);
  std::vector<std::string> keys;
  for (const auto& row : store_->referenceRows("gazetteer")) keys.push_back(row.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"B", "_z", "a", "b"}));
  const auto datasets = store_->listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 2u);
  EXPECT_EQ(datasets[0].name, "Agencies");
  EXPECT_EQ(datasets[1].rows, 4);

  for (const char* id : {"b_form", "B_form", "a_form"}) {
    auto form = ageForm("1");
    form.set_form_id(id);
    store_->publishForm(form);
  }
  std::vector<std::string> ids;
  for (const auto& form : store_->listForms()) ids.push_back(form.formId);
  EXPECT_EQ(ids, (std::vector<std::string>{"B_form", "a_form", "b_form"}));
}

TEST_P(ServerCatalogTest, ADeltaListingAKeyTwiceKeepsItsLastState) {
  auto delta = villages({"01020102", "01020101", "01020102"});
  delta.mutable_rows(2)->set_deleted(true);
  store_->applyReferenceDelta(delta);
  const auto rows = store_->referenceRows("gazetteer");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].key(), "01020101");
}

TEST_P(ServerCatalogTest, RecordsAreCheckedAgainstTheirVersionAndTheServersReferenceData) {
  store_->publishForm(ageForm("1"));
  store_->applyReferenceDelta(villages({"01020101"}));
  phum::v1::PushBatch batch;
  *batch.add_records() = ageRecord("1", 30, "01020101");
  *batch.add_records() = ageRecord("1", 130, "01020101");
  *batch.add_records() = ageRecord("1", 30, "99999999");
  *batch.add_records() = ageRecord("2", 30, "01020101");
  const auto ack = store_->commitBatch(batch, {});
  ASSERT_EQ(ack.acks_size(), 4);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "age");
  EXPECT_EQ(ack.acks(2).field_errors(0).field(), "village");
  EXPECT_EQ(ack.acks(3).field_errors(0).field(), "form_version");
  EXPECT_EQ(store_->counts().records, 1);

  // A village added later is accepted without restarting: the cached list follows the delta.
  store_->applyReferenceDelta(villages({"99999999"}));
  EXPECT_EQ(pushOne(*store_, ageRecord("1", 30, "99999999")), phum::v1::RECORD_STATUS_ACCEPTED);
}

// The validator looks an unpublished form up once per batch, never longer: a version published
// between two pushes is used for the next one.
TEST_P(ServerCatalogTest, AFormPublishedBetweenTwoPushesValidatesTheNextOne) {
  store_->applyReferenceDelta(villages({"01020101"}));
  phum::v1::PushBatch before;
  *before.add_records() = ageRecord("1", 30, "01020101");
  *before.add_records() = ageRecord("1", 130, "01020101");
  const auto refused = store_->commitBatch(before, {});
  EXPECT_EQ(refused.acks(0).field_errors(0).field(), "form_version");
  EXPECT_EQ(refused.acks(1).field_errors(0).field(), "form_version");
  store_->publishForm(ageForm("1"));
  phum::v1::PushBatch after;
  *after.add_records() = ageRecord("1", 30, "01020101");
  *after.add_records() = ageRecord("1", 130, "01020101");
  const auto ack = store_->commitBatch(after, {});
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "age");
}

TEST_P(ServerCatalogTest, DisablingAnAccountEndsItsSessionsOnce) {
  store_->addAccount(enumerator("sokha"), "field-pass-2026");
  const auto session = store_->signIn("sokha", "field-pass-2026", "dev-1", 3'600'000);
  ASSERT_TRUE(store_->findSession(session.session_token()));
  EXPECT_TRUE(store_->disableAccount("sokha"));
  EXPECT_FALSE(store_->findSession(session.session_token()));
  EXPECT_THROW(store_->signIn("sokha", "field-pass-2026", "dev-1", 3'600'000), AuthError);
  EXPECT_TRUE(store_->disableAccount("sokha"));
  EXPECT_FALSE(store_->disableAccount("nobody"));
  ASSERT_EQ(feed().size(), 1u);
  EXPECT_EQ(feed()[0].revocation().username(), "sokha");
}

// What one instance (or phum-admin) publishes, imports or disables, the other acts on at once:
// a record of a form it did not know a moment ago is now validated and accepted.
TEST_P(ServerCatalogTest, TwoInstancesSeeEachOthersFormsReferenceDataAndDisabledAccounts) {
  EXPECT_EQ(pushOne(*store_, ageRecord("1", 30, "01020101")), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(other().publishForm(ageForm("1")), PublishOutcome::Published);
  other().applyReferenceDelta(villages({"01020101"}));
  EXPECT_EQ(store_->findForm("age_check", "1")->title(), "Age check");
  ASSERT_EQ(store_->listForms().size(), 1u);
  EXPECT_EQ(store_->referenceRows("gazetteer").size(), 1u);
  EXPECT_EQ(pushOne(*store_, ageRecord("1", 30, "01020101")), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(pushOne(*store_, ageRecord("1", 30, "01020102")), phum::v1::RECORD_STATUS_REJECTED);
  other().applyReferenceDelta(villages({"01020102"}));
  EXPECT_EQ(pushOne(*store_, ageRecord("1", 30, "01020102")), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(store_->publishForm(ageForm("1")), PublishOutcome::AlreadyPublished);

  store_->addAccount(enumerator("sokha"), "field-pass-2026");
  const auto session = store_->signIn("sokha", "field-pass-2026", "dev-1", 3'600'000);
  EXPECT_TRUE(other().disableAccount("sokha"));
  EXPECT_FALSE(store_->findSession(session.session_token()));
  EXPECT_THROW(store_->signIn("sokha", "field-pass-2026", "dev-1", 3'600'000), AuthError);
  ASSERT_EQ(store_->listAccounts().size(), 1u);
  EXPECT_TRUE(store_->listAccounts()[0].disabled);
  EXPECT_TRUE(store_->disableAccount("sokha"));  // already disabled: no second revocation
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
        ServerStore& store = t % 2 ? other() : *store_;
        start.arrive_and_wait();
        switch (store.publishForm(form)) {
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
  EXPECT_EQ(store_->listForms().size(), 2u);
}

TEST_P(ServerCatalogTest, RacingDisablesAppendOneRevocation) {
  store_->addAccount(enumerator("sokha"), "field-pass-2026");
  other();
  constexpr int kThreads = 6;
  std::atomic<int> disabled{0};
  std::latch start(kThreads);
  std::vector<std::thread> admins;
  for (int t = 0; t < kThreads; ++t) {
    admins.emplace_back([&, t] {
      ServerStore& store = t % 2 ? other() : *store_;
      start.arrive_and_wait();
      if (store.disableAccount("sokha")) ++disabled;
    });
  }
  for (auto& admin : admins) admin.join();
  EXPECT_EQ(disabled.load(), kThreads);
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_revocation(); }), 1u);
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
      ServerStore& store = t % 2 ? other() : *store_;
      start.arrive_and_wait();
      for (int round = 0; round < 3; ++round) {
        const std::uint64_t seq = store.applyReferenceDelta(delta);
        std::uint64_t seen = newest.load();
        while (seq > seen && !newest.compare_exchange_weak(seen, seq)) {
        }
      }
    });
  }
  for (auto& importer : importers) importer.join();
  const auto datasets = store_->listReferenceDatasets();
  ASSERT_EQ(datasets.size(), 1u);
  EXPECT_EQ(datasets[0].rows, 40);
  EXPECT_EQ(datasets[0].lastChangeSeq, newest.load());
  EXPECT_EQ(feedCount([](const auto& c) { return c.has_reference(); }),
            static_cast<std::size_t>(kThreads * 3));
}

std::vector<Backend> backends() {
#ifdef PHUM_CATALOG_TEST_POSTGRES
  return {Backend::Sqlite, Backend::Postgres};
#else
  return {Backend::Sqlite};
#endif
}

// Test names end in /Sqlite or /Postgres; CMake labels them unit and postgres by that suffix.
INSTANTIATE_TEST_SUITE_P(Backends, ServerCatalogTest, ::testing::ValuesIn(backends()),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace phum::server
