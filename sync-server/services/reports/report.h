#pragma once
// A report as it leaves the server (page, chart, CSV, API): sections of suppressed count tables
// with Khmer or English labels. Nothing in here was ever an unsuppressed count.
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/reports/suppression.h"

namespace phum::server::reports {

// Bad report parameters, in words the console can show.
class ReportRequestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Which approved records a report counts. Dates are YYYY-MM-DD (the form's own date of the
// survey, registration, interview or complaint); places are NIS codes, the smallest given wins.
struct ReportFilter {
  std::string from, to;
  std::string province, district, commune;
};

struct ReportColumn {
  std::string key;
  std::string label;
  std::string stack;  // chart: columns of one stack are drawn on one bar
};

struct ReportSection {
  std::string key;
  std::string title;
  std::string rowHeader;
  std::vector<std::string> rowLabels;  // aligned with table.rows
  std::vector<ReportColumn> columns;   // aligned with table.columns
  PublishedTable table;
  // Each cell as a percentage of its column total (Table 2.3) or of the grand total (2.2).
  enum class Percent { None, OfColumn, OfTotal } percent = Percent::None;
  std::vector<std::string> flaggedRows;  // keys of rows to flag (surge days)
  std::string note;
  // A mean per row and of the total (Table 2.4's amount sent), each published only where the
  // row's (or the grand) total count is; empty when the section has no means.
  std::string meanHeader;
  std::vector<std::optional<double>> rowMeans;  // aligned with table.rows
  std::optional<double> totalMean;
};

struct Report {
  std::string key;  // "table-2.1", ...
  std::string title;
  std::string language;
  std::string totalLabel = "Total";
  std::string notice;  // "approved records only", what "*" means, in the report's language
  ReportFilter filter;
  std::vector<ReportSection> sections;
  // Means per column (Table 2.3's mean age), published only where the column's count is.
  std::vector<std::pair<std::string, std::optional<double>>> means;
};

// The report keys the server knows, in menu order.
const std::vector<std::string>& reportKeys();

// CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Khmer): one block
// per section, withheld cells as "*", then a line saying so.
std::string reportCsv(const Report& report);

}  // namespace phum::server::reports
