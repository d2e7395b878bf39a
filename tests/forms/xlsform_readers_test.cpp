// The two file formats of an XLSForm: .xlsform.md (kept in the repo) and .xlsx (Excel, Kobo).
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <zip.h>

#include "forms/form_summary.h"
#include "forms/xlsx_workbook.h"
#include "forms_test_support.h"

namespace phum::forms {
namespace {

using google::protobuf::util::MessageDifferencer;
using testing::describe;
using testing::TempDir;
using testing::testDataPath;
using testing::writeZip;

TEST(MarkdownReader, ReadsSheetsAndIgnoresProse) {
  const Workbook book = readMarkdownWorkbook(
      "# Title\nSome words | with a pipe.\n\n## survey\n\nIntro paragraph.\n\n"
      "| type | name | label |\n|:---|---|---:|\n| text | a | A \\| B |\n|  |  |  |\n"
      "| note | n | line one<br>line two |\n\n### A sub-section\n\n"
      "| type | name | label |\n|---|---|---|\n| integer | b | B |\n\n"
      "```\n| not | a | table |\n```\n## Notes\n| ignored | table |\n|---|---|\n",
      "x.xlsform.md");
  EXPECT_TRUE(book.diagnostics.empty()) << describe(book.diagnostics);
  ASSERT_EQ(book.sheets.size(), 1u);
  const Sheet& survey = book.sheets[0];
  EXPECT_EQ(survey.header, (std::vector<std::string>{"type", "name", "label"}));
  EXPECT_EQ(survey.headerLine, 8);
  ASSERT_EQ(survey.rows.size(), 4u);
  EXPECT_EQ(survey.rows[0].cells[2], "A | B");
  EXPECT_EQ(survey.rows[0].row, 2);
  EXPECT_EQ(survey.rows[0].line, 10);
  EXPECT_TRUE(survey.rows[1].blank());
  EXPECT_EQ(survey.rows[2].cells[2], "line one\nline two");
  EXPECT_EQ(survey.rows[3].cells[1], "b");
  EXPECT_EQ(survey.rows[3].row, 5);  // continues the sheet's row numbers
  EXPECT_EQ(survey.rows[3].line, 18);
}

TEST(MarkdownReader, AcceptsWindowsLineEndsAndAByteOrderMark) {
  const Workbook book = readMarkdownWorkbook(
      "\xEF\xBB\xBF## survey\r\n| type | name |\r\n|---|---|\r\n| text | a |\r\n", "w.xlsform.md");
  ASSERT_EQ(book.sheets.size(), 1u);
  ASSERT_EQ(book.sheets[0].rows.size(), 1u);
  EXPECT_EQ(book.sheets[0].rows[0].cells, (std::vector<std::string>{"text", "a"}));
}

TEST(MarkdownReader, PadsShortRows) {
  const Workbook book = readMarkdownWorkbook(
      "## choices\n| list_name | name | label |\n|---|---|---|\n| l | x |\n", "c.xlsform.md");
  ASSERT_EQ(book.sheets.size(), 1u);
  EXPECT_EQ(book.sheets[0].rows[0].cells, (std::vector<std::string>{"l", "x", ""}));
}

// Kobo forms write HTML line breaks into labels: they must come back as text, not as line ends.
TEST(MarkdownWriter, KeepsTheTextBrApartFromLineBreaks) {
  Workbook book;
  Sheet survey;
  survey.name = "survey";
  survey.header = {"type", "label"};
  survey.rows.push_back(SheetRow{2, 0, {"note", "<br>One<br>two\nthree | four"}});
  book.sheets.push_back(survey);
  const std::string markdown = writeMarkdownWorkbook(book);
  EXPECT_NE(markdown.find("| note | \\<br>One\\<br>two<br>three \\| four |"), std::string::npos)
      << markdown;
  const Workbook back = readMarkdownWorkbook(markdown, "kobo.xlsform.md");
  EXPECT_EQ(back.sheets[0].rows[0].cells[1], "<br>One<br>two\nthree | four");
}

TEST(MarkdownWriter, RoundTripsThroughXlsx) {
  TempDir dir;
  const Workbook original = loadWorkbookFile(testDataPath("all_features.xlsform.md"));
  const std::string canonical = writeMarkdownWorkbook(original);
  writeXlsxWorkbook(original, dir.file("all_features.xlsx"));
  const Workbook fromXlsx = readXlsxWorkbook(dir.file("all_features.xlsx"));
  EXPECT_TRUE(writeMarkdownWorkbook(fromXlsx) == canonical);  // the texts are long
  EXPECT_EQ(canonical.substr(0, 26), "# All features\n\n## survey\n");
}

TEST(XlsxWorkbook, KeepsSheetRowNumbersAndText) {
  TempDir dir;
  Workbook book;
  book.sourceName = "rows.xlsx";
  Sheet survey{"survey", {"type", "name", "label"}, 0, {}};
  survey.rows.push_back(SheetRow{2, 0, {"text", "a", "<ភូមិ> & \"x\"\nnext"}});
  survey.rows.push_back(SheetRow{5, 0, {"integer", "b", "B"}});
  book.sheets.push_back(survey);
  writeXlsxWorkbook(book, dir.file("rows.xlsx"));
  const Workbook read = readXlsxWorkbook(dir.file("rows.xlsx"));
  ASSERT_EQ(read.sheets.size(), 1u);
  EXPECT_EQ(read.sheets[0].name, "survey");
  EXPECT_EQ(read.sheets[0].header, survey.header);
  ASSERT_EQ(read.sheets[0].rows.size(), 2u);
  EXPECT_EQ(read.sheets[0].rows[0].cells[2], "<ភូមិ> & \"x\"\nnext");
  EXPECT_EQ(read.sheets[0].rows[1].row, 5);
}

TEST(XlsxWorkbook, ReadsSharedStringsRichTextAndPrefixedXml) {
  TempDir dir;
  const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  writeZip(dir.file("excel.xlsx"),
           {{"xl/workbook.xml",
             "<x:workbook xmlns:x='" + ns +
                 "' xmlns:rel='http://schemas.openxmlformats.org/officeDocument/2006/"
                 "relationships'><x:sheets><x:sheet name='Survey' sheetId='1' rel:id='rId7'/>"
                 "</x:sheets></x:workbook>"},
            {"xl/_rels/workbook.xml.rels",
             "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
             "relationships'><Relationship Id='rId7' Type='worksheet' "
             "Target='/xl/worksheets/s.xml'/></Relationships>"},
            {"xl/sharedStrings.xml",
             "<x:sst xmlns:x='" + ns +
                 "'><x:si><x:t>type</x:t></x:si><x:si><x:r><x:t>na</x:t></x:r><x:r><x:t>me"
                 "</x:t></x:r></x:si></x:sst>"},
            {"xl/worksheets/s.xml",
             "<x:worksheet xmlns:x='" + ns +
                 "'><x:sheetData><x:row r='3'><x:c r='A3' t='s'><x:v>0</x:v></x:c>"
                 "<x:c r='C3' t='s'><x:v>1</x:v></x:c></x:row><x:row><x:c t='b'><x:v>1</x:v>"
                 "</x:c><x:c><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>"}});
  const Workbook book = readXlsxWorkbook(dir.file("excel.xlsx"));
  const Sheet* survey = book.findSheet("survey");
  ASSERT_NE(survey, nullptr);
  EXPECT_EQ(survey->header, (std::vector<std::string>{"type", "", "name"}));
  ASSERT_EQ(survey->rows.size(), 1u);
  EXPECT_EQ(survey->rows[0].row, 4);
  EXPECT_EQ(survey->rows[0].cells, (std::vector<std::string>{"TRUE", "42", ""}));
}

TEST(XlsxWorkbook, ReportsADamagedWorkbook) {
  TempDir dir;
  writeZip(dir.file("damaged.xlsx"), {{"xl/workbook.xml", "<workbook><sheets>"}});
  try {
    readXlsxWorkbook(dir.file("damaged.xlsx"));
    FAIL() << "expected FormReadError";
  } catch (const FormReadError& e) {
    EXPECT_NE(std::string(e.what()).find("xl/workbook.xml is not well-formed XML"),
              std::string::npos)
        << e.what();
  }
}

std::string readError(const std::string& path) {
  try {
    readXlsxWorkbook(path);
  } catch (const FormReadError& e) {
    return e.what();
  }
  return "no error";
}

TEST(XlsxWorkbook, ReportsMissingParts) {
  TempDir dir;
  const std::string book =
      "<workbook><sheets><sheet name='survey' r:id='rId1'/></sheets></workbook>";
  const std::string rels =
      "<Relationships><Relationship Id='rId1' Target='worksheets/sheet1.xml'/></Relationships>";
  writeZip(dir.file("empty.xlsx"), {{"docProps/app.xml", "<x/>"}});
  EXPECT_NE(readError(dir.file("empty.xlsx"))
                .find("is not an .xlsx workbook: it has no "
                      "xl/workbook.xml"),
            std::string::npos);
  writeZip(dir.file("norel.xlsx"),
           {{"xl/workbook.xml", book}, {"xl/_rels/workbook.xml.rels", "<Relationships/>"}});
  EXPECT_NE(readError(dir.file("norel.xlsx")).find("sheet 'survey' has no worksheet part"),
            std::string::npos);
  writeZip(dir.file("strings.xlsx"),
           {{"xl/workbook.xml", book},
            {"xl/_rels/workbook.xml.rels", rels},
            {"xl/worksheets/sheet1.xml",
             "<worksheet><sheetData><row r='1'><c r='B1' t='s'><v>9</v></c></row></sheetData>"
             "</worksheet>"}});
  EXPECT_NE(readError(dir.file("strings.xlsx"))
                .find("cell B1 refers to a shared string that does not exist"),
            std::string::npos);
}

TEST(XlsxWorkbook, ReportsAFileThatCannotBeWritten) {
  TempDir dir;
  Workbook book;
  book.sheets.push_back(Sheet{"survey", {"type"}, 0, {}});
  EXPECT_THROW(writeXlsxWorkbook(book, dir.file("no/such/dir/out.xlsx")), FormReadError);
}

TEST(FormEquivalence, MarkdownAndXlsxCompileToTheSameDefinition) {
  TempDir dir;
  const CompileResult fromMarkdown = compileFormFile(testDataPath("all_features.xlsform.md"));
  ASSERT_TRUE(fromMarkdown.ok()) << describe(fromMarkdown.diagnostics);
  saveWorkbookFile(loadWorkbookFile(testDataPath("all_features.xlsform.md")),
                   dir.file("all_features.xlsx"));
  const CompileResult fromXlsx = compileFormFile(dir.file("all_features.xlsx"));
  ASSERT_TRUE(fromXlsx.ok()) << describe(fromXlsx.diagnostics);
  std::string difference;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&difference);
  EXPECT_TRUE(differencer.Compare(fromMarkdown.form, fromXlsx.form)) << difference;
}

TEST(FormEquivalence, ErrorsPointAtTheSameRowsInBothFormats) {
  TempDir dir;
  const std::string md =
      dir.write("broken.xlsform.md",
                "# Broken\n\n## survey\n| type | name | label | relevant |\n|---|---|---|---|\n"
                "| text | a | A | |\n| integr | b | B | |\n| text | c | C | ${d} = 1 |\n"
                "## settings\n| form_id | version |\n|---|---|\n| broken | 1 |\n");
  saveWorkbookFile(loadWorkbookFile(md), dir.file("broken.xlsx"));
  const CompileResult fromMarkdown = compileFormFile(md);
  const CompileResult fromXlsx = compileFormFile(dir.file("broken.xlsx"));
  ASSERT_EQ(fromMarkdown.diagnostics.size(), 2u) << describe(fromMarkdown.diagnostics);
  ASSERT_EQ(fromXlsx.diagnostics.size(), 2u) << describe(fromXlsx.diagnostics);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(fromMarkdown.diagnostics[i].row, fromXlsx.diagnostics[i].row);
    EXPECT_EQ(fromMarkdown.diagnostics[i].columnLetter, fromXlsx.diagnostics[i].columnLetter);
    EXPECT_EQ(fromMarkdown.diagnostics[i].message, fromXlsx.diagnostics[i].message);
    EXPECT_EQ(fromXlsx.diagnostics[i].line, 0);
  }
  EXPECT_EQ(formatDiagnostic(fromMarkdown.diagnostics[0], "broken.xlsform.md").substr(0, 47),
            "broken.xlsform.md:7: error: survey row 3, colum");
  EXPECT_EQ(formatDiagnostic(fromXlsx.diagnostics[1], "broken.xlsx"),
            "broken.xlsx: error: survey row 4, column D (relevant): unknown field ${d}: no survey "
            "row is named 'd'");
}

TEST(Htcds, IomTraffickingSurveyCompiles) {
  const CompileResult result = compileFormFile(testDataPath("htcds_xlsform.xlsx"));
  ASSERT_TRUE(result.ok()) << describe(result.diagnostics);
  const phum::v1::FormDefinition& form = result.form;
  EXPECT_EQ(form.form_id(), "htcds_xlsform");  // the workbook has no form_id: the file name
  EXPECT_EQ(form.version(), "vSmt4GQA3C9uBMLPEVfgND");
  ASSERT_EQ(form.fields_size(), 34);
  EXPECT_EQ(form.fields(0).type(), phum::v1::FIELD_TYPE_START);
  EXPECT_EQ(form.fields(2).name(), "con_Consent");
  EXPECT_EQ(form.fields(2).list_name(), "consent");
  EXPECT_EQ(form.fields(4).labels().at("default"), "First Name");
  EXPECT_EQ(form.fields(4).required(), "");                                 // "false"
  EXPECT_EQ(form.fields(18).type(), phum::v1::FIELD_TYPE_SELECT_MULTIPLE);  // sheet row 20
  EXPECT_EQ(form.fields(33).calculation(), "'vSmt4GQA3C9uBMLPEVfgND'");
  const FormSummary summary = summarizeForm(form);
  EXPECT_EQ(summary.fields, 34);
  EXPECT_EQ(summary.choiceLists, form.choice_lists_size());
  EXPECT_GT(form.choice_lists_size(), 5);
}

TEST(Htcds, ConvertsToMarkdownAndBackWithoutChange) {
  TempDir dir;
  const std::string xlsx = testDataPath("htcds_xlsform.xlsx");
  saveWorkbookFile(loadWorkbookFile(xlsx), dir.file("htcds_xlsform.xlsform.md"));
  const CompileResult original = compileFormFile(xlsx);
  const CompileResult viaMarkdown = compileFormFile(dir.file("htcds_xlsform.xlsform.md"));
  ASSERT_TRUE(viaMarkdown.ok()) << describe(viaMarkdown.diagnostics);
  EXPECT_TRUE(MessageDifferencer::Equals(original.form, viaMarkdown.form));
}

}  // namespace
}  // namespace phum::forms
