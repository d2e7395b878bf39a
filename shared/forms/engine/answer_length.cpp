#include "forms/engine/answer_length.h"

#include "forms/answer_limits.h"

namespace phum::forms::engine {
namespace {

// "10000" -> "១០០០០": Khmer messages write numbers in Khmer digits.
std::string khmerDigits(std::size_t number) {
  static constexpr const char* kDigits[] = {"០", "១", "២", "៣", "៤", "៥", "៦", "៧", "៨", "៩"};
  std::string out;
  for (char c : std::to_string(number)) out += kDigits[c - '0'];
  return out;
}

}  // namespace

std::size_t maxAnswerLength(const phum::v1::Field& field) {
  return field.max_length() != 0 ? field.max_length() : kDefaultMaxAnswerLength;
}

std::size_t characterCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string lengthProblem(const phum::v1::Field& field, std::string_view text,
                          std::string_view language) {
  const std::size_t limit = maxAnswerLength(field);
  // A character is at least one byte: most answers are settled without counting.
  if (text.size() <= limit || field.type() == phum::v1::FIELD_TYPE_CALCULATE) return "";
  const std::size_t count = characterCount(text);
  if (count <= limit) return "";
  if (language == "km") {
    return "ចម្លើយនេះវែងពេក៖ មាន " + khmerDigits(count) + " តួអក្សរ ប៉ុន្តែអនុញ្ញាតយ៉ាងច្រើនបំផុត " +
           khmerDigits(limit) + " តួអក្សរ។ សូមសរសេរឱ្យខ្លីជាងនេះ។";
  }
  return "the answer is too long: " + std::to_string(count) + " characters, at most " +
         std::to_string(limit) + " are allowed; shorten it";
}

}  // namespace phum::forms::engine
