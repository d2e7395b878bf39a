// Reviews and account revocation on the change feed of a real phum-server (secure mode, no
// --accept-unpublished-forms): a review reaches its author's tablet only; a disabled user gets
// 401 at once and every device learns of it from the feed.
#include <gtest/gtest.h>

#include <map>

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

struct SharedTablet {
  std::unique_ptr<store::LocalStore> store;
  std::map<std::string, sync::SyncConfig> configs;  // per user: same device, own session
  std::vector<std::string> headers(const std::string& user) const {
    const auto& config = configs.at(user);
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
  // One tablet (one LocalStore, one enrolment) shared by `users`, each signed in online on it.
  SharedTablet sharedTablet(const std::vector<std::string>& users) {
    SharedTablet tablet;
    tablet.store = store::LocalStore::open((dir_.path() / "shared.sqlite").string());
    sync::SyncConfig base;
    base.serverUrl = server_->url();
    base.connectTimeout = std::chrono::milliseconds(5000);
    base.requestTimeout = std::chrono::milliseconds(30000);
    const auto code = admin({"devices", "enroll-code", "--name", "village office tablet"});
    EXPECT_EQ(code.exitCode, 0) << code.err;
    sync::SyncClient enrolling(*tablet.store, base);
    const auto enrolled =
        enrolling.enrollDevice(code.out.substr(0, code.out.find('\n')), "village office tablet");
    base.deviceId = enrolled.device_id();
    base.deviceSecret = enrolled.device_secret();
    for (const auto& user : users) {
      sync::SyncClient client(*tablet.store, base);
      auto config = base;
      config.sessionToken = client.signIn(user, kPassword).session_token();
      config.author = user;
      tablet.configs[user] = config;
    }
    return tablet;
  }
  void review(const phum::v1::Record& record, const std::string& decision,
              const std::string& comment) const {
    adminOk({"records", "review", Uuid::fromBytes(record.uuid())->toString(), "--revision",
             std::to_string(record.revision()), decision, "--comment", comment, "--reviewer",
             "chenda"});
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

// The bug this guards against: one cursor per tablet, moved past dara's review by sokha's pull.
TEST_F(ServerReviewTest, OnASharedTabletEachUserGetsTheirOwnReviewsWhoeverSyncsFirst) {
  SharedTablet tablet = sharedTablet({"sokha", "dara"});
  const auto sokhas = tablet.store->saveRecord(quickRegistration("sokha"));
  const auto daras = tablet.store->saveRecord(quickRegistration("dara"));
  sync::SyncClient sokha(*tablet.store, tablet.configs.at("sokha"));
  sync::SyncClient dara(*tablet.store, tablet.configs.at("dara"));
  for (auto* client : {&sokha, &dara}) {
    const auto pushed = client->syncNow();
    ASSERT_TRUE(pushed.complete) << pushed.error;
    ASSERT_EQ(pushed.sent, 1);
    ASSERT_TRUE(client->pullChanges().complete);
  }

  review(daras, "--return", "Age does not match the ID card");
  review(sokhas, "--approve", "Complete");

  const auto first = sokha.pullChanges();  // sokha syncs first: dara's review is not hers
  ASSERT_TRUE(first.complete) << first.error;
  const auto daraUuid = *Uuid::fromBytes(daras.uuid());
  const auto sokhaUuid = *Uuid::fromBytes(sokhas.uuid());
  ASSERT_EQ(tablet.store->reviewDecisions(sokhaUuid).size(), 1u);
  EXPECT_TRUE(tablet.store->reviewDecisions(daraUuid).empty());

  const auto second = dara.pullChanges();
  ASSERT_TRUE(second.complete) << second.error;
  const auto returned = tablet.store->reviewDecisions(daraUuid);
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(returned[0].outcome(), phum::v1::REVIEW_OUTCOME_RETURNED);
  EXPECT_EQ(returned[0].comment(), "Age does not match the ID card");
  EXPECT_EQ(tablet.store->reviewDecisions(sokhaUuid).size(), 1u);
  EXPECT_EQ(second.cursor, first.cursor);

  // Sokha's session never carries dara's decisions, nor dara's sokha's.
  const std::vector<std::pair<std::string, std::string>> othersRecord{{"sokha", daras.uuid()},
                                                                      {"dara", sokhas.uuid()}};
  for (const auto& [user, other] : othersRecord) {
    const auto response = httpRequest("GET", server_->url() + "/v1/changes?cursor=0&limit=100", {},
                                      tablet.headers(user));
    ASSERT_EQ(response.status, 200) << response.body;
    phum::v1::ChangeBatch batch;
    ASSERT_TRUE(batch.ParseFromString(response.body));
    int reviews = 0;
    for (const auto& change : batch.changes()) {
      if (!change.has_review()) continue;
      ++reviews;
      EXPECT_NE(change.review().record_uuid(), other) << user << " got another user's review";
    }
    EXPECT_EQ(reviews, 1) << user;
  }
}

// A user who has not synced for long falls behind the pruned feed while another keeps the
// tablet current: that user's reviews come again, and the tablet keeps its forms (which a full
// refresh would drop, and which the pruned feed no longer holds).
TEST_F(ServerReviewTest, AUserBehindThePrunedFeedGetsTheirReviewsAndTheTabletKeepsItsForms) {
  SharedTablet tablet = sharedTablet({"sokha", "dara"});
  const auto sokhas = tablet.store->saveRecord(quickRegistration("sokha"));
  const auto daras = tablet.store->saveRecord(quickRegistration("dara"));
  sync::SyncClient sokha(*tablet.store, tablet.configs.at("sokha"));
  sync::SyncClient dara(*tablet.store, tablet.configs.at("dara"));
  ASSERT_TRUE(sokha.syncNow().complete);
  ASSERT_TRUE(dara.syncNow().complete);
  ASSERT_TRUE(dara.pullChanges().complete);
  ASSERT_EQ(tablet.store->formDefinitions().size(), 1u);

  review(sokhas, "--return", "Village code is wrong");
  const auto current = sokha.pullChanges();
  ASSERT_TRUE(current.complete) << current.error;
  adminOk({"changes", "prune", "--through", std::to_string(current.cursor)});
  review(daras, "--return", "Age does not match the ID card");

  const auto behind = dara.pullChanges();
  ASSERT_TRUE(behind.complete) << behind.error;
  EXPECT_TRUE(behind.cursorRestarted);
  EXPECT_FALSE(behind.fullRefresh);
  EXPECT_EQ(tablet.store->reviewDecisions(*Uuid::fromBytes(daras.uuid())).size(), 1u);
  EXPECT_EQ(tablet.store->reviewDecisions(*Uuid::fromBytes(sokhas.uuid())).size(), 1u);
  EXPECT_EQ(tablet.store->formDefinitions().size(), 1u);
  EXPECT_GT(tablet.store->changeCursor(), current.cursor);
  EXPECT_EQ(tablet.store->changeCursor("dara"), tablet.store->changeCursor());
}

}  // namespace
}  // namespace phum::testing
