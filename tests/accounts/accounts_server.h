#pragma once
// The real phum-server (with authentication on) and phum-admin for the accounts tests: one server
// per test suite, users added with `phum-admin users add`, enrolment codes from
// `phum-admin devices enroll-code`. Each test gets its own tablet database in a temp folder.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "accounts/device_accounts.h"
#include "phum_processes.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::accounts::testing {

inline constexpr const char* kAlicePassword = "alice's long passphrase";
inline constexpr const char* kBobPassword = "bob's long passphrase";

// Runs phum-admin with `args` against the storage of the server folder `dataDir`; returns its
// standard output. Throws (failing the test) with its errors if it exits non-zero.
std::string runAdmin(const std::string& dataDir, const std::vector<std::string>& args);

class AccountsServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  static std::string serverUrl();
  static std::string newEnrollmentCode();
  static std::string serverData();  // the server's data folder, for runAdmin

  // A SyncClient on this test's tablet database (reads the device credential it holds).
  std::unique_ptr<sync::SyncClient> client();
  // Enrols this test's tablet and signs `username` in with `pin`.
  LocalAccount enrollAndSignIn(DeviceAccounts& accounts, const std::string& username,
                               const std::string& pin);
  LocalAccount signIn(DeviceAccounts& accounts, const std::string& username,
                      const std::string& pin);
  // A household record with `name` as its respondent, saved in this test's tablet store.
  phum::v1::Record savedRecord(const std::string& author, const std::string& name);
  // Every byte of every file in this test's tablet folder (database, WAL, journal), for scans.
  std::string tabletBytes() const;

  std::unique_ptr<tools::TempDir> tablet_;
  std::string dbPath_;
  std::unique_ptr<store::LocalStore> store_;
};

}  // namespace phum::accounts::testing
