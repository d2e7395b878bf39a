// Likely duplicates on SQLite (storage/duplicate_storage.h).
#include <algorithm>

#include "storage/sqlite/sqlite_reports.h"

namespace phum::server::storage {

namespace {

std::uint32_t revision(const phum::sqlite::Statement& row, int column) {
  return static_cast<std::uint32_t>(row.int64(column));
}

std::vector<DuplicatePair> readPairs(phum::sqlite::Statement& rows) {
  std::vector<DuplicatePair> out;
  while (rows.step()) {
    DuplicatePair& pair = out.emplace_back();
    pair.id = rows.int64(0);
    pair.uuidA = rows.blob(1);
    pair.uuidB = rows.blob(2);
    pair.revisionA = revision(rows, 3);
    pair.revisionB = revision(rows, 4);
    pair.formId = rows.text(5);
    pair.locationA = rows.text(6);
    pair.locationB = rows.text(7);
    pair.score = rows.int64(8);
    pair.rules = rows.text(9);
    pair.state = rows.text(10);
    pair.reviewer = rows.text(11);
    pair.foundAtMs = rows.int64(12);
    pair.decidedAtMs = rows.int64(13);
    pair.currentRevisionA = revision(rows, 14);
    pair.currentRevisionB = revision(rows, 15);
  }
  return out;
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
    out.push_back({query.blob(0), revision(query, 1), query.text(2), query.text(3), query.text(4),
                   query.int64(5), query.int64(6), query.text(7)});
  }
  return out;
}

std::optional<std::uint32_t> SqliteReports::personKeyRevision(std::string_view uuid) {
  auto query = db_.prepare("SELECT revision FROM duplicate_keys WHERE uuid = ?1");
  query.bindBlob(1, uuid);
  if (!query.step()) return std::nullopt;
  return revision(query, 0);
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
                                                         std::string_view state,
                                                         const DuplicatePage& page) {
  // A range on the codes, as the reports' place filter (codes are digits). The page before
  // another is read upwards from its bound, then turned newest first.
  const bool upwards = page.afterId > 0;
  auto query = db_.prepare(
      std::string(kDuplicatePairSelect) +
      "WHERE (?1 = '' OR p.state = ?1) AND p.location_a >= ?2 AND p.location_a < ?3"
      " AND p.location_b >= ?2 AND p.location_b < ?3 AND (?4 = 0 OR p.id < ?4) AND p.id > ?5" +
      (upwards ? " ORDER BY p.id ASC" : " ORDER BY p.id DESC") + " LIMIT ?6");
  query.bind(1, state).bind(2, placePrefix).bind(3, std::string(placePrefix) + "\x7f");
  query.bind(4, page.beforeId).bind(5, page.afterId);
  query.bind(6, static_cast<std::int64_t>(page.limit));
  auto pairs = readPairs(query);
  if (upwards) std::reverse(pairs.begin(), pairs.end());
  return pairs;
}

std::optional<DuplicatePair> SqliteReports::duplicatePair(std::int64_t id) {
  auto query = db_.prepare(std::string(kDuplicatePairSelect) + "WHERE p.id = ?1");
  query.bind(1, id);
  auto pairs = readPairs(query);
  if (pairs.empty()) return std::nullopt;
  return pairs.front();
}

std::vector<DuplicatePair> SqliteReports::duplicatePairsOf(std::string_view uuid) {
  auto query =
      db_.prepare(std::string(kDuplicatePairSelect) + "WHERE p.uuid_a = ?1 OR p.uuid_b = ?1");
  query.bindBlob(1, uuid);
  return readPairs(query);
}

void SqliteReports::deleteDuplicatePair(std::int64_t id) {
  db_.prepare("DELETE FROM duplicate_pairs WHERE id = ?1").bind(1, id).run();
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

std::vector<std::pair<std::string, std::string>> SqliteReports::confirmedDuplicatePairs() {
  auto query = db_.prepare("SELECT uuid_a, uuid_b FROM duplicate_pairs WHERE state = 'confirmed'");
  std::vector<std::pair<std::string, std::string>> out;
  while (query.step()) out.emplace_back(query.blob(0), query.blob(1));
  return out;
}

std::vector<CountedAs> SqliteReports::countedAs() {
  auto query = db_.prepare("SELECT uuid, representative FROM duplicate_counted_as");
  std::vector<CountedAs> out;
  while (query.step()) out.push_back({query.blob(0), query.blob(1)});
  return out;
}

void SqliteReports::setCountedAs(const CountedAs& member) {
  db_.prepare(
         "INSERT INTO duplicate_counted_as (uuid, representative) VALUES (?1, ?2)"
         " ON CONFLICT (uuid) DO UPDATE SET representative = excluded.representative")
      .bindBlob(1, member.uuid)
      .bindBlob(2, member.representative)
      .run();
}

void SqliteReports::clearCountedAs(std::string_view uuid) {
  db_.prepare("DELETE FROM duplicate_counted_as WHERE uuid = ?1").bindBlob(1, uuid).run();
}

}  // namespace phum::server::storage
