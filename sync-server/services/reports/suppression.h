#pragma once
// Small-cell suppression of a count table before it leaves the server (do no harm: no one may be
// re-identified from a published count). Primary: every count under the threshold (5 people,
// zero included) is withheld. Secondary: a row or column (totals included) with exactly one
// withheld entry would give it away by subtraction from its total, and so would withheld cells
// adding up to 1-4 people beside a published total; the next smallest entry of that row or
// column is withheld too, repeated until no row or column gives anything away.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phum::server::reports {

inline constexpr std::int64_t kSmallCell = 5;

// Counts by row and column; totals are computed here, never taken from the caller.
struct CountTable {
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<std::int64_t>> counts;  // [row][column]
};

// nullopt = withheld.
using Published = std::optional<std::int64_t>;

struct PublishedTable {
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::vector<std::vector<Published>> cells;  // [row][column]
  std::vector<Published> rowTotals;
  std::vector<Published> columnTotals;
  Published total;
  int withheld = 0;  // entries withheld, totals included
};

PublishedTable suppressSmallCells(const CountTable& table, std::int64_t threshold = kSmallCell);

// value as a percentage of `of`, when both are published and `of` is not zero.
std::optional<double> publishedPercent(const Published& value, const Published& of);

}  // namespace phum::server::reports
