#pragma once
// Per-record checks before storage, shared by every storage backend: the record's structure, the
// form engine's verdict (a RecordValidator, see form_validator.h), and the signed-in account's
// authorship and geographic scope.
#include <functional>
#include <string>
#include <vector>

#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::server {

struct PushContext;  // record_store.h (which includes this header)

// Returns the problems found; empty means the record may be stored.
using RecordValidator = std::function<std::vector<phum::v1::FieldError>(const phum::v1::Record&)>;

// uuid is 16 bytes, form_id is set, revision >= 1.
std::vector<phum::v1::FieldError> validateRecordStructure(const phum::v1::Record& record);

// The author must be the signed-in user and the location inside the account's scope (no-op in
// --open mode, where there is no user).
void addScopeErrors(const phum::v1::Record& record, const PushContext& context,
                    phum::v1::RecordAck& ack);

// When `ack` carries field errors: REJECTED with all of them joined as the reason; returns true.
bool rejectIfInvalid(phum::v1::RecordAck& ack);

}  // namespace phum::server
