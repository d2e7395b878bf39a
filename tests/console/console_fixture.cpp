#include "console_fixture.h"

#include "core/uuid.h"
#include "household.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {

void ConsoleServerTest::SetUp() {
  server_ = std::make_unique<tools::ServerProcess>(tools::phumServerBinary(), dir_.file("server"));
  server_->start();
  const auto add = [&](const std::string& name, const std::string& role, const std::string& scope) {
    const auto run = tools::runAdmin(server_->dataDir(),
                                     {"users", "add", "--username", name, "--role", role, "--scope",
                                      scope, "--display-name", name + " (test)"},
                                     kConsolePassword + "\n");
    ASSERT_EQ(run.exitCode, 0) << run.err;
  };
  // Records 0..2 are in the first villages of the gazetteer; find one in another province.
  for (int index : {0, 1, 2}) records_.push_back(tools::makeHouseholdRecord(index, true));
  homeProvince_ = records_[0].location_code().substr(0, 2);
  for (int index = 3; index < 20000; index += 997) {
    auto record = tools::makeHouseholdRecord(index, true);
    if (!record.location_code().starts_with(homeProvince_)) {
      records_.push_back(record);
      otherUuid_ = uuidOf(record);
      break;
    }
  }
  ASSERT_FALSE(otherUuid_.empty()) << "no household record outside province " << homeProvince_;
  pushAccepted(records_);
  if (HasFatalFailure()) return;
  add("rev_national", "reviewer", "national");
  add("rev_home", "reviewer", homeProvince_);
  add("admin1", "administrator", "national");
  add("enum1", "enumerator", homeProvince_);
}

std::string ConsoleServerTest::signIn(const std::string& username, std::string& csrf) {
  const auto reply =
      httpRequest("POST", server_->url() + "/v1/console/session",
                  R"({"username":")" + username + R"(","password":")" + kConsolePassword + R"("})",
                  {"Content-Type: application/json"});
  EXPECT_EQ(reply.status, 200) << reply.body;
  const std::string cookie =
      reply.headers.count("set-cookie") ? reply.headers.at("set-cookie") : "";
  const auto tokenStart = cookie.find("phum_console=");
  const auto csrfStart = reply.body.find("\"csrfToken\":\"");
  if (tokenStart == std::string::npos || csrfStart == std::string::npos) return {};
  const auto valueStart = csrfStart + std::string("\"csrfToken\":\"").size();
  csrf = reply.body.substr(valueStart, reply.body.find('"', valueStart) - valueStart);
  return cookie.substr(tokenStart, cookie.find(';', tokenStart) - tokenStart);
}

HttpResponse ConsoleServerTest::call(const std::string& method, const std::string& path,
                                     const std::string& cookie, const std::string& csrf,
                                     const std::string& body) {
  std::vector<std::string> headers = {"Cookie: " + cookie, "Accept: application/json"};
  if (!csrf.empty()) headers.push_back("X-Phum-CSRF: " + csrf);
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  return httpRequest(method, server_->url() + "/v1/console" + path, body, headers);
}

void ConsoleServerTest::pushAccepted(const std::vector<phum::v1::Record>& records) {
  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  for (const auto& record : records) *batch.add_records() = record;
  const auto pushed =
      httpRequest("POST", server_->url() + "/v1/push", batch.SerializeAsString(),
                  {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  phum::v1::PushAck ack;
  ASSERT_TRUE(ack.ParseFromString(pushed.body));
  for (const auto& result : ack.acks()) {
    ASSERT_EQ(result.status(), phum::v1::RECORD_STATUS_ACCEPTED) << result.DebugString();
  }
}

std::string ConsoleServerTest::uuidOf(const phum::v1::Record& record) const {
  return Uuid::fromBytes(record.uuid())->toString();
}

}  // namespace phum::testing
