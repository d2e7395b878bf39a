// Likely duplicates on PostgreSQL: the statements of sqlite_duplicates.cpp in PostgreSQL's
// dialect.
#include <algorithm>

#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

namespace {

std::uint32_t revision(const pg::Result& rows, int row, int column) {
  return static_cast<std::uint32_t>(rows.int64(row, column));
}

std::vector<DuplicatePair> readPairs(const pg::Result& rows) {
  std::vector<DuplicatePair> out;
  for (int row = 0; row < rows.rows(); ++row) {
    DuplicatePair& pair = out.emplace_back();
    pair.id = rows.int64(row, 0);
    pair.uuidA = rows.bytes(row, 1);
    pair.uuidB = rows.bytes(row, 2);
    pair.revisionA = revision(rows, row, 3);
    pair.revisionB = revision(rows, row, 4);
    pair.formId = rows.text(row, 5);
    pair.locationA = rows.text(row, 6);
    pair.locationB = rows.text(row, 7);
    pair.score = rows.int64(row, 8);
    pair.rules = rows.text(row, 9);
    pair.state = rows.text(row, 10);
    pair.reviewer = rows.text(row, 11);
    pair.foundAtMs = rows.int64(row, 12);
    pair.decidedAtMs = rows.int64(row, 13);
    pair.currentRevisionA = revision(rows, row, 14);
    pair.currentRevisionB = revision(rows, row, 15);
  }
  return out;
}

}  // namespace

void PostgresReports::replacePersonKey(const PersonKey& key) {
  db_.exec(
      "INSERT INTO duplicate_keys (uuid, revision, form_id, sex, village, day, age, location)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (uuid) DO UPDATE SET"
      " revision = excluded.revision, form_id = excluded.form_id, sex = excluded.sex,"
      " village = excluded.village, day = excluded.day, age = excluded.age,"
      " location = excluded.location WHERE excluded.revision >= duplicate_keys.revision",
      pg::Params()
          .bytes(key.uuid)
          .integer(key.revision)
          .text(key.formId)
          .text(key.sex)
          .text(key.village)
          .integer(key.day)
          .integer(key.age)
          .text(key.location));
}

std::vector<PersonKey> PostgresReports::personKeysNear(const PersonKey& key,
                                                       std::int64_t windowDays) {
  const pg::Result rows = db_.exec(
      "SELECT uuid, revision, form_id, sex, village, day, age, location FROM duplicate_keys"
      " WHERE form_id = $1 AND village = $2 AND sex = $3 AND day BETWEEN $4 AND $5"
      " AND uuid <> $6",
      pg::Params()
          .text(key.formId)
          .text(key.village)
          .text(key.sex)
          .integer(key.day - windowDays)
          .integer(key.day + windowDays)
          .bytes(key.uuid));
  std::vector<PersonKey> out;
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back({rows.bytes(row, 0), static_cast<std::uint32_t>(rows.int64(row, 1)),
                   rows.text(row, 2), rows.text(row, 3), rows.text(row, 4), rows.int64(row, 5),
                   rows.int64(row, 6), rows.text(row, 7)});
  }
  return out;
}

void PostgresReports::recordDuplicatePair(const DuplicatePair& pair) {
  db_.exec(
      "INSERT INTO duplicate_pairs (uuid_a, uuid_b, revision_a, revision_b, form_id,"
      " location_a, location_b, score, rules, state, reviewer, found_at_ms, decided_at_ms)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', '', $10, 0)"
      " ON CONFLICT (uuid_a, uuid_b) DO UPDATE SET revision_a = excluded.revision_a,"
      " revision_b = excluded.revision_b, location_a = excluded.location_a,"
      " location_b = excluded.location_b, score = excluded.score, rules = excluded.rules"
      " WHERE duplicate_pairs.state = 'open'",
      pg::Params()
          .bytes(pair.uuidA)
          .bytes(pair.uuidB)
          .integer(pair.revisionA)
          .integer(pair.revisionB)
          .text(pair.formId)
          .text(pair.locationA)
          .text(pair.locationB)
          .integer(pair.score)
          .text(pair.rules)
          .integer(pair.foundAtMs));
}

std::optional<std::uint32_t> PostgresReports::personKeyRevision(std::string_view uuid) {
  const pg::Result rows =
      db_.exec("SELECT revision FROM duplicate_keys WHERE uuid = $1", pg::Params().bytes(uuid));
  if (rows.rows() == 0) return std::nullopt;
  return revision(rows, 0, 0);
}

std::vector<DuplicatePair> PostgresReports::duplicatePairs(std::string_view placePrefix,
                                                           std::string_view state,
                                                           const DuplicatePage& page) {
  // The page before another is read upwards from its bound, then turned newest first.
  const bool upwards = page.afterId > 0;
  const std::string upper = std::string(placePrefix) + "\x7f";
  auto pairs =
      readPairs(db_.exec(std::string(kDuplicatePairSelect) +
                             "WHERE ($1::text = '' OR p.state = $1::text) AND p.location_a >= $2"
                             " AND p.location_a < $3 AND p.location_b >= $2 AND p.location_b < $3"
                             " AND ($4::bigint = 0 OR p.id < $4::bigint) AND p.id > $5" +
                             (upwards ? " ORDER BY p.id ASC" : " ORDER BY p.id DESC") + " LIMIT $6",
                         pg::Params()
                             .text(state)
                             .text(placePrefix)
                             .text(upper)
                             .integer(page.beforeId)
                             .integer(page.afterId)
                             .integer(page.limit)));
  if (upwards) std::reverse(pairs.begin(), pairs.end());
  return pairs;
}

std::optional<DuplicatePair> PostgresReports::duplicatePair(std::int64_t id) {
  auto pairs = readPairs(
      db_.exec(std::string(kDuplicatePairSelect) + "WHERE p.id = $1", pg::Params().integer(id)));
  if (pairs.empty()) return std::nullopt;
  return pairs.front();
}

std::vector<DuplicatePair> PostgresReports::duplicatePairsOf(std::string_view uuid) {
  return readPairs(
      db_.exec(std::string(kDuplicatePairSelect) + "WHERE p.uuid_a = $1 OR p.uuid_b = $1",
               pg::Params().bytes(uuid)));
}

void PostgresReports::deleteDuplicatePair(std::int64_t id) {
  db_.exec("DELETE FROM duplicate_pairs WHERE id = $1", pg::Params().integer(id));
}

void PostgresReports::decideDuplicatePair(std::int64_t id, std::string_view state,
                                          std::string_view reviewer, std::int64_t atMs) {
  db_.exec("UPDATE duplicate_pairs SET state = $2, reviewer = $3, decided_at_ms = $4 WHERE id = $1",
           pg::Params().integer(id).text(state).text(reviewer).integer(atMs));
}

std::vector<std::pair<std::string, std::string>> PostgresReports::confirmedDuplicatePairs() {
  // Held until the transaction ends: two decisions regrouping at once would each miss the
  // other's pair (SQLite has one writer anyway). Read committed, the SELECT after the wait sees
  // the pair the other decision committed.
  db_.exec("SELECT pg_advisory_xact_lock($1)", pg::Params().integer(kDuplicateGroupsLock));
  const pg::Result rows =
      db_.exec("SELECT uuid_a, uuid_b FROM duplicate_pairs WHERE state = 'confirmed'");
  std::vector<std::pair<std::string, std::string>> out;
  for (int row = 0; row < rows.rows(); ++row) {
    out.emplace_back(rows.bytes(row, 0), rows.bytes(row, 1));
  }
  return out;
}

std::vector<CountedAs> PostgresReports::countedAs() {
  const pg::Result rows = db_.exec("SELECT uuid, representative FROM duplicate_counted_as");
  std::vector<CountedAs> out;
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back({rows.bytes(row, 0), rows.bytes(row, 1)});
  }
  return out;
}

void PostgresReports::setCountedAs(const CountedAs& member) {
  db_.exec(
      "INSERT INTO duplicate_counted_as (uuid, representative) VALUES ($1, $2)"
      " ON CONFLICT (uuid) DO UPDATE SET representative = excluded.representative",
      pg::Params().bytes(member.uuid).bytes(member.representative));
}

void PostgresReports::clearCountedAs(std::string_view uuid) {
  db_.exec("DELETE FROM duplicate_counted_as WHERE uuid = $1", pg::Params().bytes(uuid));
}

}  // namespace phum::server::storage
