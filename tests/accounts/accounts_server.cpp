#include "accounts_server.h"

#include <sstream>
#include <stdexcept>

namespace phum::accounts::testing {
namespace {

struct SuiteServer {
  tools::TempDir dir{"phum-accounts-server"};
  tools::ChildProcess process;
  std::string url;
  int adminRuns = 0;
};
SuiteServer* suiteServer = nullptr;

}  // namespace

std::string runAdmin(const std::string& dataDir, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {PHUM_ADMIN_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--data", dataDir});
  const std::string logPath =
      dataDir + "/admin-" + std::to_string(++suiteServer->adminRuns) + ".log";
  auto admin = tools::ChildProcess::start(argv, logPath);
  const int code = admin.wait();
  if (code != 0) {
    throw std::runtime_error("phum-admin " + args.at(0) + " exited with " + std::to_string(code) +
                             ": " + admin.log());
  }
  return admin.log();
}

void AccountsServerTest::SetUpTestSuite() {
  suiteServer = new SuiteServer;
  const std::string data = suiteServer->dir.path();
  // Without --open: enrolment, device credential and session tokens are all checked for real.
  // Records of the ad-hoc test forms are not published: structure checks only.
  suiteServer->process = tools::ChildProcess::start(
      {PHUM_SERVER_BIN, "--listen", "127.0.0.1:0", "--data", data, "--accept-unpublished-forms"},
      data + "/server.log");
  suiteServer->url =
      "http://127.0.0.1:" + suiteServer->process.waitForLine("listening on http://127.0.0.1:");
  runAdmin(data, {"users", "add", "--username", "alice", "--role", "enumerator", "--scope", "12",
                  "--display-name", "Alice Sok", "--password", kAlicePassword});
  runAdmin(data, {"users", "add", "--username", "bob", "--role", "outreach_worker", "--scope",
                  "0102", "--display-name", "Bob Chea", "--password", kBobPassword});
}

void AccountsServerTest::TearDownTestSuite() {
  delete suiteServer;  // SIGKILLs and reaps the server, removes its folder
  suiteServer = nullptr;
}

void AccountsServerTest::SetUp() {
  tablet_ = std::make_unique<tools::TempDir>("phum-accounts-tablet");
  dbPath_ = tablet_->file("tablet.sqlite");
  store_ = store::LocalStore::open(dbPath_);
}

std::string AccountsServerTest::serverUrl() { return suiteServer->url; }

std::string AccountsServerTest::newEnrollmentCode() {
  std::istringstream output(
      runAdmin(suiteServer->dir.path(), {"devices", "enroll-code", "--name", "test tablet"}));
  std::string code;
  std::getline(output, code);  // the code alone on the first line (stdout, flushed first)
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

}  // namespace phum::accounts::testing
