#pragma once
// Pushed batches: which records are stored, and what each record's ack says.
#include "phum/v1/sync.pb.h"
#include "services/record_checks.h"
#include "storage/database.h"

namespace phum::server {

class IngestService {
 public:
  // `sealer` seals what a tablet sent in clear before it is stored (none: stored as sent);
  // `sameRevision` tells a re-push sealed anew from a conflict (none: the bytes decide).
  IngestService(storage::Database& db, RecordValidator validator, ReceiptSealer sealer = {},
                SameRevision sameRevision = {});

  // Checks every record (record_checks.h) before any transaction, so that one storage thread
  // checks a batch while another commits; then, in ONE write transaction: the batch id's replay
  // check, the rules for records the server already holds, the inserts, DUPLICATE or CONFLICT
  // for keys already stored, and the batch's ack. Returns only after COMMIT. A batch_id seen
  // before is answered with the ack recorded for it, storing nothing.
  phum::v1::PushAck push(const phum::v1::PushBatch& batch, const PushContext& context);

 private:
  storage::Database& db_;
  RecordValidator validator_;
  ReceiptSealer sealer_;
  SameRevision sameRevision_;
};

}  // namespace phum::server
