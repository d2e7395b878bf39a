// Offline PIN unlock and the lockout after wrong PINs. The clock is the test's own: no waiting.
#include "accounts_server.h"
#include "core/clock.h"

namespace phum::accounts::testing {
namespace {

constexpr std::int64_t kMinute = 60'000;

class LockoutTest : public AccountsServerTest {
 protected:
  void SetUp() override {
    AccountsServerTest::SetUp();
    clock_ = nowMillis();
    DeviceAccounts accounts(dbPath_, tabletClock());
    enrollAndSignIn(accounts, "alice", "2468");
    accounts.signOut();
  }
  DeviceAccounts::Clock tabletClock() {
    return [this] { return clock_; };
  }
  // Four wrong PINs: one try left.
  void missFourTimes(DeviceAccounts& accounts) {
    for (int i = 0; i < 4; ++i) ASSERT_EQ(accounts.unlock("alice", "1357").triesLeft, 4 - i);
  }
  std::int64_t clock_ = 0;
};

TEST_F(LockoutTest, UnlocksOfflineWithAsciiOrKhmerDigits) {
  DeviceAccounts accounts(dbPath_, tabletClock());  // as after an app restart
  const auto unlocked = accounts.unlock("alice", "2468");
  EXPECT_TRUE(unlocked.ok());
  EXPECT_EQ(unlocked.message, "Welcome, Alice Sok.");
  EXPECT_EQ(accounts.currentUser()->username, "alice");
  accounts.signOut();
  EXPECT_TRUE(accounts.unlock("alice", "\u17E2\u17E4\u17E6\u17E8").ok());
}

TEST_F(LockoutTest, WrongPinsCountDownInPlainWords) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  EXPECT_EQ(accounts.unlock("alice", "1357").message, "Wrong PIN, 4 tries left");
  EXPECT_EQ(accounts.unlock("alice", "1357").message, "Wrong PIN, 3 tries left");
  EXPECT_EQ(accounts.unlock("alice", "1357").message, "Wrong PIN, 2 tries left");
  const auto last = accounts.unlock("alice", "1357");
  EXPECT_EQ(last.status, UnlockStatus::WrongPin);
  EXPECT_EQ(last.message, "Wrong PIN, 1 try left");
  EXPECT_FALSE(accounts.currentUser());
  // A right PIN clears the count.
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
  EXPECT_EQ(accounts.unlock("alice", "1357").triesLeft, 4);
}

TEST_F(LockoutTest, LettersAreNotCountedAsAGuess) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  const auto slip = accounts.unlock("alice", "24a8");
  EXPECT_EQ(slip.status, UnlockStatus::WrongPin);
  EXPECT_EQ(accounts.unlock("alice", "1357").triesLeft, 4);
}

TEST_F(LockoutTest, FiveWrongPinsLockEvenTheRightOneAndSurviveARestart) {
  {
    DeviceAccounts accounts(dbPath_, tabletClock());
    missFourTimes(accounts);
    const auto locked = accounts.unlock("alice", "1357");
    EXPECT_EQ(locked.status, UnlockStatus::LockedOut);
    EXPECT_EQ(locked.retryAtMs, clock_ + kMinute);
    EXPECT_EQ(locked.message,
              "Wrong PIN. Too many wrong PINs. Try again in 1 minute, or sign in online with your "
              "password.");
  }
  DeviceAccounts restarted(dbPath_, tabletClock());
  clock_ += 30'000;
  const auto stillLocked = restarted.unlock("alice", "2468");
  EXPECT_EQ(stillLocked.status, UnlockStatus::LockedOut);
  EXPECT_EQ(stillLocked.message,
            "Too many wrong PINs. Try again in 30 seconds, or sign in online with your password.");
  EXPECT_TRUE(restarted.listUsers().at(0).lockedOut);
  EXPECT_FALSE(restarted.currentUser());
}

TEST_F(LockoutTest, EachFurtherWrongPinDoublesTheWait) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  missFourTimes(accounts);
  EXPECT_EQ(accounts.unlock("alice", "1357").retryAtMs, clock_ + kMinute);
  clock_ += kMinute;
  EXPECT_EQ(accounts.unlock("alice", "1357").retryAtMs, clock_ + 2 * kMinute);
  clock_ += 2 * kMinute;
  EXPECT_EQ(accounts.unlock("alice", "1357").retryAtMs, clock_ + 4 * kMinute);
  clock_ += 4 * kMinute;
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());  // and the slate is clean again
  EXPECT_EQ(accounts.unlock("alice", "1357").triesLeft, 4);
}

TEST_F(LockoutTest, SettingTheClockBackDoesNotLockForDays) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  missFourTimes(accounts);
  accounts.unlock("alice", "1357");
  clock_ -= 3LL * 24 * 3600 * 1000;
  const auto locked = accounts.unlock("alice", "2468");
  EXPECT_EQ(locked.status, UnlockStatus::LockedOut);
  EXPECT_EQ(locked.retryAtMs, clock_ + kMinute);
  clock_ += kMinute;
  EXPECT_TRUE(accounts.unlock("alice", "2468").ok());
}

TEST_F(LockoutTest, OneUsersLockoutLeavesTheOthersAlone) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  signIn(accounts, "bob", "9713");
  accounts.signOut();
  missFourTimes(accounts);
  accounts.unlock("alice", "1357");
  EXPECT_TRUE(accounts.unlock("bob", "9713").ok());
}

TEST_F(LockoutTest, SigningInOnlineWithThePasswordLiftsTheLockout) {
  DeviceAccounts accounts(dbPath_, tabletClock());
  missFourTimes(accounts);
  accounts.unlock("alice", "1357");
  signIn(accounts, "alice", "8642");  // forgot the PIN: password online, new PIN
  accounts.signOut();
  EXPECT_EQ(accounts.unlock("alice", "2468").status, UnlockStatus::WrongPin);
  EXPECT_TRUE(accounts.unlock("alice", "8642").ok());
}

}  // namespace
}  // namespace phum::accounts::testing
