#pragma once
// CSV as Excel reads it (RFC 4180 quoting), for every CSV the server writes: record exports,
// report tables and the HTCDS export.
#include <string>
#include <string_view>
#include <vector>

namespace phum::server {

// Appends one cell. With `guardFormula`, a cell Excel would run as a formula (=, +, -, @, tab, CR
// first) gets a leading apostrophe: text typed on a tablet must never become a formula on a
// ministry computer.
inline void appendCsvCell(std::string& line, std::string_view value, bool guardFormula) {
  const bool formula = guardFormula && !value.empty() &&
                       std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos;
  const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    line.append(value);
    return;
  }
  line.push_back('"');
  if (formula) line.push_back('\'');
  for (const char c : value) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

// Appends the cells separated by commas and ends the line with CRLF.
inline void appendCsvLine(std::string& out, const std::vector<std::string>& cells,
                          bool guardFormula) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    appendCsvCell(out, cells[i], guardFormula);
  }
  out += "\r\n";
}

}  // namespace phum::server
