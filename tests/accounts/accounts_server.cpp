#include "accounts_server.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace phum::accounts::testing {
namespace {

struct SuiteServer {
  tools::TempDir dir{"phum-accounts-server"};
  std::string data = dir.file("server");
  // Without --open: enrolment, device credential and session tokens are all checked for real.
  // Records of the ad-hoc test forms are not published: structure checks only.
  tools::ServerProcess process{
      tools::phumServerBinary(), data, {"--accept-unpublished-forms"}, tools::ServerMode::AsGiven};
};
SuiteServer* suiteServer = nullptr;

}  // namespace

std::string runAdmin(const std::string& dataDir, const std::vector<std::string>& args) {
  const auto admin = tools::runAdmin(dataDir, args);
  if (admin.exitCode != 0) {
    throw std::runtime_error("phum-admin " + args.at(0) + " exited with " +
                             std::to_string(admin.exitCode) + ": " + admin.err);
  }
  return admin.out;
}

void AccountsServerTest::SetUpTestSuite() {
  suiteServer = new SuiteServer;
  suiteServer->process.start();
  const std::string& data = suiteServer->data;
  runAdmin(data, {"users", "add", "--username", "alice", "--role", "enumerator", "--scope", "12",
                  "--display-name", "Alice Sok", "--password", kAlicePassword});
  runAdmin(data, {"users", "add", "--username", "bob", "--role", "outreach_worker", "--scope",
                  "0102", "--display-name", "Bob Chea", "--password", kBobPassword});
}

void AccountsServerTest::TearDownTestSuite() {
  delete suiteServer;  // stops the server, removes its folder
  suiteServer = nullptr;
}

void AccountsServerTest::SetUp() {
  tablet_ = std::make_unique<tools::TempDir>("phum-accounts-tablet");
  dbPath_ = tablet_->file("tablet.sqlite");
  store_ = store::LocalStore::open(dbPath_);
}

std::string AccountsServerTest::serverUrl() { return suiteServer->process.url(); }

std::string AccountsServerTest::serverData() { return suiteServer->data; }

std::string AccountsServerTest::newEnrollmentCode() {
  std::istringstream output(
      runAdmin(suiteServer->data, {"devices", "enroll-code", "--name", "test tablet"}));
  std::string code;
  std::getline(output, code);  // the code alone on the first line of stdout
  return code;
}

std::unique_ptr<sync::SyncClient> AccountsServerTest::client() {
  sync::SyncConfig config;
  config.serverUrl = serverUrl();
  config.deviceId = store_->syncValue(store::kDeviceIdKey).value_or("");
  config.deviceSecret = store_->syncValue(store::kDeviceSecretKey).value_or("");
  config.connectTimeout = std::chrono::milliseconds(5000);
  config.requestTimeout = std::chrono::milliseconds(20000);
  return std::make_unique<sync::SyncClient>(*store_, config);
}

LocalAccount AccountsServerTest::signIn(DeviceAccounts& accounts, const std::string& username,
                                        const std::string& pin) {
  auto online = client();
  return accounts.firstSignIn(*online, username,
                              username == "alice" ? kAlicePassword : kBobPassword, pin);
}

LocalAccount AccountsServerTest::enrollAndSignIn(DeviceAccounts& accounts,
                                                 const std::string& username,
                                                 const std::string& pin) {
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "test tablet");
  return signIn(accounts, username, pin);
}

phum::v1::Record AccountsServerTest::savedRecord(const std::string& author,
                                                 const std::string& name) {
  phum::v1::Record record;
  record.set_form_id("household");
  record.set_form_version("1");
  record.set_author(author);
  record.set_location_code("12010203");
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("respondent_name");
  answer->mutable_value()->set_text(name);
  return store_->saveRecord(record);
}

std::string AccountsServerTest::tabletBytes() const {
  std::string all;
  for (const auto& entry : std::filesystem::directory_iterator(tablet_->path())) {
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return all;
}

}  // namespace phum::accounts::testing
