#include "server/record_validator.h"

namespace phum::server {

namespace {

phum::v1::FieldError fieldError(const char* field, const char* message) {
  phum::v1::FieldError error;
  error.set_field(field);
  error.set_message(message);
  return error;
}

}  // namespace

std::vector<phum::v1::FieldError> validateRecordStructure(const phum::v1::Record& record) {
  std::vector<phum::v1::FieldError> errors;
  if (record.uuid().size() != 16) {
    errors.push_back(
        fieldError("uuid", "the record id must be 16 bytes (a UUID made on the device)"));
  }
  if (record.form_id().empty()) {
    errors.push_back(fieldError("form_id", "the record does not say which form it was filled in"));
  }
  if (record.revision() < 1) {
    errors.push_back(fieldError("revision", "the revision must be 1 or more"));
  }
  return errors;
}

}  // namespace phum::server
