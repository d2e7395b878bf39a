#include "services/ingest_service.h"

#include "core/clock.h"

namespace phum::server {

namespace {

// One write transaction's view of a batch: its records, their checks, the ack being built.
struct Ingest {
  const phum::v1::PushBatch& batch;
  const std::vector<CheckedRecord>& checked;
  const PushContext& context;
  std::int64_t receivedAtMs;
  const SameRevision& sameRevision;
  phum::v1::PushAck ack;

  storage::RecordRow row(int index) const {
    const auto& record = batch.records(index);
    const std::string& deviceId = context.deviceId.empty() ? record.device_id() : context.deviceId;
    return storage::RecordRow{record.uuid(),
                              std::int64_t{record.revision()},
                              record.form_id(),
                              record.form_version(),
                              record.author(),
                              deviceId,
                              record.location_code(),
                              record.created_at_ms(),
                              record.updated_at_ms(),
                              receivedAtMs,
                              checked[static_cast<std::size_t>(index)].body};
  }
};

// Records whose key was already stored (earlier, or earlier in this batch): DUPLICATE when the
// bytes match, or when they differ only by a seal made with an older key (sameRevision); CONFLICT
// (the copy kept for a reviewer) when they differ.
void classifyStored(storage::RecordStorage& records, Ingest& in, const std::vector<int>& indexes,
                    const std::vector<storage::RecordRow>& rows) {
  const auto copies = records.storedCopies(rows);
  for (std::size_t k = 0; k < indexes.size(); ++k) {
    auto& ack = *in.ack.mutable_acks(indexes[k]);
    if (copies[k].body != rows[k].body &&
        !(in.sameRevision && in.sameRevision(in.batch.records(indexes[k]), copies[k].body))) {
      records.insertConflict(rows[k]);
      markConflict(ack);
      continue;
    }
    ack.set_status(phum::v1::RECORD_STATUS_DUPLICATE);
    ack.set_server_seq(copies[k].seq);
  }
}

// The records the rules admit, inserted where their key is new; the others classified.
void storeRecords(storage::RecordStorage& records, Ingest& in) {
  StoredRecordRules rules(in.context, records.newestRevisions(uuidsToLookUp(in.batch, in.checked)));
  std::vector<int> admitted;
  std::vector<storage::RecordRow> rows;
  for (int i = 0; i < in.batch.records_size(); ++i) {
    if (in.checked[static_cast<std::size_t>(i)].rejected()) continue;
    if (!rules.admit(in.batch.records(i), *in.ack.mutable_acks(i))) continue;
    admitted.push_back(i);
    rows.push_back(in.row(i));
  }
  if (rows.empty()) return;
  const std::vector<std::uint64_t> seqs = records.insertIfAbsent(rows);
  std::vector<int> alreadyStored;
  std::vector<storage::RecordRow> storedRows;
  for (std::size_t k = 0; k < admitted.size(); ++k) {
    if (seqs[k] == 0) {
      alreadyStored.push_back(admitted[k]);
      storedRows.push_back(rows[k]);
      continue;
    }
    auto& ack = *in.ack.mutable_acks(admitted[k]);
    ack.set_status(phum::v1::RECORD_STATUS_ACCEPTED);
    ack.set_server_seq(seqs[k]);
  }
  if (!alreadyStored.empty()) classifyStored(records, in, alreadyStored, storedRows);
}

}  // namespace

IngestService::IngestService(storage::Database& db, RecordValidator validator, ReceiptSealer sealer,
                             SameRevision sameRevision)
    : db_(db),
      validator_(std::move(validator)),
      sealer_(std::move(sealer)),
      sameRevision_(std::move(sameRevision)) {}

phum::v1::PushAck IngestService::push(const phum::v1::PushBatch& batch,
                                      const PushContext& context) {
  // The form validator reads published forms through the database: before the transaction.
  const std::vector<CheckedRecord> checked = checkRecords(batch, context, validator_, sealer_);
  return storage::write(db_, [&](storage::Transaction& tx) {
    auto& records = tx.records();
    const std::int64_t now = nowMillis();
    const std::string& batchId = batch.batch_id();
    if (!batchId.empty()) {
      if (auto replayed = records.claimBatch(batchId, context.deviceId, now)) {
        return std::move(*replayed);
      }
    }
    Ingest in{batch, checked, context, now, sameRevision_, {}};
    in.ack.set_batch_id(batchId);
    // Copies: a retried transaction starts again from the checks' verdicts.
    for (const auto& record : checked) *in.ack.add_acks() = record.ack;
    storeRecords(records, in);
    // Durable with the records before the caller sends the ack.
    if (!batchId.empty()) records.recordBatchAck(batchId, context.deviceId, now, in.ack);
    return std::move(in.ack);
  });
}

}  // namespace phum::server
