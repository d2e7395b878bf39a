// The paper's Tables 2.1-2.4 (Hing & Ly 2014) from household members and remittances of approved
// surveys.
#include "services/reports/report_tables.h"

#include <map>

#include "services/reports/report_facts.h"
#include "services/reports/report_sections.h"

namespace phum::server::reports {

namespace {

using storage::FactGroup;
using storage::FactTable;

Labeller choiceLabel(const ReportLabels& labels, const char* list) {
  return
      [&labels, list](const std::string& key) { return labels.choice(kHouseholdForm, list, key); };
}

Axis choiceAxis(const ReportLabels& labels, const char* list) {
  return {labels.order(kHouseholdForm, list), choiceLabel(labels, list)};
}

storage::FactQuery migrants(const ReportContext& context) {
  auto query = filteredQuery(context, FactTable::Members);
  query.equals.push_back({"migrant", {"yes"}});
  return query;
}

std::vector<std::string> international(const ReportLabels& labels) {
  std::vector<std::string> out;
  for (const auto& key : labels.order(kHouseholdForm, "destination")) {
    if (key != "within_cambodia") out.push_back(key);
  }
  return out;
}

// Households that received money, by `key` and sex, with the mean amount of each row.
ReportSection remittanceSection(const ReportContext& context, const std::string& key,
                                const char* list, bool withMeans) {
  const auto& labels = context.labels;
  auto query = filteredQuery(context, FactTable::Remittances);
  query.groupBy = {key, "sex"};
  query.countedOnly = withMeans || key != "spent_on";
  if (withMeans) query.sumColumn = "amount_usd";
  const auto groups = runQuery(context, query);
  ReportSection section = crossSection(groups, 0, 1, choiceAxis(labels, list), sexAxis(labels));
  section.key = "remit_" + key;
  section.title = labels.word("remit_" + key);
  section.rowHeader = labels.word(key);
  if (!withMeans) return section;
  section.meanHeader = labels.word("mean_usd");
  std::map<std::string, std::pair<double, std::int64_t>> byRow;
  std::pair<double, std::int64_t> all{0, 0};
  for (const auto& group : groups) {
    auto& [sum, count] = byRow[group.keys[0]];
    sum += group.sum, count += group.summed;
    all.first += group.sum, all.second += group.summed;
  }
  const auto mean = [](const Published& total, const std::pair<double, std::int64_t>& sum) {
    return total && sum.second > 0
               ? std::optional<double>(sum.first / static_cast<double>(sum.second))
               : std::nullopt;
  };
  for (std::size_t r = 0; r < section.table.rows.size(); ++r) {
    section.rowMeans.push_back(mean(section.table.rowTotals[r], byRow[section.table.rows[r]]));
  }
  section.totalMean = mean(section.table.total, all);
  return section;
}

}  // namespace

// Rows: year of leaving; columns: destination x sex, drawn as one stacked bar per destination.
Report table21(const ReportContext& context) {
  const auto& labels = context.labels;
  auto query = migrants(context);
  query.equals.push_back({"destination", international(labels)});
  query.groupBy = {"year_left", "destination", "sex"};
  std::vector<FactGroup> groups;
  for (auto& group : runQuery(context, query)) {
    groups.push_back({{group.keys[0], group.keys[1] + "|" + group.keys[2]}, group.count, 0, 0});
  }
  Axis columns;
  for (const auto& destination : international(labels)) {
    for (const char* sex : {"male", "female", "other"})
      columns.order.push_back(destination + "|" + sex);
  }
  columns.label = [&labels](const std::string& key) {
    const auto bar = key.find('|');
    return labels.choice(kHouseholdForm, "destination", key.substr(0, bar)) + " · " +
           labels.word(key.substr(bar + 1));
  };
  Axis years{{}, [](const std::string& key) { return key; }};
  ReportSection section = crossSection(groups, 0, 1, years, columns);
  for (auto& column : section.columns) column.stack = column.key.substr(0, column.key.find('|'));
  section.key = "destination_year";
  section.title = labels.word("table-2.1");
  section.rowHeader = labels.word("year");
  Report report;
  report.sections.push_back(std::move(section));
  return report;
}

// Irregular migrants abroad (channel irregular_*) by sector and sex, count and percent.
Report table22(const ReportContext& context) {
  const auto& labels = context.labels;
  auto query = migrants(context);
  query.equals.push_back(
      {"channel", {"irregular_broker", "irregular_relatives", "irregular_alone"}});
  query.equals.push_back({"destination", international(labels)});
  query.groupBy = {"sector", "sex"};
  ReportSection section =
      crossSection(runQuery(context, query), 0, 1, choiceAxis(labels, "sector"), sexAxis(labels));
  section.key = "sector";
  section.title = labels.word("irregular");
  section.rowHeader = labels.word("sector");
  section.percent = ReportSection::Percent::OfTotal;
  Report report;
  report.sections.push_back(std::move(section));
  return report;
}

// Migrants by age band, marital status, education, reason and who decided; percent of each sex.
// One scan: grouped by all five and sex at once (at most 1,728 groups), then each section sums
// the groups it needs.
Report table23(const ReportContext& context) {
  const auto& labels = context.labels;
  auto query = migrants(context);
  query.groupBy = {"ageband", "marital", "education", "reason", "decided_by", "sex"};
  query.sumColumn = "age";
  const auto groups = runQuery(context, query);
  const std::size_t sex = 5;
  Report report;
  const auto add = [&](std::size_t key, Axis rows) {
    const std::string column = query.groupBy[key];
    ReportSection section = crossSection(groups, key, sex, rows, sexAxis(labels));
    section.key = column;
    section.title = labels.word(column);
    section.rowHeader = labels.word(column);
    section.percent = ReportSection::Percent::OfColumn;
    report.sections.push_back(std::move(section));
  };
  add(0, {{"under_18", "18_24", "25_34", "35_plus"},
          [&labels](const std::string& key) { return labels.word(key); }});
  add(1, choiceAxis(labels, "marital"));
  add(2, choiceAxis(labels, "education"));
  add(3, choiceAxis(labels, "reason"));
  add(4, choiceAxis(labels, "decided_by"));
  // Mean age by sex, shown only where that sex's count is published.
  const auto& ages = report.sections.front().table;
  std::map<std::string, std::pair<double, std::int64_t>> bySex;
  for (const auto& group : groups) {
    auto& [sum, count] = bySex[group.keys[sex]];
    sum += group.sum;
    count += group.summed;
  }
  double sum = 0;
  std::int64_t all = 0;
  for (std::size_t c = 0; c < ages.columns.size(); ++c) {
    const auto& [sexSum, count] = bySex[ages.columns[c]];
    sum += sexSum;
    all += count;
    report.means.emplace_back(labels.word(ages.columns[c]),
                              ages.columnTotals[c] && count > 0
                                  ? std::optional<double>(sexSum / static_cast<double>(count))
                                  : std::nullopt);
  }
  report.means.emplace_back(
      labels.word("total"),
      ages.total && all > 0 ? std::optional<double>(sum / static_cast<double>(all)) : std::nullopt);
  return report;
}

// Remittances: households that received money in the last 12 months, their mean amount (US
// dollars) by the destination and the sector of their migrant, how it was sent (shares of
// households) and what it was spent on (a household counted under each of its uses).
Report table24(const ReportContext& context) {
  Report report;
  report.sections.push_back(remittanceSection(context, "destination", "destination", true));
  report.sections.push_back(remittanceSection(context, "sector", "sector", true));
  ReportSection channel = remittanceSection(context, "channel", "remit_channel", false);
  channel.percent = ReportSection::Percent::OfColumn;
  report.sections.push_back(std::move(channel));
  ReportSection uses = remittanceSection(context, "spent_on", "remit_use", false);
  uses.note = context.labels.word("uses_per_household");
  report.sections.push_back(std::move(uses));
  return report;
}

}  // namespace phum::server::reports
