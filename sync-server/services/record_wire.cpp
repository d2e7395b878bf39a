#include "services/record_wire.h"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace phum::server::wire {

namespace {

[[noreturn]] void corrupt() { throw std::runtime_error("not a protobuf message"); }

}  // namespace

std::uint64_t FieldReader::readVarint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at_ == end_) corrupt();
    const auto byte = static_cast<unsigned char>(*at_++);
    value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  corrupt();
}

bool FieldReader::next() {
  if (at_ == end_) return false;
  const std::uint64_t tag = readVarint();
  field_ = static_cast<std::uint32_t>(tag >> 3);
  type_ = static_cast<int>(tag & 7);
  switch (type_) {
    case 0:
      number_ = readVarint();
      break;
    case 1:
    case 5: {
      const std::size_t size = type_ == 1 ? 8 : 4;
      if (static_cast<std::size_t>(end_ - at_) < size) corrupt();
      std::uint64_t bits = 0;
      std::memcpy(&bits, at_, size);  // little-endian on every machine the server runs on
      number_ = bits;
      at_ += size;
      break;
    }
    case 2: {
      const std::uint64_t size = readVarint();
      if (size > static_cast<std::uint64_t>(end_ - at_)) corrupt();
      bytes_ = std::string_view(at_, static_cast<std::size_t>(size));
      at_ += size;
      break;
    }
    default:
      corrupt();  // groups: never written by proto3
  }
  return true;
}

double FieldReader::fixed64AsDouble() const { return std::bit_cast<double>(number_); }

Value readValue(std::string_view message) {
  Value value;
  FieldReader reader(message);
  while (reader.next()) {
    const auto field = reader.field();
    if (field < Value::Text || field > Value::Acknowledged) continue;
    const bool varint = field == Value::Integer || field == Value::Acknowledged;
    const bool wireTypeFits = varint                    ? reader.isVarint()
                              : field == Value::Decimal ? reader.isFixed64()
                                                        : reader.isBytes();
    if (!wireTypeFits) continue;  // as protobuf does: an unknown field
    // A oneof: the last of its fields on the wire is the one it holds.
    value.kind = static_cast<Value::Kind>(field);
    switch (value.kind) {
      case Value::Integer: {
        const std::uint64_t zigzag = reader.varint();
        value.integer = static_cast<std::int64_t>((zigzag >> 1) ^ (0 - (zigzag & 1)));
        break;
      }
      case Value::Decimal:
        value.decimal = reader.fixed64AsDouble();
        break;
      case Value::Acknowledged:
        value.acknowledged = reader.varint() != 0;
        break;
      default:
        value.bytes = reader.bytes();
        break;
    }
  }
  return value;
}

GeoPoint readGeoPoint(std::string_view message) {
  GeoPoint point;
  FieldReader reader(message);
  while (reader.next()) {
    if (!reader.isFixed64()) continue;
    if (reader.field() == 1) point.latitude = reader.fixed64AsDouble();
    if (reader.field() == 2) point.longitude = reader.fixed64AsDouble();
    if (reader.field() == 4) point.accuracyM = reader.fixed64AsDouble();
  }
  return point;
}

}  // namespace phum::server::wire
