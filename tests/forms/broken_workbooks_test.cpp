// Damaged, huge and hostile workbooks: every one gets an error naming what is wrong, in bounded
// time and memory; none crashes or hangs the compiler (a fuzzer will add more of these).
#include <gtest/gtest.h>

#include "forms/markdown_form.h"
#include "forms/xlsx_workbook.h"
#include "forms_test_support.h"

namespace phum::forms {
namespace {

using testing::compileMarkdown;
using testing::describe;
using testing::kSettings;
using testing::TempDir;
using testing::writeZip;

const std::string kNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

// A one-sheet workbook named survey whose worksheet XML is `sheetData`.
void writeSurvey(const std::string& path, const std::string& sheetData) {
  writeZip(
      path,
      {{"xl/workbook.xml",
        "<workbook xmlns:r='r'><sheets><sheet name='survey' r:id='rId1'/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        "<Relationships><Relationship Id='rId1' Target='worksheets/sheet1.xml'/>"
        "</Relationships>"},
       {"xl/worksheets/sheet1.xml",
        "<worksheet xmlns='" + kNs + "'><sheetData>" + sheetData + "</sheetData></worksheet>"}});
}

std::string readError(const std::string& path) {
  try {
    compileFormFile(path);
  } catch (const FormReadError& e) {
    return e.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

TEST(BrokenWorkbooks, NotAZipAtAll) {
  TempDir dir;
  EXPECT_TRUE(contains(readError(dir.write("garbage.xlsx", std::string(5000, '\x07'))),
                       "as an .xlsx workbook"));
  EXPECT_TRUE(contains(readError(dir.write("empty.xlsx", "")), "as an .xlsx workbook"));
}

TEST(BrokenWorkbooks, TruncatedZip) {
  TempDir dir;
  writeSurvey(dir.file("whole.xlsx"),
              "<row r='1'><c r='A1' t='inlineStr'><is><t>type</t></is></c></row>");
  const std::string whole = testing::readFile(dir.file("whole.xlsx"));
  for (std::size_t cut : {whole.size() / 2, whole.size() - 10, std::size_t{30}}) {
    const std::string path = dir.write("cut.xlsx", whole.substr(0, cut));
    EXPECT_NE(readError(path), "no error") << cut;
  }
}

TEST(BrokenWorkbooks, CellBeyondTheLastColumn) {
  TempDir dir;
  writeSurvey(
      dir.file("wide.xlsx"),
      "<row r='1'><c r='ZZZZZZZZZZZZZZZZZZZZZZZZ1' t='inlineStr'><is><t>x</t></is></c></row>");
  EXPECT_TRUE(contains(readError(dir.file("wide.xlsx")), "has a cell beyond column XFD"));
}

TEST(BrokenWorkbooks, RowNumbersOutsideTheSheet) {
  TempDir dir;
  for (const char* r : {"2000000000", "-4", "0"}) {
    writeSurvey(dir.file("rows.xlsx"),
                std::string("<row r='") + r + "'><c t='inlineStr'><is><t>x</t></is></c></row>");
    EXPECT_TRUE(contains(readError(dir.file("rows.xlsx")), "outside 1 to 1048576")) << r;
  }
}

TEST(BrokenWorkbooks, PartThatUnpacksToGigabytes) {
  TempDir dir;
  // 80 MiB of spaces compresses to a small file: the reader must not trust the declared size.
  writeZip(dir.file("bomb.xlsx"),
           {{"xl/workbook.xml", "<workbook>" + std::string(80u << 20, ' ') + "</workbook>"}});
  EXPECT_TRUE(contains(readError(dir.file("bomb.xlsx")), "unpacks to more than 64 MiB"));
}

TEST(BrokenWorkbooks, TooManyCells) {
  TempDir dir;
  std::string rows;
  for (int r = 1; r <= 600; ++r) {
    rows += "<row r='" + std::to_string(r) + "'><c r='XFD" + std::to_string(r) +
            "' t='inlineStr'><is><t>x</t></is></c></row>";
  }
  writeSurvey(dir.file("cells.xlsx"), rows);
  EXPECT_TRUE(contains(readError(dir.file("cells.xlsx")), "cells; this is not a form workbook"));
}

TEST(BrokenWorkbooks, ASparseSheetConvertsToASmallFile) {
  TempDir dir;
  writeSurvey(dir.file("sparse.xlsx"),
              "<row r='1'><c r='A1' t='inlineStr'><is><t>type</t></is></c><c r='B1' "
              "t='inlineStr'><is><t>name</t></is></c></row><row r='1048576'><c r='A1048576' "
              "t='inlineStr'><is><t>text</t></is></c></row>");
  const Workbook book = loadWorkbookFile(dir.file("sparse.xlsx"));
  const std::string markdown = writeMarkdownWorkbook(book);
  EXPECT_LT(markdown.size(), 8u << 20);
  const Workbook back = readMarkdownWorkbook(markdown, "sparse.xlsform.md");
  ASSERT_EQ(back.sheets.size(), 1u);
  EXPECT_EQ(back.sheets[0].rows.back().row, 1048576);  // row numbers survive the conversion
}

TEST(BrokenWorkbooks, MarkdownHeaderWiderThanASpreadsheet) {
  std::string header = "|";
  for (int i = 0; i < 20000; ++i) header += " c |";
  const CompileResult result = compileMarkdown("## survey\n" + header + "\n|---|\n| text |\n");
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(contains(describe(result.diagnostics), "a sheet has at most 16384 columns"));
}

TEST(BrokenWorkbooks, GroupsNestedThousandsDeep) {
  std::string rows;
  for (int i = 0; i < 5000; ++i) rows += "| begin group | g" + std::to_string(i) + " | G |\n";
  rows += "| text | a | A |\n";
  for (int i = 0; i < 5000; ++i) rows += "| end group | | |\n";
  const CompileResult result = compileMarkdown(testing::surveyForm(rows));
  EXPECT_FALSE(result.ok());
  EXPECT_TRUE(contains(describe(result.diagnostics), "nested more than 32 deep"))
      << describe(result.diagnostics).substr(0, 500);
}

TEST(BrokenWorkbooks, LongChainsOfCalculationsAndACycle) {
  std::string rows = "| calculate | c0 | | ${c19999} + 1 |\n";
  for (int i = 1; i < 20000; ++i) {
    rows +=
        "| calculate | c" + std::to_string(i) + " | | ${c" + std::to_string(i - 1) + "} + 1 |\n";
  }
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | calculation |\n|---|---|---|---|\n" + rows + kSettings);
  ASSERT_EQ(result.diagnostics.size(), 1u) << describe(result.diagnostics).substr(0, 500);
  EXPECT_TRUE(contains(result.diagnostics[0].message, "calculation cycle: c0 -> c19999 -> "));
}

TEST(BrokenWorkbooks, ThousandsOfWrongReferences) {
  std::string rows;
  for (int i = 0; i < 3000; ++i) {
    const std::string n = std::to_string(i);
    rows += "| integer | field_number_" + n + " | F | ${field_numbr_" + n + "} > 0 |\n";
  }
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | relevant |\n|---|---|---|---|\n" + rows + kSettings);
  EXPECT_EQ(result.diagnostics.size(), 3000u);
  EXPECT_TRUE(contains(result.diagnostics[0].message, "did you mean ${field_number_0}?"));
}

TEST(BrokenWorkbooks, ExpressionsTooLongOrTooDeep) {
  std::string sum = "1";
  for (int i = 0; i < 100000; ++i) sum += " + 1";
  const CompileResult result = compileMarkdown(
      "## survey\n| type | name | label | calculation |\n|---|---|---|---|\n"
      "| calculate | a | | " +
      sum + " |\n| calculate | b | | " + std::string(100000, '(') + " |\n" + kSettings);
  const std::string messages = describe(result.diagnostics);
  EXPECT_TRUE(contains(messages, "the expression is too long (over 2000 operators)"));
  EXPECT_TRUE(contains(messages, "the expression is nested too deeply"));
}

TEST(BrokenWorkbooks, HugeCellsAndOddCharacters) {
  const std::string huge(1 << 20, 'x');
  const CompileResult result = compileMarkdown(
      testing::surveyForm("| " + huge + " | a | A |\n| text | " + huge + " | B |\n| text | c | ${" +
                          huge + "} |\n| text\\x01 | d\\x7f | \\xff\\xfe |"));
  EXPECT_FALSE(result.ok());
  EXPECT_LT(describe(result.diagnostics).size(), 8u << 20);
}

TEST(BrokenWorkbooks, MissingSheetsAndColumns) {
  EXPECT_FALSE(compileMarkdown("# nothing here\n").ok());
  EXPECT_FALSE(
      compileMarkdown("## survey\n| label |\n|---|\n| A |\n" + std::string(kSettings)).ok());
  EXPECT_FALSE(compileMarkdown("## survey\n| type | name |\n| text | a |\n").ok());  // no |---|
  const CompileResult noRows = compileMarkdown("## survey\n| type | name |\n|---|---|\n");
  EXPECT_TRUE(noRows.ok()) << describe(noRows.diagnostics);  // an empty form is a form
}

}  // namespace
}  // namespace phum::forms
