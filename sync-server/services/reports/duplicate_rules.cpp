#include "services/reports/duplicate_rules.h"

#include <algorithm>
#include <cstdlib>

namespace phum::server::reports {

namespace {

bool isVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// One vowel cluster in its canonical spelling. Romanizations of one Khmer vowel differ in these
// ways; clusters that stand for different vowels (a, ea, oa, i, o) stay apart.
std::string canonicalVowel(const std::string& cluster) {
  static const std::pair<const char*, const char*> kSame[] = {
      {"ou", "o"}, {"oo", "o"}, {"u", "o"},    {"uo", "o"},  {"ey", "i"}, {"ei", "i"},
      {"y", "i"},  {"ie", "i"}, {"ee", "i"},   {"e", "i"},   {"ii", "i"}, {"ay", "ai"},
      {"aa", "a"}, {"eo", "o"}, {"oeu", "eu"}, {"oe", "eu"}, {"ue", "eu"}};
  for (const auto& [variant, canonical] : kSame) {
    if (cluster == variant) return canonical;
  }
  return cluster;
}

std::string wordKey(const std::string& word) {
  // Doubled letters and the aspirate h after k, t, p are spelling choices (Vanna/Vana,
  // Sokha/Soka); ch stays, it is another consonant.
  std::string letters;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (c == 'h' && i > 0 && (word[i - 1] == 'k' || word[i - 1] == 't' || word[i - 1] == 'p')) {
      continue;
    }
    if (!letters.empty() && letters.back() == c && !isVowel(c)) continue;
    letters.push_back(c);
  }
  // A final h or r after a vowel is silent in most romanizations (Darah, Sokhar).
  while (letters.size() > 2 && (letters.back() == 'h' || letters.back() == 'r') &&
         isVowel(letters[letters.size() - 2])) {
    letters.pop_back();
  }
  std::string key;
  for (std::size_t i = 0; i < letters.size();) {
    // A leading y is a consonant (Yim); so is y between vowels... rare in names: treated as vowel.
    if (isVowel(letters[i]) && !(i == 0 && letters[i] == 'y')) {
      std::size_t end = i;
      while (end < letters.size() && isVowel(letters[end])) ++end;
      key += canonicalVowel(letters.substr(i, end - i));
      i = end;
    } else {
      key.push_back(letters[i++]);
    }
  }
  return key;
}

std::u32string decodeUtf8(const std::string& text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t point = length == 1 ? c : c & (0xFF >> (length + 1));
    for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k) {
      point =
          (point << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out.push_back(point);
    i += static_cast<std::size_t>(length);
  }
  return out;
}

std::size_t editDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> latinNameKey(const std::string& name) {
  std::vector<std::string> words(1);
  for (const char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      words.back().push_back(static_cast<char>(c | 0x20));
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) words.pop_back();
  for (auto& word : words) word = wordKey(word);
  return words;
}

std::u32string khmerNameKey(const std::string& name) {
  std::u32string key;
  for (const char32_t c : decodeUtf8(name)) {
    if (c != U' ' && c != U'\u200B' && c != U'\u200C' && c != U'\u200D' && c != U'-') {
      key.push_back(c);
    }
  }
  return key;
}

// Same words in any order (family name first or last), or the same letters once the spaces are
// gone (Kim Heng / Kimheng).
bool similarLatinNames(const std::string& a, const std::string& b) {
  auto left = latinNameKey(a), right = latinNameKey(b);
  if (left.empty() || right.empty()) return false;
  std::string joinedLeft, joinedRight;
  for (const auto& word : left) joinedLeft += word;
  for (const auto& word : right) joinedRight += word;
  if (joinedLeft == joinedRight) return true;
  std::sort(left.begin(), left.end());
  std::sort(right.begin(), right.end());
  return left == right;
}

// One slip of a key (a subscript or vowel sign missed) in a name of five code points or more;
// shorter names must be the same. Khmer spellings of one name vary less than Latin ones.
bool similarKhmerNames(const std::string& a, const std::string& b) {
  const std::u32string left = khmerNameKey(a), right = khmerNameKey(b);
  if (left.empty() || right.empty()) return false;
  if (left == right) return true;
  return std::min(left.size(), right.size()) >= 5 && editDistance(left, right) <= 1;
}

DuplicateVerdict compareSketches(const PersonSketch& a, const PersonSketch& b,
                                 const DuplicateRules& rules) {
  DuplicateVerdict verdict;
  const auto fail = [&](std::string why) {
    verdict.reasons = {std::move(why)};
    return verdict;
  };
  const std::int64_t days = std::llabs(a.day - b.day);
  if (days > rules.windowDays) return fail("registered more than the window apart");
  if (a.sex != b.sex || (a.sex != "male" && a.sex != "female")) return fail("sex differs");
  if (a.village.empty() || a.village != b.village) return fail("origin village differs");
  if (a.age < 0 || b.age < 0) return fail("age unknown");
  if (std::abs(a.age - b.age) > rules.ageGap + days / 365) return fail("ages too far apart");
  const bool khmer = !a.nameKhmer.empty() && !b.nameKhmer.empty();
  const bool latin = !a.nameLatin.empty() && !b.nameLatin.empty();
  if (!khmer && !latin) return fail("no name to compare");
  // Every script both registrations have must agree: a Latin match with clearly different Khmer
  // names is two people whose names romanize alike.
  if (khmer && !similarKhmerNames(a.nameKhmer, b.nameKhmer)) return fail("Khmer names differ");
  if (latin && !similarLatinNames(a.nameLatin, b.nameLatin)) return fail("Latin names differ");
  verdict.likely = true;
  if (khmer) verdict.reasons.push_back("similar Khmer name");
  if (latin) verdict.reasons.push_back("similar Latin spelling");
  verdict.reasons.insert(verdict.reasons.end(),
                         {"same sex", "close age", "same origin village", "within the window"});
  return verdict;
}

}  // namespace phum::server::reports
