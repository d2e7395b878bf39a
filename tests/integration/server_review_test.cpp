// Reviews and account revocation on the change feed of a real phum-server (secure mode, no
// --accept-unpublished-forms): a review reaches its author's tablet only; a disabled user gets
// 401 at once and every device learns of it from the feed.
#include <gtest/gtest.h>

#include "core/uuid.h"
#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "server_fixture.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

const std::string kQuickForm =
    std::string(PHUM_SOURCE_DIR) + "/forms/quick_registration.xlsform.md";
const std::string kPassword = "field-pass-2026";

struct Tablet {
  std::unique_ptr<store::LocalStore> store;
  sync::SyncConfig config;
  std::vector<std::string> headers() const {
    return {"X-Phum-Device: " + config.deviceId + "." + config.deviceSecret,
            "Authorization: Bearer " + config.sessionToken, "Accept: application/x-protobuf"};
  }
};

phum::v1::Record quickRegistration(const std::string& author) {
  phum::v1::Record record;
  record.set_form_id("quick_registration");
  record.set_form_version("1");
  record.set_revision(0);  // the store numbers revisions
  record.set_created_at_ms(1'790'000'000'000);
  record.set_updated_at_ms(1'790'000'000'000);
  record.set_author(author);
  record.set_location_code("01020101");
  auto& answers = *record.mutable_answers();
  auto add = [&](const std::string& name) {
    auto* answer = answers.add_answers();
    answer->set_name(name);
    return answer->mutable_value();
  };
  add("respondent_name")->set_text("Chan Sreymom");
  add("sex")->set_text("female");
  add("age")->set_integer(31);
  add("village_code")->set_text("01020101");
  return record;
}

class ServerReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    addUser("sokha");
    addUser("dara");
    adminOk({"forms", "publish", kQuickForm});
    server_ = std::make_unique<ServerProcess>(dataDir(), std::vector<std::string>{},
                                              FormChecks::AllRecords);
  }
  std::string dataDir() const { return (dir_.path() / "server").string(); }
  AdminResult admin(std::vector<std::string> args, const std::string& input = {}) const {
    args.push_back("--data");
    args.push_back(dataDir());
    return runAdmin(args, input);
  }
  void adminOk(const std::vector<std::string>& args) const {
    const auto result = admin(args);
    ASSERT_EQ(result.exitCode, 0) << result.out << result.err;
  }
  void addUser(const std::string& name) {
    const auto result =
        admin({"users", "add", "--username", name, "--role", "enumerator", "--scope", "01"},
              kPassword + "\n");
    ASSERT_EQ(result.exitCode, 0) << result.err;
  }
  // A tablet enrolled with a code from phum-admin and signed in, through the real SyncClient.
  Tablet signedInTablet(const std::string& user) {
    Tablet tablet;
    tablet.store = store::LocalStore::open((dir_.path() / (user + ".sqlite")).string());
    tablet.config.serverUrl = server_->url();
    tablet.config.connectTimeout = std::chrono::milliseconds(5000);
    tablet.config.requestTimeout = std::chrono::milliseconds(30000);
    const auto code = admin({"devices", "enroll-code", "--name", user + "'s tablet"});
    EXPECT_EQ(code.exitCode, 0) << code.err;
    sync::SyncClient client(*tablet.store, tablet.config);
    const auto enrolled =
        client.enrollDevice(code.out.substr(0, code.out.find('\n')), user + "'s tablet");
    const auto session = client.signIn(user, kPassword);
    tablet.config.deviceId = enrolled.device_id();
    tablet.config.deviceSecret = enrolled.device_secret();
    tablet.config.sessionToken = session.session_token();
    tablet.config.author = user;
    return tablet;
  }
  phum::v1::ChangeBatch feed(const Tablet& tablet, long expectStatus = 200) const {
    const auto response =
        httpRequest("GET", server_->url() + "/v1/changes?cursor=0&limit=100", {}, tablet.headers());
    EXPECT_EQ(response.status, expectStatus) << response.body;
    phum::v1::ChangeBatch batch;
    if (response.status == 200) {
      EXPECT_TRUE(batch.ParseFromString(response.body));
    }
    return batch;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(ServerReviewTest, ReviewReachesTheAuthorsTabletAndNoOtherUsers) {
  Tablet sokha = signedInTablet("sokha");
  Tablet dara = signedInTablet("dara");
  const auto saved = sokha.store->saveRecord(quickRegistration("sokha"));
  sync::SyncClient sokhaClient(*sokha.store, sokha.config);
  const auto pushed = sokhaClient.syncNow();
  ASSERT_TRUE(pushed.complete) << pushed.error;
  ASSERT_EQ(pushed.sent, 1);
  const auto uuid = *Uuid::fromBytes(saved.uuid());

  adminOk({"records", "review", uuid.toString(), "--revision", std::to_string(saved.revision()),
           "--return", "--comment", "Age does not match the ID card", "--field", "age",
           "--reviewer", "chenda"});

  const auto pulled = sokhaClient.pullChanges();
  ASSERT_TRUE(pulled.complete) << pulled.error;
  const auto reviews = sokha.store->reviewDecisions(uuid);
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].outcome(), phum::v1::REVIEW_OUTCOME_RETURNED);
  EXPECT_EQ(reviews[0].field(), "age");
  EXPECT_EQ(reviews[0].reviewer(), "chenda");

  sync::SyncClient daraClient(*dara.store, dara.config);
  ASSERT_TRUE(daraClient.pullChanges().complete);
  EXPECT_TRUE(dara.store->reviewDecisions(uuid).empty());
  const auto daraFeed = feed(dara);
  int formsSeen = 0;
  for (const auto& change : daraFeed.changes()) {
    EXPECT_FALSE(change.has_review());
    formsSeen += change.has_form() ? 1 : 0;
  }
  EXPECT_EQ(formsSeen, 1);  // forms go to everyone

  // A review of a revision the server does not have is refused.
  const auto unknown = admin({"records", "review", Uuid::generate().toString(), "--revision", "1",
                              "--approve", "--reviewer", "chenda"});
  EXPECT_EQ(unknown.exitCode, 1);
}

TEST_F(ServerReviewTest, DisabledUserIsRefusedAtOnceAndRevokedOnTheFeed) {
  Tablet sokha = signedInTablet("sokha");
  Tablet dara = signedInTablet("dara");
  feed(sokha);  // the session works before

  adminOk({"users", "disable", "sokha"});

  const auto refused =
      httpRequest("GET", server_->url() + "/v1/changes?cursor=0&limit=100", {}, sokha.headers());
  EXPECT_TRUE(refused.status == 401 || refused.status == 403) << refused.status;
  sync::SyncClient client(*sokha.store, sokha.config);
  EXPECT_THROW(client.signIn("sokha", kPassword), SyncError);

  int revocations = 0;
  const auto daraFeed = feed(dara);
  for (const auto& change : daraFeed.changes()) {
    if (change.has_revocation() && change.revocation().username() == "sokha") ++revocations;
  }
  EXPECT_EQ(revocations, 1);

  // Disabling again changes nothing; an unknown user is an error.
  adminOk({"users", "disable", "sokha"});
  EXPECT_EQ(admin({"users", "disable", "nobody"}).exitCode, 1);
  revocations = 0;
  const auto feedAfter = feed(dara);
  for (const auto& change : feedAfter.changes()) revocations += change.has_revocation() ? 1 : 0;
  EXPECT_EQ(revocations, 1);
}

}  // namespace
}  // namespace phum::testing
