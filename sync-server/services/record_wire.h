#pragma once
// The parts of a stored phum.v1.Record (proto/phum/v1/record.proto) the CSV export writes, read
// straight from the record's bytes in the protobuf wire format. Parsing each record into
// messages cost the export a malloc per answer name and per text longer than 15 bytes, and a
// third of its time; here every string is a view into the stored bytes.
#include <cstdint>
#include <string_view>

namespace phum::server::wire {

// Walks the fields of one message. Throws std::runtime_error on bytes that are not a message.
class FieldReader {
 public:
  explicit FieldReader(std::string_view message)
      : at_(message.data()), end_(message.data() + message.size()) {}

  // Moves to the next field; false after the last.
  bool next();
  std::uint32_t field() const { return field_; }
  // The field's value as the wire holds it: a varint, a fixed64 (as its bits) or the bytes of
  // a length-delimited field. Other wire types are skipped by next().
  std::uint64_t varint() const { return number_; }
  double fixed64AsDouble() const;
  std::string_view bytes() const { return bytes_; }
  bool isBytes() const { return type_ == 2; }
  bool isVarint() const { return type_ == 0; }
  bool isFixed64() const { return type_ == 1; }

 private:
  std::uint64_t readVarint();

  const char* at_;
  const char* end_;
  std::uint32_t field_ = 0;
  int type_ = 0;
  std::uint64_t number_ = 0;
  std::string_view bytes_;
};

// A phum.v1.Value: which of its kinds it holds (the field number, 0 when none) and that kind.
struct Value {
  enum Kind : std::uint32_t {
    None = 0,
    Text = 1,
    Integer = 2,
    Decimal = 3,
    Choices = 4,
    Geopoint = 5,
    Attachment = 6,
    Acknowledged = 7
  };
  Kind kind = None;
  std::string_view bytes;  // Text, Attachment; the StringList of Choices; the GeoPoint
  std::int64_t integer = 0;
  double decimal = 0;
  bool acknowledged = false;
};
Value readValue(std::string_view message);

struct GeoPoint {
  double latitude = 0, longitude = 0, accuracyM = 0;
};
GeoPoint readGeoPoint(std::string_view message);

}  // namespace phum::server::wire
