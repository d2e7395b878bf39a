// PIN rules and hashing, without a server.
#include "accounts/pin.h"

#include <gtest/gtest.h>

#include "accounts/device_accounts.h"

namespace phum::accounts {
namespace {

TEST(Pin, AcceptsAsciiAndKhmerDigits) {
  EXPECT_EQ(normalisePin("2468"), "2468");
  EXPECT_EQ(normalisePin("\u17E2\u17E4\u17E6\u17E8"), "2468");  // ២៤៦៨
  EXPECT_EQ(normalisePin("\u17E1 9\u17E7 3"), "1973");          // mixed, spaces ignored
  EXPECT_EQ(normalisePin("80417326"), "80417326");
}

TEST(Pin, RefusesWrongLengthOrLettersWithAMessage) {
  try {
    normalisePin("975");
    FAIL() << "a 3-digit PIN was accepted";
  } catch (const AccountError& e) {
    EXPECT_STREQ(e.what(), "The PIN must be 4 to 8 digits; this one has 3.");
  }
  EXPECT_THROW(normalisePin("804173261"), AccountError);
  EXPECT_THROW(normalisePin("12a4"), AccountError);
  EXPECT_THROW(normalisePin(""), AccountError);
  EXPECT_THROW(normalisePin("\xE1\x9F"), AccountError);  // a cut-off Khmer digit
}

TEST(Pin, RefusesTheFirstGuessesAnyoneTries) {
  EXPECT_THROW(normalisePin("0000"), AccountError);
  EXPECT_THROW(normalisePin("1234"), AccountError);
  EXPECT_THROW(normalisePin("98765"), AccountError);
  EXPECT_THROW(normalisePin("\u17E1\u17E1\u17E1\u17E1"), AccountError);
  EXPECT_NO_THROW(normalisePin("1235"));
}

TEST(Pin, DigitsForUnlockKeepNoStrengthRules) {
  EXPECT_EQ(pinDigits("1234"), "1234");  // a PIN chosen under older rules still unlocks
  EXPECT_EQ(pinDigits("\u17E0\u17E9"), "09");
  EXPECT_EQ(pinDigits("12x"), std::nullopt);
}

TEST(Pin, HashIsArgon2idAndChecks) {
  const std::string hash = hashPin("2468");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(pinMatches(hash, "2468"));
  EXPECT_FALSE(pinMatches(hash, "2469"));
  EXPECT_FALSE(pinHashOutdated(hash));
  EXPECT_NE(hashPin("2468"), hash);  // salted
}

TEST(Pin, LockoutWaitDoublesUpToAnHour) {
  EXPECT_EQ(lockoutWaitMs(0), 60'000);
  EXPECT_EQ(lockoutWaitMs(1), 120'000);
  EXPECT_EQ(lockoutWaitMs(5), 32 * 60'000);
  EXPECT_EQ(lockoutWaitMs(6), 60 * 60'000);
  EXPECT_EQ(lockoutWaitMs(1000), 60 * 60'000);
  EXPECT_EQ(describeWait(60'000), "1 minute");
  EXPECT_EQ(describeWait(61'000), "2 minutes");
  EXPECT_EQ(describeWait(30'500), "31 seconds");
}

}  // namespace
}  // namespace phum::accounts
