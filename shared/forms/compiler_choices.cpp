// The settings and choices sheets.
#include <map>
#include <set>

#include "forms/compiler_internal.h"

namespace phum::forms::detail {
namespace {

void readChoiceRow(const SheetColumns& columns, const SheetRow& row, Diagnostics& diagnostics,
                   std::map<std::string, std::map<std::string, int>>& namesByList,
                   phum::v1::FormDefinition& form) {
  const std::string listName = columns.cell(row, "list_name");
  const std::string name = columns.cell(row, "name");
  if (listName.empty()) {
    diagnostics.error(columns.at(row, "list_name"),
                      "this choice has no list_name; write the name of the list it belongs to "
                      "(the word after select_one in the survey)");
    return;
  }
  // The list exists even if this row is wrong, so selects using it get no second error.
  phum::v1::ChoiceList* list = nullptr;
  for (auto& existing : *form.mutable_choice_lists()) {
    if (existing.list_name() == listName) list = &existing;
  }
  if (list == nullptr) {
    list = form.add_choice_lists();
    list->set_list_name(listName);
  }
  if (name.empty()) {
    diagnostics.error(columns.at(row, "name"),
                      "choice in list '" + listName +
                          "' has no name; write the value to store, e.g. 'yes' or '1'");
    return;
  }
  if (name.find_first_of(" \t\n") != std::string::npos) {
    // select_multiple answers are stored as space-separated choice names.
    diagnostics.error(
        columns.at(row, "name"),
        "choice name '" + name + "' contains a space; write it without spaces, e.g. with '_'");
    return;
  }
  auto& names = namesByList[listName];
  if (names.count(name) > 0) {
    diagnostics.error(columns.at(row, "name"), "choice '" + name + "' appears twice in list '" +
                                                   listName + "' (row " +
                                                   std::to_string(names[name]) +
                                                   "); each choice of a list needs its own name");
    return;
  }
  names[name] = row.row;
  phum::v1::Choice* choice = list->add_choices();
  choice->set_name(name);
  readTranslations(columns, row, "label", *choice->mutable_labels());
  if (choice->labels().empty()) {
    diagnostics.error(columns.at(row, "label"),
                      "choice '" + name + "' in list '" + listName +
                          "' has no label; write the text field workers should see");
  }
  for (const Column& column : columns.all()) {
    if (column.key.rfind("extra:", 0) != 0 || column.index >= row.cells.size()) continue;
    (*choice->mutable_columns())[column.header] = trimAscii(row.cells[column.index]);
  }
}

}  // namespace

Settings readSettings(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics) {
  Settings settings;
  const Sheet* sheet = workbook.findSheet("settings");
  if (sheet == nullptr) return settings;
  SheetColumns columns(*sheet, "settings", languages, diagnostics);
  for (const SheetRow& row : sheet->rows) {
    if (row.blank()) continue;
    if (settings.row != nullptr) {
      diagnostics.warning(columns.at(row),
                          "only the first row of the settings sheet is used; this row is ignored");
      continue;
    }
    settings.row = &row;
    settings.formId = columns.cell(row, "form_id");
    settings.title = columns.cell(row, "form_title");
    settings.version = columns.cell(row, "version");
    settings.instanceName = columns.cell(row, "instance_name");
    if (const Column* column = columns.find("instance_name")) settings.instanceNameColumn = *column;
    settings.locationField = columns.cell(row, "location_field");
    if (const Column* column = columns.find("location_field"))
      settings.locationFieldColumn = *column;
    settings.roles = columns.cell(row, "roles");
    if (const Column* column = columns.find("roles")) settings.rolesColumn = *column;
    const std::string language = columns.cell(row, "default_language");
    if (!language.empty()) {
      const auto [code, name] = parseLanguage(language);
      settings.defaultLanguage = code;
      if (!name.empty()) languages.names[code] = name;
    }
    if (!settings.formId.empty() && !isValidName(settings.formId)) {
      diagnostics.error(columns.at(row, "form_id"),
                        "form_id '" + settings.formId +
                            "' is not valid; start with a letter and use only letters, digits, "
                            "'_', '-' and '.'");
    }
  }
  return settings;
}

void readChoices(const Workbook& workbook, Languages& languages, Diagnostics& diagnostics,
                 phum::v1::FormDefinition& form) {
  const Sheet* sheet = workbook.findSheet("choices");
  if (sheet == nullptr) return;
  SheetColumns columns(*sheet, "choices", languages, diagnostics);
  for (const char* required : {"list_name", "name"}) {
    if (columns.find(required) == nullptr) {
      diagnostics.error({"choices", nullptr, nullptr},
                        std::string("the choices sheet has no '") + required +
                            "' column; its header row needs list_name, name and label");
      return;
    }
  }
  std::map<std::string, std::map<std::string, int>> namesByList;
  for (const SheetRow& row : sheet->rows) {
    if (!row.blank()) readChoiceRow(columns, row, diagnostics, namesByList, form);
  }
}

}  // namespace phum::forms::detail
