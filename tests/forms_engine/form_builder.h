#pragma once
// Builds FormDefinitions for tests through the protobuf API.
#include <initializer_list>
#include <string>
#include <utility>

#include "phum/v1/form.pb.h"

namespace phum::forms::testing {

using phum::v1::Field;
using phum::v1::FieldType;

inline Field makeField(FieldType type, const std::string& name) {
  Field field;
  field.set_type(type);
  field.set_name(name);
  field.mutable_labels()->insert({"en", name});
  return field;
}

inline Field question(FieldType type, const std::string& name) { return makeField(type, name); }

inline Field calculate(const std::string& name, const std::string& calculation) {
  Field field = makeField(phum::v1::FIELD_TYPE_CALCULATE, name);
  field.set_calculation(calculation);
  return field;
}

inline Field container(FieldType type, const std::string& name,
                       std::initializer_list<Field> children) {
  Field field = makeField(type, name);
  for (const auto& child : children) *field.add_children() = child;
  return field;
}

inline Field repeat(const std::string& name, std::initializer_list<Field> children) {
  return container(phum::v1::FIELD_TYPE_REPEAT, name, children);
}

inline Field group(const std::string& name, std::initializer_list<Field> children) {
  return container(phum::v1::FIELD_TYPE_GROUP, name, children);
}

// A choice list: {name, english label, khmer label}.
struct ChoiceSpec {
  std::string name, en, km;
  std::string columnName = {}, columnValue = {};
};

inline phum::v1::ChoiceList choiceList(const std::string& listName,
                                       std::initializer_list<ChoiceSpec> choices) {
  phum::v1::ChoiceList list;
  list.set_list_name(listName);
  for (const auto& spec : choices) {
    auto* choice = list.add_choices();
    choice->set_name(spec.name);
    (*choice->mutable_labels())["en"] = spec.en;
    if (!spec.km.empty()) (*choice->mutable_labels())["km"] = spec.km;
    if (!spec.columnName.empty()) (*choice->mutable_columns())[spec.columnName] = spec.columnValue;
  }
  return list;
}

inline phum::v1::FormDefinition form(std::initializer_list<Field> fields,
                                     std::initializer_list<phum::v1::ChoiceList> lists = {}) {
  phum::v1::FormDefinition definition;
  definition.set_form_id("household");
  definition.set_version("2026-11");
  definition.set_default_language("en");
  definition.add_languages("en");
  definition.add_languages("km");
  for (const auto& field : fields) *definition.add_fields() = field;
  for (const auto& list : lists) *definition.add_choice_lists() = list;
  return definition;
}

}  // namespace phum::forms::testing
