#pragma once
// Likely duplicates (issue 13): the one place that decides whether two registrations could be the
// same person, registered twice (at two crossing points, or by two outreach workers). A reviewer
// confirms or dismisses each likely pair; nothing is merged automatically.
#include <cstdint>
#include <string>
#include <vector>

namespace phum::server::reports {

// What a registration says about the person.
struct PersonSketch {
  std::string nameKhmer;  // as typed, Khmer script; "" when not asked or not given
  std::string nameLatin;  // the Latin spelling; ""
  std::string sex;        // "male", "female"; anything else never matches
  int age = -1;           // years at registration; -1 unknown
  std::string village;    // NIS code of the origin village
  std::int64_t day = 0;   // days since 1970-01-01 of the registration
};

struct DuplicateRules {
  int ageGap = 2;        // ages a person gives differ by a year or two (plus the time between)
  int windowDays = 120;  // registrations further apart than this are not compared
};

// Why two registrations are (or are not) a likely duplicate, for the reviewer's screen.
struct DuplicateVerdict {
  bool likely = false;
  std::vector<std::string> reasons;  // what matched, or the first thing that did not
};

DuplicateVerdict compareSketches(const PersonSketch& a, const PersonSketch& b,
                                 const DuplicateRules& rules = {});

// A Latin spelling reduced so that the usual variants of one Khmer name meet: case, spaces and
// hyphens, doubled letters, the aspirate h (kh, th, ph), vowel spellings (ou/o/u, ey/ei/y/ie/ee/i,
// e/i), a final h or r after a vowel. "Sok Chanthy" -> "sok cantti"-like keys, one per word.
std::vector<std::string> latinNameKey(const std::string& name);

// Khmer script without spaces and zero-width spaces, as code points.
std::u32string khmerNameKey(const std::string& name);

bool similarLatinNames(const std::string& a, const std::string& b);
bool similarKhmerNames(const std::string& a, const std::string& b);

}  // namespace phum::server::reports
