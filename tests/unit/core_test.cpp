// uuid, clock and the record's protobuf round trip.
#include <gtest/gtest.h>

#include <set>

#include "core/clock.h"
#include "core/hex.h"
#include "core/uuid.h"
#include "google/protobuf/util/message_differencer.h"
#include "support/sample_records.h"

namespace phum {
namespace {

TEST(Uuid, GeneratesVersion4WithRfcVariantAndNoRepeats) {
  std::set<Uuid> seen;
  for (int i = 0; i < 1000; ++i) {
    Uuid id = Uuid::generate();
    EXPECT_EQ(id.bytes[6] >> 4, 4);
    EXPECT_EQ(id.bytes[8] & 0xC0, 0x80);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Uuid, TextAndBytesRoundTrip) {
  Uuid id = Uuid::generate();
  std::string text = id.toString();
  ASSERT_EQ(text.size(), 36u);
  EXPECT_EQ(Uuid::parse(text), id);
  EXPECT_EQ(Uuid::fromBytes(id.toBytes()), id);
  EXPECT_EQ(id.toBytes().size(), 16u);
}

TEST(Uuid, ParseAcceptsUpperCaseAndRejectsMalformed) {
  auto id = Uuid::parse("0F8FAD5B-D9CB-469F-A165-70867728950E");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->toString(), "0f8fad5b-d9cb-469f-a165-70867728950e");
  EXPECT_FALSE(Uuid::parse(""));
  EXPECT_FALSE(Uuid::parse("0f8fad5b-d9cb-469f-a165-70867728950"));    // short
  EXPECT_FALSE(Uuid::parse("0f8fad5bxd9cb-469f-a165-70867728950e"));   // dash missing
  EXPECT_FALSE(Uuid::parse("0f8fad5b-d9cb-469f-a165-70867728950g"));   // not hex
  EXPECT_FALSE(Uuid::parse("0f8fad5b-d9cb-469f-a16-570867728950ee"));  // dash misplaced
  EXPECT_FALSE(Uuid::fromBytes("short"));
}

TEST(Clock, FormatsIsoUtcWithMilliseconds) {
  EXPECT_EQ(formatIsoUtc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoUtc(1795856211123), "2026-11-28T08:56:51.123Z");
}

TEST(Hex, TwoLowerCaseDigitsPerByte) {
  EXPECT_EQ(hexOf(std::string("\x00\x0f\xa5\xff", 4)), "000fa5ff");
  EXPECT_EQ(hexOf(""), "");
}

TEST(Clock, NowIsAfter2025) { EXPECT_GT(nowMillis(), 1735689600000); }

TEST(RecordProto, HouseholdWithRosterRoundTrips) {
  phum::v1::Record original = test::householdSurvey();
  original.set_uuid(Uuid::generate().toBytes());
  std::string wire;
  ASSERT_TRUE(original.SerializeToString(&wire));
  phum::v1::Record decoded;
  ASSERT_TRUE(decoded.ParseFromString(wire));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, decoded));
  ASSERT_EQ(decoded.answers().repeats_size(), 1);
  const auto& roster = decoded.answers().repeats(0);
  EXPECT_EQ(roster.name(), "members");
  ASSERT_EQ(roster.instances_size(), 2);
  EXPECT_EQ(roster.instances(1).answers(1).value().integer(), 31);
  EXPECT_EQ(roster.instances(0).answers(3).value().choices().items(1), "education");
  EXPECT_DOUBLE_EQ(decoded.answers().answers(2).value().geopoint().latitude(), 13.6);
}

}  // namespace
}  // namespace phum
