// Survey `type` cells: XLSForm's type names and every older spelling pyxform (the reference
// converter) still accepts, so that forms written for ODK and KoboToolbox compile unchanged.
#include <algorithm>
#include <sstream>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

using phum::v1::FieldType;
namespace ft = phum::v1;

struct NamedType {
  std::string_view name;  // lower case, words separated by one space
  FieldType type;
};

// pyxform's question type dictionary and type aliases, restricted to what Phum captures.
constexpr NamedType kSimpleTypes[] = {
    {"text", ft::FIELD_TYPE_TEXT},
    {"string", ft::FIELD_TYPE_TEXT},
    {"q string", ft::FIELD_TYPE_TEXT},
    {"add text prompt", ft::FIELD_TYPE_TEXT},
    {"integer", ft::FIELD_TYPE_INTEGER},
    {"int", ft::FIELD_TYPE_INTEGER},
    {"q int", ft::FIELD_TYPE_INTEGER},
    {"add integer prompt", ft::FIELD_TYPE_INTEGER},
    {"decimal", ft::FIELD_TYPE_DECIMAL},
    {"q decimal", ft::FIELD_TYPE_DECIMAL},
    {"add decimal prompt", ft::FIELD_TYPE_DECIMAL},
    {"range", ft::FIELD_TYPE_RANGE},
    {"date", ft::FIELD_TYPE_DATE},
    {"q date", ft::FIELD_TYPE_DATE},
    {"add date prompt", ft::FIELD_TYPE_DATE},
    {"datetime", ft::FIELD_TYPE_DATETIME},
    {"date time", ft::FIELD_TYPE_DATETIME},
    {"q date time", ft::FIELD_TYPE_DATETIME},
    {"q datetime", ft::FIELD_TYPE_DATETIME},
    {"add date time prompt", ft::FIELD_TYPE_DATETIME},
    {"add datetime prompt", ft::FIELD_TYPE_DATETIME},
    {"time", ft::FIELD_TYPE_TIME},
    {"geopoint", ft::FIELD_TYPE_GEOPOINT},
    {"q geopoint", ft::FIELD_TYPE_GEOPOINT},
    {"location", ft::FIELD_TYPE_GEOPOINT},
    {"q location", ft::FIELD_TYPE_GEOPOINT},
    {"add location prompt", ft::FIELD_TYPE_GEOPOINT},
    {"gps", ft::FIELD_TYPE_GEOPOINT},
    {"image", ft::FIELD_TYPE_IMAGE},
    {"photo", ft::FIELD_TYPE_IMAGE},
    {"q picture", ft::FIELD_TYPE_IMAGE},
    {"q image", ft::FIELD_TYPE_IMAGE},
    {"add image prompt", ft::FIELD_TYPE_IMAGE},
    {"add photo prompt", ft::FIELD_TYPE_IMAGE},
    {"note", ft::FIELD_TYPE_NOTE},
    {"q note", ft::FIELD_TYPE_NOTE},
    {"add note prompt", ft::FIELD_TYPE_NOTE},
    {"acknowledge", ft::FIELD_TYPE_ACKNOWLEDGE},
    {"q acknowledge", ft::FIELD_TYPE_ACKNOWLEDGE},
    {"add acknowledge prompt", ft::FIELD_TYPE_ACKNOWLEDGE},
    {"trigger", ft::FIELD_TYPE_ACKNOWLEDGE},
    {"calculate", ft::FIELD_TYPE_CALCULATE},
    {"q calculate", ft::FIELD_TYPE_CALCULATE},
    {"add calculate prompt", ft::FIELD_TYPE_CALCULATE},
    {"hidden", ft::FIELD_TYPE_CALCULATE},  // a value without a question: its default
    {"start", ft::FIELD_TYPE_START},
    {"start time", ft::FIELD_TYPE_START},
    {"get start time", ft::FIELD_TYPE_START},
    {"end", ft::FIELD_TYPE_END},
    {"end time", ft::FIELD_TYPE_END},
    {"get end time", ft::FIELD_TYPE_END},
    {"today", ft::FIELD_TYPE_TODAY},
    {"get today", ft::FIELD_TYPE_TODAY},
    {"deviceid", ft::FIELD_TYPE_DEVICEID},
    {"device id", ft::FIELD_TYPE_DEVICEID},
    {"get device id", ft::FIELD_TYPE_DEVICEID},
    {"imei", ft::FIELD_TYPE_DEVICEID},
    {"uri:deviceid", ft::FIELD_TYPE_DEVICEID},
    {"username", ft::FIELD_TYPE_USERNAME},
    {"uri:username", ft::FIELD_TYPE_USERNAME},
};

// Old types that are a question plus a rule and a hint (pyxform adds them the same way).
struct RuleType {
  std::string_view name;
  FieldType type;
  std::string_view constraint;
  std::string_view hint;
};
constexpr RuleType kRuleTypes[] = {
    {"percentage", ft::FIELD_TYPE_INTEGER, "0 <= . and . <= 100", ""},
    {"number of days in last month", ft::FIELD_TYPE_INTEGER, "0 <= . and . <= 31",
     "Enter a number 0-31."},
    {"number of days in last six months", ft::FIELD_TYPE_INTEGER, "0 <= . and . <= 183",
     "Enter a number 0-183."},
    {"number of days in last year", ft::FIELD_TYPE_INTEGER, "0 <= . and . <= 365",
     "Enter a number 0-365."},
    {"phone number", ft::FIELD_TYPE_TEXT, "regex(., '^\\d*$')", "Enter numbers only."},
};

// Device metadata that Phum devices do not report (nor does ODK Collect on current Android):
// the field exists and stays empty.
constexpr std::string_view kAbsentMetadata[] = {
    "phonenumber",      "uri:phonenumber", "get phone number",  "simserial",
    "uri:simserial",    "sim id",          "get sim id",        "subscriberid",
    "uri:subscriberid", "subscriber id",   "get subscriber id", "email",
    "uri:email"};

// Valid XLSForm types Phum cannot capture yet, with what to do instead.
struct MissingType {
  std::string_view name;
  std::string_view advice;
};
constexpr MissingType kMissingTypes[] = {
    {"audio", "record the answer as text, or ask for a photo (image)"},
    {"q audio", "record the answer as text, or ask for a photo (image)"},
    {"add audio prompt", "record the answer as text, or ask for a photo (image)"},
    {"background-audio", "remove the row"},
    {"video", "ask for a photo (image) instead"},
    {"q video", "ask for a photo (image) instead"},
    {"add video prompt", "ask for a photo (image) instead"},
    {"file", "ask for a photo (image) of the document instead"},
    {"add file prompt", "ask for a photo (image) of the document instead"},
    {"geotrace", "ask for geopoints in a repeat"},
    {"q geotrace", "ask for geopoints in a repeat"},
    {"geoshape", "ask for geopoints in a repeat"},
    {"q geoshape", "ask for geopoints in a repeat"},
    {"start-geopoint", "ask for a geopoint question at the start of the form"},
    {"background-geopoint", "ask for a geopoint question"},
    {"osm", "ask for the features with select questions"},
    {"xml-external",
     "Phum does not use XML data files (instance() lookups); for CSV data use csv-external and "
     "pulldata()"},
};

enum class SelectKind { One, Multiple, OneFile, MultipleFile, OneExternal, Rank };

struct SelectCommand {
  std::string_view words;
  SelectKind kind;
};
constexpr SelectCommand kSelectCommands[] = {
    {"select_one", SelectKind::One},
    {"select one", SelectKind::One},
    {"select1", SelectKind::One},
    {"select one from", SelectKind::One},
    {"add select one prompt using", SelectKind::One},
    {"select_multiple", SelectKind::Multiple},
    {"select all that apply", SelectKind::Multiple},
    {"select all that apply from", SelectKind::Multiple},
    {"add select multiple prompt using", SelectKind::Multiple},
    {"select_one_from_file", SelectKind::OneFile},
    {"select one from file", SelectKind::OneFile},
    {"select_multiple_from_file", SelectKind::MultipleFile},
    {"select multiple from file", SelectKind::MultipleFile},
    {"select_one_external", SelectKind::OneExternal},
    {"rank", SelectKind::Rank},
};

std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string joined(const std::vector<std::string>& items, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < items.size(); ++i) out += (out.empty() ? "" : " ") + items[i];
  return out;
}

bool isOrOther(const std::vector<std::string>& lower, std::size_t from) {
  const std::string rest = joined(lower, from);
  return rest == "or_other" || rest == "or specify other" || rest == "or other";
}

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         toLowerAscii(text.substr(text.size() - suffix.size())) == suffix;
}

ParsedType fileSelect(ParsedType parsed, const std::string& command, const std::string& file) {
  parsed.choiceFile = file;
  if (endsWith(file, ".xml") || endsWith(file, ".geojson")) {
    parsed.error = "'" + command + " " + file +
                   "' is valid XLSForm, but Phum takes choices only from .csv reference data "
                   "delivered by sync, e.g. gazetteer.csv";
    parsed.unsupported = command + " from ." + file.substr(file.rfind('.') + 1) + " files";
  } else if (!endsWith(file, ".csv") || file.size() < 5) {
    parsed.error = "'" + file + "' is not a .csv file name; " + command +
                   " takes reference data delivered by sync, e.g. gazetteer.csv";
  }
  return parsed;
}

ParsedType selectType(const SelectCommand& command, const std::vector<std::string>& w,
                      const std::vector<std::string>& lower, std::size_t used) {
  ParsedType parsed;
  const std::string name(command.words);
  const bool fromFile =
      command.kind == SelectKind::OneFile || command.kind == SelectKind::MultipleFile;
  parsed.type = command.kind == SelectKind::Multiple || command.kind == SelectKind::MultipleFile
                    ? ft::FIELD_TYPE_SELECT_MULTIPLE
                : command.kind == SelectKind::Rank ? ft::FIELD_TYPE_RANK
                                                   : ft::FIELD_TYPE_SELECT_ONE;
  if (used >= w.size()) {
    parsed.error =
        fromFile ? "'" + name + "' needs a file name: write '" + name + " FILE.csv'"
                 : "'" + name + "' needs a list name: write '" + name +
                       " LIST' where LIST is a list_name on the " +
                       (command.kind == SelectKind::OneExternal ? "external_choices" : "choices") +
                       " sheet";
    return parsed;
  }
  const bool orOther = used + 1 < w.size() && isOrOther(lower, used + 1);
  const bool canHaveOther = command.kind == SelectKind::One || command.kind == SelectKind::Multiple;
  if (used + 1 < w.size() && !(orOther && canHaveOther)) {
    parsed.error = orOther
                       ? "'" + name +
                             "' cannot have 'or_other': the 'other' choice is added "
                             "to a list of the choices sheet"
                       : "too many words in the type; write '" + name +
                             (fromFile ? " FILE.csv'" : " LIST' or '" + name + " LIST or_other'");
    return parsed;
  }
  if (fromFile) return fileSelect(std::move(parsed), name, w[used]);
  parsed.listName = w[used];
  if (command.kind == SelectKind::Rank) {
    // The engine checks rank answers, but the tablet has no way yet to put choices in order.
    parsed.error =
        "type 'rank' is valid XLSForm, but Phum cannot capture this type yet (the tablet cannot "
        "put choices in order); ask one select_one per place (first, second...) instead";
    parsed.unsupported = "type 'rank'";
    return parsed;
  }
  parsed.orOther = orOther;
  parsed.external = command.kind == SelectKind::OneExternal;
  return parsed;
}

std::optional<ParsedType> parseSelect(const std::vector<std::string>& w,
                                      const std::vector<std::string>& lower) {
  const SelectCommand* best = nullptr;
  std::size_t bestWords = 0;
  for (const SelectCommand& command : kSelectCommands) {
    const std::vector<std::string> commandWords = words(command.words);
    if (commandWords.size() <= bestWords || commandWords.size() > lower.size()) continue;
    if (std::equal(commandWords.begin(), commandWords.end(), lower.begin())) {
      best = &command;
      bestWords = commandWords.size();
    }
  }
  if (best == nullptr) return std::nullopt;
  return selectType(*best, w, lower, bestWords);
}

// begin group / end_repeat / begin looped group / begin loop over LIST ...
std::optional<ParsedType> parseMarker(std::vector<std::string> lower) {
  if (lower.empty()) return std::nullopt;
  if ((lower[0].starts_with("begin_") || lower[0].starts_with("end_"))) {
    const std::size_t underscore = lower[0].find('_');
    const std::string rest = lower[0].substr(underscore + 1);
    lower[0].resize(underscore);
    lower.insert(lower.begin() + 1, rest);
  }
  if (lower.size() < 2 || (lower[0] != "begin" && lower[0] != "end")) return std::nullopt;
  const bool begin = lower[0] == "begin";
  std::string kind = lower[1];
  std::size_t next = 2;
  if (kind == "looped" && lower.size() > 2 && lower[2] == "group") kind = "repeat", next = 3;
  if (kind == "lgroup") kind = "repeat";
  if (kind != "group" && kind != "repeat" && kind != "loop") return std::nullopt;
  ParsedType parsed;
  const bool group = kind != "repeat";  // a loop keeps its rows nested like a group
  parsed.type = group ? ft::FIELD_TYPE_GROUP : ft::FIELD_TYPE_REPEAT;
  parsed.marker = group ? (begin ? Marker::BeginGroup : Marker::EndGroup)
                        : (begin ? Marker::BeginRepeat : Marker::EndRepeat);
  if (kind == "loop") {
    parsed.error = "'" + lower[0] +
                   " loop' is valid XLSForm, but Phum cannot expand loops over a list yet; use "
                   "a repeat, with repeat_count if the number of entries is known";
    parsed.unsupported = "begin loop";
  } else if (lower.size() > next && !begin) {
    parsed.error = "'end " + kind + "' takes nothing after it; remove '" + joined(lower, next) +
                   "' (the name goes on the 'begin " + kind + "' row)";
  }
  return parsed;
}

std::string unknownType(const std::string& text, const std::vector<std::string>& lower) {
  for (const NamedType& simple : kSimpleTypes) {
    if (lower.size() > 1 && simple.name == lower[0]) {
      return "type '" + lower[0] + "' takes nothing after it; remove '" + joined(lower, 1) + "'";
    }
  }
  std::vector<std::string> known = {"select_one", "select_multiple", "begin group",
                                    "end group",  "begin repeat",    "end repeat"};
  for (const NamedType& simple : kSimpleTypes) known.emplace_back(simple.name);
  const auto suggestion = closestMatch(lower[0], known);
  return "unknown type '" + text + "'" +
         (suggestion ? "; did you mean '" + *suggestion + "'?" : ".") +
         " Supported types: " + kSupportedTypes;
}

}  // namespace

const char* const kSupportedTypes =
    "text, integer, decimal, range, select_one, select_multiple, select_one_from_file, "
    "select_multiple_from_file, select_one_external, date, datetime, time, geopoint, image, "
    "barcode, note, acknowledge, calculate, hidden, begin group, end group, begin repeat, "
    "end repeat, start, end, today, deviceid, username";

ParsedType parseType(std::string_view cell) {
  const std::string text = trimAscii(cell);
  const std::vector<std::string> w = words(text);
  std::vector<std::string> lower;
  for (const std::string& word : w) lower.push_back(toLowerAscii(word));
  if (auto marker = parseMarker(lower)) return *marker;
  if (auto select = parseSelect(w, lower)) return *select;
  const std::string name = joined(lower);
  ParsedType parsed;
  for (const NamedType& simple : kSimpleTypes) {
    if (simple.name == name) {
      parsed.type = simple.type;
      return parsed;
    }
  }
  for (const RuleType& rule : kRuleTypes) {
    if (rule.name != name) continue;
    parsed.type = rule.type;
    parsed.constraint = rule.constraint;
    parsed.hint = rule.hint;
    return parsed;
  }
  if (name == "barcode" || name == "q barcode" || name == "add barcode prompt") {
    // The code's text, read by the tablet (camera or picture) or typed: a text answer on the
    // wire, so servers and exports need nothing new; the appearance tells the tablet to offer
    // its reader.
    parsed.type = ft::FIELD_TYPE_TEXT;
    parsed.appearance = "barcode";
    return parsed;
  }
  if (std::find(std::begin(kAbsentMetadata), std::end(kAbsentMetadata), name) !=
      std::end(kAbsentMetadata)) {
    parsed.type = ft::FIELD_TYPE_CALCULATE;
    parsed.warning = "type '" + name +
                     "': Phum devices do not report this (nor does ODK Collect on current "
                     "Android); the field stays empty";
    return parsed;
  }
  if (name == "csv-external" || name == "audit") {
    parsed.noField = true;  // csv-external only names a dataset that pulldata() reads
    if (name == "audit") {
      parsed.warning =
          "type 'audit' is ignored: Phum does not record an audit log of the "
          "interview";
    }
    return parsed;
  }
  const std::string command = lower.empty() ? "" : lower[0];
  for (const MissingType& missing : kMissingTypes) {
    if (missing.name != name && !(missing.name == "osm" && command == "osm")) continue;
    parsed.error = "type '" + std::string(missing.name) +
                   "' is valid XLSForm, but Phum cannot capture this type yet; " +
                   std::string(missing.advice);
    parsed.unsupported = "type '" + std::string(missing.name) + "'";
    return parsed;
  }
  parsed.error = unknownType(text, lower);
  return parsed;
}

}  // namespace phum::forms::detail
