// What the border, the trafficking desk and the agency watch need: returnees per crossing point
// per day with a surge flag, trafficking cases, complaints per agency.
#include <chrono>
#include <cstdio>
#include <map>

#include "services/reports/report_facts.h"
#include "services/reports/report_service.h"
#include "services/reports/report_tables.h"

namespace phum::server::reports {

namespace {

using storage::FactTable;

std::int64_t dayNumber(const std::string& day) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(day.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return 0;
  return std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(y),
                                                           std::chrono::month(m),
                                                           std::chrono::day(d)))
      .time_since_epoch()
      .count();
}

std::string dayText(std::int64_t number) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days(std::chrono::days(number))};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

// Every day from the filter's (or the data's) first to last, so quiet days count as 0 in the
// trailing mean and show on the chart.
std::vector<std::string> dayRange(const std::vector<storage::FactGroup>& groups,
                                  const ReportFilter& filter) {
  std::string first = filter.from, last = filter.to;
  std::string seenFirst, seenLast;
  for (const auto& group : groups) {
    if (seenFirst.empty() || group.keys[0] < seenFirst) seenFirst = group.keys[0];
    if (group.keys[0] > seenLast) seenLast = group.keys[0];
  }
  if (seenFirst.empty()) return {};
  if (last.empty()) last = seenLast;
  if (first.empty())
    first = std::max(seenFirst, dayText(dayNumber(last) - kReturneeDefaultDays + 1));
  std::vector<std::string> out;
  for (std::int64_t d = dayNumber(first); d <= dayNumber(last) && out.size() < 1000; ++d) {
    out.push_back(dayText(d));
  }
  return out;
}

// Days (rows) whose count in column `column` (or their total, column < 0) is a surge.
void flagSurges(const CountTable& counts, ReportSection& section) {
  const std::size_t days = counts.rows.size();
  const auto value = [&](std::size_t r, int column) {
    if (column >= 0) return counts.counts[r][static_cast<std::size_t>(column)];
    std::int64_t sum = 0;
    for (const auto n : counts.counts[r]) sum += n;
    return sum;
  };
  for (int column = -1; column < static_cast<int>(counts.columns.size()); ++column) {
    for (std::size_t r = kSurgeWindowDays; r < days; ++r) {
      double window = 0;
      for (std::size_t back = r - kSurgeWindowDays; back < r; ++back) window += value(back, column);
      const double mean = window / kSurgeWindowDays;
      const std::int64_t today = value(r, column);
      if (today >= kSurgeMinimum && today > kSurgeFactor * mean) {
        section.flaggedRows.push_back(counts.rows[r] + "|" +
                                      (column < 0 ? "total" : counts.columns[column]));
      }
    }
  }
}

}  // namespace

Report returnees(const ReportContext& context) {
  const auto& labels = context.labels;
  auto query = filteredQuery(context, FactTable::Returnees);
  query.groupBy = {"day", "crossing_point", "sex"};
  const auto groups = runQuery(context, query);
  const Axis days{dayRange(groups, context.filter), [](const std::string& key) { return key; },
                  true};
  std::vector<storage::FactGroup> byCrossing, bySex;
  for (const auto& group : groups) {
    // Days before the shown period (no "from" given) stay out of the table.
    if (days.order.empty() || group.keys[0] < days.order.front() ||
        group.keys[0] > days.order.back()) {
      continue;
    }
    byCrossing.push_back({{group.keys[0], group.keys[1]}, group.count, 0, 0});
    bySex.push_back({{group.keys[0], group.keys[2]}, group.count, 0, 0});
  }
  const Axis crossings{
      {}, [&labels](const std::string& key) { return labels.reference("crossing_points", key); }};
  Report report;
  ReportSection perCrossing = crossSection(byCrossing, 0, 1, days, crossings);
  // The surge is found on the real counts: a flag says "many more than usual", never how many.
  CountTable counts;
  counts.rows = perCrossing.table.rows;
  counts.columns = perCrossing.table.columns;
  counts.counts.assign(counts.rows.size(), std::vector<std::int64_t>(counts.columns.size(), 0));
  std::map<std::string, std::size_t> rowIndex, columnIndex;
  for (std::size_t i = 0; i < counts.rows.size(); ++i) rowIndex[counts.rows[i]] = i;
  for (std::size_t i = 0; i < counts.columns.size(); ++i) columnIndex[counts.columns[i]] = i;
  for (const auto& group : byCrossing) {
    const auto r = rowIndex.find(group.keys[0]);
    const auto c = columnIndex.find(group.keys[1]);
    if (r != rowIndex.end() && c != columnIndex.end())
      counts.counts[r->second][c->second] += group.count;
  }
  flagSurges(counts, perCrossing);
  perCrossing.key = "crossing_day";
  perCrossing.title = labels.word("returnees");
  perCrossing.rowHeader = labels.word("day");
  perCrossing.note = labels.word("surge");
  report.sections.push_back(std::move(perCrossing));
  ReportSection perSex = crossSection(bySex, 0, 1, days, sexAxis(labels));
  perSex.key = "sex_day";
  perSex.title = labels.word("returnees_by_sex");
  perSex.rowHeader = labels.word("day");
  report.sections.push_back(std::move(perSex));
  return report;
}

Report trafficking(const ReportContext& context) {
  const auto& labels = context.labels;
  Report report;
  const auto add = [&](const char* column, Axis rows, bool perType) {
    auto query = filteredQuery(context, FactTable::Trafficking);
    query.groupBy = {column, "sex"};
    query.countedOnly = !perType;
    ReportSection section = crossSection(runQuery(context, query), 0, 1, rows, sexAxis(labels));
    section.key = column;
    section.title = labels.word(column);
    section.rowHeader = labels.word(column);
    if (perType) section.note = labels.word("cases_per_type");
    report.sections.push_back(std::move(section));
  };
  const auto choice = [&labels](const char* list) {
    return Axis{labels.order(kTraffickingForm, list), [&labels, list](const std::string& key) {
                  return labels.choice(kTraffickingForm, list, key);
                }};
  };
  const auto word = [&labels](const char* prefix, std::vector<std::string> order) {
    return Axis{std::move(order), [&labels, prefix](const std::string& key) {
                  return labels.word(std::string(prefix) + key);
                }};
  };
  add("exploitation", choice("typeofexploitation"), true);
  add("destination", choice("country"), false);
  add("month", {{}, [](const std::string& key) { return key; }}, false);
  add("minor", word("minor.", {"yes", "no"}), false);
  add("referral", word("referral.", {"referred", "not_referred"}), false);
  return report;
}

Report complaints(const ReportContext& context) {
  const auto& labels = context.labels;
  const Axis agencies{
      {}, [&labels](const std::string& key) { return labels.reference("agencies", key); }};
  Report report;
  auto query = filteredQuery(context, FactTable::Complaints);
  query.groupBy = {"agency", "issue"};
  query.countedOnly = false;
  ReportSection byIssue = crossSection(
      runQuery(context, query), 0, 1, agencies,
      {labels.order(kComplaintForm, "complaint_issue"), [&labels](const std::string& key) {
         return labels.choice(kComplaintForm, "complaint_issue", key);
       }});
  byIssue.key = "agency_issue";
  byIssue.title = labels.word("issue");
  byIssue.rowHeader = labels.word("agency");
  byIssue.note = labels.word("cases_per_type");
  report.sections.push_back(std::move(byIssue));
  query.groupBy = {"agency", "sex"};
  query.countedOnly = true;
  ReportSection bySex = crossSection(runQuery(context, query), 0, 1, agencies, sexAxis(labels));
  bySex.key = "agency_sex";
  bySex.title = labels.word("agency_by_sex");
  bySex.rowHeader = labels.word("agency");
  report.sections.push_back(std::move(bySex));
  return report;
}

}  // namespace phum::server::reports
