#pragma once
// An XLSForm as read from disk, before compilation: named sheets of text cells. Both readers
// (.xlsx and .xlsform.md) produce this, so the compiler sees the same thing whichever file the
// form officer edited, and errors point at the same sheet row either way.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace phum::forms {

struct SheetRow {
  int row = 0;   // XLSForm sheet row: the header row is 1, the first data row usually 2
  int line = 0;  // line in the .xlsform.md file; 0 when read from .xlsx
  std::vector<std::string> cells;
  bool blank() const;
};

struct Sheet {
  std::string name;
  std::vector<std::string> header;
  int headerLine = 0;  // .xlsform.md line of the header row; 0 for .xlsx
  std::vector<SheetRow> rows;
};

enum class Severity { Error, Warning };

// One problem in a form, located like a good compiler would: sheet, row, column, file line.
struct Diagnostic {
  Severity severity = Severity::Error;
  std::string sheet;         // "survey", "choices", "settings"; "" for the whole file
  int row = 0;               // sheet row (header = 1); 0 when it concerns the whole sheet
  std::string column;        // header text, e.g. "relevant"; "" when it concerns the whole row
  std::string columnLetter;  // spreadsheet column, e.g. "F"
  int line = 0;              // .xlsform.md line; 0 for .xlsx
  std::string message;       // what is wrong and how to fix it
  // For errors about valid XLSForm that Phum does not support yet: the feature, named the same
  // way wherever it appears ("type audio", "pulldata()"...), so they can be listed together.
  std::string unsupported;
};

struct Workbook {
  std::string sourceName;  // file name shown in messages
  std::vector<Sheet> sheets;
  std::vector<Diagnostic> diagnostics;  // structural problems found while reading

  // Sheet names are matched without regard to case, as in pyxform.
  const Sheet* findSheet(std::string_view name) const;
};

// The file could not be read at all (missing, unreadable, not a zip, broken XML).
class FormReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "A", "B", ..., "Z", "AA" for zero-based column index 0, 1, ..., 25, 26.
std::string columnLetter(std::size_t index);
// Zero-based index of the column letters at the start of a cell reference ("AB12" -> 27).
std::size_t columnIndexFromReference(std::string_view reference);

std::string trimAscii(std::string_view text);
std::string toLowerAscii(std::string_view text);

// "form.xlsform.md:42: error: survey row 12, column F (relevant): unknown field ${agee}"
std::string formatDiagnostic(const Diagnostic& diagnostic, std::string_view sourceName);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

// The features Phum lacks that `diagnostics` name, each with the places it is used, e.g.
// "type 'audio' (survey rows 5, 9)", in order of first appearance.
std::vector<std::string> unsupportedFeatures(const std::vector<Diagnostic>& diagnostics);

}  // namespace phum::forms
