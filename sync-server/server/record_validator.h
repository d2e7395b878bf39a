#pragma once
// Per-record validation before storage. The form engine (shared/forms) will provide a validator
// that checks answers against the published form; until then only the record's structure is
// checked.
#include <functional>
#include <vector>

#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::server {

// Returns the problems found; empty means the record may be stored.
using RecordValidator = std::function<std::vector<phum::v1::FieldError>(const phum::v1::Record&)>;

// uuid is 16 bytes, form_id is set, revision >= 1.
std::vector<phum::v1::FieldError> validateRecordStructure(const phum::v1::Record& record);

}  // namespace phum::server
