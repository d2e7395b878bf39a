// The escrow key (issue 14) against the real server: a user who never signed in on this tablet
// signs in online after an app restart with nobody having unlocked it; a wrong password, a
// disabled account or a revoked tablet gets no key and no sign-in; offline, the user is told the
// server cannot be reached. Also: the device secret is never in clear after enrolment, a tablet
// enrolled before escrow keys gets its wrap at the next sign-in, and erasing removes the wrap.
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "accounts_server.h"
#include "core/errors.h"
#include "crypto/data_key.h"
#include "store/store_encryption.h"

namespace phum::accounts::testing {
namespace {

constexpr const char* kCarolPassword = "carol's long passphrase";

class EscrowTest : public AccountsServerTest {
 protected:
  // A user only this test knows (the suite's server is shared).
  std::string newUser() {
    static std::atomic<int> next{0};
    const std::string name = "carol" + std::to_string(next++);
    runAdmin(serverData(), {"users", "add", "--username", name, "--role", "enumerator", "--scope",
                            "12", "--password", kCarolPassword});
    return name;
  }

  // What a restarted app's sign-in page has: the device id, and no secret it can read yet.
  std::unique_ptr<sync::SyncClient> escrowClient() {
    sync::SyncConfig config;
    config.serverUrl = serverUrl();
    config.deviceId = store_->syncValue(store::kDeviceIdKey).value_or("");
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(20000);
    return std::make_unique<sync::SyncClient>(*store_, config);
  }

  // The device secret as the server gave it, read while the key is open.
  std::string deviceSecret() { return store_->syncValue(store::kDeviceSecretKey).value(); }

  // Enrols, alice signs in and saves a record, and the app stops (the key leaves memory).
  phum::v1::Record tabletInUseThenRestarted(DeviceAccounts& accounts) {
    enrollAndSignIn(accounts, "alice", "2580");
    const auto record = savedRecord("alice", "Sok Dara");
    accounts.signOut();
    crypto::forgetAllKeys();
    return record;
  }

  std::string auditActions(const std::string& actor) {
    return runAdmin(serverData(), {"audit", "list", "--actor", actor});
  }
};

TEST_F(EscrowTest, TheDeviceSecretIsNeverInClearAfterEnrolment) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "test tablet");
  EXPECT_TRUE(accounts.hasEscrowWrap());
  const std::string secret = deviceSecret();
  ASSERT_FALSE(secret.empty());
  EXPECT_EQ(tabletBytes().find(secret), std::string::npos) << "the device secret is in clear";
  crypto::forgetAllKeys();  // the app stopped before anyone signed in
  EXPECT_TRUE(accounts.dataLocked());
  EXPECT_EQ(tabletBytes().find(secret), std::string::npos);
  // The first user opens it through the escrow key, then signs in with the device credential.
  auto escrow = escrowClient();
  accounts.openDataKey(*escrow, "alice", kAlicePassword, "2580");
  EXPECT_EQ(deviceSecret(), secret);
  signIn(accounts, "alice", "2580");
  EXPECT_TRUE(accounts.syncConfigFor("alice", {}).has_value());
}

TEST_F(EscrowTest, ANewUserSignsInAfterARestartWithNobodyUnlocked) {
  DeviceAccounts accounts(dbPath_);
  const auto record = tabletInUseThenRestarted(accounts);
  const std::string carol = newUser();
  ASSERT_TRUE(accounts.dataLocked());
  auto escrow = escrowClient();
  accounts.openDataKey(*escrow, carol, kCarolPassword, "4826");
  EXPECT_FALSE(accounts.dataLocked());
  auto online = client();
  const auto account = accounts.firstSignIn(*online, carol, kCarolPassword, "4826");
  EXPECT_EQ(account.username, carol);
  EXPECT_TRUE(accounts.syncConfigFor(carol, {}).has_value());
  EXPECT_EQ(store_->listRecords("alice").at(0).title, "Sok Dara");
  // Her own wraps now: her PIN opens the tablet after the next restart, offline.
  crypto::forgetAllKeys();
  EXPECT_TRUE(accounts.unlock(carol, "4826").ok());
  EXPECT_FALSE(accounts.dataLocked());
  const std::string audit = auditActions(carol);
  EXPECT_NE(audit.find("escrow_key_given"), std::string::npos) << audit;
  EXPECT_NE(audit.find(accounts.deviceId()), std::string::npos) << audit;
}

TEST_F(EscrowTest, AWrongPasswordGetsNoKey) {
  DeviceAccounts accounts(dbPath_);
  tabletInUseThenRestarted(accounts);
  const std::string carol = newUser();
  auto escrow = escrowClient();
  try {
    accounts.openDataKey(*escrow, carol, "not her password at all", "4826");
    FAIL() << "a wrong password opened the records";
  } catch (const SyncError& e) {
    EXPECT_EQ(e.httpStatus(), 401) << e.what();
  }
  EXPECT_TRUE(accounts.dataLocked());
  EXPECT_EQ(auditActions(carol).find("escrow_key_given"), std::string::npos);
}

TEST_F(EscrowTest, ADisabledUserGetsNoKey) {
  DeviceAccounts accounts(dbPath_);
  tabletInUseThenRestarted(accounts);
  const std::string carol = newUser();
  runAdmin(serverData(), {"users", "disable", carol});
  auto escrow = escrowClient();
  try {
    accounts.openDataKey(*escrow, carol, kCarolPassword, "4826");
    FAIL() << "a disabled account opened the records";
  } catch (const SyncError& e) {
    EXPECT_EQ(e.httpStatus(), 401) << e.what();
  }
  EXPECT_TRUE(accounts.dataLocked());
}

TEST_F(EscrowTest, ARevokedTabletGetsNoKey) {
  DeviceAccounts accounts(dbPath_);
  tabletInUseThenRestarted(accounts);
  const std::string carol = newUser();
  runAdmin(serverData(), {"devices", "revoke", accounts.deviceId()});
  auto escrow = escrowClient();
  EXPECT_THROW(accounts.openDataKey(*escrow, carol, kCarolPassword, "4826"),
               sync::DeviceRevokedError);
  EXPECT_TRUE(accounts.dataLocked());
  EXPECT_EQ(auditActions(carol).find("escrow_key_given"), std::string::npos);
}

TEST_F(EscrowTest, OfflineANewUserIsToldTheServerCannotBeReached) {
  DeviceAccounts accounts(dbPath_);
  tabletInUseThenRestarted(accounts);
  sync::SyncConfig config;
  config.serverUrl = "http://127.0.0.1:9";  // nothing listens on the discard port
  config.deviceId = store_->syncValue(store::kDeviceIdKey).value_or("");
  config.connectTimeout = std::chrono::milliseconds(2000);
  sync::SyncClient offline(*store_, config);
  try {
    accounts.openDataKey(offline, "carol-offline", kCarolPassword, "4826");
    FAIL() << "opened without a server";
  } catch (const SyncError& e) {
    EXPECT_TRUE(e.retryable()) << e.what();
  }
  EXPECT_TRUE(accounts.dataLocked());
}

TEST_F(EscrowTest, ATabletEnrolledBeforeEscrowKeysGetsItsWrapAtTheNextSignIn) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  // As an older app left it: no escrow wrap.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DELETE FROM sync_state WHERE key LIKE 'accounts.escrow_wrap/%'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
  ASSERT_FALSE(accounts.hasEscrowWrap());
  crypto::forgetAllKeys();
  const std::string carol = newUser();
  auto escrow = escrowClient();
  EXPECT_THROW(accounts.openDataKey(*escrow, carol, kCarolPassword, "4826"), AccountError);
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  signIn(accounts, "alice", "2580");  // online, with the key in memory
  EXPECT_TRUE(accounts.hasEscrowWrap());
  accounts.signOut();
  crypto::forgetAllKeys();
  accounts.openDataKey(*escrow, carol, kCarolPassword, "4826");
  EXPECT_FALSE(accounts.dataLocked());
}

TEST_F(EscrowTest, ErasingTheKeysErasesTheEscrowWrap) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  ASSERT_TRUE(accounts.hasEscrowWrap());
  accounts.eraseKeys();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT count(*) FROM sync_state WHERE key LIKE "
                               "'accounts.escrow_wrap/%'",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
  ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
}

// The old escrow wrap goes only together with the new one in: an insert that fails (here a real
// trigger refusing it, as a full disk would) leaves the wrap there was.
TEST_F(EscrowTest, TheOldEscrowWrapStaysWhenTheNewOneCannotBeStored) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  ASSERT_TRUE(accounts.hasEscrowWrap());
  const auto wraps = [&] {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT key || ':' || hex(value) FROM sync_state WHERE key LIKE "
                                 "'accounts.escrow_wrap/%'",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    std::string all;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      all += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      all += "\n";
    }
    sqlite3_finalize(stmt);
    EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
    return all;
  };
  const std::string before = wraps();
  ASSERT_FALSE(before.empty());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER refuse_escrow_wrap BEFORE INSERT ON sync_state "
                         "WHEN NEW.key LIKE 'accounts.escrow_wrap/%' "
                         "BEGIN SELECT RAISE(ABORT, 'disk full'); END",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
  auto online = client();
  EXPECT_ANY_THROW(accounts.enroll(*online, newEnrollmentCode(), "test tablet"));
  EXPECT_EQ(wraps(), before);
}

}  // namespace
}  // namespace phum::accounts::testing
