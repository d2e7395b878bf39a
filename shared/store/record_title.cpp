#include "store/record_title.h"

#include <array>
#include <string_view>

namespace phum::store {
namespace {

// Field names used by our XLSForms for the person or household a record is about, best first.
constexpr std::array<std::string_view, 9> kNameFields{
    "name",        "respondent_name", "household_head",   "head_of_household", "full_name",
    "person_name", "victim_name",     "complainant_name", "returnee_name"};

constexpr std::size_t kMaxTitleBytes = 80;

std::string trimmed(const std::string& text) {
  const char* space = " \t\r\n";
  auto first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  auto last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

// Cuts at a UTF-8 character boundary so Khmer names are never split mid-character.
std::string truncatedUtf8(std::string text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "…";
}

}  // namespace

std::string deriveTitle(const phum::v1::Record& record) {
  for (std::string_view field : kNameFields) {
    for (const auto& answer : record.answers().answers()) {
      if (answer.name() != field || !answer.value().has_text()) continue;
      std::string name = trimmed(answer.value().text());
      if (!name.empty()) return truncatedUtf8(std::move(name), kMaxTitleBytes);
    }
  }
  return record.form_id();
}

}  // namespace phum::store
