// The settings, choices and external_choices sheets.
#include <algorithm>
#include <map>
#include <set>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

// The label pyxform gives the choice that or_other adds; Khmer for Khmer forms.
std::string otherLabel(const std::string& language) { return language == "km" ? "ផ្សេងៗ" : "Other"; }

class ChoiceReader {
 public:
  ChoiceReader(const SheetColumns& columns, const Settings& settings, Diagnostics& diagnostics,
               phum::v1::FormDefinition& form, ChoicesResult& result)
      : columns_(columns),
        settings_(settings),
        diagnostics_(diagnostics),
        form_(form),
        result_(result) {}

  void readRow(const SheetRow& row) {
    const std::string listName = columns_.cell(row, "list_name");
    const std::string name = columns_.cell(row, "name");
    if (listName.empty()) {
      diagnostics_.error(columns_.at(row, "list_name"),
                         "this choice has no list_name; write the name of the list it belongs to "
                         "(the word after select_one in the survey)");
      return;
    }
    // The list exists even if this row is wrong, so selects using it get no second error.
    phum::v1::ChoiceList& list = listNamed(listName);
    if (name.empty()) {
      diagnostics_.error(columns_.at(row, "name"),
                         "choice in list '" + listName +
                             "' has no name; write the value to store, e.g. 'yes' or '1'");
      return;
    }
    auto& names = namesByList_[listName];
    if (names.count(name) > 0 && !settings_.allowChoiceDuplicates) {
      diagnostics_.error(columns_.at(row, "name"),
                         "choice '" + name + "' appears twice in list '" + listName + "' (row " +
                             std::to_string(names[name]) +
                             "); each choice of a list needs its own name, or write yes in a "
                             "settings column allow_choice_duplicates");
      return;
    }
    names.emplace(name, row.row);
    // Spaces only break select_multiple answers (space-separated); checked with the survey.
    if (name.find_first_of(" \t\n") != std::string::npos) {
      result_.spacedNames.push_back({listName, name, columns_.at(row, "name")});
    }
    addChoice(row, list, name);
  }

 private:
  // Found through an index: a sheet may hold thousands of lists.
  phum::v1::ChoiceList& listNamed(const std::string& listName) {
    if (lists_.empty()) {
      for (int i = 0; i < form_.choice_lists_size(); ++i) {
        lists_.emplace(form_.choice_lists(i).list_name(), i);
      }
    }
    const auto [found, added] = lists_.emplace(listName, form_.choice_lists_size());
    if (added) form_.add_choice_lists()->set_list_name(listName);
    return *form_.mutable_choice_lists(found->second);
  }

  void addChoice(const SheetRow& row, phum::v1::ChoiceList& list, const std::string& name) {
    phum::v1::Choice* choice = list.add_choices();
    choice->set_name(name);
    readTranslations(columns_, row, "label", *choice->mutable_labels());
    readMedia(columns_, row, *choice->mutable_media());
    if (!hasMedia(choice->media())) choice->clear_media();
    if (choice->labels().empty() && !choice->has_media()) {
      // pyxform only warns; the app shows the name instead.
      diagnostics_.warning(columns_.at(row, "label"),
                           "choice '" + name + "' in list '" + list.list_name() +
                               "' has no label; field workers will see its name");
    }
    for (const Column& column : columns_.all()) {
      if (column.key.rfind("extra:", 0) != 0 || column.index >= row.cells.size()) continue;
      (*choice->mutable_columns())[column.header] = trimAscii(row.cells[column.index]);
    }
  }

  const SheetColumns& columns_;
  const Settings& settings_;
  Diagnostics& diagnostics_;
  phum::v1::FormDefinition& form_;
  ChoicesResult& result_;
  std::map<std::string, std::map<std::string, int>> namesByList_;
  std::map<std::string, int> lists_;  // list name -> index in form_.choice_lists
};

void readSettingsRow(const SheetColumns& columns, const SheetRow& row, Languages& languages,
                     Diagnostics& diagnostics, Settings& settings) {
  settings.row = &row;
  settings.formId = columns.cell(row, "form_id");
  settings.title = columns.cell(row, "form_title");
  settings.version = columns.cell(row, "version");
  settings.instanceName = columns.cell(row, "instance_name");
  settings.locationField = columns.cell(row, "location_field");
  settings.roles = columns.cell(row, "roles");
  const std::string language = columns.cell(row, "default_language");
  if (!language.empty()) {
    const auto [code, name] = parseLanguage(language);
    settings.defaultLanguage = code;
    if (!name.empty()) languages.names[code] = name;
  }
  const std::string duplicates = columns.cell(row, "allow_choice_duplicates");
  const auto allow = normalizeBoolean(duplicates);
  if (!allow) {
    diagnostics.error(columns.at(row, "allow_choice_duplicates"),
                      "allow_choice_duplicates must be 'yes' or 'no', not '" + duplicates + "'");
  }
  settings.allowChoiceDuplicates = allow && !allow->empty();
  if (!columns.cell(row, "public_key").empty()) {
    diagnostics.unsupported(columns.at(row, "public_key"), "public_key (encrypted forms)",
                            "Phum cannot encrypt records with a public_key yet; remove it, and "
                            "mark personal questions sensitive instead");
  }
  // pyxform takes any text; a plain identifier is easier to read in exports and commands.
  if (std::any_of(settings.formId.begin(), settings.formId.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    diagnostics.error(columns.at(row, "form_id"),
                      "form_id contains a line break or another control character; write it on "
                      "one line");
  } else if (!settings.formId.empty() && !isValidName(settings.formId)) {
    diagnostics.warning(columns.at(row, "form_id"),
                        "form_id '" + settings.formId +
                            "' works, but is easier to use as a plain identifier: start with a "
                            "letter and use only letters, digits, '_', '-' and '.'");
  }
}

void readChoiceSheet(const Sheet& sheet, const std::string& sheetName, const Settings& settings,
                     Languages& languages, Diagnostics& diagnostics, phum::v1::FormDefinition& form,
                     ChoicesResult& choices) {
  if (sheet.header.empty() && sheet.rows.empty()) return;  // an empty sheet, as pyxform allows
  const SheetColumns& columns =
      choices.columns.emplace_back(sheet, sheetName, languages, diagnostics);
  for (const char* required : {"list_name", "name"}) {
    if (columns.find(required) == nullptr) {
      diagnostics.error({sheetName, nullptr, nullptr},
                        "the " + sheetName + " sheet has no '" + required +
                            "' column; its header row needs list_name, name and label");
      return;
    }
  }
  ChoiceReader reader(columns, settings, diagnostics, form, choices);
  const int before = form.choice_lists_size();
  std::set<std::string> earlier;
  for (int i = 0; i < before; ++i) earlier.insert(form.choice_lists(i).list_name());
  for (const SheetRow& row : sheet.rows) {
    if (row.blank()) continue;
    const std::string listName = columns.cell(row, "list_name");
    if (sheetName == "external_choices" && earlier.count(listName) > 0) {
      diagnostics.error(columns.at(row, "list_name"),
                        "list '" + listName +
                            "' is on both the choices and the external_choices sheet; rename one");
      continue;
    }
    reader.readRow(row);
  }
  if (sheetName != "external_choices") return;
  for (int i = before; i < form.choice_lists_size(); ++i) {
    choices.externalLists.push_back(form.choice_lists(i).list_name());
  }
}

}  // namespace

Settings readSettings(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics) {
  Settings settings;
  const Sheet* sheet = workbook.findSheet("settings");
  if (sheet == nullptr) return settings;
  const SheetColumns& columns =
      settings.columns.emplace(*sheet, "settings", languages, diagnostics);
  for (const SheetRow& row : sheet->rows) {
    if (row.blank()) continue;
    if (settings.row != nullptr) {
      diagnostics.warning(columns.at(row),
                          "only the first row of the settings sheet is used; this row is ignored");
      continue;
    }
    readSettingsRow(columns, row, languages, diagnostics, settings);
  }
  return settings;
}

void readChoices(const Workbook& workbook, const Settings& settings, Languages& languages,
                 Diagnostics& diagnostics, phum::v1::FormDefinition& form, ChoicesResult& choices) {
  for (const char* name : {"choices", "external_choices"}) {
    if (const Sheet* sheet = workbook.findSheet(name)) {
      readChoiceSheet(*sheet, name, settings, languages, diagnostics, form, choices);
    }
  }
  if (workbook.findSheet("entities") != nullptr) {
    diagnostics.unsupported({"entities", nullptr, nullptr}, "entities",
                            "Phum cannot create or update entity lists (the entities sheet) yet");
  }
}

void addOtherChoices(const SurveyResult& survey, const Languages& formLanguages,
                     phum::v1::FormDefinition& form) {
  std::map<std::string, phum::v1::ChoiceList*> lists;
  for (auto& list : *form.mutable_choice_lists()) lists.emplace(list.list_name(), &list);
  for (const FieldSource& source : survey.fields) {
    const phum::v1::Field& field = *source.field;
    const auto found = field.or_other() ? lists.find(field.list_name()) : lists.end();
    if (found == lists.end()) continue;  // not or_other, or a missing list (reported)
    phum::v1::ChoiceList& list = *found->second;
    const bool present = std::any_of(list.choices().begin(), list.choices().end(),
                                     [](const auto& c) { return c.name() == "other"; });
    if (present) continue;
    std::set<std::string> languages;
    for (const auto& choice : list.choices()) {
      for (const auto& [language, text] : choice.labels()) languages.insert(language);
    }
    if (languages.empty()) languages.insert(formLanguages.defaultCode);
    phum::v1::Choice* other = list.add_choices();
    other->set_name("other");
    for (const std::string& language : languages) {
      (*other->mutable_labels())[language] = otherLabel(language);
    }
  }
}

}  // namespace phum::forms::detail
