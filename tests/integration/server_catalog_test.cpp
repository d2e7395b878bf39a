// The SQLite store's forms, reference data and account revocation, used directly (no HTTP), and
// the published-form validator on top of it: a real file in a temp folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "core/uuid.h"
#include "server/form_validator.h"
#include "server/record_store.h"
#include "server/secrets.h"

namespace phum::server {
namespace {

namespace fs = std::filesystem;

phum::v1::FormDefinition ageForm(const std::string& version) {
  phum::v1::FormDefinition form;
  form.set_form_id("age_check");
  form.set_version(version);
  form.set_title("Age check");
  auto* age = form.add_fields();
  age->set_type(phum::v1::FIELD_TYPE_INTEGER);
  age->set_name("age");
  age->set_constraint(". >= 0 and . <= 120");
  auto* village = form.add_fields();
  village->set_type(phum::v1::FIELD_TYPE_SELECT_ONE);
  village->set_name("village");
  village->set_choice_file("gazetteer.csv");
  return form;
}

phum::v1::Record ageRecord(const std::string& version, std::int64_t age,
                           const std::string& village) {
  phum::v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_form_id("age_check");
  record.set_form_version(version);
  record.set_revision(1);
  record.set_author("sokha");
  record.set_location_code("01020101");
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("age");
  answer->mutable_value()->set_integer(age);
  auto* place = record.mutable_answers()->add_answers();
  place->set_name("village");
  place->mutable_value()->set_text(village);
  return record;
}

phum::v1::ReferenceDelta villages(std::initializer_list<const char*> codes) {
  phum::v1::ReferenceDelta delta;
  delta.set_dataset("gazetteer");
  for (const char* code : codes) {
    auto* row = delta.add_rows();
    row->set_key(code);
    (*row->mutable_columns())["level"] = "village";
    (*row->mutable_columns())["name_en"] = std::string("Village ") + code;
  }
  return delta;
}

class ServerCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    initSecrets();
    dir_ =
        fs::temp_directory_path() / ("phum-catalog-test-" + std::to_string(std::random_device()()));
    store_ = openSqliteStore(dir_.string(), validator_.hook());
    validator_.attach(store_.get());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::vector<phum::v1::Change> feed() const {
    const auto result = store_->changesSince(0, 100, "");
    return {result.batch.changes().begin(), result.batch.changes().end()};
  }

  fs::path dir_;
  PublishedFormValidator validator_{FormValidatorOptions{}};
  std::unique_ptr<ServerStore> store_;
};

TEST_F(ServerCatalogTest, AFormVersionIsPublishedOnceAndNeverReplaced) {
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

TEST_F(ServerCatalogTest, ReferenceDeltasUpsertAndDeleteRows) {
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
  EXPECT_EQ(feed().size(), 2u);
}

TEST_F(ServerCatalogTest, RecordsAreCheckedAgainstTheirVersionAndTheServersReferenceData) {
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
  phum::v1::PushBatch later;
  *later.add_records() = ageRecord("1", 30, "99999999");
  EXPECT_EQ(store_->commitBatch(later, {}).acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
}

// The validator looks an unpublished form up once per batch, never longer: a version published
// between two pushes is used for the next one.
TEST_F(ServerCatalogTest, AFormPublishedBetweenTwoPushesValidatesTheNextOne) {
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

TEST_F(ServerCatalogTest, DisablingAnAccountEndsItsSessionsOnce) {
  phum::v1::Account account;
  account.set_username("sokha");
  account.set_role(phum::v1::ROLE_ENUMERATOR);
  account.set_scope_code("01");
  store_->addAccount(account, "field-pass-2026");
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

}  // namespace
}  // namespace phum::server
