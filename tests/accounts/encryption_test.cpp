// The tablet's data key through the accounts, against the real server: the first sign-in encrypts
// the store, a restarted app opens it again with a PIN or (PIN forgotten) the password, a second
// user of the tablet gets the key once someone has unlocked, and an older store whose user had
// only a PIN is encrypted at their first unlock without losing a record.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "accounts/pin.h"
#include "accounts_server.h"
#include "core/errors.h"
#include "crypto/data_key.h"
#include "store/store_encryption.h"

namespace phum::accounts::testing {
namespace {

class EncryptionTest : public AccountsServerTest {
 protected:
  void exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    ASSERT_EQ(sqlite3_close(db), SQLITE_OK);
  }
};

TEST_F(EncryptionTest, TheFirstSignInEncryptsAndTheKeyComesBackWithPinOrPassword) {
  DeviceAccounts accounts(dbPath_);
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "test tablet");
  const auto record = savedRecord("alice", "Sok Dara");  // before anyone signed in
  signIn(accounts, "alice", "2580");
  const std::string bytes = tabletBytes();
  EXPECT_EQ(bytes.find("Sok Dara"), std::string::npos);
  const std::string secret = store_->syncValue(store::kDeviceSecretKey).value();
  EXPECT_EQ(bytes.find(secret), std::string::npos) << "the device secret is in clear";

  crypto::forgetAllKeys();  // the app stopped
  EXPECT_TRUE(accounts.dataLocked());
  EXPECT_THROW(store_->findRecord(*Uuid::fromBytes(record.uuid())), crypto::LockedError);
  EXPECT_EQ(accounts.unlock("alice", "1397").status, UnlockStatus::WrongPin);
  EXPECT_TRUE(accounts.dataLocked());
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  EXPECT_EQ(
      store_->findRecord(*Uuid::fromBytes(record.uuid()))->answers().answers(0).value().text(),
      "Sok Dara");
  ASSERT_TRUE(accounts.syncConfigFor("alice", {}));
  EXPECT_EQ(accounts.syncConfigFor("alice", {})->deviceSecret, secret);

  crypto::forgetAllKeys();  // and alice forgot her PIN: the password opens the records
  accounts.openDataKey("alice", kAlicePassword, "3691");  // before reading the device secret
  auto again = client();
  accounts.firstSignIn(*again, "alice", kAlicePassword, "3691");
  EXPECT_FALSE(accounts.dataLocked());
  EXPECT_EQ(
      store_->findRecord(*Uuid::fromBytes(record.uuid()))->answers().answers(0).value().text(),
      "Sok Dara");
  crypto::forgetAllKeys();
  EXPECT_TRUE(accounts.unlock("alice", "3691").ok());  // the new PIN wraps the same key
  EXPECT_FALSE(accounts.dataLocked());
}

TEST_F(EncryptionTest, ASecondUserGetsTheKeyOnceSomeoneUnlocked) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2580");
  savedRecord("alice", "Sok Dara");
  crypto::forgetAllKeys();
  try {
    accounts.openDataKey("bob", kBobPassword, "4826");
    FAIL() << "bob opened alice's records without anyone unlocking";
  } catch (const AccountError& e) {
    EXPECT_NE(std::string(e.what()).find("Ask a user of this tablet to unlock"), std::string::npos)
        << e.what();
  }
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  accounts.signOut();
  signIn(accounts, "bob", "4826");
  crypto::forgetAllKeys();
  EXPECT_TRUE(accounts.unlock("bob", "4826").ok());
  EXPECT_EQ(store_->listRecords("alice").at(0).title, "Sok Dara");
}

TEST_F(EncryptionTest, AnOlderStoreIsEncryptedAtItsUsersFirstUnlock) {
  DeviceAccounts accounts(dbPath_);
  const auto record = savedRecord("alice", "Chan Thida");
  // A user kept by an app from before encryption: a PIN hash, a session, no key wraps.
  exec(
      "INSERT INTO device_accounts (username, display_name, role, scope_code, pin_hash, "
      "session_token, session_expires_at_ms) VALUES ('alice', 'Alice', 1, '12', '" +
      hashPin("2580") + "', 'old-session-token-xyz', 4102444800000)");
  ASSERT_NE(tabletBytes().find("old-session-token-xyz"), std::string::npos);
  crypto::forgetAllKeys();
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());
  const std::string bytes = tabletBytes();
  EXPECT_EQ(bytes.find("Chan Thida"), std::string::npos);
  EXPECT_EQ(bytes.find("old-session-token-xyz"), std::string::npos);
  crypto::forgetAllKeys();
  ASSERT_TRUE(accounts.unlock("alice", "2580").ok());  // her new PIN wrap opens it
  EXPECT_EQ(
      store_->findRecord(*Uuid::fromBytes(record.uuid()))->answers().answers(0).value().text(),
      "Chan Thida");
}

}  // namespace
}  // namespace phum::accounts::testing
