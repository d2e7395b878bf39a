#include "services/reports/suppression.h"

#include <limits>

namespace phum::server::reports {

namespace {

// The table with its totals as one (rows + 1) x (columns + 1) grid: the last row and column are
// the totals, so each line of the grid sums to its last entry.
struct Grid {
  std::vector<std::vector<std::int64_t>> value;
  std::vector<std::vector<bool>> hidden;
};

Grid withTotals(const CountTable& table) {
  const std::size_t rows = table.rows.size(), columns = table.columns.size();
  Grid grid;
  grid.value.assign(rows + 1, std::vector<std::int64_t>(columns + 1, 0));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) {
      const std::int64_t n =
          r < table.counts.size() && c < table.counts[r].size() ? table.counts[r][c] : 0;
      grid.value[r][c] = n;
      grid.value[r][columns] += n;
      grid.value[rows][c] += n;
      grid.value[rows][columns] += n;
    }
  }
  return grid;
}

// Lines of the grid as lists of (row, column) positions: every row, then every column.
std::vector<std::vector<std::pair<std::size_t, std::size_t>>> lines(std::size_t rows,
                                                                    std::size_t columns) {
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> out;
  for (std::size_t r = 0; r <= rows; ++r) {
    auto& line = out.emplace_back();
    for (std::size_t c = 0; c <= columns; ++c) line.emplace_back(r, c);
  }
  for (std::size_t c = 0; c <= columns; ++c) {
    auto& line = out.emplace_back();
    for (std::size_t r = 0; r <= rows; ++r) line.emplace_back(r, c);
  }
  return out;
}

// Hides one more entry of a line that gives a withheld count away: exactly one entry withheld,
// or withheld cells that, with the total published, add up to a small count (1 to 4 people
// between them). The smallest visible cell goes, or the total when every cell is hidden.
// Returns whether it hid anything.
bool protectLine(Grid& grid, const std::vector<std::pair<std::size_t, std::size_t>>& line,
                 std::int64_t threshold) {
  int hiddenCount = 0;
  std::int64_t hiddenSum = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto [r, c] = line[i];
    if (!grid.hidden[r][c]) continue;
    ++hiddenCount;
    if (i + 1 < line.size()) hiddenSum += grid.value[r][c];
  }
  const auto [totalRow, totalColumn] = line.back();
  const bool totalShown = !grid.hidden[totalRow][totalColumn];
  const bool revealing = hiddenCount == 1 || (totalShown && hiddenSum > 0 && hiddenSum < threshold);
  if (!revealing || line.size() < 2) return false;
  std::size_t best = line.size();
  std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {  // cells first: the total is last
    const auto [r, c] = line[i];
    if (!grid.hidden[r][c] && grid.value[r][c] < smallest) {
      smallest = grid.value[r][c];
      best = i;
    }
  }
  if (best == line.size()) {
    if (!totalShown) return false;
    best = line.size() - 1;
  }
  const auto [r, c] = line[best];
  grid.hidden[r][c] = true;
  return true;
}

}  // namespace

PublishedTable suppressSmallCells(const CountTable& table, std::int64_t threshold) {
  const std::size_t rows = table.rows.size(), columns = table.columns.size();
  Grid grid = withTotals(table);
  grid.hidden.assign(rows + 1, std::vector<bool>(columns + 1, false));
  for (std::size_t r = 0; r <= rows; ++r) {
    for (std::size_t c = 0; c <= columns; ++c) grid.hidden[r][c] = grid.value[r][c] < threshold;
  }
  const auto all = lines(rows, columns);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& line : all) changed = protectLine(grid, line, threshold) || changed;
  }
  PublishedTable out;
  out.rows = table.rows;
  out.columns = table.columns;
  const auto publish = [&](std::size_t r, std::size_t c) -> Published {
    if (grid.hidden[r][c]) {
      ++out.withheld;
      return std::nullopt;
    }
    return grid.value[r][c];
  };
  out.cells.assign(rows, std::vector<Published>(columns));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < columns; ++c) out.cells[r][c] = publish(r, c);
    out.rowTotals.push_back(publish(r, columns));
  }
  for (std::size_t c = 0; c < columns; ++c) out.columnTotals.push_back(publish(rows, c));
  out.total = publish(rows, columns);
  return out;
}

std::optional<double> publishedPercent(const Published& value, const Published& of) {
  if (!value || !of || *of == 0) return std::nullopt;
  return 100.0 * static_cast<double>(*value) / static_cast<double>(*of);
}

}  // namespace phum::server::reports
