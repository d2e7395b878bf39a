// The survey sheet: types, names, columns, and the group / repeat tree.
#include <map>
#include <sstream>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

using phum::v1::Field;
using phum::v1::FieldType;

const std::map<std::string, FieldType, std::less<>> kSimpleTypes = {
    {"text", phum::v1::FIELD_TYPE_TEXT},
    {"integer", phum::v1::FIELD_TYPE_INTEGER},
    {"int", phum::v1::FIELD_TYPE_INTEGER},
    {"decimal", phum::v1::FIELD_TYPE_DECIMAL},
    {"date", phum::v1::FIELD_TYPE_DATE},
    {"datetime", phum::v1::FIELD_TYPE_DATETIME},
    {"time", phum::v1::FIELD_TYPE_TIME},
    {"geopoint", phum::v1::FIELD_TYPE_GEOPOINT},
    {"image", phum::v1::FIELD_TYPE_IMAGE},
    {"note", phum::v1::FIELD_TYPE_NOTE},
    {"acknowledge", phum::v1::FIELD_TYPE_ACKNOWLEDGE},
    {"calculate", phum::v1::FIELD_TYPE_CALCULATE},
    {"start", phum::v1::FIELD_TYPE_START},
    {"end", phum::v1::FIELD_TYPE_END},
    {"today", phum::v1::FIELD_TYPE_TODAY},
    {"deviceid", phum::v1::FIELD_TYPE_DEVICEID},
    {"username", phum::v1::FIELD_TYPE_USERNAME},
};

// Valid XLSForm types that devices cannot capture yet: named so the message is not "unknown".
const std::vector<std::string> kUnsupportedTypes = {"audio",
                                                    "video",
                                                    "file",
                                                    "barcode",
                                                    "range",
                                                    "rank",
                                                    "geotrace",
                                                    "geoshape",
                                                    "hidden",
                                                    "email",
                                                    "phonenumber",
                                                    "simserial",
                                                    "subscriberid",
                                                    "audit",
                                                    "background-audio",
                                                    "trigger",
                                                    "begin_loop",
                                                    "end_loop",
                                                    "xml-external",
                                                    "csv-external",
                                                    "start-geopoint",
                                                    "select_one_external",
                                                    "background-geopoint"};

const char* kSupportedList =
    "text, integer, decimal, select_one, select_multiple, select_one_from_file, "
    "select_multiple_from_file, date, datetime, time, geopoint, image, note, acknowledge, "
    "calculate, begin group, end group, begin repeat, end repeat, start, end, today, deviceid, "
    "username";

enum class Marker { None, BeginGroup, EndGroup, BeginRepeat, EndRepeat };

struct ParsedType {
  FieldType type = phum::v1::FIELD_TYPE_UNSPECIFIED;
  Marker marker = Marker::None;
  std::string listName;
  std::string choiceFile;
  bool orOther = false;
  std::string error;  // set when the type cannot be used
};

std::vector<std::string> words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

ParsedType parseSelect(const std::vector<std::string>& w, bool multiple, bool fromFile) {
  ParsedType parsed;
  parsed.type = multiple ? phum::v1::FIELD_TYPE_SELECT_MULTIPLE : phum::v1::FIELD_TYPE_SELECT_ONE;
  const std::size_t max = fromFile ? 2 : 3;
  if (w.size() < 2) {
    parsed.error = fromFile ? "'" + w[0] + "' needs a file name: write '" + w[0] + " FILE.csv'"
                            : "'" + w[0] + "' needs a list name: write '" + w[0] +
                                  " LIST' where LIST is a list_name on the choices sheet";
  } else if (w.size() > max || (w.size() == 3 && w[2] != "or_other")) {
    parsed.error = "too many words in the type; write '" + w[0] +
                   (fromFile ? " FILE.csv'" : " LIST' or '" + w[0] + " LIST or_other'");
  } else if (fromFile) {
    parsed.choiceFile = w[1];
    if (toLowerAscii(w[1]).size() < 5 ||
        toLowerAscii(w[1]).compare(w[1].size() - 4, 4, ".csv") != 0) {
      parsed.error = "'" + w[1] + "' is not a .csv file name; " + w[0] +
                     " takes reference data delivered by sync, e.g. gazetteer.csv";
    }
  } else {
    parsed.listName = w[1];
    parsed.orOther = w.size() == 3;
  }
  return parsed;
}

ParsedType parseType(std::string_view text) {
  std::vector<std::string> w = words(toLowerAscii(text));
  // "begin_group" and "begin group" are both common in the wild.
  if (w.size() == 1 && w[0].find('_') != std::string::npos &&
      (w[0].rfind("begin_", 0) == 0 || w[0].rfind("end_", 0) == 0) && w[0] != "end_loop" &&
      w[0] != "begin_loop") {
    const std::size_t underscore = w[0].find('_');
    w = {w[0].substr(0, underscore), w[0].substr(underscore + 1)};
  }
  ParsedType parsed;
  if (w.size() == 2 && (w[0] == "begin" || w[0] == "end") &&
      (w[1] == "group" || w[1] == "repeat")) {
    const bool begin = w[0] == "begin";
    parsed.type = w[1] == "group" ? phum::v1::FIELD_TYPE_GROUP : phum::v1::FIELD_TYPE_REPEAT;
    parsed.marker = w[1] == "group" ? (begin ? Marker::BeginGroup : Marker::EndGroup)
                                    : (begin ? Marker::BeginRepeat : Marker::EndRepeat);
    return parsed;
  }
  if (w[0] == "select_one" || w[0] == "select_multiple") {
    return parseSelect(w, w[0] == "select_multiple", false);
  }
  if (w[0] == "select_one_from_file" || w[0] == "select_multiple_from_file") {
    return parseSelect(w, w[0] == "select_multiple_from_file", true);
  }
  const auto simple = kSimpleTypes.find(w[0]);
  if (simple != kSimpleTypes.end() && w.size() == 1) {
    parsed.type = simple->second;
    return parsed;
  }
  if (simple != kSimpleTypes.end()) {
    parsed.error = "type '" + w[0] + "' takes nothing after it; remove '" + w[1] + "'";
  } else if (std::find(kUnsupportedTypes.begin(), kUnsupportedTypes.end(), w[0]) !=
             kUnsupportedTypes.end()) {
    parsed.error =
        "type '" + w[0] +
        "' is valid XLSForm but Phum devices cannot capture it yet; use one of: " + kSupportedList;
  } else {
    std::vector<std::string> known = {"select_one", "select_multiple", "begin group",
                                      "end group",  "begin repeat",    "end repeat"};
    for (const auto& [name, type] : kSimpleTypes) known.push_back(name);
    const auto suggestion = closestMatch(w[0], known);
    parsed.error = "unknown type '" + std::string(trimAscii(text)) + "'" +
                   (suggestion ? "; did you mean '" + *suggestion + "'?" : "") +
                   " Supported types: " + kSupportedList;
  }
  return parsed;
}

bool isQuestion(FieldType type) {
  switch (type) {
    case phum::v1::FIELD_TYPE_CALCULATE:
    case phum::v1::FIELD_TYPE_GROUP:
    case phum::v1::FIELD_TYPE_REPEAT:
    case phum::v1::FIELD_TYPE_START:
    case phum::v1::FIELD_TYPE_END:
    case phum::v1::FIELD_TYPE_TODAY:
    case phum::v1::FIELD_TYPE_DEVICEID:
    case phum::v1::FIELD_TYPE_USERNAME:
      return false;
    default:
      return true;
  }
}

bool isSelect(FieldType type) {
  return type == phum::v1::FIELD_TYPE_SELECT_ONE || type == phum::v1::FIELD_TYPE_SELECT_MULTIPLE;
}

struct OpenBlock {
  Field* field;
  const SheetRow* row;
  bool repeat;
};

class SurveyBuilder {
 public:
  SurveyBuilder(const SheetColumns& columns, Diagnostics& diagnostics,
                phum::v1::FormDefinition& form, SurveyResult& survey)
      : columns_(columns), diagnostics_(diagnostics), form_(form), survey_(survey) {}

  void readRow(const SheetRow& row) {
    const std::string typeText = columns_.cell(row, "type");
    if (typeText.empty()) {
      diagnostics_.error(columns_.at(row, "type"),
                         "this row has content but no type; write a type such as 'text' or "
                         "'select_one LIST', or delete the row");
      return;
    }
    const ParsedType parsed = parseType(typeText);
    if (!parsed.error.empty()) {
      diagnostics_.error(columns_.at(row, "type"), parsed.error);
      return;
    }
    if (parsed.marker == Marker::EndGroup || parsed.marker == Marker::EndRepeat) {
      return closeBlock(row, parsed.marker == Marker::EndRepeat);
    }
    Field* field = addField(row, parsed);
    if (parsed.marker != Marker::None) {
      stack_.push_back(OpenBlock{field, &row, parsed.marker == Marker::BeginRepeat});
    }
  }

  void finish() {
    for (auto open = stack_.rbegin(); open != stack_.rend(); ++open) {
      const std::string kind = open->repeat ? "repeat" : "group";
      diagnostics_.error(columns_.at(*open->row, "type"),
                         "'begin " + kind + "' " + open->field->name() +
                             " is never closed; add an 'end " + kind +
                             "' row after its last question");
    }
  }

 private:
  google::protobuf::RepeatedPtrField<Field>& siblings() {
    return stack_.empty() ? *form_.mutable_fields() : *stack_.back().field->mutable_children();
  }

  void closeBlock(const SheetRow& row, bool repeat) {
    const std::string kind = repeat ? "repeat" : "group";
    if (stack_.empty()) {
      diagnostics_.error(columns_.at(row, "type"), "'end " + kind + "' has no matching 'begin " +
                                                       kind +
                                                       "' above it; delete this row or "
                                                       "add the missing 'begin " +
                                                       kind + "'");
      return;
    }
    const OpenBlock open = stack_.back();
    stack_.pop_back();
    if (open.repeat != repeat) {
      const std::string openKind = open.repeat ? "repeat" : "group";
      diagnostics_.error(columns_.at(row, "type"),
                         "'end " + kind + "' closes the " + openKind + " '" + open.field->name() +
                             "' opened at row " + std::to_string(open.row->row) + "; write 'end " +
                             openKind + "' here or close the inner block first");
    }
  }

  Field* addField(const SheetRow& row, const ParsedType& parsed) {
    Field* field = siblings().Add();
    field->set_type(parsed.type);
    field->set_list_name(parsed.listName);
    field->set_choice_file(parsed.choiceFile);
    field->set_or_other(parsed.orOther);
    field->set_source_row(static_cast<std::uint32_t>(row.row));
    readName(row, *field);
    readColumns(row, *field);
    survey_.fields.push_back(FieldSource{field, columns_.at(row), &columns_});
    return field;
  }

  void readName(const SheetRow& row, Field& field) {
    const std::string name = columns_.cell(row, "name");
    field.set_name(name);
    if (name.empty()) {
      diagnostics_.error(columns_.at(row, "name"),
                         "this row has no name; every field needs a unique name such as "
                         "'household_size' (answers are stored under it)");
    } else if (!isValidName(name)) {
      diagnostics_.error(columns_.at(row, "name"),
                         "name '" + name +
                             "' is not valid; start with a letter or '_' and use only letters, "
                             "digits, '_', '-' and '.' (no spaces)");
    } else if (const auto previous = names_.find(name); previous != names_.end()) {
      diagnostics_.error(columns_.at(row, "name"),
                         "duplicate name '" + name + "': row " + std::to_string(previous->second) +
                             " already uses it; names must be unique in the whole form because "
                             "answers are stored by name");
    } else {
      names_[name] = row.row;
    }
  }

  std::string readFlag(const SheetRow& row, std::string_view key) {
    const std::string text = columns_.cell(row, key);
    const auto flag = normalizeBoolean(text);
    return flag ? *flag : text;  // anything else is an expression, checked later
  }

  void readColumns(const SheetRow& row, Field& field) {
    readTranslations(columns_, row, "label", *field.mutable_labels());
    readTranslations(columns_, row, "hint", *field.mutable_hints());
    readTranslations(columns_, row, "required_message", *field.mutable_required_messages());
    readTranslations(columns_, row, "constraint_message", *field.mutable_constraint_messages());
    field.set_required(readFlag(row, "required"));
    field.set_read_only(readFlag(row, "read_only"));
    field.set_relevant(columns_.cell(row, "relevant"));
    field.set_constraint(columns_.cell(row, "constraint"));
    field.set_calculation(columns_.cell(row, "calculation"));
    field.set_choice_filter(columns_.cell(row, "choice_filter"));
    field.set_default_value(columns_.cell(row, "default"));
    field.set_appearance(columns_.cell(row, "appearance"));
    field.set_repeat_count(columns_.cell(row, "repeat_count"));
    readParameters(columns_, row, field, diagnostics_);
    const std::string sensitive = columns_.cell(row, "sensitive");
    const auto flag = normalizeBoolean(sensitive);
    if (!flag) {
      diagnostics_.error(columns_.at(row, "sensitive"),
                         "sensitive must be 'yes' or 'no' (or empty), not '" + sensitive + "'");
    }
    field.set_sensitive(flag && !flag->empty());
    if (sensitive.empty()) suggestSensitive(row, field);
    checkColumnsFitType(row, field);
  }

  // The protection rules name the data that must be sensitive; a field that looks like it and
  // says nothing either way gets a reminder (an explicit 'no' silences it).
  void suggestSensitive(const SheetRow& row, const Field& field) {
    const std::string name = toLowerAscii(field.name());
    std::string what;
    if (field.type() == phum::v1::FIELD_TYPE_GEOPOINT) {
      what = "an exact GPS position";
    } else if (field.type() == phum::v1::FIELD_TYPE_IMAGE) {
      what = "a photo";
    } else if (field.type() == phum::v1::FIELD_TYPE_TEXT) {
      for (const char* hint : {"name", "phone", "narrative"}) {
        if (name.find(hint) != std::string::npos) what = std::string("a ") + hint;
      }
    }
    if (what.empty()) return;
    diagnostics_.warning(columns_.at(row, "sensitive"),
                         "'" + field.name() + "' looks like " + what +
                             ", which the protection rules treat as sensitive; write 'yes' in the "
                             "sensitive column (add one if the sheet has none), or 'no' if it is "
                             "not personal");
  }

  void checkColumnsFitType(const SheetRow& row, const Field& field) {
    const std::string& name = field.name();
    if (isQuestion(field.type()) && field.labels().empty() && field.hints().empty()) {
      diagnostics_.error(columns_.at(row, "label"),
                         "'" + name +
                             "' has no label; write the question field workers should read "
                             "(in every language of the form)");
    }
    if (field.type() == phum::v1::FIELD_TYPE_CALCULATE && field.calculation().empty() &&
        field.default_value().empty()) {
      diagnostics_.error(columns_.at(row, "calculation"),
                         "calculate field '" + name +
                             "' has no calculation; write the expression it computes, e.g. "
                             "${adults} + ${children}");
    }
    if (!field.repeat_count().empty() && field.type() != phum::v1::FIELD_TYPE_REPEAT) {
      diagnostics_.error(columns_.at(row, "repeat_count"),
                         "repeat_count only applies to 'begin repeat' rows; move it there or "
                         "clear it");
    }
    if (!field.choice_filter().empty() && !isSelect(field.type())) {
      diagnostics_.error(
          columns_.at(row, "choice_filter"),
          "choice_filter only applies to select questions; clear it on '" + name + "'");
    }
    if (!field.constraint_messages().empty() && field.constraint().empty()) {
      diagnostics_.warning(columns_.at(row, "constraint_message"),
                           "constraint_message is set but '" + name +
                               "' has no constraint; the message will never show");
    }
  }

  const SheetColumns& columns_;
  Diagnostics& diagnostics_;
  phum::v1::FormDefinition& form_;
  SurveyResult& survey_;
  std::vector<OpenBlock> stack_;
  std::map<std::string, int> names_;
};

}  // namespace

void readSurvey(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics,
                phum::v1::FormDefinition& form, SurveyResult& survey) {
  const Sheet* sheet = workbook.findSheet("survey");
  if (sheet == nullptr) {
    diagnostics.error({"", nullptr, nullptr},
                      "the form has no survey sheet; add a sheet named 'survey' (in .xlsform.md, a "
                      "'## survey' heading followed by a table)");
    return;
  }
  survey.columns.emplace(*sheet, "survey", languages, diagnostics);
  for (const char* required : {"type", "name"}) {
    if (survey.columns->find(required) == nullptr) {
      diagnostics.error({"survey", nullptr, nullptr},
                        std::string("the survey sheet has no '") + required +
                            "' column; its header row needs at least type, name and label");
      return;
    }
  }
  SurveyBuilder builder(*survey.columns, diagnostics, form, survey);
  for (const SheetRow& row : sheet->rows) {
    if (!row.blank()) builder.readRow(row);
  }
  builder.finish();
}

}  // namespace phum::forms::detail
