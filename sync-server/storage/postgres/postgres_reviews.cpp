// The review console's SQL on PostgreSQL: the queue, a record's revisions, review decisions. The
// same statements as sqlite_reviews.cpp in PostgreSQL's dialect.
#include "core/uuid.h"
#include "storage/postgres/postgres_tables.h"
#include "storage/queue_bound.h"
#include "storage/report_approval.h"

namespace phum::server::storage {

namespace {

// The row's columns but the body (column 12).
void readQueueRow(const pg::Result& result, int row, QueueRow& item) {
  item.record = readSummary(result, row);
  item.createdAtMs = result.int64(row, 9);
  item.last.reset();
  if (!result.isNull(row, 10)) {
    item.last =
        LastDecision{result.text(row, 10), static_cast<std::uint32_t>(result.int64(row, 11))};
  }
}

}  // namespace

pg::Result PostgresReviews::queuePage(const QueueQuery& query) {
  // The page is chosen on record_heads alone, LIMIT included, and only its rows are then read
  // from records by seq: joined before the LIMIT, the planner may join and sort every record for
  // a first page. Each statement is planned with its values (execPlannedWithValues), so an
  // empty filter's `$1 = '' OR ...` folds away and the index of the filters given is read
  // (postgres_database.cpp). starts_with compares bytes, whatever the database's collation, and
  // reads a range of the "C" place index.
  const std::string sql = std::string("SELECT ") + kQueueSummaryColumns +
                          ", h.decision, h.decided_revision" + (query.withBody ? ", r.body" : "") +
                          " FROM (SELECT h.seq, h.received_at_ms, h.decision, h.decided_revision"
                          " FROM record_heads h"
                          " WHERE ($1::text = '' OR h.form_id = $1::text)"
                          " AND starts_with(h.location_code, $2::text)"
                          " AND ($3::text = '' OR h.author = $3::text)"
                          " AND h.received_at_ms >= $4"
                          " AND (h.received_at_ms, h.seq) < ($5, $6) AND " +
                          queueStateCondition(query.state) +
                          " ORDER BY h.received_at_ms DESC, h.seq DESC LIMIT $7) h"
                          " JOIN records r ON r.seq = h.seq"
                          " ORDER BY h.received_at_ms DESC, h.seq DESC";
  pg::Params params;
  params.text(query.formId).text(query.placePrefix).text(query.author);
  params.integer(query.receivedFromMs.value_or(INT64_MIN));
  const auto below = queueUpperBound(query);
  params.integer(below.first).integer(below.second);
  params.integer(query.limit);
  return db_.execPlannedWithValues(sql, params);
}

std::vector<QueueRow> PostgresReviews::queue(const QueueQuery& query) {
  const pg::Result result = queuePage(query);
  std::vector<QueueRow> rows(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    QueueRow& item = rows[static_cast<std::size_t>(row)];
    readQueueRow(result, row, item);
    if (query.withBody) item.body = result.bytes(row, 12);
  }
  return rows;
}

// The bodies are lent from libpq's result: no copy of each record for an export.
void PostgresReviews::visitQueue(const QueueQuery& query, const QueueVisitor& visit) {
  const pg::Result result = queuePage(query);
  QueueRow item;
  for (int row = 0; row < result.rows(); ++row) {
    readQueueRow(result, row, item);
    visit(item, query.withBody ? result.bytesView(row, 12) : std::string_view());
  }
}

std::vector<std::pair<StoredRecordSummary, std::int64_t>> PostgresReviews::revisions(
    std::string_view uuid) {
  const pg::Result rows = db_.exec(std::string("SELECT ") + kQueueSummaryColumns +
                                       " FROM records r WHERE r.uuid = $1 ORDER BY r.revision",
                                   pg::Params().bytes(uuid));
  std::vector<std::pair<StoredRecordSummary, std::int64_t>> revisions;
  for (int row = 0; row < rows.rows(); ++row) {
    revisions.emplace_back(readSummary(rows, row), rows.int64(row, 9));
  }
  return revisions;
}

std::int64_t PostgresReviews::insertReview(const ReviewRow& review) {
  // Shared, like a record insert: the reports' extractor (exclusive) never reads review_state
  // before this decision commits and then writes rows with a stale approved flag.
  db_.exec("SELECT pg_advisory_xact_lock_shared($1)", pg::Params().integer(kRecordsInsertLock));
  const pg::Result inserted = db_.exec(
      "INSERT INTO reviews (uuid, revision, decision, reviewer, comment, reason, decided_at_ms)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      pg::Params()
          .bytes(review.uuid)
          .integer(review.revision)
          .text(review.decision)
          .text(review.reviewer)
          .text(review.comment)
          .text(review.reason)
          .integer(review.decidedAtMs));
  const std::int64_t id = inserted.int64(0, 0);
  std::int64_t position = 0;
  for (const auto& note : review.notes) {
    db_.exec("INSERT INTO review_notes (review_id, position, field, text) VALUES ($1, $2, $3, $4)",
             pg::Params().integer(id).integer(position++).text(note.field).text(note.text));
  }
  db_.exec(
      "INSERT INTO review_state (uuid, decision, revision, review_id) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (uuid) DO UPDATE SET decision = excluded.decision,"
      " revision = excluded.revision, review_id = excluded.review_id",
      pg::Params().bytes(review.uuid).text(review.decision).integer(review.revision).integer(id));
  db_.exec("UPDATE record_heads SET decision = $1, decided_revision = $2 WHERE uuid = $3",
           pg::Params().text(review.decision).integer(review.revision).bytes(review.uuid));
  // The reports read the approved flag of the summary tables (report_storage.h).
  const std::int64_t approved = review.decision == "approve" ? 1 : 0;
  for (const auto& sql : factApprovalSql(SqlDialect::Postgres)) {
    db_.exec(sql, pg::Params().bytes(review.uuid).integer(review.revision).integer(approved));
  }
  return id;
}

std::vector<ReviewRow> PostgresReviews::reviews(std::string_view uuid) {
  const pg::Result rows = db_.exec(
      "SELECT id, revision, decision, reviewer, comment, reason, decided_at_ms FROM reviews"
      " WHERE uuid = $1 ORDER BY id",
      pg::Params().bytes(uuid));
  std::vector<ReviewRow> reviews;
  for (int row = 0; row < rows.rows(); ++row) {
    ReviewRow review;
    review.id = rows.int64(row, 0);
    review.uuid = std::string(uuid);
    review.revision = static_cast<std::uint32_t>(rows.int64(row, 1));
    review.decision = rows.text(row, 2);
    review.reviewer = rows.text(row, 3);
    review.comment = rows.text(row, 4);
    review.reason = rows.text(row, 5);
    review.decidedAtMs = rows.int64(row, 6);
    reviews.push_back(std::move(review));
  }
  if (reviews.empty()) return reviews;
  const pg::Result notes = db_.exec(
      "SELECT n.review_id, n.field, n.text FROM review_notes n JOIN reviews v ON v.id = n.review_id"
      " WHERE v.uuid = $1 ORDER BY n.review_id, n.position",
      pg::Params().bytes(uuid));
  for (int row = 0; row < notes.rows(); ++row) {
    const std::int64_t id = notes.int64(row, 0);
    for (auto& review : reviews) {
      if (review.id == id) review.notes.push_back({notes.text(row, 1), notes.text(row, 2)});
    }
  }
  return reviews;
}

std::optional<LastDecision> PostgresReviews::lastDecision(std::string_view uuid) {
  const pg::Result rows = db_.exec("SELECT decision, revision FROM review_state WHERE uuid = $1",
                                   pg::Params().bytes(uuid));
  if (rows.rows() == 0) return std::nullopt;
  return LastDecision{rows.text(0, 0), static_cast<std::uint32_t>(rows.int64(0, 1))};
}

void PostgresReviews::deleteSession(std::string_view tokenHash) {
  db_.exec("DELETE FROM sessions WHERE token_hash = $1", pg::Params().bytes(tokenHash));
}

}  // namespace phum::server::storage
