#include "refdata/csv.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace phum::refdata {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Length of the valid UTF-8 prefix of `text` (RFC 3629: no overlongs, surrogates or > U+10FFFF).
std::size_t validUtf8Length(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80                    ? 1
                         : byte >= 0xC2 && byte <= 0xDF ? 2
                         : byte >= 0xE0 && byte <= 0xEF ? 3
                         : byte >= 0xF0 && byte <= 0xF4 ? 4
                                                        : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
    }
    const auto second = length > 1 ? static_cast<unsigned char>(text[i + 1]) : 0;
    if ((byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F) ||
        (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F)) {
      return i;
    }
    i += length;
  }
  return i;
}

// Spreadsheets on Windows often save "CSV" in a legacy code page, which garbles Khmer names.
void requireUtf8(std::string_view text, const std::string& source) {
  const std::size_t valid = validUtf8Length(text);
  if (valid == text.size()) return;
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(valid), '\n');
  throw CsvError(source + ":" + std::to_string(line) +
                 ": the file is not UTF-8 text, so Khmer names would be garbled; save it again "
                 "as \"CSV UTF-8\" in the spreadsheet program");
}

// Walks the text once, one character at a time; states follow RFC 4180 section 2.
class CsvParser {
 public:
  CsvParser(std::string_view text, const std::string& source) : text_(text), source_(source) {
    if (text_.starts_with(kUtf8Bom)) text_.remove_prefix(kUtf8Bom.size());
  }

  std::vector<CsvRecord> parseAll() {
    std::vector<CsvRecord> records;
    while (pos_ < text_.size()) {
      CsvRecord record = parseRecord();
      bool blank = record.fields.size() == 1 && record.fields[0].empty() && !lastFieldQuoted_;
      if (!blank) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw CsvError(source_ + ":" + std::to_string(line) + ": " + what);
  }

  // Consumes one line end (CRLF, LF or a lone CR) if present at pos_.
  bool consumeLineEnd() {
    if (text_[pos_] == '\r') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
    if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
      return true;
    }
    return false;
  }

  CsvRecord parseRecord() {
    CsvRecord record;
    record.line = line_;
    while (true) {
      record.fields.push_back(parseField());
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == ',') {
        ++pos_;
        // A comma at the very end of the text still opens one last (empty) field.
        if (pos_ >= text_.size()) {
          record.fields.emplace_back();
          break;
        }
        continue;
      }
      if (consumeLineEnd()) break;
    }
    return record;
  }

  std::string parseField() {
    lastFieldQuoted_ = pos_ < text_.size() && text_[pos_] == '"';
    return lastFieldQuoted_ ? parseQuotedField() : parseBareField();
  }

  std::string parseBareField() {
    std::string value;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') {
        fail(line_,
             "a double quote (\") appears inside a field that does not start with one; put the "
             "whole field in double quotes and write the inner quote twice (\"\")");
      }
      value.push_back(c);
      ++pos_;
    }
    return value;
  }

  std::string parseQuotedField() {
    int openedAt = line_;
    ++pos_;  // opening quote
    std::string value;
    while (true) {
      if (pos_ >= text_.size()) {
        fail(openedAt,
             "a quoted field starts here but its closing double quote is missing; add the "
             "closing quote (\") at the end of the field");
      }
      char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          value.push_back('"');
          ++pos_;
          continue;
        }
        break;
      }
      if (c == '\n' || (c == '\r' && !(pos_ < text_.size() && text_[pos_] == '\n'))) ++line_;
      value.push_back(c);
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
      fail(line_,
           "text follows the closing double quote of a field; move it inside the quotes or put "
           "a comma before it");
    }
    return value;
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  int line_ = 1;
  bool lastFieldQuoted_ = false;
};

}  // namespace

CsvTable parseCsv(std::string_view text, const std::string& source) {
  requireUtf8(text, source);
  CsvTable table;
  table.source = source;
  std::vector<CsvRecord> records = CsvParser(text, source).parseAll();
  if (records.empty()) {
    throw CsvError(source + ": the file is empty; it needs a header row naming the columns");
  }
  table.header = std::move(records.front().fields);
  table.headerLine = records.front().line;
  for (std::string& name : table.header) {
    // Spreadsheets sometimes pad header cells; column names never contain spaces at the ends.
    auto first = name.find_first_not_of(" \t");
    auto last = name.find_last_not_of(" \t");
    name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
  }
  records.erase(records.begin());
  table.records = std::move(records);
  return table;
}

CsvTable readCsvFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CsvError(path.string() + ": cannot open the file; check that it exists and is readable");
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) {
    throw CsvError(path.string() + ": reading the file failed; check the disk and try again");
  }
  return parseCsv(text, path.filename().string());
}

}  // namespace phum::refdata
