// The reports' summary tables on PostgreSQL: the statements of sqlite_reports.cpp in PostgreSQL's
// dialect, a record's rows inserted in one statement (unnest of column arrays).
#include <limits>
#include <map>
#include <set>

#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

namespace {

// Stands for NULL in an integer array (a year not answered); no answer is this number.
constexpr std::int64_t kNoNumber = std::numeric_limits<std::int64_t>::min();

// A view into `values`, which outlive the statement's column arrays.
std::string_view columnValue(const std::vector<std::pair<std::string, std::string>>& values,
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
  replaceTableFacts(facts.table, {&facts});
}

void PostgresReports::replaceFactsOfRecords(const std::vector<RecordFacts>& facts) {
  for (const auto& [table, newest] : newestFactsByTable(facts)) replaceTableFacts(table, newest);
}

// Four statements for the whole batch, whatever its size: a statement per record was a round
// trip each, and the extractor caught up at ~240 records/s.
void PostgresReports::replaceTableFacts(FactTable table,
                                        const std::vector<const RecordFacts*>& facts) {
  const std::string name = factTableName(table);
  std::vector<std::string_view> uuids;
  for (const auto* one : facts) uuids.push_back(one->uuid);
  // A record whose held rows are of a newer revision (read before an older one) keeps them.
  const pg::Result held = db_.exec(
      "SELECT uuid, max(revision) FROM " + name + " WHERE uuid = ANY($1::bytea[]) GROUP BY uuid",
      pg::Params().byteArray(uuids));
  std::map<std::string, std::int64_t> heldRevision;
  for (int row = 0; row < held.rows(); ++row) heldRevision[held.bytes(row, 0)] = held.int64(row, 1);
  std::vector<const RecordFacts*> kept;
  uuids.clear();
  for (const auto* one : facts) {
    const auto found = heldRevision.find(one->uuid);
    if (found != heldRevision.end() && found->second > one->revision) continue;
    kept.push_back(one);
    uuids.push_back(one->uuid);
  }
  if (kept.empty()) return;
  db_.exec("DELETE FROM " + name + " WHERE uuid = ANY($1::bytea[])", pg::Params().byteArray(uuids));
  const pg::Result approvedRows = db_.exec(
      "SELECT uuid, revision FROM review_state WHERE uuid = ANY($1::bytea[])"
      " AND decision = 'approve'",
      pg::Params().byteArray(uuids));
  std::set<std::pair<std::string, std::int64_t>> approved;
  for (int row = 0; row < approvedRows.rows(); ++row) {
    approved.emplace(approvedRows.bytes(row, 0), approvedRows.int64(row, 1));
  }
  insertFactRows(table, kept, approved);
}

void PostgresReports::insertFactRows(
    FactTable table, const std::vector<const RecordFacts*>& facts,
    const std::set<std::pair<std::string, std::int64_t>>& approved) {
  const auto& text = factTextColumns(table);
  const auto& numbers = factNumberColumns(table);
  // Column arrays, one entry per row: uuid, then revision, approved, counted, age, then day,
  // location, sex and the text columns, then numbers.
  std::vector<std::string_view> uuids;
  std::vector<std::int64_t> revisions, approvals, counted, ages;
  std::vector<std::vector<std::string_view>> texts(3 + text.size());
  std::vector<std::vector<std::int64_t>> values(numbers.size());
  for (const auto* one : facts) {
    const bool isApproved = approved.contains({one->uuid, one->revision});
    for (const auto& row : one->rows) {
      uuids.push_back(one->uuid);
      revisions.push_back(one->revision);
      approvals.push_back(isApproved ? 1 : 0);
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
  }
  if (uuids.empty()) return;
  pg::Params params;
  params.byteArray(uuids).integerArray(revisions).integerArray(approvals);
  params.integerArray(counted).integerArray(ages);
  std::string columns = "uuid, revision, approved, counted, age, day, location, sex";
  std::string selected = "u.id, u.rev, u.ok, u.c0, u.c1, u.t0, u.t1, u.t2";
  std::string arrays = "$1::bytea[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]";
  std::string names = "id, rev, ok, c0, c1";
  int next = 6;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    params.textArray(texts[i]);
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
  db_.exec(std::string("INSERT INTO ") + factTableName(table) + " (" + columns + ") SELECT " +
               selected + " FROM unnest(" + arrays + ") AS u(" + names + ")",
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
