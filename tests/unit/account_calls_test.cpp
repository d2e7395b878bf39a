// SyncClient::enrollDevice and signIn over real HTTP against a scripted loopback responder.
#include <gtest/gtest.h>

#include "support/push_replies.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"
#include "sync/sync_client.h"

namespace phum::sync {
namespace {

class AccountCallsTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::unique_ptr<store::LocalStore> store = store::LocalStore::open(dir.file("tablet.db"));
  test::ScriptedHttpServer server;

  SyncConfig config() const {
    SyncConfig c;
    c.serverUrl = server.baseUrl();
    return c;
  }
};

TEST_F(AccountCallsTest, EnrolSignInThenPushCarriesBothCredentials) {
  phum::v1::EnrollResponse enrolled;
  enrolled.set_device_id("dev-7");
  enrolled.set_device_secret("s3cret");
  server.enqueue(test::protobufReply(200, enrolled));
  phum::v1::SignInResponse session;
  session.set_session_token("tok-1");
  session.mutable_account()->set_username("sokha");
  session.mutable_account()->set_role(phum::v1::ROLE_ENUMERATOR);
  server.enqueue(test::protobufReply(200, session));
  server.enqueue(test::ackAll());

  SyncClient client(*store, config());
  client.enrollDevice("ABCD-1234", "Tablet 7");
  EXPECT_EQ(store->syncValue(store::kDeviceIdKey), "dev-7");
  EXPECT_EQ(store->syncValue(store::kDeviceSecretKey), "s3cret");
  auto signedIn = client.signIn("sokha", "correct horse");
  EXPECT_EQ(signedIn.account().role(), phum::v1::ROLE_ENUMERATOR);

  store->saveRecord(test::householdSurvey("sokha"));
  store->saveRecord(test::householdSurvey("vibol"));
  SyncReport report = client.syncOnce();
  EXPECT_EQ(report.sent, 1);  // only the signed-in user's record

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/v1/devices/enroll");
  phum::v1::EnrollRequest enrolRequest;
  ASSERT_TRUE(enrolRequest.ParseFromString(requests[0].body));
  EXPECT_EQ(enrolRequest.enrollment_code(), "ABCD-1234");
  EXPECT_EQ(requests[1].target, "/v1/sessions");
  EXPECT_EQ(requests[1].header("x-phum-device"), "dev-7.s3cret");
  EXPECT_EQ(requests[2].header("x-phum-device"), "dev-7.s3cret");
  EXPECT_EQ(requests[2].header("authorization"), "Bearer tok-1");
  EXPECT_EQ(test::pushBatchOf(requests[2]).device_id(), "dev-7");
}

TEST_F(AccountCallsTest, UsedEnrolmentCodeIsAPermanentErrorWithTheServersWords) {
  server.enqueue(
      test::errorReply(403, "code_used", "This enrolment code was already used.", false));
  SyncClient client(*store, config());
  try {
    client.enrollDevice("ABCD-1234", "Tablet 7");
    FAIL() << "expected SyncError";
  } catch (const SyncError& e) {
    EXPECT_FALSE(e.retryable());
    EXPECT_EQ(e.httpStatus(), 403);
    EXPECT_NE(std::string(e.what()).find("already used"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(store->syncValue(store::kDeviceIdKey));
}

TEST_F(AccountCallsTest, SignInThroughACaptivePortalIsRetryable) {
  server.enqueue(test::ScriptedReply{200, {{"Content-Type", "text/html"}}, "<html>login</html>"});
  SyncClient client(*store, config());
  try {
    client.signIn("sokha", "correct horse");
    FAIL() << "expected SyncError";
  } catch (const SyncError& e) {
    EXPECT_TRUE(e.retryable());
  }
}

TEST_F(AccountCallsTest, WrongPasswordIsPermanent) {
  server.enqueue(test::errorReply(401, "bad_credentials", "Wrong user name or password.", false));
  SyncClient client(*store, config());
  try {
    client.signIn("sokha", "guess");
    FAIL() << "expected SyncError";
  } catch (const SyncError& e) {
    EXPECT_FALSE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("Wrong user name or password."), std::string::npos);
  }
}

}  // namespace
}  // namespace phum::sync
