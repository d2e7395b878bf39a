#pragma once
// A small RFC 4180 CSV reader for the reference datasets admins edit in spreadsheets: quoted
// fields with embedded commas, newlines and doubled quotes, CRLF or LF line ends, and the UTF-8
// byte-order mark that spreadsheet programs put in front of "CSV UTF-8" exports.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace phum::refdata {

// The file cannot be read or is not well-formed CSV. The message names the file and line.
class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CsvRecord {
  int line = 0;  // physical line (1-based) where the record starts, for error messages
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string source;  // file name used in messages
  std::vector<std::string> header;
  int headerLine = 1;
  std::vector<CsvRecord> records;  // excludes the header row; blank lines are skipped
};

// Parses all records; the first non-blank record is the header. Throws CsvError.
CsvTable parseCsv(std::string_view text, const std::string& source);

// Reads and parses a file. Throws CsvError if it cannot be opened or read.
CsvTable readCsvFile(const std::filesystem::path& path);

}  // namespace phum::refdata
