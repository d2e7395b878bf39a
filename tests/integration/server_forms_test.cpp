// Forms, reference data, reviews and revocations on a real phum-server WITHOUT
// --accept-unpublished-forms: every pushed record is validated against the published form.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/uuid.h"
#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "server_fixture.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSourceDir = PHUM_SOURCE_DIR;
const std::string kReturneeForm = kSourceDir + "/forms/returnee_registration.xlsform.md";
const std::string kQuickForm = kSourceDir + "/forms/quick_registration.xlsform.md";
const std::string kReferenceDir = kSourceDir + "/data/reference";

void setText(phum::v1::AnswerSet& set, const std::string& name, const std::string& text) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  answer->mutable_value()->set_text(text);
}

void setInteger(phum::v1::AnswerSet& set, const std::string& name, std::int64_t value) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  answer->mutable_value()->set_integer(value);
}

void setChoices(phum::v1::AnswerSet& set, const std::string& name, const std::string& choice) {
  auto* answer = set.add_answers();
  answer->set_name(name);
  answer->mutable_value()->mutable_choices()->add_items(choice);
}

phum::v1::Record recordFor(const std::string& formId, const std::string& version,
                           const std::string& author) {
  phum::v1::Record record;
  record.set_uuid(Uuid::generate().toBytes());
  record.set_form_id(formId);
  record.set_form_version(version);
  record.set_revision(1);
  record.set_created_at_ms(1'790'000'000'000);  // 2026-09-21: fixed, so today() is too
  record.set_updated_at_ms(1'790'000'000'000);
  record.set_author(author);
  record.set_device_id("tablet-1");
  record.set_location_code("01020101");
  return record;
}

// A returnee registration every rule of forms/returnee_registration.xlsform.md accepts.
phum::v1::Record validReturnee() {
  auto record = recordFor("returnee_registration", "2026112801", "sokha");
  auto& a = *record.mutable_answers();
  setText(a, "registration_date", "2026-09-01");
  setText(a, "crossing_point", "POIPET");
  setText(a, "consent", "yes");
  setText(a, "full_name", "Sok Dara");
  setText(a, "sex", "female");
  setInteger(a, "age", 24);
  setText(a, "origin_province", "01");
  setText(a, "origin_district", "0102");
  setText(a, "origin_commune", "010201");
  setText(a, "origin_village", "01020101");
  setText(a, "destination_country", "thailand");
  setText(a, "sector", "construction");
  setInteger(a, "months_abroad", 18);
  setText(a, "legal_status", "irregular");
  setText(a, "return_reason", "contract_ended");
  setText(a, "wages_owed", "no");
  setText(a, "documents_holder", "self");
  setChoices(a, "abuses", "none");
  setChoices(a, "needs", "none");
  setText(a, "referral_made", "no");
  setText(a, "consent_followup", "yes");
  return record;
}

void replaceAnswer(phum::v1::Record& record, const std::string& name, phum::v1::Value value) {
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == name) *answer.mutable_value() = std::move(value);
  }
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

bool hasFieldError(const phum::v1::RecordAck& ack, const std::string& field) {
  for (const auto& error : ack.field_errors()) {
    if (error.field() == field) return true;
  }
  return false;
}

class ServerFormsTest : public ::testing::Test {
 protected:
  std::string dataDir() const { return (dir_.path() / "server").string(); }
  std::string tabletDb(const std::string& name) const {
    return (dir_.path() / (name + ".sqlite")).string();
  }
  AdminResult admin(std::vector<std::string> args, const std::string& input = {}) const {
    args.push_back("--data");
    args.push_back(dataDir());
    return runAdmin(args, input);
  }
  void adminOk(const std::vector<std::string>& args) const {
    const auto result = admin(args);
    ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  }
  phum::v1::PushAck push(const ServerProcess& server, const phum::v1::PushBatch& batch) const {
    const auto response =
        httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(),
                    {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
    EXPECT_EQ(response.status, 200) << response.body;
    phum::v1::PushAck ack;
    EXPECT_TRUE(ack.ParseFromString(response.body));
    return ack;
  }
  sync::SyncConfig tabletConfig(const ServerProcess& server, const std::string& deviceId) const {
    sync::SyncConfig config;
    config.serverUrl = server.url();
    config.deviceId = deviceId;
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(30000);
    return config;
  }

  TempDir dir_;
};

TEST_F(ServerFormsTest, PublishStoresEachVersionOnceAndRefusesChangedContent) {
  adminOk({"forms", "publish", kReturneeForm, kQuickForm});
  auto again = admin({"forms", "publish", kQuickForm});
  EXPECT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.out.find("already published with the same content"), std::string::npos);

  const fs::path changed = dir_.path() / "quick_registration.xlsform.md";
  std::string text = readFile(kQuickForm);
  text.replace(text.find("Name of the respondent"), 22, "Full name of respondent");
  writeFile(changed, text);
  const auto refused = admin({"forms", "publish", changed.string()});
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find("version 1 of quick_registration is already published with "
                             "different content; raise the version in the settings sheet"),
            std::string::npos)
      << refused.err;

  const fs::path broken = dir_.path() / "broken.xlsform.md";
  writeFile(broken, "# broken\n\n## survey\n\n| type | name |\n|---|---|\n| integer |  |\n");
  EXPECT_EQ(admin({"forms", "publish", broken.string()}).exitCode, 1);

  const auto list = admin({"forms", "list"});
  EXPECT_EQ(list.exitCode, 0) << list.err;
  EXPECT_NE(list.out.find("returnee_registration  2026112801"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("2 form version(s)"), std::string::npos) << list.out;
}

TEST_F(ServerFormsTest, EachRecordIsValidatedAgainstItsPublishedVersion) {
  adminOk({"forms", "publish", kReturneeForm});
  adminOk({"refdata", "import", kReferenceDir});
  ServerProcess server(dataDir(), {"--open"}, FormChecks::AllRecords);

  auto valid = validReturnee();
  auto tooOld = validReturnee();
  tooOld.set_uuid(Uuid::generate().toBytes());
  phum::v1::Value age;
  age.set_integer(150);
  replaceAnswer(tooOld, "age", age);
  auto unknownVersion = validReturnee();
  unknownVersion.set_uuid(Uuid::generate().toBytes());
  unknownVersion.set_form_version("1999");
  auto badCrossing = validReturnee();
  badCrossing.set_uuid(Uuid::generate().toBytes());
  phum::v1::Value crossing;
  crossing.set_text("NOT-A-CROSSING");
  replaceAnswer(badCrossing, "crossing_point", crossing);

  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  batch.set_device_id("tablet-1");
  for (auto* record : {&valid, &tooOld, &unknownVersion, &badCrossing}) {
    *batch.add_records() = *record;
  }
  const auto ack = push(server, batch);
  ASSERT_EQ(ack.acks_size(), 4);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_TRUE(hasFieldError(ack.acks(1), "age")) << ack.acks(1).reason();
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_TRUE(hasFieldError(ack.acks(2), "form_version")) << ack.acks(2).reason();
  EXPECT_NE(ack.acks(2).reason().find("Form returnee_registration version 1999 is not published "
                                      "on this server"),
            std::string::npos)
      << ack.acks(2).reason();
  EXPECT_EQ(ack.acks(3).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_TRUE(hasFieldError(ack.acks(3), "crossing_point")) << ack.acks(3).reason();

  EXPECT_EQ(countStoredRecords(dataDir()), 1);
  const auto stored = admin({"records", "list", "--json"});
  EXPECT_NE(stored.out.find(Uuid::fromBytes(valid.uuid())->toString()), std::string::npos);
}

TEST_F(ServerFormsTest, AcceptUnpublishedFormsStillValidatesPublishedOnes) {
  adminOk({"forms", "publish", kReturneeForm});
  ServerProcess server(dataDir(), {"--open", "--accept-unpublished-forms"}, FormChecks::AllRecords);
  auto adHoc = makeRecord(1);  // a form this server never saw: structure checks only
  auto broken = validReturnee();
  phum::v1::Value age;
  age.set_integer(-3);
  replaceAnswer(broken, "age", age);
  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  *batch.add_records() = adHoc;
  *batch.add_records() = broken;
  const auto ack = push(server, batch);
  ASSERT_EQ(ack.acks_size(), 2);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED) << ack.acks(0).reason();
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_TRUE(hasFieldError(ack.acks(1), "age")) << ack.acks(1).reason();
}

TEST_F(ServerFormsTest, ReferenceChangesReachTheTabletAsDeltas) {
  adminOk({"refdata", "import", kReferenceDir});
  ServerProcess server(dataDir(), {"--open"}, FormChecks::AllRecords);
  auto tablet = store::LocalStore::open(tabletDb("tablet"));
  sync::SyncClient client(*tablet, tabletConfig(server, "tablet-1"));
  auto first = client.pullChanges();
  ASSERT_TRUE(first.complete) << first.error;
  EXPECT_EQ(first.applied, 4);  // one full delta per dataset
  const auto before = tablet->referenceRows("crossing_points");
  ASSERT_FALSE(before.empty());

  // Edit the crossing points: one row renamed, the last deleted, one added.
  const fs::path edited = dir_.path() / "reference";
  fs::create_directories(edited);
  for (const auto& entry : fs::directory_iterator(kReferenceDir)) {
    fs::copy_file(entry.path(), edited / entry.path().filename());
  }
  std::string csv = readFile(edited / "crossing_points.csv");
  csv.replace(csv.find("Poipet,"), 7, "Poipet International,");
  csv.erase(csv.find_last_of('\n', csv.size() - 2) + 1);
  csv += "TESTPOINT,Test Point,ច្រកសាកល្បង,01,TH,Test checkpoint\n";
  writeFile(edited / "crossing_points.csv", csv);

  const auto imported = admin({"refdata", "import", edited.string()});
  ASSERT_EQ(imported.exitCode, 0) << imported.err;
  EXPECT_NE(imported.out.find("crossing_points: 1 added, 1 changed, 1 deleted"), std::string::npos)
      << imported.out;
  EXPECT_NE(imported.out.find("gazetteer: unchanged"), std::string::npos) << imported.out;

  // Exactly the delta travels: one change with three rows.
  const auto feed = httpRequest(
      "GET", server.url() + "/v1/changes?cursor=" + std::to_string(first.cursor) + "&limit=50", {},
      {"Accept: application/x-protobuf"});
  ASSERT_EQ(feed.status, 200) << feed.body;
  phum::v1::ChangeBatch batch;
  ASSERT_TRUE(batch.ParseFromString(feed.body));
  ASSERT_EQ(batch.changes_size(), 1);
  EXPECT_EQ(batch.changes(0).reference().dataset(), "crossing_points");
  EXPECT_EQ(batch.changes(0).reference().rows_size(), 3);

  const auto second = client.pullChanges();
  ASSERT_TRUE(second.complete) << second.error;
  EXPECT_EQ(second.applied, 1);
  const auto after = tablet->referenceRows("crossing_points");
  EXPECT_EQ(after.size(), before.size());  // one added, one deleted
  bool renamed = false;
  bool added = false;
  for (const auto& row : after) {
    if (row.key() == "POIPET") renamed = row.columns().at("name_en") == "Poipet International";
    if (row.key() == "TESTPOINT") added = true;
  }
  EXPECT_TRUE(renamed);
  EXPECT_TRUE(added);

  // Importing the same files again changes nothing and appends nothing.
  EXPECT_EQ(admin({"refdata", "import", edited.string()}).exitCode, 0);
  const auto third = client.pullChanges();
  EXPECT_TRUE(third.complete) << third.error;
  EXPECT_EQ(third.applied, 0);
}

TEST_F(ServerFormsTest, BadReferenceFileIsReportedWithItsLineAndNothingIsStored) {
  const fs::path edited = dir_.path() / "reference";
  fs::create_directories(edited);
  for (const auto& entry : fs::directory_iterator(kReferenceDir)) {
    fs::copy_file(entry.path(), edited / entry.path().filename());
  }
  adminOk({"refdata", "import", edited.string()});
  const auto before = admin({"refdata", "list"});
  // A bad gazetteer row and a changed agency: the whole import is refused, the agency included.
  writeFile(edited / "gazetteer.csv", readFile(edited / "gazetteer.csv") + "999,province,,X,X\n");
  std::string agencies = readFile(edited / "agencies.csv");
  agencies.replace(agencies.find("Sample Manpower"), 15, "Renamed Manpower");
  writeFile(edited / "agencies.csv", agencies);
  const auto result = admin({"refdata", "import", edited.string()});
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.err.find("gazetteer.csv:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("nothing was imported"), std::string::npos) << result.err;
  EXPECT_EQ(admin({"refdata", "list"}).out, before.out);
}

}  // namespace
}  // namespace phum::testing
