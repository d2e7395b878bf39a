#pragma once
// Record and batch identifiers: random (version 4) UUIDs made on the device, so that a record
// keeps its identity across retries, restarts and servers.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phum {

struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  static Uuid generate();
  // Accepts the canonical 36-character form (any case); nullopt for anything else.
  static std::optional<Uuid> parse(std::string_view text);
  // From the 16 raw bytes used on the wire; nullopt if the size is wrong.
  static std::optional<Uuid> fromBytes(std::string_view raw);

  std::string toString() const;  // lower-case canonical form
  std::string toBytes() const;   // 16 raw bytes, for protobuf `bytes` fields

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

}  // namespace phum
