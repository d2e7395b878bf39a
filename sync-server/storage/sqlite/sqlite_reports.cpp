// The reports' summary tables on SQLite: one row per person (per choice for select_multiple
// answers), keyed by record uuid; aggregates count the rows flagged approved only.
#include "storage/sqlite/sqlite_reports.h"

namespace phum::server::storage {

std::uint64_t SqliteReports::extractedThrough() {
  auto query = db_.prepare("SELECT value FROM report_state WHERE key = 'extracted_through'");
  return query.step() ? static_cast<std::uint64_t>(query.int64(0)) : 0;
}

void SqliteReports::setExtractedThrough(std::uint64_t seq) {
  db_.prepare(
         "INSERT INTO report_state (key, value) VALUES ('extracted_through', ?1)"
         " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, static_cast<std::int64_t>(seq))
      .run();
}

std::vector<StoredBody> SqliteReports::recordsAfter(std::uint64_t seq, int limit) {
  auto query =
      db_.prepare("SELECT seq, form_id, body FROM records WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  query.bind(1, static_cast<std::int64_t>(seq)).bind(2, static_cast<std::int64_t>(limit));
  std::vector<StoredBody> out;
  while (query.step()) {
    out.push_back({static_cast<std::uint64_t>(query.int64(0)), query.text(1), query.blob(2)});
  }
  return out;
}

void SqliteReports::replaceFacts(const RecordFacts& facts) {
  const std::string table = factTableName(facts.table);
  {
    auto held = db_.prepare("SELECT max(revision) FROM " + table + " WHERE uuid = ?1");
    held.bindBlob(1, facts.uuid);
    if (held.step() && !held.isNull(0) && held.int64(0) > facts.revision) return;
  }
  db_.prepare("DELETE FROM " + table + " WHERE uuid = ?1").bindBlob(1, facts.uuid).run();
  const auto& text = factTextColumns(facts.table);
  const auto& numbers = factNumberColumns(facts.table);
  auto review = db_.prepare(
      "SELECT 1 FROM review_state WHERE uuid = ?1 AND revision = ?2 AND decision = 'approve'");
  review.bindBlob(1, facts.uuid).bind(2, static_cast<std::int64_t>(facts.revision));
  const bool approved = review.step();
  std::string columns = "uuid, revision, counted, day, location, sex, age, approved";
  std::string values = std::string("?, ?, ?, ?, ?, ?, ?, ") + (approved ? "1" : "0");
  for (const auto& name : text) columns += ", " + name, values += ", ?";
  for (const auto& name : numbers) columns += ", " + name, values += ", ?";
  auto insert = db_.prepare("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
  for (const auto& row : facts.rows) {
    insert.reset();
    insert.bindBlob(1, facts.uuid).bind(2, static_cast<std::int64_t>(facts.revision));
    insert.bind(3, std::int64_t{row.counted ? 1 : 0}).bind(4, row.day).bind(5, row.location);
    insert.bind(6, row.sex).bind(7, row.age);
    int i = 8;
    for (const auto& name : text) {
      std::string value;
      for (const auto& [key, v] : row.text)
        if (key == name) value = v;
      insert.bind(i, value);
      ++i;
    }
    for (const auto& name : numbers) {
      bool bound = false;
      for (const auto& [key, v] : row.numbers) {
        if (key == name) insert.bind(i, v), bound = true;
      }
      if (!bound) insert.bindNull(i);
      ++i;
    }
    insert.run();
  }
}

std::vector<FactGroup> SqliteReports::aggregate(const FactQuery& query) {
  const FactSql sql = factAggregateSql(query);
  auto statement = db_.prepare(sql.sql);
  for (std::size_t i = 0; i < sql.params.size(); ++i) {
    statement.bind(static_cast<int>(i + 1), sql.params[i]);
  }
  std::vector<FactGroup> out;
  const int keys = static_cast<int>(query.groupBy.size());
  while (statement.step()) {
    FactGroup group;
    for (int k = 0; k < keys; ++k) group.keys.push_back(statement.text(k));
    group.count = statement.int64(keys);
    group.sum = std::stod(statement.text(keys + 1));
    group.summed = statement.int64(keys + 2);
    out.push_back(std::move(group));
  }
  return out;
}

}  // namespace phum::server::storage

namespace phum::server::storage {

void SqliteReports::insertWatchChange(const WatchChange& change) {
  db_.prepare(
         "INSERT INTO agency_watch (licence, watch, reason, reviewer, at_ms)"
         " VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind(1, change.licence)
      .bind(2, std::int64_t{change.watch ? 1 : 0})
      .bind(3, change.reason)
      .bind(4, change.reviewer)
      .bind(5, change.atMs)
      .run();
}

std::vector<WatchChange> SqliteReports::watchChanges(std::string_view licence) {
  auto query = db_.prepare(
      "SELECT licence, watch, reason, reviewer, at_ms FROM agency_watch"
      " WHERE ?1 = '' OR licence = ?1 ORDER BY id DESC");
  query.bind(1, std::string(licence));
  std::vector<WatchChange> out;
  while (query.step()) {
    out.push_back(
        {query.text(0), query.int64(1) != 0, query.text(2), query.text(3), query.int64(4)});
  }
  return out;
}

}  // namespace phum::server::storage
