// Revocation of a user or of the tablet: secrets go, field records stay.
#include <sqlite3.h>

#include "accounts_server.h"

namespace phum::accounts::testing {
namespace {

class RevocationTest : public AccountsServerTest {
 protected:
  phum::v1::Record aliceRecord() {
    phum::v1::Record record;
    record.set_form_id("household");
    record.set_form_version("1");
    record.set_author("alice");
    record.set_location_code("12010203");
    return store_->saveRecord(record);
  }
  // What is left of a user's secrets, read straight from the file.
  std::string rawSecrets(const std::string& username) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(dbPath_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db,
                                 "SELECT pin_hash || session_token FROM device_accounts "
                                 "WHERE username = ?1",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    EXPECT_EQ(sqlite3_bind_text(stmt, 1, username.c_str(), -1, SQLITE_TRANSIENT), SQLITE_OK);
    std::string out = "(no row)";
    const int rc = sqlite3_step(stmt);
    EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(db);
    if (rc == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    EXPECT_EQ(sqlite3_finalize(stmt), SQLITE_OK);
    EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
    return out;
  }
  static phum::v1::ChangeBatch revocationBatch(std::uint64_t seq, const std::string& username,
                                               const std::string& deviceId = {}) {
    phum::v1::ChangeBatch batch;
    auto* change = batch.add_changes();
    change->set_seq(seq);
    if (deviceId.empty()) {
      change->mutable_revocation()->set_username(username);
    } else {
      change->mutable_revocation()->set_device_id(deviceId);
    }
    batch.set_next_cursor(seq);
    return batch;
  }
};

TEST_F(RevocationTest, ARevokedUserLosesPinAndSessionButNotTheirRecords) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  signIn(accounts, "bob", "9713");
  accounts.unlock("alice", "2468");
  const auto saved = aliceRecord();

  EXPECT_TRUE(accounts.revokeUser("alice"));
  EXPECT_FALSE(accounts.revokeUser("alice"));  // already done
  EXPECT_FALSE(accounts.revokeUser("carol"));  // never on this tablet
  EXPECT_EQ(rawSecrets("alice"), "");
  EXPECT_FALSE(accounts.currentUser());  // she was signed in: not any more
  ASSERT_EQ(accounts.listUsers().size(), 1u);
  EXPECT_EQ(accounts.listUsers()[0].username, "bob");
  const auto refused = accounts.unlock("alice", "2468");
  EXPECT_EQ(refused.status, UnlockStatus::Revoked);
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));

  // Her unsent work is still on the tablet, queued for when her account is reinstated.
  EXPECT_TRUE(store_->findRecord(*Uuid::fromBytes(saved.uuid())));
  EXPECT_EQ(store_->outboxCountsFor("alice").queued, 1);
  EXPECT_TRUE(accounts.unlock("bob", "9713").ok());
}

TEST_F(RevocationTest, ReinstatedUsersSignInOnlineAgain) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  accounts.revokeUser("alice");
  signIn(accounts, "alice", "8642");
  accounts.signOut();
  EXPECT_TRUE(accounts.unlock("alice", "8642").ok());
  EXPECT_TRUE(accounts.syncConfigFor("alice", {}));
}

TEST_F(RevocationTest, AFeedRevocationTakesEffectWithoutFurtherWiring) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  signIn(accounts, "bob", "9713");
  store_->applyChanges(revocationBatch(7, "alice"));  // as SyncClient::pullChanges does

  ASSERT_EQ(accounts.listUsers().size(), 1u);  // hidden at once
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));
  EXPECT_EQ(accounts.unlock("alice", "2468").status, UnlockStatus::Revoked);
  EXPECT_EQ(rawSecrets("alice"), "");  // and wiped by the first unlock
  EXPECT_EQ(accounts.applyRecordedRevocations(), 0);

  // Reinstated on the server and signed in again: the old revocation stays in the past.
  signIn(accounts, "alice", "8642");
  EXPECT_EQ(accounts.applyRecordedRevocations(), 0);
  EXPECT_EQ(accounts.listUsers().size(), 2u);
  // A newer revocation applies again.
  store_->applyChanges(revocationBatch(9, "alice"));
  EXPECT_EQ(accounts.applyRecordedRevocations(), 1);
  EXPECT_EQ(accounts.listUsers().size(), 1u);
}

TEST_F(RevocationTest, TheApplierCanPassTheRevocationItself) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  phum::v1::Revocation revocation;
  revocation.set_username("alice");
  EXPECT_TRUE(accounts.applyRevocation(revocation));
  EXPECT_TRUE(accounts.listUsers().empty());
  revocation.set_device_id("some-other-tablet");
  EXPECT_FALSE(accounts.applyRevocation(revocation));
  EXPECT_TRUE(accounts.isEnrolled());
}

TEST_F(RevocationTest, ARevokedTabletForgetsItsCredentialAndSessions) {
  DeviceAccounts accounts(dbPath_);
  enrollAndSignIn(accounts, "alice", "2468");
  const auto saved = aliceRecord();
  const std::string deviceId = accounts.deviceId();
  store_->applyChanges(revocationBatch(3, "", deviceId));

  EXPECT_FALSE(accounts.isEnrolled());  // at once, from the feed marker
  EXPECT_FALSE(accounts.syncConfigFor("alice", {}));
  EXPECT_EQ(accounts.applyRecordedRevocations(), 1);
  EXPECT_EQ(store_->syncValue(store::kDeviceSecretKey), std::nullopt);
  EXPECT_FALSE(accounts.currentUser());
  // PINs and records stay: a tablet found again is re-enrolled without losing unsent work.
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
  EXPECT_EQ(store_->outboxCountsFor("alice").queued, 1);
  EXPECT_TRUE(store_->findRecord(*Uuid::fromBytes(saved.uuid())));
  auto online = client();
  accounts.enroll(*online, newEnrollmentCode(), "found again");
  EXPECT_TRUE(accounts.isEnrolled());
}

}  // namespace
}  // namespace phum::accounts::testing
