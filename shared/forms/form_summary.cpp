#include "forms/form_summary.h"

#include <sstream>

namespace phum::forms {
namespace {

void count(const google::protobuf::RepeatedPtrField<phum::v1::Field>& fields,
           FormSummary& summary) {
  for (const phum::v1::Field& field : fields) {
    if (field.type() == phum::v1::FIELD_TYPE_GROUP) {
      ++summary.groups;
    } else if (field.type() == phum::v1::FIELD_TYPE_REPEAT) {
      ++summary.repeats;
    } else {
      ++summary.fields;
    }
    if (field.sensitive()) summary.sensitiveFields.push_back(field.name());
    count(field.children(), summary);
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

}  // namespace

FormSummary summarizeForm(const phum::v1::FormDefinition& form) {
  FormSummary summary;
  count(form.fields(), summary);
  summary.choiceLists = form.choice_lists_size();
  for (const phum::v1::Language& language : form.language_names()) {
    summary.languages.push_back(
        language.name().empty() ? language.code() : language.code() + " (" + language.name() + ")");
  }
  return summary;
}

std::string describeForm(const phum::v1::FormDefinition& form) {
  const FormSummary summary = summarizeForm(form);
  std::ostringstream out;
  out << "form: " << form.form_id() << " version " << form.version() << " \"" << form.title()
      << "\"\n"
      << "fields: " << summary.fields << "\n"
      << "groups: " << summary.groups << "\n"
      << "repeats: " << summary.repeats << "\n"
      << "choice lists: " << summary.choiceLists << "\n"
      << "languages: " << joined(summary.languages) << "\n"
      << "sensitive fields (" << summary.sensitiveFields.size()
      << "): " << joined(summary.sensitiveFields) << "\n";
  return out.str();
}

}  // namespace phum::forms
