#include "secure_server.h"

#include "phum/v1/account.pb.h"

namespace phum::testing {

void SecureServerTest::SetUp() {
  addUser("sokha", "enumerator", "0102");
  addUser("reviewer1", "reviewer", "national");
  server_ = std::make_unique<ServerProcess>(dataDir(), serverArgs());
}

void SecureServerTest::addUser(const std::string& name, const std::string& role,
                               const std::string& scope) {
  // The password comes on stdin, as an administrator would type it.
  const auto result = runAdmin(
      {"users", "add", "--data", dataDir(), "--username", name, "--role", role, "--scope", scope},
      std::string(kTestPassword) + "\n");
  ASSERT_EQ(result.exitCode, 0) << result.err;
}

std::string SecureServerTest::enrollmentCode(const std::string& name) {
  const auto result = runAdmin({"devices", "enroll-code", "--data", dataDir(), "--name", name});
  EXPECT_EQ(result.exitCode, 0) << result.err;
  return result.out.substr(0, result.out.find('\n'));
}

HttpResponse SecureServerTest::post(const std::string& path, const std::string& body,
                                    std::vector<std::string> headers) {
  headers.push_back("Content-Type: application/x-protobuf");
  return httpRequest("POST", server_->url() + path, body, headers);
}

Device SecureServerTest::enroll(const std::string& name) {
  phum::v1::EnrollRequest request;
  request.set_enrollment_code(enrollmentCode(name));
  request.set_device_name(name);
  const auto response = post("/v1/devices/enroll", request.SerializeAsString());
  EXPECT_EQ(response.status, 200) << response.body;
  phum::v1::EnrollResponse enrolled;
  EXPECT_TRUE(enrolled.ParseFromString(response.body));
  return {enrolled.device_id(), enrolled.device_secret()};
}

HttpResponse SecureServerTest::signIn(const Device& device, const std::string& user,
                                      const std::string& password) {
  phum::v1::SignInRequest request;
  request.set_username(user);
  request.set_password(password);
  return post("/v1/sessions", request.SerializeAsString(), {device.header()});
}

std::string SecureServerTest::token(const Device& device, const std::string& user) {
  const auto response = signIn(device, user, kTestPassword);
  EXPECT_EQ(response.status, 200) << response.body;
  phum::v1::SignInResponse session;
  EXPECT_TRUE(session.ParseFromString(response.body));
  return "Authorization: Bearer " + session.session_token();
}

phum::v1::PushAck SecureServerTest::push(const Device& device, const std::string& session,
                                         const phum::v1::PushBatch& batch) {
  const auto response = post("/v1/push", batch.SerializeAsString(), {device.header(), session});
  EXPECT_EQ(response.status, 200) << response.body << response.error;
  phum::v1::PushAck ack;
  EXPECT_TRUE(ack.ParseFromString(response.body));
  return ack;
}

}  // namespace phum::testing
