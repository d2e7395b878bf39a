// A reject sent through the server's real decide path (POST /v1/console/records/{uuid}/reviews by
// a signed-in reviewer) reaches the author's tablet: the real SyncClient pulls it into a real
// LocalStore, where the record carries REVIEW_OUTCOME_REJECTED with the reason (the app lists it
// as "not accepted"). Both storage backends (the pg. copies).
#include <gtest/gtest.h>

#include <csignal>

#include "author_tablet.h"
#include "console_fixture.h"
#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::tools {
namespace {

using ConsoleRejectTest = phum::testing::ConsoleServerTest;

TEST_F(ConsoleRejectTest, RejectReachesTheAuthorsTabletWithItsReason) {
  auto tablet = phum::testing::enrolAuthorTablet(server_, records_[0], homeProvince_,
                                                 dir_.file("tablet.sqlite"));
  const std::string uuid = uuidOf(records_[0]);
  const std::string reason = "The same household was recorded twice; keep the other one.";
  std::string csrf;
  const std::string cookie = signIn("rev_home", csrf);
  const auto decided = call("POST", "/records/" + uuid + "/reviews", cookie, csrf,
                            R"({"revision":1,"decision":"reject","reason":")" + reason + "\"}");
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_NE(decided.body.find("\"rejected\""), std::string::npos) << decided.body;
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_REJECTED), 0);

  sync::SyncClient client(*tablet.store, tablet.config);
  const auto pulled = client.pullChanges();
  ASSERT_TRUE(pulled.complete) << pulled.error;
  const auto decisions = tablet.store->reviewDecisions(*Uuid::parse(uuid));
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0].outcome(), phum::v1::REVIEW_OUTCOME_REJECTED);
  EXPECT_EQ(decisions[0].revision(), 1u);
  EXPECT_EQ(decisions[0].reviewer(), "rev_home");
  EXPECT_EQ(decisions[0].comment(), reason);
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_REJECTED), 1);
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_RETURNED), 0);
  EXPECT_EQ(tablet.withOutcome(phum::v1::REVIEW_OUTCOME_APPROVED), 0);
}

}  // namespace
}  // namespace phum::tools
