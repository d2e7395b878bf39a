#include "forms/markdown_form.h"

#include <optional>
#include <sstream>

namespace phum::forms {
namespace {

// Every XLSForm sheet, in the order they are written (unsupported ones too, so that converting
// a form between formats never drops what its author wrote).
// Spreadsheet limits, so a huge or hostile file costs bounded memory.
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kMaxCells = std::size_t{4} << 20;

constexpr std::string_view kSheetNames[] = {"survey", "choices", "external_choices", "settings",
                                            "entities"};

struct Heading {
  int level = 0;
  std::string text;
};

std::optional<Heading> parseHeading(std::string_view line) {
  std::size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6 || level >= line.size() || line[level] != ' ') return std::nullopt;
  return Heading{static_cast<int>(level), toLowerAscii(trimAscii(line.substr(level)))};
}

std::string decodeCell(std::string_view raw) {
  std::string cell = trimAscii(raw);
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell.compare(i, 5, "\\<br>") == 0) {  // the text "<br>" itself, as HTML in a label
      out += "<br>";
      i += 4;
    } else if (cell.compare(i, 4, "<br>") == 0) {
      out += '\n';
      i += 3;
    } else {
      out += cell[i];
    }
  }
  return out;
}

// Splits "| a | b \| c |" into {"a", "b | c"}; the outer pipes are optional at the end.
std::vector<std::string> splitRow(std::string_view line) {
  std::string body = trimAscii(line);
  if (!body.empty() && body.front() == '|') body.erase(0, 1);
  if (body.size() >= 2 && body.back() == '|' && body[body.size() - 2] != '\\') body.pop_back();
  std::vector<std::string> cells;
  std::string current;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '|') {
      current += '|';
      ++i;
    } else if (body[i] == '|') {
      cells.push_back(decodeCell(current));
      current.clear();
    } else {
      current += body[i];
    }
  }
  cells.push_back(decodeCell(current));
  return cells;
}

bool isSeparatorRow(const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    std::string_view c = cell;
    if (!c.empty() && c.front() == ':') c.remove_prefix(1);
    if (!c.empty() && c.back() == ':') c.remove_suffix(1);
    if (c.empty() || c.find_first_not_of('-') != std::string_view::npos) return false;
  }
  return !cells.empty();
}

class MarkdownReader {
 public:
  MarkdownReader(Workbook& workbook) : workbook_(workbook) {}

  void readLine(std::string_view line, int lineNumber) {
    const std::string trimmed = trimAscii(line);
    if (trimmed.rfind("```", 0) == 0 || trimmed.rfind("~~~", 0) == 0) {
      inFence_ = !inFence_;
      tableState_ = TableState::None;
      return;
    }
    if (inFence_) return;
    if (auto heading = parseHeading(trimmed)) return readHeading(*heading, lineNumber);
    if (trimmed.empty() || trimmed.front() != '|') {
      tableState_ = TableState::None;
      return;
    }
    if (sheet_ != nullptr) readTableRow(splitRow(trimmed), lineNumber);
  }

 private:
  enum class TableState { None, ExpectSeparator, Rows, Skip };

  void readHeading(const Heading& heading, int lineNumber) {
    tableState_ = TableState::None;
    if (heading.level > 2) return;  // sub-sections document a sheet without ending it
    sheet_ = nullptr;
    if (heading.level != 2) return;
    for (std::string_view name : kSheetNames) {
      if (heading.text != name) continue;
      if (workbook_.findSheet(name) != nullptr) {
        error(std::string(name), 0, lineNumber,
              "the '## " + std::string(name) +
                  "' heading appears twice; put all of the sheet's tables under one heading");
        return;
      }
      workbook_.sheets.push_back(Sheet{std::string(name), {}, 0, {}});
      sheet_ = &workbook_.sheets.back();
      nextRow_ = 2;
    }
  }

  void readTableRow(std::vector<std::string> cells, int lineNumber) {
    if (tableState_ == TableState::Skip) return;
    if (tableState_ == TableState::None) {
      startTable(std::move(cells), lineNumber);
    } else if (tableState_ == TableState::ExpectSeparator) {
      if (!isSeparatorRow(cells)) {
        error(sheet_->name, 1, lineNumber,
              "the header row must be followed by a separator row such as |---|---|");
      }
      tableState_ = TableState::Rows;
    } else {
      addRow(std::move(cells), lineNumber);
    }
  }

  void startTable(std::vector<std::string> header, int lineNumber) {
    tableState_ = TableState::ExpectSeparator;
    if (header.size() > kMaxColumns) {
      error(sheet_->name, 1, lineNumber,
            "this header row has " + std::to_string(header.size()) +
                " cells; a sheet has at most 16384 columns");
      tableState_ = TableState::Skip;
      return;
    }
    if (sheet_->header.empty()) {
      sheet_->header = std::move(header);
      sheet_->headerLine = lineNumber;
    } else if (header != sheet_->header) {
      error(sheet_->name, 1, lineNumber,
            "this table continues the " + sheet_->name +
                " sheet but its header differs from the first table's (line " +
                std::to_string(sheet_->headerLine) + "); repeat the same header row");
      tableState_ = TableState::Skip;  // its rows would land in the wrong columns
    }
  }

  void addRow(std::vector<std::string> cells, int lineNumber) {
    const int row = nextRow_++;
    cellCount_ += sheet_->header.size();
    if (cellCount_ > kMaxCells) {
      if (!tooLarge_) {
        error(sheet_->name, row, lineNumber,
              "the " + sheet_->name + " sheet has more than " + std::to_string(kMaxCells) +
                  " cells; the rest is not read");
      }
      tooLarge_ = true;
      return;
    }
    if (cells.size() > sheet_->header.size()) {
      error(sheet_->name, row, lineNumber,
            "this row has " + std::to_string(cells.size()) + " cells but the header has " +
                std::to_string(sheet_->header.size()) +
                "; write a '|' inside a cell as '\\|' or add the missing header");
      cells.resize(sheet_->header.size());
    }
    cells.resize(sheet_->header.size());
    sheet_->rows.push_back(SheetRow{row, lineNumber, std::move(cells)});
  }

  void error(std::string sheet, int row, int line, std::string message) {
    workbook_.diagnostics.push_back(
        Diagnostic{Severity::Error, std::move(sheet), row, "", "", line, std::move(message)});
  }

  Workbook& workbook_;
  Sheet* sheet_ = nullptr;
  TableState tableState_ = TableState::None;
  bool inFence_ = false;
  int nextRow_ = 2;
  std::size_t cellCount_ = 0;
  bool tooLarge_ = false;
};

std::string encodeCell(std::string_view cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    if (cell.compare(i, 4, "<br>") == 0) {
      out += "\\<";  // "<br>" stands for a line break; this one is text
    } else if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

void writeRow(std::ostringstream& out, const std::vector<std::string>& cells, std::size_t width) {
  out << '|';
  for (std::size_t i = 0; i < width; ++i) {
    out << ' ' << (i < cells.size() ? encodeCell(trimAscii(cells[i])) : "") << " |";
  }
  out << '\n';
}

// The form's own title, so converting back and forth does not change the text.
std::string documentTitle(const Workbook& workbook) {
  const Sheet* settings = workbook.findSheet("settings");
  if (settings == nullptr || settings->rows.empty()) return "XLSForm";
  for (const char* wanted : {"form_title", "title", "form_id"}) {
    for (std::size_t i = 0; i < settings->header.size(); ++i) {
      const std::string value =
          i < settings->rows[0].cells.size() ? trimAscii(settings->rows[0].cells[i]) : "";
      if (toLowerAscii(trimAscii(settings->header[i])) == wanted && !value.empty()) {
        return encodeCell(value);
      }
    }
  }
  return "XLSForm";
}

}  // namespace

Workbook readMarkdownWorkbook(std::string_view text, std::string sourceName) {
  Workbook workbook;
  workbook.sourceName = std::move(sourceName);
  workbook.sheets.reserve(std::size(kSheetNames));  // keeps the reader's Sheet* valid
  MarkdownReader reader(workbook);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM from Windows editors
  int lineNumber = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    reader.readLine(text.substr(start, end - start), ++lineNumber);
    start = end + 1;
  }
  return workbook;
}

std::string writeMarkdownWorkbook(const Workbook& workbook) {
  std::ostringstream out;
  out << "# " << documentTitle(workbook) << "\n";
  for (std::string_view name : kSheetNames) {
    const Sheet* sheet = workbook.findSheet(name);
    if (sheet == nullptr || sheet->header.empty()) continue;
    std::size_t width = sheet->header.size();
    while (width > 0 && trimAscii(sheet->header[width - 1]).empty()) --width;
    out << "\n## " << name << "\n\n";
    writeRow(out, sheet->header, width);
    out << '|';
    for (std::size_t i = 0; i < width; ++i) out << "---|";
    out << '\n';
    // Blank rows are kept so that sheet row numbers stay the same in both formats; written as
    // one empty cell (the reader pads rows), so a sparse sheet costs bytes, not megabytes.
    int expectedRow = 2;
    for (const SheetRow& row : sheet->rows) {
      if (row.blank()) continue;
      for (; expectedRow < row.row; ++expectedRow) out << "| |\n";
      writeRow(out, row.cells, width);
      expectedRow = row.row + 1;
    }
  }
  return out.str();
}

}  // namespace phum::forms
