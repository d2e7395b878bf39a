#pragma once
// The table a benchmark prints: each measurement next to a baseline measured in the same run and
// how it compares (or the aim), as a Markdown table that goes into a commit message as it is.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace phum::tools {

struct BenchRow {
  std::string measurement;
  std::string value;
  std::string baseline;
  std::string verdict;
};

inline std::string fixed(double value, int decimals = 0) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

inline void printBenchTable(const std::vector<BenchRow>& rows) {
  std::cout << "| measurement | value | baseline (same run) | vs. baseline / aim |\n"
            << "|---|---|---|---|\n";
  for (const auto& row : rows) {
    std::cout << "| " << row.measurement << " | " << row.value << " | " << row.baseline << " | "
              << row.verdict << " |\n";
  }
}

}  // namespace phum::tools
