#include "services/reports/report_sections.h"

#include <algorithm>
#include <map>
#include <set>

namespace phum::server::reports {

storage::FactQuery filteredQuery(const ReportContext& context, storage::FactTable table) {
  storage::FactQuery query;
  query.table = table;
  query.fromDay = context.filter.from;
  query.toDay = context.filter.to;
  query.placePrefix = context.place;
  return query;
}

std::vector<storage::FactGroup> runQuery(const ReportContext& context,
                                         const storage::FactQuery& query) {
  return storage::read(context.db,
                       [&](storage::Transaction& tx) { return tx.reports().aggregate(query); });
}

Axis sexAxis(const ReportLabels& labels) {
  return {{"male", "female", "other"},
          [&labels](const std::string& key) { return labels.word(key); }};
}

namespace {

std::vector<std::string> keysOf(const std::vector<storage::FactGroup>& groups, std::size_t index,
                                const Axis& axis) {
  std::set<std::string> present;
  for (const auto& group : groups) {
    if (group.count > 0 && !group.keys[index].empty()) present.insert(group.keys[index]);
  }
  std::vector<std::string> out;
  for (const auto& key : axis.order) {
    if (axis.keepAll || present.erase(key)) out.push_back(key);
  }
  for (const auto& key : present) {
    if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  }
  return out;
}

}  // namespace

ReportSection crossSection(const std::vector<storage::FactGroup>& groups, std::size_t rowKey,
                           std::size_t columnKey, const Axis& rows, const Axis& columns) {
  CountTable table;
  table.rows = keysOf(groups, rowKey, rows);
  table.columns = keysOf(groups, columnKey, columns);
  std::map<std::string, std::size_t> rowIndex, columnIndex;
  for (std::size_t i = 0; i < table.rows.size(); ++i) rowIndex[table.rows[i]] = i;
  for (std::size_t i = 0; i < table.columns.size(); ++i) columnIndex[table.columns[i]] = i;
  table.counts.assign(table.rows.size(), std::vector<std::int64_t>(table.columns.size(), 0));
  for (const auto& group : groups) {
    const auto r = rowIndex.find(group.keys[rowKey]);
    const auto c = columnIndex.find(group.keys[columnKey]);
    if (r != rowIndex.end() && c != columnIndex.end())
      table.counts[r->second][c->second] += group.count;
  }
  ReportSection section;
  for (const auto& key : table.rows) section.rowLabels.push_back(rows.label(key));
  for (const auto& key : table.columns) section.columns.push_back({key, columns.label(key), ""});
  section.table = suppressSmallCells(table);
  return section;
}

}  // namespace phum::server::reports
