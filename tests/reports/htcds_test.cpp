// The HTCDS export's header and codes against IOM's standard (tests/reports/data/htcds_fields.md,
// an excerpt of HTCDS-Field-Definitions.md and IOM's HTCDS XLSForm, CC BY 4.0).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/uuid.h"
#include "services/reports/htcds_export.h"

namespace phum::server::reports {
namespace {

namespace v1 = phum::v1;

// The "- Name" lines of the excerpt, by section (the "## " title up to its first " (").
std::map<std::string, std::set<std::string>> htcdsNames() {
  std::ifstream in(std::string(PHUM_SOURCE_DIR) + "/tests/reports/data/htcds_fields.md");
  std::map<std::string, std::set<std::string>> names;
  std::string line, section;
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) section = line.substr(3, line.find(" (") - 3);
    if (line.starts_with("- ") && !section.empty()) names[section].insert(line.substr(2));
  }
  return names;
}

void answer(v1::Record& record, const std::string& name, const std::string& text) {
  auto* a = record.mutable_answers()->add_answers();
  a->set_name(name);
  a->mutable_value()->set_text(text);
}

void answerMany(v1::Record& record, const std::string& name, std::vector<std::string> items) {
  auto* a = record.mutable_answers()->add_answers();
  a->set_name(name);
  for (auto& item : items) a->mutable_value()->mutable_choices()->add_items(std::move(item));
}

// Columns Phum adds to HTCDS, each named phum_ so a partner sees it is not a standard field.
const std::set<std::string> kPhumExtensions = {"phum_CaseId"};

TEST(HtcdsExport, EveryColumnIsAnHtcdsFieldNameOrAListedPhumExtension) {
  const auto names = htcdsNames();
  ASSERT_EQ(names.at("Methods Of Control").size(), 17u) << "the excerpt was not read";
  const auto& survey = names.at("Survey field names");
  const auto& methods = names.at("Methods Of Control");
  std::set<std::string> controlColumns;
  for (const auto& column : htcdsColumns()) {
    EXPECT_TRUE(survey.count(column) || methods.count(column) || kPhumExtensions.count(column))
        << column << " is neither a field of HTCDS nor a listed phum_ extension";
    if (!survey.count(column) && !methods.count(column)) {
      EXPECT_TRUE(column.starts_with("phum_")) << column;
    }
    if (column.starts_with("MethodsOfControl")) controlColumns.insert(column);
  }
  EXPECT_EQ(controlColumns, methods) << "one column per HTCDS method of control";
  const std::set<std::string> all(htcdsColumns().begin(), htcdsColumns().end());
  for (const auto& extension : kPhumExtensions) EXPECT_TRUE(all.count(extension)) << extension;
}

TEST(HtcdsExport, CaseIdIsTheRecordUuidOnEveryExport) {
  v1::Record record;
  const auto uuid = Uuid::generate();
  record.set_uuid(uuid.toBytes());
  record.set_revision(1);
  answer(record, "con_Consent", "TRUE");
  const auto& columns = htcdsColumns();
  const auto at = std::find(columns.begin(), columns.end(), "phum_CaseId") - columns.begin();
  ASSERT_LT(static_cast<std::size_t>(at), columns.size());
  EXPECT_EQ(htcdsRow(record)[at], uuid.toString());
  record.set_revision(2);  // a corrected case keeps its id
  answer(record, "cas_Status", "Closed");
  EXPECT_EQ(htcdsRow(record)[at], uuid.toString());
}

TEST(HtcdsExport, PhumAdditionsAreMappedToHtcdsCodesAndIdentityLeftOut) {
  v1::Record record;
  answer(record, "con_Consent", "TRUE");
  answer(record, "prs_Name", "Sok Dara");
  answer(record, "prs_MobilePhone", "012345678");
  answer(record, "prs_Gender", "Masculine");
  answer(record, "prs_Citizenship", "KHM");
  answer(record, "origin_province", "01");
  answer(record, "origin_village", "01020304");
  answerMany(record, "vic_TypeOfExploitation", {"ForcedLabourFishing", "DebtBondage"});
  answerMany(record, "vic_MethodsOfControl",
             {"WithholdsDocuments", "ConfinedInTrainingCentre", "ThreatsLawEnforcement"});
  answer(record, "vic_TraffickingStatus", "ActualVictimOfTrafficking");
  answer(record, "cas_Status", "Active");
  const auto row = htcdsRow(record);
  const auto& columns = htcdsColumns();
  ASSERT_EQ(row.size(), columns.size());
  std::map<std::string, std::string> byName;
  for (std::size_t i = 0; i < columns.size(); ++i) byName[columns[i]] = row[i];
  EXPECT_EQ(byName["vic_TypeOfExploitation"], "ForcedLabour");
  EXPECT_EQ(byName["vic_ForcedLabourIndustry"], "A_AgricultureForestryAndFishing");
  EXPECT_EQ(byName["MethodsOfControlDebtBondage"], "1");
  EXPECT_EQ(byName["MethodsOfControlWithholdsDocuments"], "1");
  EXPECT_EQ(byName["MethodsOfControlRestrictsMovement"], "1");
  EXPECT_EQ(byName["MethodsOfControlThreatOfLawEnforcement"], "1");
  EXPECT_EQ(byName["MethodsOfControlSexualAbuse"], "0");
  EXPECT_EQ(byName["prs_MailingState"], "01") << "the province, not the village";
  EXPECT_EQ(byName["con_Consent"], "TRUE");
  const auto tier1 = htcdsNames().at("Labour Industry");
  EXPECT_TRUE(tier1.count(byName["vic_ForcedLabourIndustry"]));
  for (const auto& value : row) {
    EXPECT_EQ(value.find("Sok Dara"), std::string::npos);
    EXPECT_EQ(value.find("012345678"), std::string::npos);
    EXPECT_EQ(value.find("01020304"), std::string::npos);
  }
}

}  // namespace
}  // namespace phum::server::reports
