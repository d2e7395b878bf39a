// The records list: filters and title search done by SQLite (indexes of schema v7), one page at a
// time with keyset paging, so a tablet holding 100,000 records lists them as fast as 100.
#include <string>

#include "core/errors.h"
#include "store/sqlite_local_store.h"

namespace phum::store {
namespace {

// The WHERE clause of `query` with numbered parameters (?1..?6 fixed, states inlined from our own
// enum names, never from user text).
std::string whereClause(const RecordQuery& query, bool withPosition) {
  std::string sql =
      " WHERE (?1 = '' OR author = ?1) AND (?2 = '' OR form_id = ?2)"
      " AND (?3 < 0 OR review_outcome = ?3) AND updated_at_ms >= ?4"
      " AND (?5 = '' OR title LIKE '%' || ?5 || '%' ESCAPE '\\')";
  if (!query.states.empty()) {
    sql += " AND state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i)
      sql += std::string(i ? ", '" : "'") + toString(query.states[i]) + "'";
    sql += ")";
  }
  if (withPosition && query.after)
    sql += " AND (updated_at_ms < ?6 OR (updated_at_ms = ?6 AND uuid < ?7))";
  return sql;
}

// Typed text matches literally (LIKE, so Latin letters match in either case).
std::string likeEscaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

void bindFilters(sqlite::Statement& stmt, const RecordQuery& query) {
  stmt.bind(1, query.author)
      .bind(2, query.formId)
      .bind(3, std::int64_t{query.reviewOutcome.value_or(-1)})
      .bind(4, query.updatedFromMs)
      .bind(5, likeEscaped(query.titleContains));
}

}  // namespace

std::vector<RecordSummary> SqliteLocalStore::queryRecords(const RecordQuery& query) const {
  auto stmt = db_.prepare(
      "SELECT uuid, form_id, form_version, revision, created_at_ms, updated_at_ms, author, "
      "location_code, title, state, last_error, last_error_code, review_outcome FROM records" +
      whereClause(query, true) + " ORDER BY updated_at_ms DESC, uuid DESC LIMIT ?8");
  bindFilters(stmt, query);
  if (query.after) stmt.bind(6, query.after->updatedAtMs).bindBlob(7, query.after->uuid.toBytes());
  stmt.bind(8, std::int64_t{query.limit});
  std::vector<RecordSummary> out;
  while (stmt.step()) {
    RecordSummary s;
    auto uuid = Uuid::fromBytes(stmt.blob(0));
    if (!uuid)
      throw StorageError("The local database " + db_.path() +
                         " holds a record without a valid id.");
    s.uuid = *uuid;
    s.formId = stmt.text(1);
    s.formVersion = stmt.text(2);
    s.revision = static_cast<std::uint32_t>(stmt.int64(3));
    s.createdAtMs = stmt.int64(4);
    s.updatedAtMs = stmt.int64(5);
    s.author = stmt.text(6);
    s.locationCode = stmt.text(7);
    s.title = stmt.text(8);
    s.state = parseSyncState(stmt.text(9));
    s.lastError = stmt.text(10);
    s.lastErrorCode = static_cast<int>(stmt.int64(11));
    s.reviewOutcome = static_cast<int>(stmt.int64(12));
    out.push_back(std::move(s));
  }
  return out;
}

int SqliteLocalStore::countRecords(const RecordQuery& query) const {
  auto stmt = db_.prepare("SELECT count(*) FROM records" + whereClause(query, false));
  bindFilters(stmt, query);
  stmt.step();
  return static_cast<int>(stmt.int64(0));
}

}  // namespace phum::store
