// A reject sent through the server's real decide path (POST /v1/console/records/{uuid}/reviews by
// a signed-in reviewer) reaches the author's tablet: the real SyncClient pulls it into a real
// LocalStore, where the record carries REVIEW_OUTCOME_REJECTED with the reason (the app lists it
// as "not accepted"). Both storage backends (the pg. copies).
#include <gtest/gtest.h>

#include <csignal>

#include "console_fixture.h"
#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::tools {
namespace {

class ConsoleRejectTest : public phum::testing::ConsoleServerTest {
 protected:
  // The server restarted in secure mode (what it published and received stays), the author's
  // account, and the author's tablet: enrolled with a code from phum-admin, signed in, holding
  // records_[0] as sent.
  void enrolAuthorTablet() {
    const std::string data = server_->dataDir();
    server_->kill(SIGTERM);
    server_ = std::make_unique<ServerProcess>(phumServerBinary(), data, std::vector<std::string>{},
                                              ServerMode::AsGiven);
    server_->start();
    const std::string author = records_[0].author();
    const auto added = runAdmin(
        data,
        {"users", "add", "--username", author, "--role", "enumerator", "--scope", homeProvince_},
        phum::testing::kConsolePassword + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err;
    const auto code = runAdmin(data, {"devices", "enroll-code", "--name", "author's tablet"});
    ASSERT_EQ(code.exitCode, 0) << code.err;
    tablet_ = store::LocalStore::open(dir_.file("tablet.sqlite"));
    config_.serverUrl = server_->url();
    config_.connectTimeout = std::chrono::milliseconds(5000);
    config_.requestTimeout = std::chrono::milliseconds(30000);
    sync::SyncClient client(*tablet_, config_);
    const auto enrolled =
        client.enrollDevice(code.out.substr(0, code.out.find('\n')), "author's tablet");
    config_.deviceId = enrolled.device_id();
    config_.deviceSecret = enrolled.device_secret();
    config_.sessionToken = client.signIn(author, phum::testing::kConsolePassword).session_token();
    config_.author = author;
    auto first = records_[0];
    first.set_revision(0);  // the store numbers revisions
    const auto saved = tablet_->saveRecord(first);
    tablet_->markSent(*Uuid::fromBytes(saved.uuid()), saved.revision());
  }

  int withOutcome(phum::v1::ReviewOutcome outcome) const {
    store::RecordQuery query;
    query.author = config_.author;
    query.reviewOutcome = outcome;
    return tablet_->countRecords(query);
  }

  std::unique_ptr<store::LocalStore> tablet_;
  sync::SyncConfig config_;
};

TEST_F(ConsoleRejectTest, RejectReachesTheAuthorsTabletWithItsReason) {
  ASSERT_NO_FATAL_FAILURE(enrolAuthorTablet());
  const std::string uuid = uuidOf(records_[0]);
  const std::string reason = "The same household was recorded twice; keep the other one.";
  std::string csrf;
  const std::string cookie = signIn("rev_home", csrf);
  const auto decided = call("POST", "/records/" + uuid + "/reviews", cookie, csrf,
                            R"({"revision":1,"decision":"reject","reason":")" + reason + "\"}");
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_NE(decided.body.find("\"rejected\""), std::string::npos) << decided.body;
  EXPECT_EQ(withOutcome(phum::v1::REVIEW_OUTCOME_REJECTED), 0);

  sync::SyncClient client(*tablet_, config_);
  const auto pulled = client.pullChanges();
  ASSERT_TRUE(pulled.complete) << pulled.error;
  const auto decisions = tablet_->reviewDecisions(*Uuid::parse(uuid));
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].outcome(), phum::v1::REVIEW_OUTCOME_REJECTED);
  EXPECT_EQ(decisions[0].revision(), 1u);
  EXPECT_EQ(decisions[0].reviewer(), "rev_home");
  EXPECT_EQ(decisions[0].comment(), reason);
  EXPECT_EQ(withOutcome(phum::v1::REVIEW_OUTCOME_REJECTED), 1);
  EXPECT_EQ(withOutcome(phum::v1::REVIEW_OUTCOME_RETURNED), 0);
  EXPECT_EQ(withOutcome(phum::v1::REVIEW_OUTCOME_APPROVED), 0);
}

}  // namespace
}  // namespace phum::tools
