#pragma once
// Building blocks of the reports (report_tables.cpp, report_watch.cpp): a count table from
// aggregate groups, suppressed, with its labels.
#include <functional>

#include "services/reports/report.h"
#include "services/reports/report_labels.h"
#include "storage/database.h"

namespace phum::server::reports {

struct ReportContext {
  storage::Database& db;
  const ReportLabels& labels;
  const ReportFilter& filter;
  std::string place;  // effective NIS prefix
};

// A query over one summary table with the report's date and place filter.
storage::FactQuery filteredQuery(const ReportContext& context, storage::FactTable table);
std::vector<storage::FactGroup> runQuery(const ReportContext& context,
                                         const storage::FactQuery& query);

using Labeller = std::function<std::string(const std::string&)>;

struct Axis {
  std::vector<std::string> order;  // keys first, in this order, when present
  Labeller label;
  bool keepAll = false;  // keep the ordered keys even when no group has them (days)
};

// The sexes as columns: male, female, and "other or unknown" only when some group has it.
Axis sexAxis(const ReportLabels& labels);

// groups[i].keys[rowKey] x keys[columnKey] -> suppressed section. Empty keys are left out.
ReportSection crossSection(const std::vector<storage::FactGroup>& groups, std::size_t rowKey,
                           std::size_t columnKey, const Axis& rows, const Axis& columns);

}  // namespace phum::server::reports
