// The review console's SQL on SQLite: the queue, a record's revisions, review decisions.
#include "storage/queue_bound.h"
#include "storage/report_approval.h"
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

namespace {

// The smallest string above every string starting with `prefix` (bytewise, as SQLite's BINARY
// collation compares), or "" if there is none.
std::string placeUpperBound(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
  if (!prefix.empty())
    prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

// At most this many heads in the place filter's range: the page is then read from the place
// index and sorted, rather than found by walking the queue's order past every head elsewhere.
constexpr std::int64_t kPlaceSortLimit = 10000;

// Whether the place filter of `query` is narrow enough to sort (kPlaceSortLimit). SQLite has no
// statistics of the codes to judge it by (and no ANALYZE to keep current): without them it
// always walked the queue's order, 0.3 s for a village's page at 1,000,000 records. Counting
// stops at the limit, on the place index alone.
bool sortsPlace(phum::sqlite::Database& db, const QueueQuery& query) {
  if (query.placePrefix.empty()) return false;
  const std::string end = placeUpperBound(query.placePrefix);
  phum::sqlite::Statement count(
      db, std::string("SELECT count(*) FROM (SELECT 1 FROM record_heads INDEXED BY "
                      "record_heads_by_place WHERE location_code >= ?1") +
              (end.empty() ? "" : " AND location_code < ?2") + " LIMIT ?3)");
  count.bind(1, query.placePrefix);
  if (!end.empty()) count.bind(2, end);
  count.bind(3, kPlaceSortLimit);
  count.step();
  return count.int64(0) < kPlaceSortLimit;
}

std::string queueSql(const QueueQuery& query, bool sortPlace) {
  // Only the filters given are in the statement: SQLite plans it once, and `?1 = '' OR ...` would
  // keep it from the index of that filter (sqlite_database.cpp). The page is chosen on
  // record_heads alone, LIMIT included, walking that index backwards from the cursor (or sorting
  // a narrow place); only then is each chosen record read by its seq.
  std::string sql = std::string("SELECT ") + kQueueSummaryColumns + ", h.decision," +
                    " h.decided_revision" + (query.withBody ? ", r.body" : "") +
                    " FROM (SELECT h.seq, h.received_at_ms, h.decision, h.decided_revision"
                    " FROM record_heads h" +
                    (sortPlace ? " INDEXED BY record_heads_by_place" : "") +
                    " WHERE (h.received_at_ms, h.seq) < (?5, ?6) AND " +
                    queueStateCondition(query.state);
  if (!query.formId.empty()) sql += " AND h.form_id = ?1";
  if (!query.placePrefix.empty()) {
    // The range reads the place index; substr() is the exact test.
    sql += " AND h.location_code >= ?2 AND substr(h.location_code, 1, length(?2)) = ?2";
    if (!placeUpperBound(query.placePrefix).empty()) sql += " AND h.location_code < ?8";
  }
  if (!query.author.empty()) sql += " AND h.author = ?3";
  if (query.receivedFromMs) sql += " AND h.received_at_ms >= ?4";
  return sql +
         " ORDER BY h.received_at_ms DESC, h.seq DESC LIMIT ?7) h"
         " CROSS JOIN records r ON r.seq = h.seq ORDER BY h.received_at_ms DESC, h.seq DESC";
}

void bindQueue(phum::sqlite::Statement& statement, const QueueQuery& query) {
  // ?5 to ?7 are always in the statement, so binding a number it leaves out is no error.
  statement.bind(1, query.formId).bind(2, query.placePrefix).bind(3, query.author);
  statement.bind(4, query.receivedFromMs.value_or(INT64_MIN));
  const auto below = queueUpperBound(query);
  statement.bind(5, below.first).bind(6, below.second);
  statement.bind(7, std::int64_t{query.limit});
  const std::string placeEnd = placeUpperBound(query.placePrefix);
  if (!query.placePrefix.empty() && !placeEnd.empty()) statement.bind(8, placeEnd);
}

// The row's columns but the body (column 12).
void readQueueRow(const phum::sqlite::Statement& statement, QueueRow& row) {
  row.record = readSummary(statement);
  row.createdAtMs = statement.int64(9);
  row.last.reset();
  if (!statement.isNull(10)) {
    row.last = LastDecision{statement.text(10), static_cast<std::uint32_t>(statement.int64(11))};
  }
}

}  // namespace

std::vector<QueueRow> SqliteReviews::queue(const QueueQuery& query) {
  phum::sqlite::Statement statement(db_, queueSql(query, sortsPlace(db_, query)));
  bindQueue(statement, query);
  std::vector<QueueRow> rows;
  while (statement.step()) {
    QueueRow row;
    readQueueRow(statement, row);
    if (query.withBody) row.body = statement.blob(12);
    rows.push_back(std::move(row));
  }
  return rows;
}

void SqliteReviews::visitQueue(const QueueQuery& query, const QueueVisitor& visit) {
  phum::sqlite::Statement statement(db_, queueSql(query, sortsPlace(db_, query)));
  bindQueue(statement, query);
  QueueRow row;
  while (statement.step()) {
    readQueueRow(statement, row);
    visit(row, query.withBody ? statement.blobView(12) : std::string_view());
  }
}

std::vector<std::pair<StoredRecordSummary, std::int64_t>> SqliteReviews::revisions(
    std::string_view uuid) {
  phum::sqlite::Statement query(db_, std::string("SELECT ") + kQueueSummaryColumns +
                                         " FROM records r WHERE r.uuid = ? ORDER BY r.revision");
  query.bindBlob(1, uuid);
  std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions;
  while (query.step()) revisions.emplace_back(readSummary(query), query.int64(9));
  return revisions;
}

std::int64_t SqliteReviews::insertReview(const ReviewRow& review) {
  phum::sqlite::Statement insert(
      db_,
      "INSERT INTO reviews (uuid, revision, decision, reviewer, comment, reason, decided_at_ms)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bindBlob(1, review.uuid).bind(2, std::int64_t{review.revision}).bind(3, review.decision);
  insert.bind(4, review.reviewer).bind(5, review.comment).bind(6, review.reason);
  insert.bind(7, review.decidedAtMs).run();
  const std::int64_t id = db_.lastInsertRowId();
  phum::sqlite::Statement note(
      db_, "INSERT INTO review_notes (review_id, position, field, text) VALUES (?, ?, ?, ?)");
  std::int64_t position = 0;
  for (const auto& item : review.notes) {
    note.reset();
    note.bind(1, id).bind(2, position++).bind(3, item.field).bind(4, item.text).run();
  }
  phum::sqlite::Statement last(
      db_,
      "INSERT INTO review_state (uuid, decision, revision, review_id) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (uuid) DO UPDATE SET decision = excluded.decision,"
      " revision = excluded.revision, review_id = excluded.review_id");
  last.bindBlob(1, review.uuid).bind(2, review.decision).bind(3, std::int64_t{review.revision});
  last.bind(4, id).run();
  phum::sqlite::Statement head(
      db_, "UPDATE record_heads SET decision = ?, decided_revision = ? WHERE uuid = ?");
  head.bind(1, review.decision).bind(2, std::int64_t{review.revision}).bindBlob(3, review.uuid);
  head.run();
  // The reports read the approved flag of the summary tables (report_storage.h).
  const std::int64_t approved = review.decision == "approve" ? 1 : 0;
  for (const auto& sql : factApprovalSql(SqlDialect::Sqlite)) {
    phum::sqlite::Statement flag(db_, sql);
    flag.bindBlob(1, review.uuid).bind(2, std::int64_t{review.revision}).bind(3, approved).run();
  }
  return id;
}

std::vector<ReviewRow> SqliteReviews::reviews(std::string_view uuid) {
  phum::sqlite::Statement query(
      db_,
      "SELECT id, revision, decision, reviewer, comment, reason, decided_at_ms FROM reviews"
      " WHERE uuid = ? ORDER BY id");
  query.bindBlob(1, uuid);
  std::vector<ReviewRow> reviews;
  while (query.step()) {
    ReviewRow row;
    row.id = query.int64(0);
    row.uuid = std::string(uuid);
    row.revision = static_cast<std::uint32_t>(query.int64(1));
    row.decision = query.text(2);
    row.reviewer = query.text(3);
    row.comment = query.text(4);
    row.reason = query.text(5);
    row.decidedAtMs = query.int64(6);
    reviews.push_back(std::move(row));
  }
  phum::sqlite::Statement notes(
      db_, "SELECT field, text FROM review_notes WHERE review_id = ? ORDER BY position");
  for (auto& review : reviews) {
    notes.reset();
    notes.bind(1, review.id);
    while (notes.step()) review.notes.push_back({notes.text(0), notes.text(1)});
  }
  return reviews;
}

std::optional<LastDecision> SqliteReviews::lastDecision(std::string_view uuid) {
  phum::sqlite::Statement query(db_, "SELECT decision, revision FROM review_state WHERE uuid = ?");
  query.bindBlob(1, uuid);
  if (!query.step()) return std::nullopt;
  return LastDecision{query.text(0), static_cast<std::uint32_t>(query.int64(1))};
}

void SqliteReviews::deleteSession(std::string_view tokenHash) {
  phum::sqlite::Statement statement(db_, "DELETE FROM sessions WHERE token_hash = ?");
  statement.bindBlob(1, tokenHash).run();
}

}  // namespace phum::server::storage
