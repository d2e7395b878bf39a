// The summary tables' columns and the one aggregate query over them, for every adapter.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "storage/report_approval.h"
#include "storage/report_storage.h"

namespace phum::server::storage {

const std::vector<std::string>& factTextColumns(FactTable table) {
  static const std::vector<std::string> members = {"marital", "education", "migrant", "destination",
                                                   "channel", "sector",    "reason",  "decided_by"};
  static const std::vector<std::string> returnees = {"crossing_point", "destination",
                                                     "legal_status", "return_reason", "sector"};
  static const std::vector<std::string> trafficking = {"exploitation", "destination", "minor",
                                                       "referral", "situation"};
  static const std::vector<std::string> complaints = {"agency", "issue", "case_status"};
  static const std::vector<std::string> remittances = {"destination", "sector", "channel",
                                                       "spent_on"};
  switch (table) {
    case FactTable::Members:
      return members;
    case FactTable::Returnees:
      return returnees;
    case FactTable::Trafficking:
      return trafficking;
    case FactTable::Complaints:
      return complaints;
    case FactTable::Remittances:
      return remittances;
  }
  return members;
}

const std::vector<std::string>& factNumberColumns(FactTable table) {
  static const std::vector<std::string> members = {"year_left"};
  static const std::vector<std::string> remittances = {"amount_usd"};
  static const std::vector<std::string> none;
  return table == FactTable::Members       ? members
         : table == FactTable::Remittances ? remittances
                                           : none;
}

const char* factTableName(FactTable table) {
  switch (table) {
    case FactTable::Members:
      return "report_members";
    case FactTable::Returnees:
      return "report_returnees";
    case FactTable::Trafficking:
      return "report_trafficking";
    case FactTable::Complaints:
      return "report_complaints";
    case FactTable::Remittances:
      return "report_remittances";
  }
  return "report_members";
}

std::vector<std::pair<FactTable, std::vector<const RecordFacts*>>> newestFactsByTable(
    const std::vector<RecordFacts>& facts) {
  std::vector<std::pair<FactTable, std::vector<const RecordFacts*>>> out;
  // (table, uuid) -> the position of its facts in out's list for that table
  std::map<std::pair<FactTable, std::string_view>, std::size_t> position;
  for (const auto& one : facts) {
    auto table = std::find_if(out.begin(), out.end(),
                              [&](const auto& entry) { return entry.first == one.table; });
    if (table == out.end()) table = out.insert(out.end(), {one.table, {}});
    auto& held = table->second;
    const auto [seen, isNew] = position.try_emplace({one.table, one.uuid}, held.size());
    if (isNew) {
      held.push_back(&one);
    } else if (one.revision >= held[seen->second]->revision) {
      held[seen->second] = &one;  // read later, of the same or a newer revision
    }
  }
  return out;
}

namespace {

bool isColumn(FactTable table, const std::string& name) {
  const auto& text = factTextColumns(table);
  const auto& numbers = factNumberColumns(table);
  return name == "sex" || name == "day" || name == "age" ||
         std::find(text.begin(), text.end(), name) != text.end() ||
         std::find(numbers.begin(), numbers.end(), name) != numbers.end();
}

// A group-by or filter name as SQL: a column, or one of the derived keys.
std::string expression(FactTable table, const std::string& name) {
  if (name == "month") return "substr(f.day, 1, 7)";
  if (name == "ageband") {
    return "CASE WHEN f.age < 0 THEN '' WHEN f.age < 18 THEN 'under_18' WHEN f.age < 25 THEN "
           "'18_24' WHEN f.age < 35 THEN '25_34' ELSE '35_plus' END";
  }
  if (!isColumn(table, name)) {
    throw std::invalid_argument("a report asked for '" + name + "', which " + factTableName(table) +
                                " does not have");
  }
  return "f." + name;
}

}  // namespace

FactSql factAggregateSql(const FactQuery& query, SqlDialect dialect) {
  const bool postgres = dialect == SqlDialect::Postgres;
  FactSql out;
  const auto param = [&](std::string value) {
    out.params.push_back(std::move(value));
    return postgres ? "$" + std::to_string(out.params.size()) : std::string("?");
  };
  std::string keys, selected;
  for (const auto& name : query.groupBy) {
    const std::string column = expression(query.table, name);
    keys += (keys.empty() ? "" : ", ") + column;
    // PostgreSQL answers in binary: every key as text, as SQLite's column text gives it.
    selected += (postgres ? "(" + column + ")::text" : column) + ", ";
  }
  std::string sum = postgres ? "'0', 0" : "0, 0";  // the sum is read as text
  if (!query.sumColumn.empty()) {
    const std::string column = expression(query.table, query.sumColumn);
    sum = postgres ? "coalesce(sum(" + column + "), 0)::float8::text, count(" + column + ")"
                   : "total(" + column + "), count(" + column + ")";
  }
  out.sql = "SELECT " + selected + "count(*), " + sum + " FROM " + factTableName(query.table) +
            " f WHERE f.approved = 1"
            // A person registered more than once counts once: the records of a group of
            // confirmed duplicates other than its representative are left out
            // (duplicate_storage.h, CountedAs).
            " AND NOT EXISTS (SELECT 1 FROM duplicate_counted_as d WHERE d.uuid = f.uuid)";
  if (query.countedOnly) out.sql += " AND f.counted = 1";
  if (!query.fromDay.empty()) out.sql += " AND f.day >= " + param(query.fromDay);
  if (!query.toDay.empty()) out.sql += " AND f.day <= " + param(query.toDay);
  if (!query.placePrefix.empty()) {
    // A range on the code (not LIKE) so an index on location could serve it; codes are digits
    // (and the PostgreSQL columns compare bytewise, COLLATE "C").
    out.sql += " AND f.location >= " + param(query.placePrefix);
    out.sql += " AND f.location < " + param(query.placePrefix + "\x7f");
  }
  for (const auto& [name, values] : query.equals) {
    if (values.empty()) continue;
    out.sql += " AND " + expression(query.table, name) + " IN (";
    for (std::size_t i = 0; i < values.size(); ++i) out.sql += (i ? ", " : "") + param(values[i]);
    out.sql += ")";
  }
  if (!keys.empty()) out.sql += " GROUP BY " + keys;
  return out;
}

const std::vector<std::string>& factApprovalSql(SqlDialect dialect) {
  static const auto statements = [](const char* uuid, const char* revision, const char* flag) {
    std::vector<std::string> out;
    for (const auto table : {FactTable::Members, FactTable::Returnees, FactTable::Trafficking,
                             FactTable::Complaints, FactTable::Remittances}) {
      out.push_back(std::string("UPDATE ") + factTableName(table) +
                    " SET approved = CASE WHEN revision = " + revision + " THEN " + flag +
                    " ELSE 0 END WHERE uuid = " + uuid);
    }
    return out;
  };
  static const std::vector<std::string> sqlite = statements("?1", "?2", "?3");
  static const std::vector<std::string> postgres = statements("$1", "$2", "$3::integer");
  return dialect == SqlDialect::Postgres ? postgres : sqlite;
}

const char* const kDuplicatePairSelect =
    "SELECT p.id, p.uuid_a, p.uuid_b, p.revision_a, p.revision_b, p.form_id, p.location_a,"
    " p.location_b, p.score, p.rules, p.state, p.reviewer, p.found_at_ms, p.decided_at_ms,"
    " coalesce(ka.revision, p.revision_a), coalesce(kb.revision, p.revision_b)"
    " FROM duplicate_pairs p LEFT JOIN duplicate_keys ka ON ka.uuid = p.uuid_a"
    " LEFT JOIN duplicate_keys kb ON kb.uuid = p.uuid_b ";

}  // namespace phum::server::storage
