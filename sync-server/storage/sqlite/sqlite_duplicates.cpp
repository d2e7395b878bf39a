// Likely duplicates on SQLite (storage/duplicate_storage.h).
#include "storage/sqlite/sqlite_reports.h"

namespace phum::server::storage {

namespace {

constexpr const char* kPairColumns =
    "id, uuid_a, uuid_b, revision_a, revision_b, form_id, location_a, location_b, score, rules,"
    " state, reviewer, found_at_ms, decided_at_ms";

DuplicatePair readPair(const phum::sqlite::Statement& row) {
  DuplicatePair pair;
  pair.id = row.int64(0);
  pair.uuidA = row.blob(1);
  pair.uuidB = row.blob(2);
  pair.revisionA = static_cast<std::uint32_t>(row.int64(3));
  pair.revisionB = static_cast<std::uint32_t>(row.int64(4));
  pair.formId = row.text(5);
  pair.locationA = row.text(6);
  pair.locationB = row.text(7);
  pair.score = row.int64(8);
  pair.rules = row.text(9);
  pair.state = row.text(10);
  pair.reviewer = row.text(11);
  pair.foundAtMs = row.int64(12);
  pair.decidedAtMs = row.int64(13);
  return pair;
}

}  // namespace

void SqliteReports::replacePersonKey(const PersonKey& key) {
  db_.prepare(
         "INSERT INTO duplicate_keys (uuid, revision, form_id, sex, village, day, age, location)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (uuid) DO UPDATE SET"
         " revision = excluded.revision, form_id = excluded.form_id, sex = excluded.sex,"
         " village = excluded.village, day = excluded.day, age = excluded.age,"
         " location = excluded.location WHERE excluded.revision >= duplicate_keys.revision")
      .bindBlob(1, key.uuid)
      .bind(2, static_cast<std::int64_t>(key.revision))
      .bind(3, key.formId)
      .bind(4, key.sex)
      .bind(5, key.village)
      .bind(6, key.day)
      .bind(7, key.age)
      .bind(8, key.location)
      .run();
}

std::vector<PersonKey> SqliteReports::personKeysNear(const PersonKey& key,
                                                     std::int64_t windowDays) {
  auto query = db_.prepare(
      "SELECT uuid, revision, form_id, sex, village, day, age, location FROM duplicate_keys"
      " WHERE form_id = ?1 AND village = ?2 AND sex = ?3 AND day BETWEEN ?4 AND ?5"
      " AND uuid <> ?6");
  query.bind(1, key.formId).bind(2, key.village).bind(3, key.sex);
  query.bind(4, key.day - windowDays).bind(5, key.day + windowDays).bindBlob(6, key.uuid);
  std::vector<PersonKey> out;
  while (query.step()) {
    out.push_back({query.blob(0), static_cast<std::uint32_t>(query.int64(1)), query.text(2),
                   query.text(3), query.text(4), query.int64(5), query.int64(6), query.text(7)});
  }
  return out;
}

void SqliteReports::recordDuplicatePair(const DuplicatePair& pair) {
  db_.prepare(
         "INSERT INTO duplicate_pairs (uuid_a, uuid_b, revision_a, revision_b, form_id,"
         " location_a, location_b, score, rules, state, reviewer, found_at_ms, decided_at_ms)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', '', ?10, 0)"
         " ON CONFLICT (uuid_a, uuid_b) DO UPDATE SET revision_a = excluded.revision_a,"
         " revision_b = excluded.revision_b, location_a = excluded.location_a,"
         " location_b = excluded.location_b, score = excluded.score, rules = excluded.rules"
         " WHERE duplicate_pairs.state = 'open'")
      .bindBlob(1, pair.uuidA)
      .bindBlob(2, pair.uuidB)
      .bind(3, static_cast<std::int64_t>(pair.revisionA))
      .bind(4, static_cast<std::int64_t>(pair.revisionB))
      .bind(5, pair.formId)
      .bind(6, pair.locationA)
      .bind(7, pair.locationB)
      .bind(8, pair.score)
      .bind(9, pair.rules)
      .bind(10, pair.foundAtMs)
      .run();
}

std::vector<DuplicatePair> SqliteReports::duplicatePairs(std::string_view placePrefix,
                                                         std::string_view state, int limit) {
  // A range on the codes, as the reports' place filter (codes are digits).
  auto query = db_.prepare(std::string("SELECT ") + kPairColumns +
                           " FROM duplicate_pairs WHERE (?1 = '' OR state = ?1)"
                           " AND location_a >= ?2 AND location_a < ?3"
                           " AND location_b >= ?2 AND location_b < ?3 ORDER BY id DESC LIMIT ?4");
  query.bind(1, state).bind(2, placePrefix).bind(3, std::string(placePrefix) + "\x7f");
  query.bind(4, static_cast<std::int64_t>(limit));
  std::vector<DuplicatePair> out;
  while (query.step()) out.push_back(readPair(query));
  return out;
}

std::optional<DuplicatePair> SqliteReports::duplicatePair(std::int64_t id) {
  auto query =
      db_.prepare(std::string("SELECT ") + kPairColumns + " FROM duplicate_pairs WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return readPair(query);
}

void SqliteReports::decideDuplicatePair(std::int64_t id, std::string_view state,
                                        std::string_view reviewer, std::int64_t atMs) {
  db_.prepare(
         "UPDATE duplicate_pairs SET state = ?2, reviewer = ?3, decided_at_ms = ?4 WHERE id = ?1")
      .bind(1, id)
      .bind(2, state)
      .bind(3, reviewer)
      .bind(4, atMs)
      .run();
}

}  // namespace phum::server::storage
