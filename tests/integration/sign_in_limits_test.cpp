// Sign-in limits, sign-out and session lifetimes on a real phum-server in secure mode: failed
// sign-ins per account and per address end in 429 with Retry-After (tablet and console), a tablet
// user's sign-out ends the session, and the lifetimes follow the server's options.
#include <gtest/gtest.h>

#include <csignal>

#include "core/clock.h"
#include "phum/v1/account.pb.h"
#include "secure_server.h"

namespace phum::testing {
namespace {

class SignInLimitsTest : public SecureServerTest {
 protected:
  std::vector<std::string> serverArgs() const override {
    return {"--session-lifetime", "2h", "--console-session-lifetime", "30m"};
  }

  HttpResponse consoleSignIn(const std::string& user, const std::string& password) {
    return httpRequest("POST", server_->url() + "/v1/console/session",
                       R"({"username":")" + user + R"(","password":")" + password + R"("})",
                       {"Content-Type: application/json"});
  }

  static void expectTooMany(const HttpResponse& reply) {
    EXPECT_EQ(reply.status, 429) << reply.body;
    EXPECT_NE(reply.body.find("too_many_sign_ins"), std::string::npos) << reply.body;
    ASSERT_TRUE(reply.headers.count("retry-after")) << reply.body;
    const long seconds = std::stol(reply.headers.at("retry-after"));
    EXPECT_GT(seconds, 0);
    EXPECT_LE(seconds, 15 * 60);
  }
};

TEST_F(SignInLimitsTest, FiveWrongPasswordsForOneTabletUserThen429EvenWithTheRightOne) {
  const Device device = enroll("Poipet tablet 1");
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(signIn(device, "sokha", "wrong password " + std::to_string(attempt)).status, 401);
  }
  expectTooMany(signIn(device, "sokha", kTestPassword));
  // Another user from the same address is not held back by sokha's failures.
  EXPECT_EQ(signIn(device, "reviewer1", kTestPassword).status, 200);
}

TEST_F(SignInLimitsTest, ConsoleSignInsAreLimitedPerAccountAndPerAddress) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(consoleSignIn("reviewer1", "not it").status, 401);
  }
  expectTooMany(consoleSignIn("reviewer1", kTestPassword));
  // Guessing across many user names from one address: 20 failures, then the address waits.
  for (int name = 0; name < 15; ++name) {
    EXPECT_EQ(consoleSignIn("nobody" + std::to_string(name), "guess").status, 401);
  }
  addUser("rev2", "reviewer", "national");
  expectTooMany(consoleSignIn("rev2", kTestPassword));
}

// The counts are in the database: a restart between the attempts does not reset them, on the
// console or the tablet.
TEST_F(SignInLimitsTest, TheLimitsSurviveARestart) {
  const Device device = enroll("Poipet tablet 1");
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_EQ(consoleSignIn("reviewer1", "not it").status, 401);
    EXPECT_EQ(signIn(device, "sokha", "wrong password").status, 401);
  }
  server_->kill(SIGTERM);
  server_->start();
  for (int attempt = 0; attempt < 2; ++attempt) {
    EXPECT_EQ(consoleSignIn("reviewer1", "not it").status, 401);
    EXPECT_EQ(signIn(device, "sokha", "wrong password").status, 401);
  }
  server_->kill(SIGTERM);
  server_->start();
  expectTooMany(consoleSignIn("reviewer1", kTestPassword));
  expectTooMany(signIn(device, "sokha", kTestPassword));
}

TEST_F(SignInLimitsTest, ATabletUserSignsOutAndTheSessionEnds) {
  const Device device = enroll("Poipet tablet 1");
  const std::string session = token(device, "sokha");
  const auto feed = [&] {
    return httpRequest("GET", server_->url() + "/v1/changes?cursor=0", {},
                       {device.header(), session, "Accept: application/x-protobuf"});
  };
  ASSERT_EQ(feed().status, 200);
  const auto out =
      httpRequest("DELETE", server_->url() + "/v1/sessions", {}, {device.header(), session});
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_EQ(feed().status, 401);
}

TEST_F(SignInLimitsTest, SessionLifetimesFollowTheServerOptions) {
  const Device device = enroll("Poipet tablet 1");
  const std::int64_t before = nowMillis();
  const auto tablet = signIn(device, "sokha", kTestPassword);
  ASSERT_EQ(tablet.status, 200) << tablet.body;
  phum::v1::SignInResponse response;
  ASSERT_TRUE(response.ParseFromString(tablet.body));
  EXPECT_GE(response.expires_at_ms(), before + 2 * 3600 * 1000);
  EXPECT_LE(response.expires_at_ms(), nowMillis() + 2 * 3600 * 1000);

  const auto console = consoleSignIn("reviewer1", kTestPassword);
  ASSERT_EQ(console.status, 200) << console.body;
  EXPECT_NE(console.headers.at("set-cookie").find("Max-Age=1800"), std::string::npos)
      << console.headers.at("set-cookie");
}

}  // namespace
}  // namespace phum::testing
