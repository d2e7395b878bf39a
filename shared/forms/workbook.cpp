#include "forms/workbook.h"

#include <algorithm>
#include <limits>

namespace phum::forms {

bool SheetRow::blank() const {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& cell) { return trimAscii(cell).empty(); });
}

const Sheet* Workbook::findSheet(std::string_view name) const {
  const std::string wanted = toLowerAscii(name);
  for (const Sheet& sheet : sheets) {
    if (toLowerAscii(trimAscii(sheet.name)) == wanted) return &sheet;
  }
  return nullptr;
}

std::string columnLetter(std::size_t index) {
  std::string letters;
  std::size_t n = index + 1;
  while (n > 0) {
    const std::size_t rem = (n - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return letters;
}

std::size_t columnIndexFromReference(std::string_view reference) {
  std::size_t value = 0;
  for (char c : reference) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    // Saturate instead of wrapping around: "ZZZZZZZZZZZZZZ1" must not become column A.
    if (value > (std::numeric_limits<std::size_t>::max() - 26) / 26) {
      return std::numeric_limits<std::size_t>::max();
    }
    value = value * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return value == 0 ? 0 : value - 1;
}

std::string trimAscii(std::string_view text) {
  const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && isSpace(text[begin])) ++begin;
  while (end > begin && isSpace(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string toLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string formatDiagnostic(const Diagnostic& d, std::string_view sourceName) {
  std::string out(sourceName);
  if (d.line > 0) out += ":" + std::to_string(d.line);
  out += d.severity == Severity::Error ? ": error: " : ": warning: ";
  std::string where;
  if (!d.sheet.empty()) where = d.sheet + (d.row > 0 ? " row " + std::to_string(d.row) : " sheet");
  if (!d.column.empty()) {
    if (!where.empty()) where += ", ";
    where += "column ";
    where += d.columnLetter.empty() ? "'" + d.column + "'" : d.columnLetter + " (" + d.column + ")";
  }
  if (!where.empty()) out += where + ": ";
  return out + d.message;
}

namespace {

// "survey rows 5, 9; settings row 2" for the places one feature is used.
std::string describePlaces(const std::vector<std::pair<std::string, std::vector<int>>>& places) {
  std::string out;
  for (const auto& [sheet, rows] : places) {
    if (!out.empty()) out += "; ";
    out += sheet.empty() ? "the file" : sheet;
    if (rows.empty()) continue;
    out += rows.size() == 1 ? " row " : " rows ";
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out += (i > 0 ? ", " : "") + std::to_string(rows[i]);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> unsupportedFeatures(const std::vector<Diagnostic>& diagnostics) {
  using Places = std::vector<std::pair<std::string, std::vector<int>>>;
  std::vector<std::pair<std::string, Places>> features;
  for (const Diagnostic& d : diagnostics) {
    if (d.unsupported.empty()) continue;
    auto feature = std::find_if(features.begin(), features.end(),
                                [&](const auto& f) { return f.first == d.unsupported; });
    if (feature == features.end()) feature = features.insert(features.end(), {d.unsupported, {}});
    Places& places = feature->second;
    auto sheet = std::find_if(places.begin(), places.end(),
                              [&](const auto& p) { return p.first == d.sheet; });
    if (sheet == places.end()) sheet = places.insert(places.end(), {d.sheet, {}});
    if (d.row > 0 &&
        std::find(sheet->second.begin(), sheet->second.end(), d.row) == sheet->second.end()) {
      sheet->second.push_back(d.row);
    }
  }
  std::vector<std::string> out;
  for (const auto& [feature, places] : features) {
    out.push_back(feature + " (" + describePlaces(places) + ")");
  }
  return out;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

}  // namespace phum::forms
