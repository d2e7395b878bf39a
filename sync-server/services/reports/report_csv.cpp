#include <cstdio>

#include "services/csv_cell.h"
#include "services/reports/report.h"

namespace phum::server::reports {

namespace {

std::string cell(const Published& value) { return value ? std::to_string(*value) : "*"; }

std::string percent(const std::optional<double>& value) {
  if (!value) return "*";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", *value);
  return text;
}

void line(std::string& out, const std::vector<std::string>& fields) {
  appendCsvLine(out, fields, true);
}

void section(std::string& out, const ReportSection& s, const std::string& totalLabel) {
  using Percent = ReportSection::Percent;
  const auto& t = s.table;
  std::vector<std::string> header = {s.rowHeader};
  for (const auto& column : s.columns) header.push_back(column.label);
  header.push_back(totalLabel);
  if (s.percent == Percent::OfTotal) header.push_back("%");
  if (s.percent == Percent::OfColumn) {
    for (const auto& column : s.columns) header.push_back(column.label + " %");
    header.push_back(totalLabel + " %");
  }
  const bool means = !s.meanHeader.empty();
  if (means) header.push_back(s.meanHeader);
  line(out, {s.title});
  line(out, header);
  const auto row = [&](const std::string& label, const std::vector<Published>& cells,
                       const Published& total, const std::optional<double>& mean) {
    std::vector<std::string> fields = {label};
    for (const auto& value : cells) fields.push_back(cell(value));
    fields.push_back(cell(total));
    if (s.percent == Percent::OfTotal) fields.push_back(percent(publishedPercent(total, t.total)));
    if (s.percent == Percent::OfColumn) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        fields.push_back(percent(publishedPercent(cells[c], t.columnTotals[c])));
      }
      fields.push_back(percent(publishedPercent(total, t.total)));
    }
    if (means) fields.push_back(percent(mean));
    line(out, fields);
  };
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    row(s.rowLabels[r], t.cells[r], t.rowTotals[r],
        r < s.rowMeans.size() ? s.rowMeans[r] : std::nullopt);
  }
  row(totalLabel, t.columnTotals, t.total, s.totalMean);
  // Surges (returnees): the day, and where (a crossing point, or all of them).
  if (!s.flaggedRows.empty()) line(out, {s.note});
  for (const auto& flag : s.flaggedRows) {
    const auto bar = flag.find('|');
    std::string where = totalLabel;
    for (const auto& column : s.columns) {
      if (column.key == flag.substr(bar + 1)) where = column.label;
    }
    line(out, {flag.substr(0, bar), where});
  }
  out += "\r\n";
}

}  // namespace

std::string reportCsv(const Report& report) {
  std::string out = "\xEF\xBB\xBF";
  line(out, {report.title});
  line(out, {"from", report.filter.from, "to", report.filter.to, "province", report.filter.province,
             "district", report.filter.district, "commune", report.filter.commune});
  line(out, {report.notice});
  out += "\r\n";
  for (const auto& s : report.sections) section(out, s, report.totalLabel);
  for (const auto& [column, mean] : report.means) {
    line(out, {"mean age", column, mean ? percent(mean) : "*"});
  }
  return out;
}

}  // namespace phum::server::reports
