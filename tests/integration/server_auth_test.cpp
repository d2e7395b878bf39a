// phum-server in its default secure mode: enrolment, sign-in, 401/403 without data, scope checks,
// revocation and the change feed, driven through phum-admin and real HTTP.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "secure_server.h"

namespace phum::testing {
namespace {

TEST_F(SecureServerTest, PushWithoutCredentialsIs401WithAMessageAndNoData) {
  const auto response = post("/v1/push", makeBatch(0, 1).SerializeAsString());
  EXPECT_EQ(response.status, 401);
  EXPECT_NE(response.body.find("\"code\":\"device_not_enrolled\""), std::string::npos);
  EXPECT_NE(response.body.find("enrol"), std::string::npos);
  const auto changes = httpRequest("GET", server_->url() + "/v1/changes?cursor=0");
  EXPECT_EQ(changes.status, 401);
  EXPECT_EQ(countStoredRecords(dataDir()), 0);
}

TEST_F(SecureServerTest, EnrolledSignedInDevicePushesWithinItsScope) {
  const Device device = enroll("Poipet tablet 1");
  const std::string session = token(device, "sokha");
  auto batch = makeBatch(0, 3, "sokha", "01020304");
  *batch.mutable_records(1) = makeRecord(1, "dara", "01020304");  // not the signed-in user
  *batch.mutable_records(2) =
      makeRecord(2, "sokha", "17010203");  // outside province 01, district 02
  const auto response = post("/v1/push", batch.SerializeAsString(), {device.header(), session});
  ASSERT_EQ(response.status, 200) << response.body;
  phum::v1::PushAck ack;
  ASSERT_TRUE(ack.ParseFromString(response.body));
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_NE(ack.acks(1).reason().find("not the signed-in user"), std::string::npos);
  EXPECT_EQ(ack.acks(1).reason_code(), phum::v1::ACK_REASON_NOT_THE_AUTHOR);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_NE(ack.acks(2).reason().find("outside the account's area"), std::string::npos);
  EXPECT_EQ(ack.acks(2).reason_code(), phum::v1::ACK_REASON_OUT_OF_SCOPE);
  EXPECT_EQ(ack.acks(0).reason_code(), phum::v1::ACK_REASON_UNSPECIFIED);
  EXPECT_EQ(countStoredRecords(dataDir()), 1);
}

TEST_F(SecureServerTest, EnrollmentCodeWorksOnlyOnce) {
  phum::v1::EnrollRequest request;
  request.set_enrollment_code(enrollmentCode("tablet"));
  EXPECT_EQ(post("/v1/devices/enroll", request.SerializeAsString()).status, 200);
  const auto again = post("/v1/devices/enroll", request.SerializeAsString());
  EXPECT_EQ(again.status, 401);
  EXPECT_NE(again.body.find("already used"), std::string::npos);
}

TEST_F(SecureServerTest, EnrollmentCodeComesWithAQrCodeToPrint) {
  const std::string svgPath = (dir_.path() / "code.svg").string();
  const auto result = runAdmin({"devices", "enroll-code", "--data", dataDir(), "--name", "Poipet 1",
                                "--server-url", "http://127.0.0.1:8470", "--qr-svg", svgPath});
  ASSERT_EQ(result.exitCode, 0) << result.err;
  // The code alone on stdout (scripts capture it); the QR code for the screen on stderr.
  const std::string code = result.out.substr(0, result.out.find('\n'));
  EXPECT_EQ(result.out, code + "\n");
  EXPECT_NE(result.err.find("\u2588"), std::string::npos) << result.err;
  std::ifstream svgFile(svgPath);
  const std::string svg((std::istreambuf_iterator<char>(svgFile)), {});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u) << svg.substr(0, 80);
  EXPECT_NE(svg.find("<path fill=\"#000\""), std::string::npos);
  // The printed code still enrols a tablet.
  phum::v1::EnrollRequest request;
  request.set_enrollment_code(code);
  EXPECT_EQ(post("/v1/devices/enroll", request.SerializeAsString()).status, 200);
}

TEST_F(SecureServerTest, WrongPasswordOrMissingSessionIs401) {
  const Device device = enroll("tablet");
  const auto wrong = signIn(device, "sokha", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("wrong user name or password"), std::string::npos);
  EXPECT_EQ(signIn({device.id, "forged"}, "sokha", "field-pass-2026").status, 401);
  const auto noSession = post("/v1/push", makeBatch(0, 1).SerializeAsString(), {device.header()});
  EXPECT_EQ(noSession.status, 401);
  EXPECT_NE(noSession.body.find("sign in"), std::string::npos);
  const auto badToken = post("/v1/push", makeBatch(0, 1).SerializeAsString(),
                             {device.header(), "Authorization: Bearer 0123"});
  EXPECT_EQ(badToken.status, 401);
}

TEST_F(SecureServerTest, RevokedDeviceAndReviewerPushAre403WithNoData) {
  const Device device = enroll("lost tablet");
  const std::string session = token(device, "sokha");
  const std::string reviewer = token(device, "reviewer1");
  const auto asReviewer = post("/v1/push", makeBatch(0, 1, "reviewer1").SerializeAsString(),
                               {device.header(), reviewer});
  EXPECT_EQ(asReviewer.status, 403);
  EXPECT_NE(asReviewer.body.find("role_not_allowed"), std::string::npos);

  const auto revoked = runAdmin({"devices", "revoke", device.id, "--data", dataDir()});
  ASSERT_EQ(revoked.exitCode, 0) << revoked.err;
  const auto push =
      post("/v1/push", makeBatch(0, 1).SerializeAsString(), {device.header(), session});
  EXPECT_EQ(push.status, 403);
  EXPECT_NE(push.body.find("revoked"), std::string::npos);
  const auto changes =
      httpRequest("GET", server_->url() + "/v1/changes?cursor=0", {}, {device.header(), session});
  EXPECT_EQ(changes.status, 403);
  EXPECT_EQ(changes.body.find("changes\""), std::string::npos);
  EXPECT_EQ(countStoredRecords(dataDir()), 0);
  EXPECT_EQ(runAdmin({"devices", "revoke", "dev-nope", "--data", dataDir()}).exitCode, 1);
}

TEST_F(SecureServerTest, ChangeFeedPagesAndAnswers412ForAPrunedCursor) {
  const Device device = enroll("tablet");
  const std::string session = token(device, "sokha");
  for (const char* name : {"old-1", "old-2"}) {
    const Device other = enroll(name);
    ASSERT_EQ(runAdmin({"devices", "revoke", other.id, "--data", dataDir()}).exitCode, 0);
  }
  auto get = [&](const std::string& query) {
    return httpRequest("GET", server_->url() + "/v1/changes?" + query, {},
                       {device.header(), session});
  };
  auto response = get("cursor=0&limit=1");
  ASSERT_EQ(response.status, 200) << response.body;
  phum::v1::ChangeBatch batch;
  ASSERT_TRUE(batch.ParseFromString(response.body));
  ASSERT_EQ(batch.changes_size(), 1);
  EXPECT_TRUE(batch.changes(0).has_revocation());
  EXPECT_TRUE(batch.has_more());
  EXPECT_EQ(batch.next_cursor(), 1u);
  ASSERT_TRUE(batch.ParseFromString(get("cursor=1").body));
  EXPECT_EQ(batch.changes_size(), 1);
  EXPECT_FALSE(batch.has_more());
  EXPECT_EQ(batch.next_cursor(), 2u);

  ASSERT_EQ(runAdmin({"changes", "prune", "--through", "2", "--data", dataDir()}).exitCode, 0);
  response = get("cursor=1");
  EXPECT_EQ(response.status, 412);
  EXPECT_NE(response.body.find("full_refresh_required"), std::string::npos);
  EXPECT_EQ(get("cursor=2").status, 200);
  EXPECT_EQ(get("cursor=0").status, 200);  // the full refresh itself
  EXPECT_EQ(get("cursor=abc").status, 400);
}

}  // namespace
}  // namespace phum::testing
