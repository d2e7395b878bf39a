#include "forms/engine/reference_choices.h"

namespace phum::forms::engine {

std::string datasetForChoiceFile(std::string_view choiceFile) {
  std::string name(choiceFile);
  if (name.size() > 4 && name.ends_with(".csv")) name.resize(name.size() - 4);
  return name;
}

phum::v1::ChoiceList referenceChoiceList(const std::string& dataset,
                                         const std::vector<phum::v1::ReferenceRow>& rows) {
  phum::v1::ChoiceList list;
  list.set_list_name(dataset);
  for (const auto& row : rows) {
    auto* choice = list.add_choices();
    choice->set_name(row.key());
    for (const auto& [column, value] : row.columns()) {
      (*choice->mutable_columns())[column] = value;
      if (column.starts_with("name_")) (*choice->mutable_labels())[column.substr(5)] = value;
    }
  }
  return list;
}

}  // namespace phum::forms::engine
