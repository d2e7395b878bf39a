// The records list: filters and title search done by SQLite (indexes of schema v7), one page at a
// time with keyset paging, so a tablet holding 100,000 records lists them as fast as 100.
#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "core/errors.h"
#include "store/sqlite_local_store.h"

namespace phum::store {
namespace {

// Typed text matches literally (LIKE, so Latin letters match in either case).
std::string likeEscaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The WHERE clause of `query`, with only the filters it sets (an "?1 = '' OR author = ?1" would
// keep SQLite from using the indexes), and the values to bind in order. States are inlined from
// our own enum names, never from user text.
struct Where {
  std::string sql;
  std::vector<std::string> texts;  // bound first, as ?1, ?2, ...
  std::string afterUuid;
};

Where whereOf(const RecordQuery& query, bool withPosition) {
  Where where;
  std::vector<std::string> terms;
  const auto text = [&](const std::string& column, const std::string& value) {
    where.texts.push_back(value);
    terms.push_back(column + "?" + std::to_string(where.texts.size()));
  };
  if (!query.author.empty()) text("author = ", query.author);
  if (!query.formId.empty()) text("form_id = ", query.formId);
  if (!query.titleContains.empty()) {
    text("title LIKE '%' || ", likeEscaped(query.titleContains));
    terms.back() += " || '%' ESCAPE '\\'";
  }
  if (query.reviewOutcome)
    terms.push_back("review_outcome = " + std::to_string(*query.reviewOutcome));
  if (query.updatedFromMs > 0)
    terms.push_back("updated_at_ms >= " + std::to_string(query.updatedFromMs));
  if (!query.states.empty()) {
    std::string in = "state IN (";
    for (std::size_t i = 0; i < query.states.size(); ++i)
      in += std::string(i ? ", '" : "'") + toString(query.states[i]) + "'";
    terms.push_back(in + ")");
  }
  if (withPosition && query.after) {
    const std::string at = std::to_string(query.after->updatedAtMs);
    const std::string uuid = "?" + std::to_string(where.texts.size() + 1);
    where.afterUuid = query.after->uuid.toBytes();
    terms.push_back("(updated_at_ms < " + at + " OR (updated_at_ms = " + at + " AND uuid < " +
                    uuid + "))");
  }
  for (std::size_t i = 0; i < terms.size(); ++i) where.sql += (i ? " AND " : " WHERE ") + terms[i];
  return where;
}

// LIKE's matching (Latin letters in either case, everything else as typed), done in memory.
bool containsIgnoringLatinCase(const std::string& text, const std::string& part) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  const auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                                 [&](char a, char b) { return lower(a) == lower(b); });
  return found != text.end();
}

void bindWhere(sqlite::Statement& stmt, const Where& where) {
  int index = 0;
  for (const auto& value : where.texts) stmt.bind(++index, value);
  if (!where.afterUuid.empty()) stmt.bindBlob(++index, where.afterUuid);
}

}  // namespace

std::vector<RecordSummary> SqliteLocalStore::searchEncryptedTitles(const RecordQuery& query,
                                                                   int limit) const {
  RecordQuery others = query;
  others.titleContains.clear();
  const Where where = whereOf(others, true);
  auto stmt =
      db_.prepare(std::string("SELECT ") + kRecordSummaryColumns + ", review_outcome FROM records" +
                  where.sql + " ORDER BY updated_at_ms DESC, uuid DESC");
  bindWhere(stmt, where);
  std::vector<RecordSummary> out;
  while (static_cast<int>(out.size()) < limit && stmt.step()) {
    RecordSummary s = readRecordSummary(stmt, db_.path());
    if (!containsIgnoringLatinCase(s.title, query.titleContains)) continue;
    s.reviewOutcome = static_cast<int>(stmt.int64(12));
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<RecordSummary> SqliteLocalStore::queryRecords(const RecordQuery& query) const {
  if (!query.titleContains.empty() && !keyId().empty())
    return searchEncryptedTitles(query, std::max(0, query.limit));
  const Where where = whereOf(query, true);
  auto stmt = db_.prepare(
      std::string("SELECT ") + kRecordSummaryColumns + ", review_outcome FROM records" + where.sql +
      " ORDER BY updated_at_ms DESC, uuid DESC LIMIT " + std::to_string(std::max(0, query.limit)));
  bindWhere(stmt, where);
  std::vector<RecordSummary> out;
  while (stmt.step()) {
    RecordSummary s = readRecordSummary(stmt, db_.path());
    s.reviewOutcome = static_cast<int>(stmt.int64(12));
    out.push_back(std::move(s));
  }
  return out;
}

int SqliteLocalStore::countRecords(const RecordQuery& query) const {
  if (!query.titleContains.empty() && !keyId().empty()) {
    RecordQuery all = query;
    all.after.reset();
    return static_cast<int>(searchEncryptedTitles(all, INT_MAX).size());
  }
  const Where where = whereOf(query, false);
  auto stmt = db_.prepare("SELECT count(*) FROM records" + where.sql);
  bindWhere(stmt, where);
  stmt.step();
  return static_cast<int>(stmt.int64(0));
}

}  // namespace phum::store
