// Small-cell suppression: nothing under 5 leaves the server, and no row or column (with its total)
// lets a withheld count be worked back by subtraction.
#include "services/reports/suppression.h"

#include <gtest/gtest.h>

#include <random>

#include "services/reports/report.h"
#include "services/reports/report_service.h"

namespace phum::server::reports {
namespace {

// Every entry of the published grid (cells and totals) in one list per row and per column.
std::vector<std::vector<Published>> linesOf(const PublishedTable& t) {
  std::vector<std::vector<Published>> lines;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    auto line = t.cells[r];
    line.push_back(t.rowTotals[r]);
    lines.push_back(line);
  }
  auto totals = t.columnTotals;
  totals.push_back(t.total);
  lines.push_back(totals);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    std::vector<Published> line;
    for (std::size_t r = 0; r < t.rows.size(); ++r) line.push_back(t.cells[r][c]);
    line.push_back(t.columnTotals[c]);
    lines.push_back(line);
  }
  std::vector<Published> last;
  for (const auto& value : t.rowTotals) last.push_back(value);
  last.push_back(t.total);
  lines.push_back(last);
  return lines;
}

// `counts` are the true cells, to check what subtraction from a published total would give.
void expectSafe(const PublishedTable& t, const std::string& context,
                const std::vector<std::vector<std::int64_t>>* counts = nullptr) {
  for (const auto& line : linesOf(t)) {
    int withheld = 0;
    for (const auto& value : line) {
      if (value) {
        EXPECT_GE(*value, kSmallCell) << context;
      }
      withheld += value ? 0 : 1;
    }
    // One withheld entry in a line would equal its total minus the others.
    EXPECT_NE(withheld, 1) << context;
  }
  if (!counts) return;
  // Withheld cells of a row beside its published total: their sum is no small count.
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (!t.rowTotals[r]) continue;
    std::int64_t hidden = 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      hidden += t.cells[r][c] ? 0 : (*counts)[r][c];
    EXPECT_TRUE(hidden == 0 || hidden >= kSmallCell) << context << " row " << r;
  }
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (!t.columnTotals[c]) continue;
    std::int64_t hidden = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) hidden += t.cells[r][c] ? 0 : (*counts)[r][c];
    EXPECT_TRUE(hidden == 0 || hidden >= kSmallCell) << context << " column " << c;
  }
}

CountTable table(std::vector<std::vector<std::int64_t>> counts) {
  CountTable t;
  for (std::size_t r = 0; r < counts.size(); ++r) t.rows.push_back("r" + std::to_string(r));
  for (std::size_t c = 0; c < counts.at(0).size(); ++c)
    t.columns.push_back("c" + std::to_string(c));
  t.counts = std::move(counts);
  return t;
}

TEST(Suppression, WithholdsSmallCellsAndTheNextSmallestOfTheirRowAndColumn) {
  // Row 0 has one small cell (3): the next smallest of the row (20) goes too, and then the
  // columns of both need a second withheld cell each.
  const auto published = suppressSmallCells(table({{3, 20, 50}, {40, 30, 60}, {25, 35, 45}}));
  EXPECT_FALSE(published.cells[0][0]);
  EXPECT_FALSE(published.cells[0][1]);
  EXPECT_FALSE(published.cells[2][0]) << "25 is the next smallest of column 0";
  EXPECT_FALSE(published.cells[2][1]) << "then 35 keeps row 2 from revealing 25";
  EXPECT_EQ(published.cells[1][2], 60);
  EXPECT_EQ(published.total, 308);
  expectSafe(published, "3x3");
}

TEST(Suppression, LeavesATableWithoutSmallCellsAlone) {
  const auto published = suppressSmallCells(table({{10, 20}, {30, 40}}));
  EXPECT_EQ(published.withheld, 0);
  EXPECT_EQ(published.rowTotals[1], 70);
  EXPECT_EQ(published.columnTotals[0], 40);
}

TEST(Suppression, ASmallTotalIsWithheldWithItsCells) {
  const auto published = suppressSmallCells(table({{1, 2}, {30, 40}}));
  EXPECT_FALSE(published.rowTotals[0]);
  EXPECT_FALSE(published.cells[0][0]);
  EXPECT_FALSE(published.cells[0][1]);
  expectSafe(published, "small total");
}

TEST(Suppression, WithheldCellsBesideAPublishedTotalNeverAddUpToAFewPeople) {
  // 16 at Poipet of 17 that day: the other crossings' 0, 0 and 1 would show one person.
  const std::vector<std::vector<std::int64_t>> counts = {{16, 0, 0, 1}, {40, 30, 20, 25}};
  const auto published = suppressSmallCells(table(counts));
  expectSafe(published, "one person among zeros", &counts);
  EXPECT_FALSE(published.cells[0][0]) << "16 goes with them";
}

TEST(Suppression, OneColumnTables) {
  const auto published = suppressSmallCells(table({{2}, {30}, {40}}));
  expectSafe(published, "one column");
  EXPECT_EQ(published.total, 72);
}

TEST(Suppression, RandomTablesNeverPublishASmallOrRecoverableCount) {
  std::mt19937 random(20261130);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t rows = 1 + random() % 8, columns = 1 + random() % 6;
    std::vector<std::vector<std::int64_t>> counts(rows, std::vector<std::int64_t>(columns));
    for (auto& row : counts) {
      for (auto& n : row) n = random() % 3 == 0 ? random() % 6 : random() % 200;
    }
    const auto published = suppressSmallCells(table(counts));
    expectSafe(published, "round " + std::to_string(round), &counts);
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(ReportCsv, StartsWithAByteOrderMarkAndWritesWithheldCellsAsAStar) {
  Report report;
  report.title = "តារាង ២.២";
  report.notice = "approved only";
  ReportSection section;
  section.title = "Sector, \"irregular\"";
  section.rowHeader = "Sector";
  section.rowLabels = {"នេសាទ", "Construction"};
  section.columns = {{"male", "Male", ""}, {"female", "Female", ""}};
  section.table = suppressSmallCells(table({{3, 20}, {40, 30}}));
  section.percent = ReportSection::Percent::OfTotal;
  report.sections.push_back(section);
  const std::string csv = reportCsv(report);
  ASSERT_TRUE(csv.starts_with("\xEF\xBB\xBF")) << csv;
  EXPECT_NE(csv.find("\"Sector, \"\"irregular\"\"\""), std::string::npos) << csv;
  // 3 withholds 20 (its row), then 40 and 30 (their columns); the row totals stay.
  EXPECT_NE(csv.find("នេសាទ,*,*,23,24.7"), std::string::npos) << csv;
  EXPECT_NE(csv.find("Construction,*,*,70,75.3"), std::string::npos) << csv;
}

TEST(ReportFilter, PlacesNarrowTheScopeAndNeverLeaveIt) {
  ReportFilter filter;
  EXPECT_EQ(effectivePlace(filter, "national"), "");
  EXPECT_EQ(effectivePlace(filter, "01"), "01");
  filter.province = "01";
  filter.district = "0102";
  EXPECT_EQ(effectivePlace(filter, "national"), "0102");
  EXPECT_EQ(effectivePlace(filter, "01"), "0102");
  EXPECT_EQ(effectivePlace(filter, "010203"), "010203");
  EXPECT_THROW(effectivePlace(filter, "02"), ReportRequestError);
  filter.district = "0201";
  EXPECT_THROW(effectivePlace(filter, "national"), ReportRequestError);
  filter.district = "1";
  EXPECT_THROW(effectivePlace(filter, "national"), ReportRequestError);
}

}  // namespace
}  // namespace phum::server::reports
