// The reports' summary tables on PostgreSQL: the statements of sqlite_reports.cpp in PostgreSQL's
// dialect, a record's rows inserted in one statement (unnest of column arrays).
#include <limits>

#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

namespace {

// Stands for NULL in an integer array (a year not answered); no answer is this number.
constexpr std::int64_t kNoNumber = std::numeric_limits<std::int64_t>::min();

std::string columnValue(const std::vector<std::pair<std::string, std::string>>& values,
                        const std::string& name) {
  for (const auto& [key, value] : values) {
    if (key == name) return value;
  }
  return {};
}

std::int64_t numberValue(const std::vector<std::pair<std::string, std::int64_t>>& values,
                         const std::string& name) {
  for (const auto& [key, value] : values) {
    if (key == name) return value;
  }
  return kNoNumber;
}

}  // namespace

std::uint64_t PostgresReports::extractedThrough() {
  // Exclusive: waits for record inserts in flight (see PostgresReports) and for another
  // extractor, so two server instances never extract the same records at once.
  db_.exec("SELECT pg_advisory_xact_lock($1)", pg::Params().integer(kRecordsInsertLock));
  const pg::Result rows =
      db_.exec("SELECT value FROM report_state WHERE key = 'extracted_through'");
  return rows.rows() ? static_cast<std::uint64_t>(rows.int64(0, 0)) : 0;
}

void PostgresReports::setExtractedThrough(std::uint64_t seq) {
  db_.exec(
      "INSERT INTO report_state (key, value) VALUES ('extracted_through', $1)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      pg::Params().integer(static_cast<std::int64_t>(seq)));
}

std::vector<StoredBody> PostgresReports::recordsAfter(std::uint64_t seq, int limit) {
  const pg::Result rows =
      db_.exec("SELECT seq, form_id, body FROM records WHERE seq > $1 ORDER BY seq LIMIT $2",
               pg::Params().integer(static_cast<std::int64_t>(seq)).integer(limit));
  std::vector<StoredBody> out;
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back(
        {static_cast<std::uint64_t>(rows.int64(row, 0)), rows.text(row, 1), rows.bytes(row, 2)});
  }
  return out;
}

void PostgresReports::replaceFacts(const RecordFacts& facts) {
  const std::string table = factTableName(facts.table);
  const pg::Result held = db_.exec("SELECT max(revision) FROM " + table + " WHERE uuid = $1",
                                   pg::Params().bytes(facts.uuid));
  if (!held.isNull(0, 0) && held.int64(0, 0) > facts.revision) return;
  db_.exec("DELETE FROM " + table + " WHERE uuid = $1", pg::Params().bytes(facts.uuid));
  if (facts.rows.empty()) return;
  const bool approved = db_.exec(
                               "SELECT 1 FROM review_state WHERE uuid = $1 AND revision = $2"
                               " AND decision = 'approve'",
                               pg::Params().bytes(facts.uuid).integer(facts.revision))
                            .rows() > 0;
  const auto& text = factTextColumns(facts.table);
  const auto& numbers = factNumberColumns(facts.table);
  // Column arrays: counted, age, then day, location, sex and the text columns, then numbers.
  std::vector<std::int64_t> counted, ages;
  std::vector<std::vector<std::string>> texts(3 + text.size());
  std::vector<std::vector<std::int64_t>> values(numbers.size());
  for (const auto& row : facts.rows) {
    counted.push_back(row.counted ? 1 : 0);
    ages.push_back(row.age);
    texts[0].push_back(row.day);
    texts[1].push_back(row.location);
    texts[2].push_back(row.sex);
    for (std::size_t i = 0; i < text.size(); ++i)
      texts[3 + i].push_back(columnValue(row.text, text[i]));
    for (std::size_t i = 0; i < numbers.size(); ++i)
      values[i].push_back(numberValue(row.numbers, numbers[i]));
  }
  pg::Params params;
  params.bytes(facts.uuid).integer(facts.revision).integerArray(counted).integerArray(ages);
  std::string columns = "uuid, revision, counted, age, day, location, sex, approved";
  std::string selected =
      std::string("$1::bytea, $2::bigint, u.c0, u.c1, u.t0, u.t1, u.t2, ") + (approved ? "1" : "0");
  std::string arrays = "$3::bigint[], $4::bigint[]";
  std::string names = "c0, c1";
  int next = 5;
  std::vector<std::vector<std::string_view>> views(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    views[i].assign(texts[i].begin(), texts[i].end());
    params.textArray(views[i]);
    arrays += ", $" + std::to_string(next++) + "::text[]";
    names += ", t" + std::to_string(i);
    if (i >= 3) columns += ", " + text[i - 3], selected += ", u.t" + std::to_string(i);
  }
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    params.integerArray(values[i]);
    arrays += ", $" + std::to_string(next++) + "::bigint[]";
    names += ", n" + std::to_string(i);
    columns += ", " + numbers[i];
    selected += ", NULLIF(u.n" + std::to_string(i) + ", " + std::to_string(kNoNumber) + ")";
  }
  db_.exec("INSERT INTO " + table + " (" + columns + ") SELECT " + selected + " FROM unnest(" +
               arrays + ") AS u(" + names + ")",
           params);
}

std::vector<FactGroup> PostgresReports::aggregate(const FactQuery& query) {
  const FactSql sql = factAggregateSql(query, SqlDialect::Postgres);
  pg::Params params;
  for (const auto& value : sql.params) params.text(value);
  const pg::Result rows = db_.exec(sql.sql, params);
  std::vector<FactGroup> out;
  const int keys = static_cast<int>(query.groupBy.size());
  out.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    FactGroup group;
    for (int k = 0; k < keys; ++k) group.keys.push_back(rows.text(row, k));
    group.count = rows.int64(row, keys);
    group.sum = std::stod(rows.text(row, keys + 1));
    group.summed = rows.int64(row, keys + 2);
    out.push_back(std::move(group));
  }
  return out;
}

}  // namespace phum::server::storage

namespace phum::server::storage {

void PostgresReports::insertWatchChange(const WatchChange& change) {
  db_.exec(
      "INSERT INTO agency_watch (licence, watch, reason, reviewer, at_ms)"
      " VALUES ($1, $2, $3, $4, $5)",
      pg::Params()
          .text(change.licence)
          .integer(change.watch ? 1 : 0)
          .text(change.reason)
          .text(change.reviewer)
          .integer(change.atMs));
}

std::vector<WatchChange> PostgresReports::watchChanges(std::string_view licence) {
  const pg::Result rows = db_.exec(
      "SELECT licence, watch, reason, reviewer, at_ms FROM agency_watch"
      " WHERE $1::text = '' OR licence = $1::text ORDER BY id DESC",
      pg::Params().text(licence));
  std::vector<WatchChange> out;
  for (int row = 0; row < rows.rows(); ++row) {
    out.push_back({rows.text(row, 0), rows.int64(row, 1) != 0, rows.text(row, 2), rows.text(row, 3),
                   rows.int64(row, 4)});
  }
  return out;
}

}  // namespace phum::server::storage
