#pragma once
// Reference data (the gazetteer, agencies, crossing points, referral services) as the choice list
// of a select_*_from_file question. The server validates with it and the tablet offers choices
// from it, so both read a dataset the same way.
#include <string>
#include <string_view>
#include <vector>

#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"

namespace phum::forms::engine {

// "gazetteer.csv" -> "gazetteer": the dataset name the reference import stores.
std::string datasetForChoiceFile(std::string_view choiceFile);

// The row key is the answer; name_<lang> columns are the labels ("name_km" -> "km"); every column
// is available to choice filters such as "parent=${province}".
phum::v1::ChoiceList referenceChoiceList(const std::string& dataset,
                                         const std::vector<phum::v1::ReferenceRow>& rows);

}  // namespace phum::forms::engine
