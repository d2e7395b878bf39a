// RFC 4180 edge cases the admins' spreadsheets produce.
#include "refdata/csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace phum::refdata {
namespace {

using Fields = std::vector<std::string>;

TEST(Csv, ReadsHeaderAndRecordsWithLineNumbers) {
  CsvTable table = parseCsv("a,b\n1,2\n3,4\n", "t.csv");
  EXPECT_EQ(table.header, (Fields{"a", "b"}));
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"1", "2"}));
  EXPECT_EQ(table.records[0].line, 2);
  EXPECT_EQ(table.records[1].line, 3);
}

TEST(Csv, QuotedFieldsKeepCommasNewlinesAndDoubledQuotes) {
  CsvTable table =
      parseCsv("a,b,c\n\"x, y\",\"line1\nline2\",\"say \"\"hi\"\"\"\nlast,2,3\n", "t.csv");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"x, y", "line1\nline2", "say \"hi\""}));
  // The record after a multi-line field reports the line it really starts on.
  EXPECT_EQ(table.records[1].line, 4);
}

TEST(Csv, StripsUtf8BomAndAcceptsCrlf) {
  CsvTable table = parseCsv(
      "\xEF\xBB\xBF"
      "code,name_km\r\n01,បន្ទាយមានជ័យ\r\n",
      "t.csv");
  EXPECT_EQ(table.header, (Fields{"code", "name_km"}));
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, (Fields{"01", "បន្ទាយមានជ័យ"}));
}

TEST(Csv, EmptyFieldsAndMissingFinalNewline) {
  CsvTable table = parseCsv("a,b,c\n,,\n1,,3", "t.csv");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"", "", ""}));
  EXPECT_EQ(table.records[1].fields, (Fields{"1", "", "3"}));
}

TEST(Csv, TrailingCommaAtEndOfTextOpensEmptyField) {
  CsvTable table = parseCsv("a,b\n1,", "t.csv");
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_EQ(table.records[0].fields, (Fields{"1", ""}));
}

TEST(Csv, SkipsBlankLinesButKeepsQuotedEmptyRecord) {
  CsvTable table = parseCsv("a\n\n1\n\n\"\"\n", "t.csv");
  ASSERT_EQ(table.records.size(), 2u);
  EXPECT_EQ(table.records[0].fields, (Fields{"1"}));
  EXPECT_EQ(table.records[1].fields, (Fields{""}));
  EXPECT_EQ(table.records[1].line, 5);
}

TEST(Csv, TrimsHeaderNames) {
  CsvTable table = parseCsv(" code , name_en\n1,x\n", "t.csv");
  EXPECT_EQ(table.header, (Fields{"code", "name_en"}));
}

void expectCsvError(std::string_view text, const std::string& expected) {
  try {
    parseCsv(text, "bad.csv");
    FAIL() << "expected a CsvError containing: " << expected;
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereItOpened) {
  expectCsvError("a,b\n1,2\n3,\"never closed\n4,5\n", "bad.csv:3: a quoted field starts here");
}

TEST(Csv, QuoteInsideBareFieldIsRejected) {
  expectCsvError("a,b\n1,ab\"c\n", "bad.csv:2: a double quote");
}

TEST(Csv, TextAfterClosingQuoteIsRejected) {
  expectCsvError("a,b\n\"x\"y,2\n", "bad.csv:2: text follows the closing double quote");
}

TEST(Csv, RejectsTextThatIsNotUtf8) {
  // "Siem Reap" in a legacy single-byte code page: 0xC9 is not followed by a continuation byte.
  expectCsvError("code,name_km\n17,ok\n18,\xC9x\n", "bad.csv:3: the file is not UTF-8 text");
  // Overlong encoding of '/' and a UTF-16 surrogate are not UTF-8 either.
  expectCsvError("a\n\xC0\xAF\n", "bad.csv:2: the file is not UTF-8");
  expectCsvError("a\n\xED\xA0\x80\n", "bad.csv:2: the file is not UTF-8");
  // A truncated Khmer letter (first two bytes of U+1780) at the end of the file.
  expectCsvError("a\n\xE1\x9E", "bad.csv:2: the file is not UTF-8");
}

TEST(Csv, EmptyFileNeedsAHeader) { expectCsvError("", "bad.csv: the file is empty"); }

TEST(Csv, ReadsFileAndReportsMissingFile) {
  auto dir = std::filesystem::temp_directory_path() /
             ("phum_refdata_csv_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "x.csv", std::ios::binary);
    out << "k,v\n1,one\n";
  }
  CsvTable table = readCsvFile(dir / "x.csv");
  EXPECT_EQ(table.source, "x.csv");
  ASSERT_EQ(table.records.size(), 1u);
  EXPECT_THROW(readCsvFile(dir / "missing.csv"), CsvError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace phum::refdata
