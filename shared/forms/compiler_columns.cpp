// Header rows: which column is which, languages, and small helpers shared by the passes.
#include <algorithm>
#include <set>
#include <tuple>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

// Language names as form authors write them in headers (label::English) -> code.
const std::map<std::string, std::string, std::less<>> kKnownLanguages = {
    {"english", "en"},     {"khmer", "km"},      {"thai", "th"},    {"french", "fr"},
    {"lao", "lo"},         {"vietnamese", "vi"}, {"chinese", "zh"}, {"spanish", "es"},
    {"portuguese", "pt"},  {"arabic", "ar"},     {"swahili", "sw"}, {"hindi", "hi"},
    {"bengali", "bn"},     {"bangla", "bn"},     {"burmese", "my"}, {"myanmar", "my"},
    {"indonesian", "id"},  {"malay", "ms"},      {"tagalog", "tl"}, {"filipino", "fil"},
    {"nepali", "ne"},      {"urdu", "ur"},       {"russian", "ru"}, {"german", "de"},
    {"italian", "it"},     {"japanese", "ja"},   {"korean", "ko"},  {"amharic", "am"},
    {"hausa", "ha"},       {"somali", "so"},     {"pashto", "ps"},  {"dari", "prs"},
    {"persian", "fa"},     {"farsi", "fa"},      {"turkish", "tr"}, {"ukrainian", "uk"},
    {"kinyarwanda", "rw"}, {"french_fr", "fr"}};

// Columns whose text is per language, and media columns (also per language).
const std::set<std::string, std::less<>> kTranslatable = {
    "label",     "hint",  "guidance_hint", "required_message", "constraint_message", "image",
    "big-image", "audio", "video"};

const std::map<std::string, std::string, std::less<>> kSurveyAliases = {
    {"type", "type"},
    {"command", "type"},
    {"name", "name"},
    {"tag", "name"},
    {"value", "name"},
    {"label", "label"},
    {"caption", "label"},
    {"hint", "hint"},
    {"guidance_hint", "guidance_hint"},
    {"required", "required"},
    {"required_message", "required_message"},
    {"requiredmsg", "required_message"},
    {"jr:requiredmsg", "required_message"},
    {"relevant", "relevant"},
    {"relevance", "relevant"},
    {"constraint", "constraint"},
    {"constraint_message", "constraint_message"},
    {"constraining_message", "constraint_message"},
    {"jr:constraintmsg", "constraint_message"},
    {"calculation", "calculation"},
    {"calculate", "calculation"},
    {"choice_filter", "choice_filter"},
    {"default", "default"},
    {"appearance", "appearance"},
    {"read_only", "read_only"},
    {"readonly", "read_only"},
    {"repeat_count", "repeat_count"},
    {"jr:count", "repeat_count"},
    {"count", "repeat_count"},
    {"sensitive", "sensitive"},
    {"parameters", "parameters"},
    {"trigger", "trigger"},
    {"save_to", "save_to"},
    {"image", "image"},
    {"big-image", "big-image"},
    {"audio", "audio"},
    {"video", "video"},
};

const std::map<std::string, std::string, std::less<>> kChoicesAliases = {
    {"list_name", "list_name"}, {"name", "name"},     {"value", "name"},
    {"label", "label"},         {"caption", "label"}, {"image", "image"},
    {"big-image", "big-image"}, {"audio", "audio"},   {"video", "video"}};

const std::map<std::string, std::string, std::less<>> kSettingsAliases = {
    {"form_id", "form_id"},
    {"id_string", "form_id"},
    {"set_form_id", "form_id"},
    {"form_title", "form_title"},
    {"title", "form_title"},
    {"set_form_title", "form_title"},
    {"version", "version"},
    {"default_language", "default_language"},
    {"instance_name", "instance_name"},
    {"allow_choice_duplicates", "allow_choice_duplicates"},
    {"public_key", "public_key"},
    {"location_field", "location_field"},
    {"roles", "roles"},
};

// ODK columns that only matter to ODK's own clients or servers (SMS, XForm attributes, Collect
// settings): known, so they are not "unknown", and ignored.
const std::set<std::string, std::less<>> kIgnoredColumns = {"autoplay",
                                                            "rows",
                                                            "noapperrorstring",
                                                            "no_app_error_string",
                                                            "sms_field",
                                                            "sms_option",
                                                            "sms_separator",
                                                            "sms_allow_media",
                                                            "sms_date_format",
                                                            "sms_datetime_format",
                                                            "sms_response",
                                                            "compact_tag",
                                                            "body",
                                                            "hxl",
                                                            "style",
                                                            "submission_url",
                                                            "auto_send",
                                                            "auto_delete",
                                                            "namespaces",
                                                            "omit_instanceid",
                                                            "client_editable",
                                                            "prefix",
                                                            "delimiter",
                                                            "clean_text_values",
                                                            "instance_xmlns",
                                                            "entities",
                                                            "tags"};

// "Required Message" -> "required_message", as pyxform normalises headers.
std::string snakeCase(std::string_view header) {
  std::string out;
  bool gap = false;
  for (char c : trimAscii(header)) {
    if (c == ' ' || c == '\t') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back('_');
    gap = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

// A header split at its language delimiter: "::", or ':' when no header of the sheet uses "::"
// (pyxform's rule). "jr:constraintMsg:English" keeps its "jr:" prefix together.
std::vector<std::string> splitHeader(const std::string& header, bool doubleColon) {
  std::vector<std::string> tokens;
  const std::string delimiter = doubleColon ? "::" : ":";
  std::size_t start = 0;
  while (true) {
    const std::size_t at = header.find(delimiter, start);
    tokens.push_back(trimAscii(header.substr(start, at == std::string::npos ? at : at - start)));
    if (at == std::string::npos) break;
    start = at + delimiter.size();
  }
  for (std::size_t i = 0; !doubleColon && i + 1 < tokens.size(); ++i) {
    if (toLowerAscii(tokens[i]) == "jr") {
      tokens[i] += ":" + tokens[i + 1];
      tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    }
  }
  return tokens;
}

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
  const auto& aliases = sheet == "survey"     ? kSurveyAliases
                        : sheet == "settings" ? kSettingsAliases
                                              : kChoicesAliases;
  const auto found = aliases.find(snakeCase(base));
  return found == aliases.end() ? "" : found->second;
}

namespace {

// Whether any row has text in the column: an empty label::French column adds no language.
bool hasContent(const Sheet& sheet, std::size_t index) {
  return std::any_of(sheet.rows.begin(), sheet.rows.end(), [&](const SheetRow& row) {
    return index < row.cells.size() && !trimAscii(row.cells[index]).empty();
  });
}

// What one header means: its key and, for translatable columns, its language.
void understandHeader(Column& column, const Sheet& sheetData, const std::string& sheet,
                      bool doubleColon, Languages& languages) {
  column.key = canonicalColumn(sheet, column.header);
  std::vector<std::string> tokens;
  if (column.key.empty()) {
    tokens = splitHeader(column.header, doubleColon);
    // media::image::English and image::English are the same column
    if (tokens.size() > 1 && snakeCase(tokens[0]) == "media") tokens.erase(tokens.begin());
    column.key = canonicalColumn(sheet, tokens[0]);
    if (tokens.size() > 1 && kTranslatable.count(column.key) == 0) column.key.clear();
  }
  if (kTranslatable.count(column.key) > 0) {
    std::string name;
    if (tokens.size() < 2) {
      column.language = languages.defaultCode;
    } else {
      std::string rest = tokens[1];
      for (std::size_t i = 2; i < tokens.size(); ++i) rest += ":" + tokens[i];
      std::tie(column.language, name) = parseLanguage(rest);
    }
    if (hasContent(sheetData, column.index)) languages.note(column.language, name);
  } else if (column.key.empty() && sheet != "survey" && sheet != "settings") {
    if (!silentlyIgnored(column.header)) column.key = "extra:" + column.header;  // choice_filter
  } else if (column.key.empty()) {
    const std::string prefix = snakeCase(splitHeader(column.header, true).front());
    if (kIgnoredColumns.count(snakeCase(column.header)) > 0 || kIgnoredColumns.count(prefix) > 0 ||
        prefix == "bind" || prefix == "control" || prefix == "instance") {
      column.key = "ignored";  // including custom XForm attributes (bind::, control::, ...)
    }
  }
}

}  // namespace

SheetColumns::SheetColumns(const Sheet& sheet, std::string sheetName, Languages& languages,
                           Diagnostics& diagnostics)
    : sheetName_(std::move(sheetName)) {
  const bool doubleColon =
      std::any_of(sheet.header.begin(), sheet.header.end(),
                  [](const std::string& h) { return h.find("::") != std::string::npos; });
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < sheet.header.size(); ++i) {
    Column column{i, trimAscii(sheet.header[i]), "", ""};
    understandHeader(column, sheet, sheetName_, doubleColon, languages);
    columns_.push_back(column);
    if (column.key.empty() || column.key == "ignored") continue;
    const std::string identity = column.key + "::" + column.language;
    if (seen.count(identity) > 0) {
      diagnostics.error({sheetName_, nullptr, &columns_.back()},
                        "column '" + column.header + "' appears twice (also column " +
                            columnLetter(seen[identity]) + "); delete or rename one of them");
    }
    seen[identity] = i;
  }
  for (const Column& column : columns_) {
    if (column.key == "ignored") {
      diagnostics.warning({sheetName_, nullptr, &column},
                          "column '" + column.header +
                              "' only matters to ODK's own apps and servers; Phum ignores it");
    }
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
  constexpr std::size_t kLongest = 64;  // longer words are not typos of a name
  if (word.size() > kLongest) return std::nullopt;
  std::optional<std::string> best;
  // About one typo per three letters; never a word that shares nothing with the one written.
  std::size_t bestDistance = std::max<std::size_t>(1, word.size() / 3) + 1;
  const std::string lower = toLowerAscii(word);
  for (const std::string& candidate : candidates) {
    const std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                           : word.size() - candidate.size();
    if (candidate.size() > kLongest || gap >= bestDistance) continue;  // cannot be closer
    const std::size_t distance = editDistance(lower, toLowerAscii(candidate));
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

void readMedia(const SheetColumns& columns, const SheetRow& row, phum::v1::Media& media) {
  readTranslations(columns, row, "image", *media.mutable_image());
  readTranslations(columns, row, "big-image", *media.mutable_big_image());
  readTranslations(columns, row, "audio", *media.mutable_audio());
  readTranslations(columns, row, "video", *media.mutable_video());
}

bool hasMedia(const phum::v1::Media& media) {
  return !media.image().empty() || !media.big_image().empty() || !media.audio().empty() ||
         !media.video().empty();
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
