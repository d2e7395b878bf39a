// The export's reader of stored records (services/record_wire.h) against protobuf's own parser:
// every kind of answer, negative and extreme numbers, and fields it does not know.
#include "services/record_wire.h"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>

#include "phum/v1/record.pb.h"

namespace phum::server {
namespace {

// The views it returns point into these bytes, kept until the next call.
std::string bytes;

wire::Value readBack(const phum::v1::Value& value) {
  bytes = value.SerializeAsString();
  return wire::readValue(bytes);
}

TEST(RecordWire, ReadsEveryKindOfValueAsProtobufWroteIt) {
  phum::v1::Value value;
  value.set_text("ស្រីមុំ, \"Mom\"");
  auto read = readBack(value);
  EXPECT_EQ(read.kind, wire::Value::Text);
  EXPECT_EQ(read.bytes, value.text());
  for (const std::int64_t n :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    value.set_integer(n);
    read = readBack(value);
    EXPECT_EQ(read.kind, wire::Value::Integer);
    EXPECT_EQ(read.integer, n);
  }
  value.set_decimal(-13.3615);
  read = readBack(value);
  EXPECT_EQ(read.kind, wire::Value::Decimal);
  EXPECT_EQ(read.decimal, -13.3615);
  value.set_acknowledged(true);
  EXPECT_TRUE(readBack(value).acknowledged);
  value.set_attachment("photo-1.jpg");
  read = readBack(value);
  EXPECT_EQ(read.kind, wire::Value::Attachment);
  EXPECT_EQ(read.bytes, "photo-1.jpg");

  value.mutable_choices()->add_items("rice");
  value.mutable_choices()->add_items("fish");
  read = readBack(value);
  ASSERT_EQ(read.kind, wire::Value::Choices);
  std::string items;
  wire::FieldReader reader(read.bytes);
  while (reader.next()) items += std::string(reader.bytes()) + ";";
  EXPECT_EQ(items, "rice;fish;");

  value.mutable_geopoint()->set_latitude(13.3615);
  value.mutable_geopoint()->set_longitude(103.8597);
  value.mutable_geopoint()->set_altitude_m(12);
  value.mutable_geopoint()->set_accuracy_m(4.5);
  read = readBack(value);
  ASSERT_EQ(read.kind, wire::Value::Geopoint);
  const auto point = wire::readGeoPoint(read.bytes);
  EXPECT_EQ(point.latitude, 13.3615);
  EXPECT_EQ(point.longitude, 103.8597);
  EXPECT_EQ(point.accuracyM, 4.5);

  EXPECT_EQ(readBack(phum::v1::Value()).kind, wire::Value::None);
}

TEST(RecordWire, SkipsFieldsItDoesNotKnowAndRejectsTruncatedBytes) {
  phum::v1::Value value;
  value.set_text("kept");
  // Fields 9 (varint), 10 (fixed32) and 11 (bytes) from a newer writer, then the text.
  const std::string unknown = std::string("\x48\x05\x55\x01\x02\x03\x04\x5a\x02hi", 11);
  bytes = unknown + value.SerializeAsString();
  const auto read = wire::readValue(bytes);
  EXPECT_EQ(read.kind, wire::Value::Text);
  EXPECT_EQ(read.bytes, "kept");
  bytes = value.SerializeAsString();
  bytes.pop_back();
  EXPECT_THROW(wire::readValue(bytes), std::runtime_error);
}

}  // namespace
}  // namespace phum::server
