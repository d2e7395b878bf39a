#include "services/record_checks.h"

#include "core/canonical_bytes.h"

namespace phum::server {

namespace {

phum::v1::FieldError fieldError(const char* field, const char* message) {
  phum::v1::FieldError error;
  error.set_field(field);
  error.set_message(message);
  return error;
}

// The first cause found names the rejection; later ones only add field errors.
void setReasonOnce(phum::v1::RecordAck& ack, phum::v1::AckReason reason) {
  if (ack.reason_code() == phum::v1::ACK_REASON_UNSPECIFIED) ack.set_reason_code(reason);
}

bool insideScope(const std::string& locationCode, const PushContext& context) {
  return context.scopeCode == "national" || locationCode.starts_with(context.scopeCode);
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
    setReasonOnce(ack, phum::v1::ACK_REASON_NOT_THE_AUTHOR);
  }
  if (!insideScope(record.location_code(), context)) {
    auto* error = ack.add_field_errors();
    error->set_field("location_code");
    error->set_message("location '" + record.location_code() + "' is outside the account's area '" +
                       context.scopeCode + "'");
    setReasonOnce(ack, phum::v1::ACK_REASON_OUT_OF_SCOPE);
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

void markConflict(phum::v1::RecordAck& ack) {
  ack.set_status(phum::v1::RECORD_STATUS_CONFLICT);
  ack.set_reason_code(phum::v1::ACK_REASON_REVISION_CONFLICT);
  ack.set_reason("the server already has revision " + std::to_string(ack.revision()) +
                 " of this record with different answers; both copies are kept for a reviewer."
                 " Edit the record to send it as a new revision.");
}

std::vector<CheckedRecord> checkRecords(const phum::v1::PushBatch& batch,
                                        const PushContext& context,
                                        const RecordValidator& validator,
                                        const ReceiptSealer& sealer) {
  const CheckingBatch checking;
  std::vector<CheckedRecord> checked(static_cast<std::size_t>(batch.records_size()));
  for (int i = 0; i < batch.records_size(); ++i) {
    const auto& record = batch.records(i);
    auto& ack = checked[static_cast<std::size_t>(i)].ack;
    ack.set_uuid(record.uuid());
    ack.set_revision(record.revision());
    for (auto& error : validateRecordStructure(record)) *ack.add_field_errors() = std::move(error);
    if (ack.field_errors_size() > 0) {
      setReasonOnce(ack, phum::v1::ACK_REASON_MALFORMED_RECORD);
    } else if (validator) {
      ValidatorVerdict verdict = validator(record);
      for (auto& error : verdict.errors) *ack.add_field_errors() = std::move(error);
      if (!verdict.errors.empty()) setReasonOnce(ack, verdict.reason);
    }
    addScopeErrors(record, context, ack);
    if (rejectIfInvalid(ack)) continue;
    auto sealed = sealer ? sealer(record) : std::nullopt;
    checked[static_cast<std::size_t>(i)].body = canonicalBytes(sealed ? *sealed : record);
  }
  return checked;
}

std::vector<std::string_view> uuidsToLookUp(const phum::v1::PushBatch& batch,
                                            const std::vector<CheckedRecord>& checked) {
  std::vector<std::string_view> uuids;
  uuids.reserve(checked.size());
  std::unordered_map<std::string_view, bool> seen;
  seen.reserve(checked.size());
  for (int i = 0; i < batch.records_size(); ++i) {
    if (checked[static_cast<std::size_t>(i)].rejected()) continue;
    const std::string_view uuid = batch.records(i).uuid();
    if (seen.emplace(uuid, true).second) uuids.push_back(uuid);
  }
  return uuids;
}

StoredRecordRules::StoredRecordRules(const PushContext& context, StoredRevisions stored)
    : context_(context), stored_(std::move(stored)) {}

bool StoredRecordRules::admit(const phum::v1::Record& record, phum::v1::RecordAck& ack) {
  const auto found = stored_.find(record.uuid());
  if (found == stored_.end()) {
    stored_.emplace(record.uuid(), StoredRevision{record.revision(), record.author(),
                                                  record.form_id(), record.location_code()});
    return true;
  }
  StoredRevision& newest = found->second;
  const bool signedIn = !context_.username.empty();
  const bool allowed = record.author() == newest.author && record.form_id() == newest.formId &&
                       (!signedIn || (context_.username == newest.author &&
                                      insideScope(newest.locationCode, context_) &&
                                      insideScope(record.location_code(), context_)));
  if (!allowed) {
    // One answer for every cause, with nothing of the stored record in it.
    ack.clear_field_errors();
    ack.set_status(phum::v1::RECORD_STATUS_REJECTED);
    ack.set_reason_code(phum::v1::ACK_REASON_RECORD_ID_UNAVAILABLE);
    ack.set_reason(
        "this record id cannot be used by this account, so the record was not stored;"
        " ask your supervisor");
    return false;
  }
  if (record.revision() > newest.revision) {
    newest = StoredRevision{record.revision(), record.author(), record.form_id(),
                            record.location_code()};
  }
  return true;
}

}  // namespace phum::server
