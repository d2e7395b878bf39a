// Schema, enrolment and online first sign-in against the real server.
#include <sqlite3.h>

#include <thread>

#include "accounts/accounts_schema.h"
#include "accounts_server.h"
#include "core/clock.h"
#include "core/errors.h"
#include "store/schema.h"

namespace phum::accounts::testing {
namespace {

class DeviceAccountsTest : public AccountsServerTest {};

void setRawSyncValue(const std::string& path, const std::string& key, const std::string& value) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string sql =
      "INSERT OR REPLACE INTO sync_state VALUES ('" + key + "', '" + value + "')";
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
}

TEST_F(DeviceAccountsTest, ANewTabletHasNoEnrolmentAndNoUsers) {
  DeviceAccounts accounts(dbPath_);
  EXPECT_FALSE(accounts.isEnrolled());
  EXPECT_EQ(accounts.deviceId(), "");
  EXPECT_TRUE(accounts.listUsers().empty());
  EXPECT_FALSE(accounts.currentUser());
  const auto unlocked = accounts.unlock("alice", "2468");
  EXPECT_EQ(unlocked.status, UnlockStatus::UnknownUser);
  EXPECT_EQ(unlocked.message,
            "No account 'alice' on this tablet. Sign in online once with your password.");
}

TEST_F(DeviceAccountsTest, ItsTablesHaveTheirOwnVersionBesideLocalStore) {
  { DeviceAccounts accounts(dbPath_); }
  EXPECT_EQ(store_->syncValue(kAccountsSchemaVersionKey),
            std::to_string(latestAccountsSchemaVersion()));
  EXPECT_EQ(store_->schemaVersion(), store::latestSchemaVersion());  // LocalStore's untouched
  DeviceAccounts again(dbPath_);  // reopening migrates nothing twice
  EXPECT_NE(store::LocalStore::open(dbPath_), nullptr);
}

TEST_F(DeviceAccountsTest, SeveralOpenersOfANewFileMigrateItOnce) {
  const std::string fresh = tablet_->file("fresh.sqlite");
  std::vector<std::thread> openers;
  std::vector<std::string> errors(4);
  for (std::size_t i = 0; i < errors.size(); ++i) {
    openers.emplace_back([&, i] {
      try {
        DeviceAccounts accounts(fresh);
        accounts.listUsers();
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& opener : openers) opener.join();
  for (const auto& error : errors) EXPECT_EQ(error, "");
  EXPECT_EQ(store::LocalStore::open(fresh)->syncValue(kAccountsSchemaVersionKey),
            std::to_string(latestAccountsSchemaVersion()));
}

TEST_F(DeviceAccountsTest, RefusesAFileWrittenByANewerApp) {
  { DeviceAccounts accounts(dbPath_); }
  setRawSyncValue(dbPath_, kAccountsSchemaVersionKey, "99");
  try {
    DeviceAccounts accounts(dbPath_);
    FAIL() << "a newer accounts schema was accepted";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("newer app"), std::string::npos) << e.what();
  }
}

TEST_F(DeviceAccountsTest, AWrongEnrolmentCodeIsRefusedWithTheServersReason) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  EXPECT_THROW(accounts.enroll(*online, "   ", "tablet"), AccountError);
  try {
    accounts.enroll(*online, "NOT-A-CODE", "tablet");
    FAIL() << "a made-up code was accepted";
  } catch (const SyncError& e) {
    EXPECT_FALSE(e.retryable());
    EXPECT_EQ(e.httpStatus(), 401);
  }
  EXPECT_FALSE(accounts.isEnrolled());
}

TEST_F(DeviceAccountsTest, SignInNeedsAnEnrolledTablet) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  try {
    accounts.firstSignIn(*online, "alice", kAlicePassword, "2468");
    FAIL() << "signed in on a tablet that is not enrolled";
  } catch (const AccountError& e) {
    EXPECT_NE(std::string(e.what()).find("not enrolled"), std::string::npos) << e.what();
  }
}

TEST_F(DeviceAccountsTest, FirstSignInKeepsTheAccountAndASessionThatSyncs) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  const std::string deviceId = accounts.enroll(*online, newEnrollmentCode(), "tablet 7");
  EXPECT_TRUE(accounts.isEnrolled());
  EXPECT_EQ(accounts.deviceId(), deviceId);
  EXPECT_EQ(store_->syncValue(store::kDeviceIdKey), deviceId);

  // Khmer digits, as typed on a Khmer keyboard.
  const auto alice = accounts.firstSignIn(*online, " alice ", kAlicePassword, "២៤៦៨");
  EXPECT_EQ(alice.username, "alice");
  EXPECT_EQ(alice.displayName, "Alice Sok");
  EXPECT_EQ(alice.role, phum::v1::ROLE_ENUMERATOR);
  EXPECT_EQ(alice.scopeCode, "12");
  EXPECT_TRUE(alice.canSync);
  EXPECT_FALSE(alice.lockedOut);
  ASSERT_TRUE(accounts.currentUser());
  EXPECT_EQ(accounts.currentUser()->username, "alice");

  // The kept credentials work for a fresh client: the change feed needs device and user.
  sync::SyncConfig base;
  base.serverUrl = serverUrl();
  const auto config = accounts.syncConfigFor("alice", base);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->author, "alice");
  EXPECT_EQ(config->deviceId, deviceId);
  sync::SyncClient later(*store_, *config);
  const auto pulled = later.pullChanges();
  EXPECT_EQ(pulled.error, "");
  EXPECT_TRUE(pulled.complete);
}

TEST_F(DeviceAccountsTest, AWrongPasswordKeepsNothing) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "tablet");
  try {
    accounts.firstSignIn(*online, "alice", "not her password", "2468");
    FAIL() << "a wrong password was accepted";
  } catch (const SyncError& e) {
    EXPECT_FALSE(e.retryable());
    EXPECT_EQ(e.httpStatus(), 401);
  }
  EXPECT_TRUE(accounts.listUsers().empty());
  EXPECT_FALSE(accounts.currentUser());
}

TEST_F(DeviceAccountsTest, ABadPinIsRefusedBeforeAnythingIsSent) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();  // not enrolled: any request would fail differently
  EXPECT_THROW(accounts.firstSignIn(*online, "alice", kAlicePassword, "12"), AccountError);
  EXPECT_THROW(accounts.firstSignIn(*online, "alice", kAlicePassword, "1111"), AccountError);
  EXPECT_THROW(accounts.firstSignIn(*online, "", kAlicePassword, "2468"), AccountError);
  EXPECT_THROW(accounts.firstSignIn(*online, "alice", "", "2468"), AccountError);
}

TEST_F(DeviceAccountsTest, TwoUsersShareATabletEachWithTheirOwnPinAndSession) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  signIn(accounts, "bob", "9713");
  const auto users = accounts.listUsers();
  ASSERT_EQ(users.size(), 2u);
  EXPECT_EQ(users[0].displayName, "Alice Sok");
  EXPECT_EQ(users[1].displayName, "Bob Chea");
  EXPECT_EQ(accounts.currentUser()->username, "bob");

  accounts.signOut();
  EXPECT_FALSE(accounts.currentUser());
  EXPECT_EQ(accounts.unlock("bob", "2468").status, UnlockStatus::WrongPin);  // alice's PIN
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
  EXPECT_EQ(accounts.currentUser()->username, "alice");

  // Signed out users keep their session, so their records can still go in the background.
  const auto bobConfig = accounts.syncConfigFor("bob", {});
  const auto aliceConfig = accounts.syncConfigFor("alice", {});
  ASSERT_TRUE(bobConfig && aliceConfig);
  EXPECT_NE(bobConfig->sessionToken, aliceConfig->sessionToken);
}

TEST_F(DeviceAccountsTest, AnExpiredSessionStillUnlocksButNoLongerSyncs) {
  std::int64_t clock = nowMillis();
  DeviceAccounts accounts(dbPath_, [&] { return clock; });
  enrollAndSignIn(accounts, "alice", "2468");
  clock += 31LL * 24 * 3600 * 1000;  // the server's sessions last 30 days
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
  EXPECT_FALSE(accounts.currentUser()->canSync);
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));
}

TEST_F(DeviceAccountsTest, ReEnrolmentDropsSessionsButKeepsPins) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "tablet, enrolled again");
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
  signIn(accounts, "alice", "2468");  // online again: a session for the new enrolment
  EXPECT_TRUE(accounts.syncConfigFor("alice", {}));
}

}  // namespace
}  // namespace phum::accounts::testing
