#pragma once
// Likely duplicates (issue 13) as stored: what the matcher needs to find a registration's
// candidates (no names: those stay sealed in the records), and the pairs a reviewer confirms or
// dismisses. A pair holds record uuids, a score and the rules that matched, never a name.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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
  std::string uuidA, uuidB;                    // uuidA < uuidB bytewise
  std::uint32_t revisionA = 0, revisionB = 0;  // the revisions compared
  // The records' newest extracted revisions (read, never written): newer than the ones compared
  // when a record changed after a reviewer decided the pair.
  std::uint32_t currentRevisionA = 0, currentRevisionB = 0;
  std::string formId;
  std::string locationA, locationB;
  std::int64_t score = 0;      // 0-100: the share of the rules that matched
  std::string rules;           // the rules that matched, comma-separated (duplicate_rules.h words)
  std::string state = "open";  // "open", "confirmed", "dismissed"
  std::string reviewer;
  std::int64_t foundAtMs = 0;
  std::int64_t decidedAtMs = 0;
};

// One page of pairs, newest found (highest id) first, by keyset on the id: the page after a
// page is the pairs below its last id, the page before it the pairs above its first id.
struct DuplicatePage {
  std::int64_t beforeId = 0;  // only pairs with a smaller id (0: from the newest)
  std::int64_t afterId = 0;   // only pairs with a greater id, the nearest ones (0: no bound)
  int limit = 100;
};

// A group of records a reviewer confirmed as one person (pairs joined through shared records:
// A-C and B-C confirmed make A, B and C one group): every record but the group's representative,
// which the reports count alone.
struct CountedAs {
  std::string uuid;
  std::string representative;
  bool operator==(const CountedAs&) const = default;
};

}  // namespace phum::server::storage
