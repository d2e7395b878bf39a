// A found tablet re-enrolled while its data key is locked (issue 14), against the real server:
// the new device secret is sealed to the store's public key, so no file the tablet wrote (database,
// WAL, journal) holds it in clear; the next PIN unlock re-encrypts it under the data key and turns
// the sealed escrow key into the escrow wrap, and a push with the new secret succeeds. A store
// whose data key came before the sealing key pair gets the pair at its next unlock.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "accounts_server.h"
#include "crypto/data_key.h"
#include "sqlite/sqlite_db.h"
#include "store/store_encryption.h"

namespace phum::accounts::testing {
namespace {

class LockedEnrolmentTest : public AccountsServerTest {
 protected:
  // The app stopped and started again: the data key is no longer in memory.
  static void restart() { crypto::forgetAllKeys(); }

  // The test server, without any credential.
  sync::SyncConfig serverConfig() {
    sync::SyncConfig config;
    config.serverUrl = serverUrl();
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(20000);
    return config;
  }

  // Re-enrols with a new code through a client without any credential, as the app does.
  void reEnrol(DeviceAccounts& accounts) {
    sync::SyncClient enrolling(*store_, serverConfig());
    accounts.enroll(enrolling, newEnrollmentCode(), "found tablet");
  }

  // The raw sync_state value of `key`, as it is in the file ("" when absent).
  std::string rawSyncValue(const std::string& key) {
    sqlite::Database db(dbPath_);
    db.exec("PRAGMA busy_timeout = 10000");
    auto stmt = db.prepare("SELECT value FROM sync_state WHERE key = ?1");
    stmt.bind(1, key);
    return stmt.step() ? stmt.blob(0) : std::string();
  }

  // Back to a store from before the sealing key pair: its two rows removed.
  void removeSealingKeys() {
    sqlite::Database db(dbPath_);
    db.exec("PRAGMA busy_timeout = 10000");
    db.prepare("DELETE FROM sync_state WHERE key IN (?1, ?2)")
        .bind(1, std::string_view(store::kSealingPublicKeyKey))
        .bind(2, std::string_view(store::kSealingSecretKeyKey))
        .run();
  }

  // Pushes `username`'s records with the credential the accounts hold.
  sync::SyncReport push(DeviceAccounts& accounts, const std::string& username) {
    const auto config = accounts.syncConfigFor(username, serverConfig());
    if (!config) {
      ADD_FAILURE() << username << " cannot sync";
      return {};
    }
    sync::SyncClient client(*store_, *config);
    return client.syncOnce();
  }

  // `username`'s one record goes out with the device secret `secret`, which no file of the
  // tablet holds in clear.
  void expectPushedWithTheSecretCovered(DeviceAccounts& accounts, const std::string& username,
                                        const std::string& secret) {
    const auto report = push(accounts, username);
    EXPECT_EQ(report.error, "");
    EXPECT_EQ(report.sent, 1);
    EXPECT_EQ(tabletBytes().find(secret), std::string::npos);
  }
};

TEST_F(LockedEnrolmentTest, TheNewSecretIsSealedWhileLockedAndTheNextUnlockSyncsWithIt) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  const std::string oldSecret = store_->syncValue(store::kDeviceSecretKey).value();
  EXPECT_FALSE(rawSyncValue(store::kSealingPublicKeyKey).empty()) << "no key pair with the key";
  savedRecord("alice", "Sok Dara");  // finalized, not sent yet
  accounts.signOut();
  restart();

  ASSERT_TRUE(accounts.dataLocked());
  reEnrol(accounts);
  EXPECT_TRUE(accounts.isEnrolled());
  EXPECT_TRUE(accounts.dataLocked());
  EXPECT_TRUE(store::isSealed(rawSyncValue(store::kDeviceSecretKey)));
  EXPECT_THROW(store_->syncValue(store::kDeviceSecretKey), crypto::LockedError);
  EXPECT_FALSE(accounts.hasEscrowWrap());  // the data key to wrap is locked
  const std::string whileLocked = tabletBytes();

  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  const std::string secret = store_->syncValue(store::kDeviceSecretKey).value();
  ASSERT_EQ(secret.size(), 64u);
  EXPECT_NE(secret, oldSecret);
  EXPECT_EQ(whileLocked.find(secret), std::string::npos) << "in clear while locked";
  EXPECT_EQ(tabletBytes().find(secret), std::string::npos) << "in clear after the unlock";
  EXPECT_FALSE(store::isSealed(rawSyncValue(store::kDeviceSecretKey)));
  // The escrow key that came with the enrolment became the escrow wrap at this offline unlock:
  // bob, new to the tablet, signs in after a restart without anyone unlocking it first.
  EXPECT_TRUE(accounts.hasEscrowWrap());
  accounts.signOut();
  restart();
  {
    sync::SyncConfig escrow = serverConfig();
    escrow.deviceId = accounts.deviceId();
    sync::SyncClient escrowClient(*store_, escrow);
    accounts.openDataKey(escrowClient, "bob", kBobPassword, "4826");
  }
  EXPECT_FALSE(accounts.dataLocked());
  signIn(accounts, "bob", "4826");

  // The re-enrolment dropped alice's session: she signs in online, and her record goes out with
  // the new secret.
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));
  signIn(accounts, "alice", "2580");
  EXPECT_EQ(accounts.syncConfigFor("alice", {})->deviceSecret, secret);
  expectPushedWithTheSecretCovered(accounts, "alice", secret);
}

TEST_F(LockedEnrolmentTest, AnOnlineSignInAfterTheLockedEnrolmentOpensTheSealedSecretFirst) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  accounts.signOut();
  restart();
  reEnrol(accounts);
  // What the app's online sign-in does on a locked tablet: open the key, then read the secret.
  accounts.openDataKey("alice", kAlicePassword, "2580");
  const std::string secret = store_->syncValue(store::kDeviceSecretKey).value();
  EXPECT_EQ(secret.size(), 64u);
  EXPECT_TRUE(accounts.hasEscrowWrap());
  signIn(accounts, "alice", "2580");
  savedRecord("alice", "Chea Sopheap");
  expectPushedWithTheSecretCovered(accounts, "alice", secret);
}

TEST_F(LockedEnrolmentTest, AStoreFromBeforeTheKeyPairGetsOneAtItsNextUnlock) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  accounts.signOut();
  removeSealingKeys();
  restart();

  // Re-enrolled before that unlock: nothing to seal to, so the secret is kept in clear (as before
  // the key pair) until the unlock encrypts it and drops the pages that held it.
  reEnrol(accounts);
  const std::string clear = rawSyncValue(store::kDeviceSecretKey);
  ASSERT_EQ(clear.size(), 64u);
  ASSERT_NE(tabletBytes().find(clear), std::string::npos) << "the scan would not see it";
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  EXPECT_EQ(rawSyncValue(store::kSealingPublicKeyKey).size(), 64u);
  EXPECT_FALSE(rawSyncValue(store::kSealingSecretKeyKey).empty());
  EXPECT_EQ(store_->syncValue(store::kDeviceSecretKey), clear);
  EXPECT_EQ(tabletBytes().find(clear), std::string::npos) << "the clear secret's page stayed";

  // From now on a locked re-enrolment seals.
  accounts.signOut();
  restart();
  reEnrol(accounts);
  EXPECT_TRUE(store::isSealed(rawSyncValue(store::kDeviceSecretKey)));
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  EXPECT_EQ(store_->syncValue(store::kDeviceSecretKey)->size(), 64u);
}

// A public key changed in the file (to seal secrets to someone else's key) is put back at the
// next unlock from the secret key, which only the data key opens.
TEST_F(LockedEnrolmentTest, AChangedPublicKeyIsRepairedAtTheNextUnlock) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  const std::string publicKey = rawSyncValue(store::kSealingPublicKeyKey);
  accounts.signOut();
  {
    sqlite::Database db(dbPath_);
    db.exec("PRAGMA busy_timeout = 10000");
    db.prepare("UPDATE sync_state SET value = ?1 WHERE key = ?2")
        .bind(1, std::string(64, 'a'))
        .bind(2, std::string_view(store::kSealingPublicKeyKey))
        .run();
  }
  restart();
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  EXPECT_EQ(rawSyncValue(store::kSealingPublicKeyKey), publicKey);
}

}  // namespace
}  // namespace phum::accounts::testing
