#pragma once
// The rules of the ingest service for one pushed record: its structure, the form engine's verdict
// (a RecordValidator, see form_validator.h), the signed-in account's authorship and geographic
// scope, and the rules for writing over a record the server already holds. Every refusal carries
// an AckReason code (docs/sync-protocol.md, "Reason codes").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "phum/v1/record.pb.h"
#include "phum/v1/sync.pb.h"
#include "storage/record_storage.h"

namespace phum::server {

using storage::StoredRevision;
using storage::StoredRevisions;

// Who is pushing. Empty username means the server runs in --open mode (no scope checks).
struct PushContext {
  std::string deviceId;
  std::string username;
  std::string scopeCode;  // "national" or a NIS code prefix
};

// What a RecordValidator found. No errors: the record may be stored.
struct ValidatorVerdict {
  ValidatorVerdict() = default;
  // Problems with the answers (ACK_REASON_INVALID_ANSWERS). Implicit, so that a validator may
  // simply return the field errors it found.
  ValidatorVerdict(std::vector<phum::v1::FieldError> fieldErrors)  // NOLINT(runtime/explicit)
      : reason(phum::v1::ACK_REASON_INVALID_ANSWERS), errors(std::move(fieldErrors)) {}
  ValidatorVerdict(phum::v1::AckReason why, std::vector<phum::v1::FieldError> fieldErrors)
      : reason(why), errors(std::move(fieldErrors)) {}

  phum::v1::AckReason reason = phum::v1::ACK_REASON_UNSPECIFIED;
  std::vector<phum::v1::FieldError> errors;
};

using RecordValidator = std::function<ValidatorVerdict(const phum::v1::Record&)>;

// The record as it is to be stored when that differs from what was sent: with the sensitive
// answers its tablet sent in clear sealed by the server (form_validator.h). Nothing: store it as
// sent.
using ReceiptSealer = std::function<std::optional<phum::v1::Record>(const phum::v1::Record&)>;

// Whether a pushed record whose (uuid, revision) the server holds with other bytes is still the
// same revision: the stored copy was sealed on receipt to a key that has been rotated since, so
// the same clear answers seal to other bytes now (form_validator.h). False: a CONFLICT.
using SameRevision =
    std::function<bool(const phum::v1::Record& pushed, const std::string& storedBody)>;

// uuid is 16 bytes, form_id is set, revision >= 1.
std::vector<phum::v1::FieldError> validateRecordStructure(const phum::v1::Record& record);

// The author must be the signed-in user and the location inside the account's scope (no-op in
// --open mode, where there is no user).
void addScopeErrors(const phum::v1::Record& record, const PushContext& context,
                    phum::v1::RecordAck& ack);

// When `ack` carries field errors: REJECTED with all of them joined as the reason; returns true.
// The reason code is the one already set on `ack`.
bool rejectIfInvalid(phum::v1::RecordAck& ack);

// CONFLICT: the server holds this (uuid, revision) with other content; both copies are kept.
void markConflict(phum::v1::RecordAck& ack);

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
// then author and scope) and serialises the records that pass, in batch order, as `sealer` makes
// them to be stored. It needs no storage lock, so the storage threads check one batch while
// another batch commits.
std::vector<CheckedRecord> checkRecords(const phum::v1::PushBatch& batch,
                                        const PushContext& context,
                                        const RecordValidator& validator,
                                        const ReceiptSealer& sealer = {});

// The distinct uuids of the records that passed checkRecords, in batch order: the records whose
// newest stored revision is read, in one lookup inside the batch's write transaction.
std::vector<std::string_view> uuidsToLookUp(const phum::v1::PushBatch& batch,
                                            const std::vector<CheckedRecord>& checked);

// The rules for writing a record the server may already hold, applied in batch order: only the
// stored record's author may send another revision of it (a reviewer returns it to its author,
// who sends the correction), its form stays the same, and the signed-in account's scope covers
// both the stored location and the new one. A refusal is REJECTED with
// ACK_REASON_RECORD_ID_UNAVAILABLE and one reason whatever the cause, naming nothing stored, so
// an account learns nothing about a record that is not its own. A record of a uuid the server
// does not hold makes its author the owner for the rest of the batch.
class StoredRecordRules {
 public:
  StoredRecordRules(const PushContext& context, StoredRevisions stored);
  // True when `record` may be stored; otherwise `ack` is now REJECTED (record id unavailable).
  bool admit(const phum::v1::Record& record, phum::v1::RecordAck& ack);

 private:
  const PushContext& context_;
  StoredRevisions stored_;
};

}  // namespace phum::server
