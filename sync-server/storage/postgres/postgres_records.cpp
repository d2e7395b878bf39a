// The commit path of a push on the PostgreSQL backend. Records are checked before the transaction
// (no connection held while the form engine runs), then stored with a fixed number of round trips
// per batch: claim the batch id, look up the newest stored revision of every pushed uuid in one
// statement, insert every record in one statement (unnest of arrays), look up the keys that were
// already stored in one more, record the ack. Only conflicting records cost a statement each.
#include <algorithm>
#include <map>

#include "core/clock.h"
#include "storage/postgres/postgres_database.h"
#include "common/secrets.h"

namespace phum::server {
namespace {

using RecordKey = std::pair<std::string_view, std::int64_t>;  // uuid bytes, revision

RecordKey keyOf(const phum::v1::Record& record) {
  return {record.uuid(), std::int64_t{record.revision()}};
}

struct Ingest {
  pg::Connection& db;
  const phum::v1::PushBatch& batch;
  const std::vector<CheckedRecord>& checked;
  const phum::v1::PushAck& acks;  // this attempt's acks: a record refused here is not stored
  const std::string& contextDeviceId;
  std::int64_t receivedAtMs;

  const phum::v1::Record& record(int index) const { return batch.records(index); }
  const std::string& body(int index) const { return checked[static_cast<std::size_t>(index)].body; }
  std::string_view deviceId(int index) const {
    return contextDeviceId.empty() ? std::string_view(record(index).device_id()) : contextDeviceId;
  }
};

// Indexes of the records that passed the checks, in key order: two instances storing overlapping
// batches then lock rows in the same order and cannot deadlock each other.
std::vector<int> storableInKeyOrder(const Ingest& in) {
  std::vector<int> order;
  for (int i = 0; i < in.batch.records_size(); ++i) {
    if (in.acks.acks(i).status() != phum::v1::RECORD_STATUS_REJECTED) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return keyOf(in.record(a)) < keyOf(in.record(b)); });
  return order;
}

pg::Params newRecordRows(const Ingest& in, const std::vector<int>& order) {
  std::vector<std::string_view> uuids, formIds, formVersions, authors, devices, locations, bodies;
  std::vector<std::int64_t> revisions, created, updated, received;
  for (int index : order) {
    const auto& record = in.record(index);
    uuids.push_back(record.uuid());
    revisions.push_back(record.revision());
    formIds.push_back(record.form_id());
    formVersions.push_back(record.form_version());
    authors.push_back(record.author());
    devices.push_back(in.deviceId(index));
    locations.push_back(record.location_code());
    created.push_back(record.created_at_ms());
    updated.push_back(record.updated_at_ms());
    received.push_back(in.receivedAtMs);
    bodies.push_back(in.body(index));
  }
  pg::Params params;
  params.byteArray(uuids).integerArray(revisions).textArray(formIds).textArray(formVersions);
  params.textArray(authors).textArray(devices).textArray(locations).integerArray(created);
  params.integerArray(updated).integerArray(received).byteArray(bodies);
  return params;
}

// Inserts the records (in `order`) in one statement; returns each key's new seq (0 if the key was
// already stored).
std::map<RecordKey, std::int64_t> insertNewRecords(const Ingest& in,
                                                   const std::vector<int>& order) {
  const pg::Result inserted = in.db.exec(
      "INSERT INTO records (uuid, revision, form_id, form_version, author, device_id,"
      " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
      " SELECT * FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::text[], $5::text[],"
      " $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bytea[])"
      " ON CONFLICT (uuid, revision) DO NOTHING RETURNING seq, uuid, revision",
      newRecordRows(in, order));
  // Keys point into the batch's own uuid strings, which outlive the map; 0: not inserted here.
  std::map<RecordKey, std::int64_t> seqs;
  for (int index : order) seqs.emplace(keyOf(in.record(index)), 0);
  for (int row = 0; row < inserted.rows(); ++row) {
    const std::string uuid = inserted.bytes(row, 1);
    const auto found = seqs.find(RecordKey{uuid, inserted.int64(row, 2)});
    if (found != seqs.end()) found->second = inserted.int64(row, 0);
  }
  return seqs;
}

struct StoredCopy {
  std::int64_t seq = 0;
  std::string body;
};

// The stored copy of each record key in `indexes`, in one statement.
std::map<RecordKey, StoredCopy> storedCopies(const Ingest& in, const std::vector<int>& indexes) {
  std::vector<std::string_view> uuids;
  std::vector<std::int64_t> revisions;
  for (int index : indexes) {
    uuids.push_back(in.record(index).uuid());
    revisions.push_back(in.record(index).revision());
  }
  const pg::Result rows = in.db.exec(
      "SELECT r.seq, r.body, k.ord FROM records r"
      " JOIN unnest($1::bytea[], $2::bigint[]) WITH ORDINALITY AS k(uuid, revision, ord)"
      " ON r.uuid = k.uuid AND r.revision = k.revision",
      pg::Params().byteArray(uuids).integerArray(revisions));
  std::map<RecordKey, StoredCopy> copies;
  for (int row = 0; row < rows.rows(); ++row) {
    const auto position = static_cast<std::size_t>(rows.int64(row, 2) - 1);
    copies[keyOf(in.record(indexes.at(position)))] = {rows.int64(row, 0), rows.bytes(row, 1)};
  }
  return copies;
}

void storeConflict(const Ingest& in, int index, phum::v1::RecordAck& ack) {
  const auto& record = in.record(index);
  in.db.exec(
      "INSERT INTO conflicts (uuid, revision, device_id, received_at_ms, body_hash, body)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid, revision, body_hash) DO NOTHING",
      pg::Params()
          .bytes(record.uuid())
          .integer(record.revision())
          .text(in.deviceId(index))
          .integer(in.receivedAtMs)
          .bytes(tokenHash(in.body(index)))
          .bytes(in.body(index)));
  markConflict(ack);
}

// Records whose key was already stored (earlier, or earlier in this batch): DUPLICATE when the
// bytes match, CONFLICT (kept for a reviewer) when they differ.
void classifyStored(const Ingest& in, const std::vector<int>& indexes, phum::v1::PushAck& ack) {
  const auto copies = storedCopies(in, indexes);
  for (int index : indexes) {
    auto& recordAck = *ack.mutable_acks(index);
    const auto found = copies.find(keyOf(in.record(index)));
    if (found == copies.end()) {
      throw StorageError(in.db.describe() +
                         ": a record that conflicted on insert cannot be read back");
    }
    if (found->second.body != in.body(index)) {
      storeConflict(in, index, recordAck);
      continue;
    }
    recordAck.set_status(phum::v1::RECORD_STATUS_DUPLICATE);
    recordAck.set_server_seq(static_cast<std::uint64_t>(found->second.seq));
  }
}

void storeRecords(const Ingest& in, phum::v1::PushAck& ack) {
  const std::vector<int> order = storableInKeyOrder(in);
  if (order.empty()) return;
  auto seqs = insertNewRecords(in, order);
  std::vector<int> alreadyStored;
  for (int index : order) {
    const auto found = seqs.find(keyOf(in.record(index)));
    if (found == seqs.end() || found->second == 0) {
      alreadyStored.push_back(index);
      continue;
    }
    // The first record with a key in key order is the one inserted; a repeat of it in the same
    // batch is then compared like any stored copy.
    ack.mutable_acks(index)->set_status(phum::v1::RECORD_STATUS_ACCEPTED);
    ack.mutable_acks(index)->set_server_seq(static_cast<std::uint64_t>(found->second));
    found->second = 0;
  }
  if (!alreadyStored.empty()) classifyStored(in, alreadyStored, ack);
}

// The newest stored revision of each uuid, in one statement (a backward probe of the (uuid,
// revision) index per uuid). Inside the batch's transaction.
StoredRevisions newestRevisions(pg::Connection& db, const std::vector<std::string_view>& uuids) {
  StoredRevisions stored;
  if (uuids.empty()) return stored;
  const pg::Result rows = db.exec(
      "SELECT k.ord, r.revision, r.author, r.form_id, r.location_code"
      " FROM unnest($1::bytea[]) WITH ORDINALITY AS k(uuid, ord)"
      " CROSS JOIN LATERAL (SELECT revision, author, form_id, location_code FROM records"
      " WHERE records.uuid = k.uuid ORDER BY revision DESC LIMIT 1) r",
      pg::Params().byteArray(uuids));
  for (int row = 0; row < rows.rows(); ++row) {
    const auto position = static_cast<std::size_t>(rows.int64(row, 0) - 1);
    stored.emplace(std::string(uuids.at(position)),
                   StoredRevision{static_cast<std::uint32_t>(rows.int64(row, 1)), rows.text(row, 2),
                                  rows.text(row, 3), rows.text(row, 4)});
  }
  return stored;
}

// Claims the batch id; if another push already stored it, returns the ack recorded then.
std::optional<phum::v1::PushAck> claimBatch(pg::Connection& db, const phum::v1::PushBatch& batch,
                                            const std::string& deviceId, std::int64_t now) {
  // If another transaction holds the id, PostgreSQL waits for it to finish; once it committed,
  // its recorded ack is the answer.
  const pg::Result claimed = db.exec(
      "INSERT INTO batches (batch_id, device_id, received_at_ms) VALUES ($1, $2, $3)"
      " ON CONFLICT (batch_id) DO NOTHING RETURNING received_at_ms",
      pg::Params().bytes(batch.batch_id()).text(deviceId).integer(now));
  if (claimed.rows() == 1) return std::nullopt;
  const pg::Result replay =
      db.exec("SELECT ack FROM batches WHERE batch_id = $1", pg::Params().bytes(batch.batch_id()));
  phum::v1::PushAck ack;
  if (replay.rows() != 1 || replay.isNull(0, 0) || !ack.ParseFromString(replay.bytes(0, 0))) {
    throw StorageError(db.describe() +
                       ": the ack stored for a replayed batch is missing or corrupt");
  }
  return ack;
}

}  // namespace

phum::v1::PushAck PostgresStore::commitBatch(const phum::v1::PushBatch& batch,
                                             const PushContext& context) {
  const std::vector<CheckedRecord> checked = checkRecords(batch, context, validator_);
  return pg::inTransaction(
      pool_, [&](pg::Connection& db) { return storeBatch(db, batch, context, checked); });
}

phum::v1::PushAck PostgresStore::storeBatch(pg::Connection& db, const phum::v1::PushBatch& batch,
                                            const PushContext& context,
                                            const std::vector<CheckedRecord>& checked) {
  const std::int64_t now = nowMillis();
  if (!batch.batch_id().empty()) {
    if (auto replayed = claimBatch(db, batch, context.deviceId, now)) return std::move(*replayed);
  }
  phum::v1::PushAck ack;
  ack.set_batch_id(batch.batch_id());
  for (const auto& record : checked) *ack.add_acks() = record.ack;  // a copy: retries start over
  StoredRecordRules rules(context, newestRevisions(db, uuidsToLookUp(batch, checked)));
  for (int i = 0; i < batch.records_size(); ++i) {
    if (!checked[static_cast<std::size_t>(i)].rejected()) {
      rules.admit(batch.records(i), *ack.mutable_acks(i));
    }
  }
  storeRecords(Ingest{db, batch, checked, ack, context.deviceId, now}, ack);
  if (!batch.batch_id().empty()) {
    db.exec("UPDATE batches SET ack = $2 WHERE batch_id = $1",
            pg::Params().bytes(batch.batch_id()).bytes(ack.SerializeAsString()));
  }
  return ack;
}

}  // namespace phum::server
