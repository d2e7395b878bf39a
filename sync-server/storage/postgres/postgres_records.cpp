// Records, conflicts and batch acks of the PostgreSQL adapter: a fixed number of round trips per
// batch, whatever its size (claim the batch id, look up the newest stored revision of every pushed
// uuid in one statement, insert every record in one statement from arrays, look up the keys that
// were already stored in one more, record the ack). Only conflicting records cost a statement
// each.
#include <algorithm>
#include <map>

#include "common/secrets.h"
#include "core/uuid.h"
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {
namespace {

using RecordKey = std::pair<std::string_view, std::int64_t>;  // uuid bytes, revision

RecordKey keyOf(const RecordRow& row) { return {row.uuid, row.revision}; }

// Row positions in key order: two instances storing overlapping batches then lock rows in the
// same order and cannot deadlock each other.
std::vector<std::size_t> inKeyOrder(const std::vector<RecordRow>& rows) {
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keyOf(rows[a]) < keyOf(rows[b]); });
  return order;
}

pg::Params recordArrays(const std::vector<RecordRow>& rows, const std::vector<std::size_t>& order) {
  std::vector<std::string_view> uuids, formIds, formVersions, authors, devices, locations, bodies;
  std::vector<std::int64_t> revisions, created, updated, received;
  for (const std::size_t index : order) {
    const RecordRow& row = rows[index];
    uuids.push_back(row.uuid);
    revisions.push_back(row.revision);
    formIds.push_back(row.formId);
    formVersions.push_back(row.formVersion);
    authors.push_back(row.author);
    devices.push_back(row.deviceId);
    locations.push_back(row.locationCode);
    created.push_back(row.createdAtMs);
    updated.push_back(row.updatedAtMs);
    received.push_back(row.receivedAtMs);
    bodies.push_back(row.body);
  }
  pg::Params params;
  params.byteArray(uuids).integerArray(revisions).textArray(formIds).textArray(formVersions);
  params.textArray(authors).textArray(devices).textArray(locations).integerArray(created);
  params.integerArray(updated).integerArray(received).byteArray(bodies);
  return params;
}

}  // namespace

std::optional<phum::v1::PushAck> PostgresRecords::claimBatch(std::string_view batchId,
                                                             std::string_view deviceId,
                                                             std::int64_t receivedAtMs) {
  // If another transaction holds the id, PostgreSQL waits for it to finish; once it committed,
  // its recorded ack is the answer.
  const pg::Result claimed = db_.exec(
      "INSERT INTO batches (batch_id, device_id, received_at_ms) VALUES ($1, $2, $3)"
      " ON CONFLICT (batch_id) DO NOTHING RETURNING received_at_ms",
      pg::Params().bytes(batchId).text(deviceId).integer(receivedAtMs));
  if (claimed.rows() == 1) return std::nullopt;
  const pg::Result replay =
      db_.exec("SELECT ack FROM batches WHERE batch_id = $1", pg::Params().bytes(batchId));
  phum::v1::PushAck ack;
  if (replay.rows() != 1 || replay.isNull(0, 0) || !ack.ParseFromString(replay.bytes(0, 0))) {
    throw StorageError(db_.describe() +
                       ": the ack stored for a replayed batch is missing or corrupt");
  }
  return ack;
}

void PostgresRecords::recordBatchAck(std::string_view batchId, std::string_view, std::int64_t,
                                     const phum::v1::PushAck& ack) {
  db_.exec("UPDATE batches SET ack = $2 WHERE batch_id = $1",
           pg::Params().bytes(batchId).bytes(ack.SerializeAsString()));
}

// One statement: a backward probe of the (uuid, revision) index per uuid.
StoredRevisions PostgresRecords::newestRevisions(const std::vector<std::string_view>& uuids) {
  StoredRevisions stored;
  if (uuids.empty()) return stored;
  const pg::Result rows = db_.exec(
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

std::vector<std::uint64_t> PostgresRecords::insertIfAbsent(const std::vector<RecordRow>& rows) {
  std::vector<std::uint64_t> seqs(rows.size(), 0);
  if (rows.empty()) return seqs;
  // Shared: inserters do not wait for each other, only for the reports' extractor.
  db_.exec("SELECT pg_advisory_xact_lock_shared($1)", pg::Params().integer(kRecordsInsertLock));
  const pg::Result inserted = db_.exec(
      "WITH inserted AS (INSERT INTO records (uuid, revision, form_id, form_version, author, "
      "device_id,"
      " location_code, created_at_ms, updated_at_ms, received_at_ms, body)"
      " SELECT * FROM unnest($1::bytea[], $2::bigint[], $3::text[], $4::text[], $5::text[],"
      " $6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bytea[])"
      " ON CONFLICT (uuid, revision) DO NOTHING"
      " RETURNING seq, uuid, revision, form_id, location_code, author, received_at_ms),"
      // The queue's row of each record (review_storage.h): its newest new revision, unless a
      // newer one is already the head. Upserted in uuid order, like the records.
      " heads AS (INSERT INTO record_heads (uuid, seq, revision, form_id, location_code, author,"
      " received_at_ms) SELECT DISTINCT ON (uuid) uuid, seq, revision, form_id, location_code,"
      " author, received_at_ms FROM inserted ORDER BY uuid, revision DESC"
      " ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq, revision = excluded.revision,"
      " form_id = excluded.form_id, location_code = excluded.location_code,"
      " author = excluded.author, received_at_ms = excluded.received_at_ms"
      " WHERE excluded.revision > record_heads.revision)"
      " SELECT seq, uuid, revision FROM inserted",
      recordArrays(rows, inKeyOrder(rows)));
  // The seq of each key inserted here; keys point into the rows, which outlive the map.
  std::map<RecordKey, std::int64_t> newSeqs;
  std::vector<std::string> insertedUuids(static_cast<std::size_t>(inserted.rows()));
  for (int row = 0; row < inserted.rows(); ++row) {
    insertedUuids[static_cast<std::size_t>(row)] = inserted.bytes(row, 1);
  }
  for (int row = 0; row < inserted.rows(); ++row) {
    newSeqs.emplace(RecordKey{insertedUuids[static_cast<std::size_t>(row)], inserted.int64(row, 2)},
                    inserted.int64(row, 0));
  }
  // A key given twice was inserted once: the first row with it gets the seq, a repeat counts as
  // already stored.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto found = newSeqs.find(keyOf(rows[i]));
    if (found == newSeqs.end() || found->second == 0) continue;
    seqs[i] = static_cast<std::uint64_t>(found->second);
    found->second = 0;
  }
  return seqs;
}

// One statement for every key.
std::vector<StoredCopy> PostgresRecords::storedCopies(const std::vector<RecordRow>& rows) {
  std::vector<std::string_view> uuids;
  std::vector<std::int64_t> revisions;
  for (const RecordRow& row : rows) {
    uuids.push_back(row.uuid);
    revisions.push_back(row.revision);
  }
  const pg::Result stored = db_.exec(
      "SELECT r.seq, r.body, k.ord FROM records r"
      " JOIN unnest($1::bytea[], $2::bigint[]) WITH ORDINALITY AS k(uuid, revision, ord)"
      " ON r.uuid = k.uuid AND r.revision = k.revision",
      pg::Params().byteArray(uuids).integerArray(revisions));
  std::vector<std::optional<StoredCopy>> found(rows.size());
  for (int row = 0; row < stored.rows(); ++row) {
    const auto position = static_cast<std::size_t>(stored.int64(row, 2) - 1);
    found.at(position) =
        StoredCopy{static_cast<std::uint64_t>(stored.int64(row, 0)), stored.bytes(row, 1)};
  }
  std::vector<StoredCopy> copies;
  copies.reserve(rows.size());
  for (auto& copy : found) {
    if (!copy) {
      throw StorageError(db_.describe() +
                         ": a record that conflicted on insert cannot be read back");
    }
    copies.push_back(std::move(*copy));
  }
  return copies;
}

void PostgresRecords::insertConflict(const RecordRow& row) {
  db_.exec(
      "INSERT INTO conflicts (uuid, revision, device_id, received_at_ms, body_hash, body)"
      " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (uuid, revision, body_hash) DO NOTHING",
      pg::Params()
          .bytes(row.uuid)
          .integer(row.revision)
          .text(row.deviceId)
          .integer(row.receivedAtMs)
          .bytes(tokenHash(row.body))
          .bytes(row.body));
}

std::vector<StoredRecordSummary> PostgresRecords::newestFirst(int limit) {
  pg::Params params;
  if (limit < 0) {
    params.null();
  } else {
    params.integer(limit);
  }
  const pg::Result rows = db_.exec(
      "SELECT seq, uuid, form_id, form_version, revision, author, device_id, location_code,"
      " received_at_ms FROM records ORDER BY seq DESC LIMIT $1",
      params);
  std::vector<StoredRecordSummary> records;
  for (int row = 0; row < rows.rows(); ++row) records.push_back(readSummary(rows, row));
  return records;
}

std::optional<phum::v1::Record> PostgresRecords::find(std::string_view uuid,
                                                      std::uint32_t revision) {
  const pg::Result rows = db_.exec("SELECT body FROM records WHERE uuid = $1 AND revision = $2",
                                   pg::Params().bytes(uuid).integer(revision));
  if (rows.rows() == 0) return std::nullopt;
  phum::v1::Record record;
  if (!record.ParseFromString(rows.bytes(0, 0))) {
    throw StorageError(db_.describe() + ": a stored record is corrupt");
  }
  return record;
}

StoredRecordSummary readSummary(const pg::Result& rows, int row) {
  StoredRecordSummary summary;
  summary.serverSeq = static_cast<std::uint64_t>(rows.int64(row, 0));
  const auto uuid = Uuid::fromBytes(rows.bytes(row, 1));
  summary.uuid = uuid ? uuid->toString() : "(invalid)";
  summary.formId = rows.text(row, 2);
  summary.formVersion = rows.text(row, 3);
  summary.revision = static_cast<std::uint32_t>(rows.int64(row, 4));
  summary.author = rows.text(row, 5);
  summary.deviceId = rows.text(row, 6);
  summary.locationCode = rows.text(row, 7);
  summary.receivedAtMs = rows.int64(row, 8);
  return summary;
}

}  // namespace phum::server::storage
