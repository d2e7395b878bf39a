// Each validation error names file, line and column and says how to fix it.
#include <gtest/gtest.h>

#include "refdata/dataset.h"

namespace phum::refdata {
namespace {

constexpr std::string_view kGazetteerHeader = "code,level,parent,name_en,name_km\n";

ImportResult gazetteer(std::string_view body) {
  return importGazetteer(parseCsv(std::string(kGazetteerHeader) + std::string(body), "gaz.csv"));
}

// Exactly one issue, at `line` and `column`, whose message contains `text`.
void expectOneIssue(const ImportResult& result, int line, const std::string& column,
                    const std::string& text) {
  ASSERT_EQ(result.issues.size(), 1u) << result.report();
  const ImportIssue& issue = result.issues[0];
  EXPECT_EQ(issue.line, line) << issue.toString();
  EXPECT_EQ(issue.column, column) << issue.toString();
  EXPECT_NE(issue.message.find(text), std::string::npos) << issue.toString();
  EXPECT_FALSE(issue.file.empty());
}

TEST(ImportGazetteer, AcceptsAValidHierarchyInAnyOrder) {
  ImportResult result = gazetteer(
      "0102,district,01,Mongkol Borei,មង្គលបូរី\n"
      "01,province,,Banteay Meanchey,បន្ទាយមានជ័យ\n"
      "010201,commune,0102,Banteay Neang,បន្ទាយនាង\n"
      "01020101,village,010201,Ou Thum,អូរធំ\n");
  EXPECT_TRUE(result.ok()) << result.report();
  EXPECT_EQ(result.dataset.name, "gazetteer");
  EXPECT_EQ(result.dataset.rows.size(), 4u);
  const RowColumns* village = result.dataset.find("01020101");
  ASSERT_NE(village, nullptr);
  EXPECT_EQ(village->at("parent"), "010201");
  EXPECT_EQ(village->at("name_km"), "អូរធំ");
  EXPECT_EQ(village->count("code"), 0u) << "the key travels as ReferenceRow.key, not a column";
}

TEST(ImportGazetteer, UnknownLevel) {
  ImportResult result = gazetteer("01,province,,A,ក\n0102,distrct,01,B,ខ\n");
  expectOneIssue(result, 3, "level", "unknown level 'distrct'; use one of province, district");
  EXPECT_EQ(result.issues[0].toString().rfind("gaz.csv:3: column 'level': ", 0), 0u);
}

TEST(ImportGazetteer, MissingParent) {
  expectOneIssue(gazetteer("01,province,,A,ក\n0299,district,02,B,ខ\n"), 3, "parent",
                 "parent code '02' is not in the file; add that province");
}

TEST(ImportGazetteer, EmptyParentOfDistrict) {
  expectOneIssue(gazetteer("01,province,,A,ក\n0102,district,,B,ខ\n"), 3, "parent",
                 "needs the code of its province");
}

TEST(ImportGazetteer, ParentOfWrongLevel) {
  expectOneIssue(
      gazetteer("01,province,,A,ក\n010201,commune,01,B,ខ\n"), 3, "parent",
      "parent '01' is a province (line 2) but the parent of a commune must be a district");
}

TEST(ImportGazetteer, ProvinceWithParent) {
  expectOneIssue(gazetteer("01,province,02,A,ក\n02,province,,B,ខ\n"), 2, "parent",
                 "a province has no parent");
}

TEST(ImportGazetteer, DuplicateCode) {
  expectOneIssue(gazetteer("01,province,,A,ក\n01,province,,A again,ក\n"), 3, "code",
                 "code '01' is already used on line 2");
}

TEST(ImportGazetteer, CodeNotMatchingParentPrefix) {
  expectOneIssue(gazetteer("01,province,,A,ក\n02,province,,B,ខ\n0201,district,01,C,គ\n"), 4, "code",
                 "code '0201' does not start with its parent's code '01'");
}

TEST(ImportGazetteer, CodeWithWrongNumberOfDigitsLikeLostLeadingZero) {
  expectOneIssue(gazetteer("1,province,,A,ក\n"), 2, "code",
                 "a province has a 2-digit NIS code (keep leading zeros");
}

TEST(ImportGazetteer, EmptyNameAndMissingHeaderColumn) {
  expectOneIssue(gazetteer("01,province,,A,\n"), 2, "name_km", "the name_km cell is empty");
  ImportResult noKhmer = importGazetteer(parseCsv("code,level,parent,name_en\n", "gaz.csv"));
  expectOneIssue(noKhmer, 1, "name_km", "the header row has no column 'name_km'");
}

TEST(ImportGazetteer, WrongFieldCountSuggestsQuoting) {
  expectOneIssue(gazetteer("01,province,,Banteay, Meanchey,ក\n"), 2, "",
                 "this row has 6 fields but the header has 5");
}

TEST(ImportGazetteer, ReportsEveryProblemSortedByLine) {
  ImportResult result = gazetteer("01,province,,A,ក\n0102,distrct,01,B,ខ\n01,province,,C,គ\n");
  ASSERT_EQ(result.issues.size(), 2u) << result.report();
  EXPECT_EQ(result.issues[0].line, 3);
  EXPECT_EQ(result.issues[1].line, 4);
}

constexpr std::string_view kAgenciesHeader = "licence,name_en,name_km,watch,province\n";

TEST(ImportAgencies, BadWatchFlag) {
  ImportResult result = importAgencies(
      parseCsv(std::string(kAgenciesHeader) + "L-1,A,ក,no,12\nL-2,B,ខ,maybe,12\n", "ag.csv"));
  expectOneIssue(result, 3, "watch", "watch flag 'maybe' is not understood; write yes");
}

TEST(ImportAgencies, ProvinceCheckedAgainstGazetteerWhenGiven) {
  ImportResult gaz = gazetteer("01,province,,A,ក\n0102,district,01,B,ខ\n");
  ASSERT_TRUE(gaz.ok()) << gaz.report();
  CsvTable table =
      parseCsv(std::string(kAgenciesHeader) + "L-1,A,ក,yes,01\nL-2,B,ខ,no,0102\n", "ag.csv");
  expectOneIssue(importAgencies(table, &gaz.dataset), 3, "province",
                 "'0102' is not a province code");
}

TEST(ImportAgencies, DuplicateLicence) {
  ImportResult result = importAgencies(
      parseCsv(std::string(kAgenciesHeader) + "L-1,A,ក,no,\nL-1,B,ខ,no,\n", "ag.csv"));
  expectOneIssue(result, 3, "licence", "licence 'L-1' is already used on line 2");
}

TEST(ImportCrossingPoints, ProvinceRequiredAndValid) {
  CsvTable table =
      parseCsv("code,name_en,name_km,province\nPOIPET,Poipet,ប៉ោយប៉ែត,01\nX,X,X,26\n", "cp.csv");
  expectOneIssue(importCrossingPoints(table), 3, "province", "'26' is not a province code");
}

TEST(ImportReferralDirectory, UnknownType) {
  CsvTable table =
      parseCsv("code,type,name_en,name_km,province\nM-1,mrc,A,ក,01\nM-2,shop,B,ខ,\n", "rd.csv");
  expectOneIssue(importReferralDirectory(table), 3, "type", "unknown type 'shop'; use one of");
}

TEST(DatasetKinds, NamesAndFileNamesRoundTrip) {
  for (DatasetKind kind : {DatasetKind::Gazetteer, DatasetKind::Agencies,
                           DatasetKind::CrossingPoints, DatasetKind::ReferralDirectory}) {
    EXPECT_EQ(datasetKindFromName(datasetName(kind)), kind);
    EXPECT_EQ(datasetKindFromName(datasetFileName(kind)), kind);
  }
  EXPECT_FALSE(datasetKindFromName("villages.csv").has_value());
}

}  // namespace
}  // namespace phum::refdata
