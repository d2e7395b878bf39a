#pragma once
// Likely duplicates (issue 13) as stored: what the matcher needs to find a registration's
// candidates (no names: those stay sealed in the records), and the pairs a reviewer confirms or
// dismisses. A pair holds record uuids, a score and the rules that matched, never a name.
#include <cstdint>
#include <string>

namespace phum::server::storage {

// The unsealed facts of one returnee or trafficking registration (its newest extracted revision)
// that narrow the search: registrations of one person share the form, sex and origin village.
struct PersonKey {
  std::string uuid;  // 16 bytes
  std::uint32_t revision = 0;
  std::string formId;
  std::string sex;
  std::string village;    // NIS code of the origin village
  std::int64_t day = 0;   // days since 1970-01-01 of the registration
  std::int64_t age = -1;  // -1 unknown
  std::string location;   // the record's place (scope checks)
};

struct DuplicatePair {
  std::int64_t id = 0;
  std::string uuidA, uuidB;  // uuidA < uuidB bytewise; reports leave out uuidB once confirmed
  std::uint32_t revisionA = 0, revisionB = 0;  // the revisions compared
  std::string formId;
  std::string locationA, locationB;
  std::int64_t score = 0;      // 0-100: the share of the rules that matched
  std::string rules;           // the rules that matched, comma-separated (duplicate_rules.h words)
  std::string state = "open";  // "open", "confirmed", "dismissed"
  std::string reviewer;
  std::int64_t foundAtMs = 0;
  std::int64_t decidedAtMs = 0;
};

}  // namespace phum::server::storage
