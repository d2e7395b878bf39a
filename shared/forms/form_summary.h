#pragma once
// What an administrator wants to know about a compiled form before publishing it.
#include <string>
#include <vector>

#include "phum/v1/form.pb.h"

namespace phum::forms {

struct FormSummary {
  int fields = 0;  // questions, calculations and metadata; groups and repeats not counted
  int groups = 0;
  int repeats = 0;
  int choiceLists = 0;
  std::vector<std::string> languages;        // "km (Khmer)"
  std::vector<std::string> sensitiveFields;  // names, in form order
};

FormSummary summarizeForm(const phum::v1::FormDefinition& form);
// Several lines of plain text, e.g. "fields: 41\ngroups: 3\n...".
std::string describeForm(const phum::v1::FormDefinition& form);

}  // namespace phum::forms
