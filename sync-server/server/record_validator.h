#pragma once
// Per-record checks before storage, shared by every storage backend: the record's structure, the
// form engine's verdict (a RecordValidator, see form_validator.h), and the signed-in account's
// authorship and geographic scope.
#include <cstdint>
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

// Non-zero while checkRecords is checking a batch on this thread, a different number per batch: a
// validator may remember its storage lookups (a form that is not published, which reference data
// versions exist) for one batch, so 500 records cost one lookup instead of 500. Never longer: a
// form published or reference data imported between two batches is seen by the next one.
std::uint64_t batchBeingChecked();

// One pushed record after every check, before storage: its ack so far (REJECTED with the reasons,
// or no status yet) and, when it may be stored, its canonical bytes.
struct CheckedRecord {
  phum::v1::RecordAck ack;
  std::string body;  // canonicalBytes(record); empty when rejected
  bool rejected() const { return ack.status() == phum::v1::RECORD_STATUS_REJECTED; }
};

// Runs every per-record check of a push (structure, then `validator` when the structure is sound,
// then author and scope) and serialises the records that pass, in batch order. It needs no
// storage lock, so the storage threads check one batch while another batch commits.
std::vector<CheckedRecord> checkRecords(const phum::v1::PushBatch& batch,
                                        const PushContext& context,
                                        const RecordValidator& validator);

}  // namespace phum::server
