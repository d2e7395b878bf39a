// The survey sheet: types, names, columns, and the group / repeat tree.
#include <map>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

using phum::v1::Field;
using phum::v1::FieldType;

bool isQuestion(FieldType type) {
  switch (type) {
    case phum::v1::FIELD_TYPE_UNSPECIFIED:  // a row already refused for its type
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
  return type == phum::v1::FIELD_TYPE_SELECT_ONE || type == phum::v1::FIELD_TYPE_SELECT_MULTIPLE ||
         type == phum::v1::FIELD_TYPE_RANK;
}

// The words pyxform gives the question that or_other adds; Khmer for Khmer forms.
std::string specifyOtherLabel(const std::string& language) {
  return language == "km" ? "សូមបញ្ជាក់ផ្សេងទៀត។" : "Specify other.";
}

// pyxform's conversions of yes/no words in expression columns (as Excel's TRUE/FALSE cells).
std::string bindingConversion(std::string text) {
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"yes", "true()"},  {"Yes", "true()"},    {"YES", "true()"},    {"true", "true()"},
      {"True", "true()"}, {"TRUE", "true()"},   {"no", "false()"},    {"No", "false()"},
      {"NO", "false()"},  {"false", "false()"}, {"False", "false()"}, {"FALSE", "false()"}};
  const auto found = kWords.find(text);
  return found == kWords.end() ? text : found->second;
}

struct OpenBlock {
  Field* field;      // the group or repeat opened
  Field* container;  // where its rows go: itself, or its parent when nested too deeply
  const SheetRow* row;
  bool repeat;
};

// Deeper nesting is refused: devices read forms with protobuf, which stops at 100 levels, and
// every pass over the field tree recurses once per level.
constexpr std::size_t kDeepestNesting = 32;

class SurveyBuilder {
 public:
  SurveyBuilder(const SheetColumns& columns, const Languages& languages, Diagnostics& diagnostics,
                phum::v1::FormDefinition& form, SurveyResult& survey)
      : columns_(columns),
        languages_(languages),
        diagnostics_(diagnostics),
        form_(form),
        survey_(survey) {}

  void readRow(const SheetRow& row) {
    const std::string typeText = columns_.cell(row, "type");
    if (typeText.empty()) {
      diagnostics_.error(columns_.at(row, "type"),
                         "this row has content but no type; write a type such as 'text' or "
                         "'select_one LIST', or delete the row");
      return;
    }
    const ParsedType parsed = parseType(typeText);
    if (!parsed.error.empty() && !parsed.unsupported.empty()) {
      diagnostics_.unsupported(columns_.at(row, "type"), parsed.unsupported, parsed.error);
    } else if (!parsed.error.empty()) {
      diagnostics_.error(columns_.at(row, "type"), parsed.error);
    }
    if (!parsed.warning.empty()) diagnostics_.warning(columns_.at(row, "type"), parsed.warning);
    if (parsed.noField) return;
    if (parsed.marker == Marker::EndGroup || parsed.marker == Marker::EndRepeat) {
      return closeBlock(row, parsed.marker == Marker::EndRepeat);
    }
    // A refused type still becomes a (typeless) field: its name stays known, so references to
    // it raise no second error, and its other columns are checked in the same pass.
    ParsedType usable = parsed;
    if (!parsed.error.empty() && parsed.marker == Marker::None) {
      usable = ParsedType{};
    }
    Field* field = addField(row, usable, parsed.external);
    if (usable.marker != Marker::None) openBlock(row, field, usable.marker == Marker::BeginRepeat);
    if (usable.orOther) addSpecifyOther(row, *field);
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
    return stack_.empty() ? *form_.mutable_fields() : *stack_.back().container->mutable_children();
  }

  void openBlock(const SheetRow& row, Field* field, bool repeat) {
    Field* container = field;
    if (stack_.size() >= kDeepestNesting) {
      if (stack_.size() == kDeepestNesting) {
        diagnostics_.error(columns_.at(row, "type"),
                           "groups and repeats are nested more than " +
                               std::to_string(kDeepestNesting) +
                               " deep here; close some before opening more");
      }
      container = stack_.back().container;
    }
    stack_.push_back(OpenBlock{field, container, &row, repeat});
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

  Field* addField(const SheetRow& row, const ParsedType& parsed, bool external) {
    Field* field = siblings().Add();
    field->set_type(parsed.type);
    field->set_list_name(parsed.listName);
    field->set_choice_file(parsed.choiceFile);
    field->set_or_other(parsed.orOther);
    field->set_source_row(static_cast<std::uint32_t>(row.row));
    readName(row, *field);
    readColumns(row, *field);
    applyTypeRules(parsed, *field);
    checkColumnsFitType(row, *field);
    const bool hidden = toLowerAscii(columns_.cell(row, "type")) == "hidden";
    if (parsed.type == phum::v1::FIELD_TYPE_CALCULATE && parsed.warning.empty() && !hidden &&
        field->calculation().empty() && field->default_value().empty()) {
      diagnostics_.error(columns_.at(row, "calculation"),
                         "calculate field '" + field->name() +
                             "' has no calculation; write the expression it computes, e.g. "
                             "${adults} + ${children}");
    }
    survey_.fields.push_back(FieldSource{field, columns_.at(row), &columns_, external, false});
    return field;
  }

  // 'percentage', 'phone number' ...: the rule and hint the old type stands for.
  void applyTypeRules(const ParsedType& parsed, Field& field) {
    if (!parsed.constraint.empty()) {
      field.set_constraint(field.constraint().empty()
                               ? parsed.constraint
                               : "(" + parsed.constraint + ") and (" + field.constraint() + ")");
    }
    if (!parsed.hint.empty() && field.hints().empty()) {
      (*field.mutable_hints())[languages_.defaultCode] = parsed.hint;
    }
    if (!parsed.appearance.empty()) {
      field.set_appearance(field.appearance().empty()
                               ? parsed.appearance
                               : parsed.appearance + " " + field.appearance());
    }
  }

  // or_other: a text question right after the select, asked when 'other' is chosen.
  void addSpecifyOther(const SheetRow& row, const Field& select) {
    if (!select.choice_filter().empty()) {
      diagnostics_.unsupported(columns_.at(row, "choice_filter"), "or_other with choice_filter",
                               "or_other cannot be combined with a choice_filter (pyxform refuses "
                               "it too); add an 'other' choice to the list instead");
    }
    if (select.name().empty()) return;
    Field* other = siblings().Add();
    other->set_type(phum::v1::FIELD_TYPE_TEXT);
    other->set_name(select.name() + "_other");
    other->set_relevant("selected(${" + select.name() + "}, 'other')");
    other->set_source_row(static_cast<std::uint32_t>(row.row));
    std::vector<std::string> codes = languages_.codes;
    if (codes.empty()) codes.push_back(languages_.defaultCode);
    for (const std::string& code : codes)
      (*other->mutable_labels())[code] = specifyOtherLabel(code);
    if (const auto previous = names_.find(other->name()); previous != names_.end()) {
      diagnostics_.error(columns_.at(row, "type"), "or_other adds a question named '" +
                                                       other->name() + "', but row " +
                                                       std::to_string(previous->second.row) +
                                                       " already uses that name; rename that row");
    }
    names_[other->name()] = NameUse{row.row, container()};
    survey_.fields.push_back(FieldSource{other, columns_.at(row), &columns_, false, true});
  }

  void readName(const SheetRow& row, Field& field) {
    std::string name = columns_.cell(row, "name");
    if (name.empty() && field.type() == phum::v1::FIELD_TYPE_NOTE) {
      name = "generated_note_name_" + std::to_string(row.row);  // as pyxform names them
    }
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
    } else if (const auto previous = names_.find(name); previous == names_.end()) {
      names_[name] = NameUse{row.row, container()};
    } else if (previous->second.container == container()) {
      diagnostics_.error(columns_.at(row, "name"),
                         "duplicate name '" + name + "': row " +
                             std::to_string(previous->second.row) +
                             " already uses it in the same group; give each question its own "
                             "name");
    } else {
      // ODK allows it (the XML paths differ); Phum stores answers by name alone.
      diagnostics_.unsupported(
          columns_.at(row, "name"), "the same name in two groups",
          "name '" + name + "' is also used at row " + std::to_string(previous->second.row) +
              " (in another group); ODK allows that, but Phum stores answers by name, so names "
              "must be unique in the whole form: rename one of them");
    }
  }

  const Field* container() const { return stack_.empty() ? nullptr : stack_.back().container; }

  std::string readFlag(const SheetRow& row, std::string_view key) {
    const std::string text = columns_.cell(row, key);
    const auto flag = normalizeBoolean(text);
    return flag ? *flag : text;  // anything else is an expression, checked later
  }

  void readColumns(const SheetRow& row, Field& field) {
    readTranslations(columns_, row, "label", *field.mutable_labels());
    readTranslations(columns_, row, "hint", *field.mutable_hints());
    readTranslations(columns_, row, "guidance_hint", *field.mutable_guidance_hints());
    readTranslations(columns_, row, "required_message", *field.mutable_required_messages());
    readTranslations(columns_, row, "constraint_message", *field.mutable_constraint_messages());
    readMedia(columns_, row, *field.mutable_media());
    if (!hasMedia(field.media())) field.clear_media();
    field.set_required(readFlag(row, "required"));
    field.set_read_only(readFlag(row, "read_only"));
    field.set_relevant(bindingConversion(columns_.cell(row, "relevant")));
    field.set_constraint(bindingConversion(columns_.cell(row, "constraint")));
    field.set_calculation(bindingConversion(columns_.cell(row, "calculation")));
    field.set_choice_filter(columns_.cell(row, "choice_filter"));
    field.set_default_value(columns_.cell(row, "default"));
    field.set_appearance(columns_.cell(row, "appearance"));
    field.set_repeat_count(columns_.cell(row, "repeat_count"));
    readParameters(columns_, row, field, diagnostics_);
    readSensitive(row, field);
    checkUnsupportedColumns(row, field);
  }

  void readSensitive(const SheetRow& row, Field& field) {
    const std::string sensitive = columns_.cell(row, "sensitive");
    const auto flag = normalizeBoolean(sensitive);
    if (!flag) {
      diagnostics_.error(columns_.at(row, "sensitive"),
                         "sensitive must be 'yes' or 'no' (or empty), not '" + sensitive + "'");
    }
    field.set_sensitive(flag && !flag->empty());
    if (sensitive.empty()) suggestSensitive(row, field);
  }

  // Columns whose meaning Phum cannot reproduce: refused, so the form is not run differently.
  void checkUnsupportedColumns(const SheetRow& row, const Field& field) {
    if (!columns_.cell(row, "trigger").empty()) {
      diagnostics_.unsupported(columns_.at(row, "trigger"), "trigger column",
                               "Phum cannot recalculate a value when another question changes "
                               "(trigger) yet; use a calculation that refers to that question");
    }
    if (!columns_.cell(row, "save_to").empty()) {
      diagnostics_.unsupported(columns_.at(row, "save_to"), "entities",
                               "Phum cannot save answers to entity lists (save_to) yet");
    }
    if (field.appearance().find("search(") != std::string::npos) {
      diagnostics_.unsupported(columns_.at(row, "appearance"), "search() appearance",
                               "Phum cannot take choices from a search() appearance yet; use "
                               "select_one_from_file with the CSV file instead");
    }
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
    // A picture or a sound may stand for the label, as in ODK.
    if (isQuestion(field.type()) && field.labels().empty() && field.hints().empty() &&
        !field.has_media()) {
      diagnostics_.error(columns_.at(row, "label"),
                         "'" + name +
                             "' has no label; write the question field workers should read "
                             "(in every language of the form), or give it an image or audio");
    }
    if (field.media().image().empty() && !field.media().big_image().empty()) {
      diagnostics_.error(columns_.at(row, "big-image"),
                         "'" + name +
                             "' has a big-image but no image; the big image is shown "
                             "when the image is tapped, so add the image too");
    }
    if (!field.repeat_count().empty() && field.type() != phum::v1::FIELD_TYPE_REPEAT) {
      diagnostics_.error(columns_.at(row, "repeat_count"),
                         "repeat_count only applies to 'begin repeat' rows; move it there or "
                         "clear it");
    }
    if (!field.choice_filter().empty() && !isSelect(field.type()) &&
        field.type() != phum::v1::FIELD_TYPE_UNSPECIFIED) {
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
  const Languages& languages_;
  Diagnostics& diagnostics_;
  phum::v1::FormDefinition& form_;
  SurveyResult& survey_;
  std::vector<OpenBlock> stack_;
  struct NameUse {
    int row;
    const Field* container;  // the group or repeat it is in; nullptr at the top level
  };
  std::map<std::string, NameUse> names_;
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
  SurveyBuilder builder(*survey.columns, languages, diagnostics, form, survey);
  for (const SheetRow& row : sheet->rows) {
    if (!row.blank()) builder.readRow(row);
  }
  builder.finish();
}

}  // namespace phum::forms::detail
