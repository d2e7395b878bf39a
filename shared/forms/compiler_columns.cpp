// Header rows: which column is which, languages, and small helpers shared by the passes.
#include <algorithm>
#include <set>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

const std::map<std::string, std::string, std::less<>> kKnownLanguages = {
    {"english", "en"}, {"khmer", "km"},      {"thai", "th"},   {"french", "fr"},
    {"lao", "lo"},     {"vietnamese", "vi"}, {"chinese", "zh"}};

const std::set<std::string, std::less<>> kTranslatable = {"label", "hint", "required_message",
                                                          "constraint_message"};

const std::map<std::string, std::string, std::less<>> kSurveyAliases = {
    {"type", "type"},
    {"name", "name"},
    {"label", "label"},
    {"hint", "hint"},
    {"required", "required"},
    {"required_message", "required_message"},
    {"required message", "required_message"},
    {"jr:requiredmsg", "required_message"},
    {"relevant", "relevant"},
    {"relevance", "relevant"},
    {"constraint", "constraint"},
    {"constraint_message", "constraint_message"},
    {"constraint message", "constraint_message"},
    {"jr:constraintmsg", "constraint_message"},
    {"calculation", "calculation"},
    {"calculate", "calculation"},
    {"choice_filter", "choice_filter"},
    {"choice filter", "choice_filter"},
    {"default", "default"},
    {"appearance", "appearance"},
    {"read_only", "read_only"},
    {"readonly", "read_only"},
    {"read only", "read_only"},
    {"repeat_count", "repeat_count"},
    {"repeat count", "repeat_count"},
    {"jr:count", "repeat_count"},
    {"sensitive", "sensitive"},
    {"parameters", "parameters"},
};

const std::map<std::string, std::string, std::less<>> kChoicesAliases = {
    {"list_name", "list_name"}, {"list name", "list_name"}, {"name", "name"}, {"label", "label"}};

const std::map<std::string, std::string, std::less<>> kSettingsAliases = {
    {"form_id", "form_id"},
    {"id_string", "form_id"},
    {"form_title", "form_title"},
    {"title", "form_title"},
    {"version", "version"},
    {"default_language", "default_language"},
    {"instance_name", "instance_name"},
    {"location_field", "location_field"},
    {"roles", "roles"},
};

bool silentlyIgnored(std::string_view header) {
  // Kobo's bookkeeping columns ($kuid, $autoname) carry nothing a device needs.
  return header.empty() || header.front() == '$' || header.rfind("kobo", 0) == 0;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

void Diagnostics::add(Severity severity, const Location& at, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.sheet = at.sheet;
  if (at.row != nullptr) {
    d.row = at.row->row;
    d.line = at.row->line;
  }
  if (at.column != nullptr) {
    d.column = at.column->header;
    d.columnLetter = columnLetter(at.column->index);
  }
  d.message = std::move(message);
  list_.push_back(std::move(d));
}

void Languages::note(const std::string& code, const std::string& name) {
  if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  if (!name.empty() && names[code].empty()) names[code] = name;
}

std::pair<std::string, std::string> parseLanguage(std::string_view text) {
  const std::string trimmed = trimAscii(text);
  const std::size_t open = trimmed.rfind('(');
  if (open != std::string::npos && trimmed.back() == ')') {
    return {trimAscii(trimmed.substr(open + 1, trimmed.size() - open - 2)),
            trimAscii(trimmed.substr(0, open))};
  }
  const auto known = kKnownLanguages.find(toLowerAscii(trimmed));
  if (known != kKnownLanguages.end()) return {known->second, trimmed};
  return {trimmed, ""};
}

std::string canonicalColumn(std::string_view sheet, std::string_view base) {
  const auto& aliases = sheet == "survey"    ? kSurveyAliases
                        : sheet == "choices" ? kChoicesAliases
                                             : kSettingsAliases;
  const auto found = aliases.find(toLowerAscii(trimAscii(base)));
  return found == aliases.end() ? "" : found->second;
}

SheetColumns::SheetColumns(const Sheet& sheet, std::string sheetName, Languages& languages,
                           Diagnostics& diagnostics)
    : sheetName_(std::move(sheetName)) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < sheet.header.size(); ++i) {
    Column column{i, trimAscii(sheet.header[i]), "", ""};
    const std::size_t separator = column.header.find("::");
    const std::string base = column.header.substr(0, separator);
    column.key = canonicalColumn(sheetName_, base);
    if (kTranslatable.count(column.key) > 0) {
      if (separator == std::string::npos) {
        column.language = languages.defaultCode;
        languages.note(column.language, "");
      } else {
        const auto [code, name] = parseLanguage(column.header.substr(separator + 2));
        column.language = code;
        languages.note(code, name);
      }
    } else if (column.key.empty() && sheetName_ == "choices" && !silentlyIgnored(column.header)) {
      column.key = "extra:" + column.header;  // usable by bare name in choice_filter
    }
    columns_.push_back(column);
    if (column.key.empty()) continue;
    const std::string identity = column.key + "::" + column.language;
    if (seen.count(identity) > 0) {
      diagnostics.error({sheetName_, nullptr, &columns_.back()},
                        "column '" + column.header + "' appears twice (also column " +
                            columnLetter(seen[identity]) + "); delete or rename one of them");
    }
    seen[identity] = i;
  }
  for (const Column& column : columns_) {
    if (!column.key.empty() || silentlyIgnored(column.header)) continue;
    diagnostics.warning({sheetName_, nullptr, &column},
                        "column '" + column.header + "' is not a " + sheetName_ +
                            " column Phum understands; it is ignored");
  }
}

const Column* SheetColumns::find(std::string_view key) const {
  for (const Column& column : columns_) {
    if (column.key == key) return &column;
  }
  return nullptr;
}

std::vector<const Column*> SheetColumns::translations(std::string_view key) const {
  std::vector<const Column*> found;
  for (const Column& column : columns_) {
    if (column.key == key) found.push_back(&column);
  }
  return found;
}

std::string SheetColumns::cell(const SheetRow& row, std::string_view key) const {
  const Column* column = find(key);
  if (column == nullptr || column->index >= row.cells.size()) return "";
  return trimAscii(row.cells[column->index]);
}

Location SheetColumns::at(const SheetRow& row, std::string_view key) const {
  return Location{sheetName_, &row, key.empty() ? nullptr : find(key)};
}

bool isValidName(std::string_view name) {
  const auto isLetter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (name.empty() || !(isLetter(name[0]) || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  // About one typo per three letters; never a word that shares nothing with the one written.
  std::size_t bestDistance = std::max<std::size_t>(1, word.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = editDistance(toLowerAscii(word), toLowerAscii(candidate));
    if (distance < bestDistance && distance < word.size()) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

std::optional<std::string> normalizeBoolean(std::string_view text) {
  const std::string value = toLowerAscii(trimAscii(text));
  if (value == "yes" || value == "true" || value == "true()" || value == "1") return "true()";
  if (value.empty() || value == "no" || value == "false" || value == "false()" || value == "0") {
    return "";
  }
  return std::nullopt;
}

void readTranslations(const SheetColumns& columns, const SheetRow& row, std::string_view key,
                      google::protobuf::Map<std::string, std::string>& out) {
  for (const Column* column : columns.translations(key)) {
    if (column->index >= row.cells.size()) continue;
    const std::string text = trimAscii(row.cells[column->index]);
    if (!text.empty()) out[column->language] = text;
  }
}

}  // namespace phum::forms::detail
