// Likely duplicates on PostgreSQL: the statements of sqlite_duplicates.cpp in PostgreSQL's
// dialect.
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

namespace {

constexpr const char* kPairColumns =
    "id, uuid_a, uuid_b, revision_a, revision_b, form_id, location_a, location_b, score, rules,"
    " state, reviewer, found_at_ms, decided_at_ms";

DuplicatePair readPair(const pg::Result& rows, int row) {
  DuplicatePair pair;
  pair.id = rows.int64(row, 0);
  pair.uuidA = rows.bytes(row, 1);
  pair.uuidB = rows.bytes(row, 2);
  pair.revisionA = static_cast<std::uint32_t>(rows.int64(row, 3));
  pair.revisionB = static_cast<std::uint32_t>(rows.int64(row, 4));
  pair.formId = rows.text(row, 5);
  pair.locationA = rows.text(row, 6);
  pair.locationB = rows.text(row, 7);
  pair.score = rows.int64(row, 8);
  pair.rules = rows.text(row, 9);
  pair.state = rows.text(row, 10);
  pair.reviewer = rows.text(row, 11);
  pair.foundAtMs = rows.int64(row, 12);
  pair.decidedAtMs = rows.int64(row, 13);
  return pair;
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

std::vector<DuplicatePair> PostgresReports::duplicatePairs(std::string_view placePrefix,
                                                           std::string_view state, int limit) {
  const std::string upper = std::string(placePrefix) + "\x7f";
  const pg::Result rows =
      db_.exec(std::string("SELECT ") + kPairColumns +
                   " FROM duplicate_pairs WHERE ($1::text = '' OR state = $1::text)"
                   " AND location_a >= $2 AND location_a < $3"
                   " AND location_b >= $2 AND location_b < $3 ORDER BY id DESC LIMIT $4",
               pg::Params().text(state).text(placePrefix).text(upper).integer(limit));
  std::vector<DuplicatePair> out;
  for (int row = 0; row < rows.rows(); ++row) out.push_back(readPair(rows, row));
  return out;
}

std::optional<DuplicatePair> PostgresReports::duplicatePair(std::int64_t id) {
  const pg::Result rows =
      db_.exec(std::string("SELECT ") + kPairColumns + " FROM duplicate_pairs WHERE id = $1",
               pg::Params().integer(id));
  if (rows.rows() == 0) return std::nullopt;
  return readPair(rows, 0);
}

void PostgresReports::decideDuplicatePair(std::int64_t id, std::string_view state,
                                          std::string_view reviewer, std::int64_t atMs) {
  db_.exec("UPDATE duplicate_pairs SET state = $2, reviewer = $3, decided_at_ms = $4 WHERE id = $1",
           pg::Params().integer(id).text(state).text(reviewer).integer(atMs));
}

}  // namespace phum::server::storage
