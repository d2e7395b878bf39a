#include "server/record_validator.h"

#include "core/canonical_bytes.h"
#include "server/record_store.h"

namespace phum::server {

namespace {

phum::v1::FieldError fieldError(const char* field, const char* message) {
  phum::v1::FieldError error;
  error.set_field(field);
  error.set_message(message);
  return error;
}

thread_local std::uint64_t tCheckingBatch = 0;
thread_local std::uint64_t tBatchesChecked = 0;

// Marks this thread as checking one batch until the scope ends.
class CheckingBatch {
 public:
  CheckingBatch() { tCheckingBatch = ++tBatchesChecked; }
  ~CheckingBatch() { tCheckingBatch = 0; }
  CheckingBatch(const CheckingBatch&) = delete;
  CheckingBatch& operator=(const CheckingBatch&) = delete;
};

}  // namespace

std::uint64_t batchBeingChecked() { return tCheckingBatch; }

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

void addScopeErrors(const phum::v1::Record& record, const PushContext& context,
                    phum::v1::RecordAck& ack) {
  if (context.username.empty()) return;  // --open mode
  if (record.author() != context.username) {
    auto* error = ack.add_field_errors();
    error->set_field("author");
    error->set_message("the record's author '" + record.author() + "' is not the signed-in user '" +
                       context.username + "'");
  }
  if (context.scopeCode != "national" && !record.location_code().starts_with(context.scopeCode)) {
    auto* error = ack.add_field_errors();
    error->set_field("location_code");
    error->set_message("location '" + record.location_code() + "' is outside the account's area '" +
                       context.scopeCode + "'");
  }
}

bool rejectIfInvalid(phum::v1::RecordAck& ack) {
  if (ack.field_errors_size() == 0) return false;
  std::string reason;
  for (const auto& error : ack.field_errors()) {
    if (!reason.empty()) reason += "; ";
    reason += error.field() + ": " + error.message();
  }
  ack.set_status(phum::v1::RECORD_STATUS_REJECTED);
  ack.set_reason(reason);
  return true;
}

std::vector<CheckedRecord> checkRecords(const phum::v1::PushBatch& batch,
                                        const PushContext& context,
                                        const RecordValidator& validator) {
  const CheckingBatch checking;
  std::vector<CheckedRecord> checked(static_cast<std::size_t>(batch.records_size()));
  for (int i = 0; i < batch.records_size(); ++i) {
    const auto& record = batch.records(i);
    auto& ack = checked[static_cast<std::size_t>(i)].ack;
    ack.set_uuid(record.uuid());
    ack.set_revision(record.revision());
    for (auto& error : validateRecordStructure(record)) *ack.add_field_errors() = std::move(error);
    if (ack.field_errors_size() == 0 && validator) {
      for (auto& error : validator(record)) *ack.add_field_errors() = std::move(error);
    }
    addScopeErrors(record, context, ack);
    if (!rejectIfInvalid(ack)) checked[static_cast<std::size_t>(i)].body = canonicalBytes(record);
  }
  return checked;
}

}  // namespace phum::server
