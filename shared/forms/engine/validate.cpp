#include "forms/engine/validate.h"

namespace phum::forms::engine {
namespace {

void add(std::vector<phum::v1::FieldError>& out, const std::string& field,
         const std::string& message) {
  auto& error = out.emplace_back();
  error.set_field(field);
  error.set_message(message);
}

}  // namespace

std::vector<phum::v1::FieldError> validateRecord(std::shared_ptr<const FormModel> model,
                                                 const phum::v1::Record& record,
                                                 const ValidationOptions& options) {
  std::vector<phum::v1::FieldError> out;
  const auto& form = model->definition();
  if (record.form_id() != form.form_id() || record.form_version() != form.version()) {
    add(out, "",
        "the record is for form '" + record.form_id() + "' version '" + record.form_version() +
            "', not '" + form.form_id() + "' version '" + form.version() + "'");
    return out;
  }
  SessionOptions session;
  session.language = options.language;
  session.nowMillis = record.updated_at_ms() != 0 ? record.updated_at_ms() : record.created_at_ms();
  session.utcOffsetMinutes = options.utcOffsetMinutes;
  session.externalChoices = options.externalChoices;
  session.followRepeatCount = false;
  session.listChoices = false;
  FormSession filled(std::move(model), std::move(session), record.answers());
  for (const auto& error : filled.loadErrors()) add(out, error.field, error.message);
  for (const auto& error : filled.errors()) add(out, error.field, error.message);
  return out;
}

std::vector<phum::v1::FieldError> validateRecord(const phum::v1::FormDefinition& form,
                                                 const phum::v1::Record& record,
                                                 const ValidationOptions& options) {
  return validateRecord(std::make_shared<const FormModel>(form), record, options);
}

}  // namespace phum::forms::engine
