// The demo generator against the paper: 100,000 generated household members, stored through the
// ingest service and approved (phum-admin demo generate), give back Tables 2.1-2.3's percentages
// within sampling error (4 standard errors of a proportion, plus 0.1 point for the paper's
// rounding).
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "household.h"
#include "phum_processes.h"
#include "services/reports/htcds_export.h"
#include "services/services.h"
#include "storage/open_database.h"

namespace phum::testing {
namespace {

using server::reports::Report;
using server::reports::ReportSection;

class DemoTablesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const bool postgres = tools::testStorageBackend() == tools::StorageBackend::Postgres;
    if (postgres && !tools::postgresUnavailableReason().empty()) return;
    dir_ = new tools::TempDir("phum-demo-tables");
    const std::string data = dir_->file("server");
    std::vector<std::string> publish = {"forms", "publish"};
    for (const auto& file : tools::missionFormFiles()) publish.push_back(file);
    auto run = tools::runAdmin(data, publish);
    ASSERT_EQ(run.exitCode, 0) << run.err;
    run = tools::runAdmin(data, {"refdata", "import", tools::referenceDataDir()});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    // 4 records in 5 are households of 3-6 members: 28,000 records hold about 100,000 members.
    run = tools::runAdmin(data, {"demo", "generate", "--records", "28000", "--seed", "7"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto members = run.out.find(" members");
    ASSERT_NE(members, std::string::npos) << run.out;
    const auto open = run.out.rfind('(', members);
    members_ = std::stol(run.out.substr(open + 1, members - open - 1));
    cases_ = countBefore(run.out, " trafficking case reports");
    complaints_ = countBefore(run.out, " agency complaints");
    services_ = new server::Services(
        server::storage::openDatabase({data, postgres ? tools::postgresConninfoFor(data) : ""}),
        server::FormValidatorOptions{});
  }
  static void TearDownTestSuite() {
    delete services_;
    delete dir_;
  }

  void SetUp() override {
    if (services_ == nullptr) GTEST_SKIP() << tools::postgresUnavailableReason();
  }

  static Report report(const std::string& key) {
    return services_->reports().build(key, {}, "national", "en");
  }

  // `expected` percent vs what was published, with n the denominator.
  static void expectNear(double expected, std::optional<double> got, double n,
                         const std::string& what) {
    ASSERT_TRUE(got) << what << " was withheld";
    const double p = expected / 100;
    const double tolerance = 100 * 4 * std::sqrt(p * (1 - p) / n) + 0.1;
    EXPECT_NEAR(*got, expected, tolerance) << what << " (n = " << n << ")";
  }

  static inline tools::TempDir* dir_ = nullptr;
  static inline server::Services* services_ = nullptr;
  static inline long members_ = 0;
  static inline long cases_ = 0;
  static inline long complaints_ = 0;

  // The number phum-admin printed just before `what` (0 when it printed none).
  static long countBefore(const std::string& out, const std::string& what) {
    const auto at = out.find(what);
    if (at == std::string::npos) return 0;
    const auto space = out.rfind(' ', at - 1);
    return std::stol(out.substr(space + 1, at - space - 1));
  }
};

std::size_t indexOf(const std::vector<std::string>& keys, const std::string& key) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return i;
  }
  ADD_FAILURE() << "no " << key;
  return 0;
}

TEST_F(DemoTablesTest, GeneratesAHundredThousandMembers) { EXPECT_GE(members_, 100000); }

TEST_F(DemoTablesTest, Table21DestinationsAndMenByDestination) {
  const auto section = report("table-2.1").sections.at(0);
  const auto& t = section.table;
  ASSERT_TRUE(t.total);
  const double all = static_cast<double>(*t.total);
  // Paper: 126,503 workers 1998-2013; men per destination.
  const std::map<std::string, std::pair<double, double>> paper = {
      {"thailand", {61.5, 100.0 * 49091 / 77790}},
      {"south_korea", {21.6, 100.0 * 22570 / 27304}},
      {"malaysia", {16.7, 100.0 * 6002 / 21076}}};
  for (const auto& [destination, shares] : paper) {
    const auto male = t.columnTotals[indexOf(t.columns, destination + "|male")];
    const auto female = t.columnTotals[indexOf(t.columns, destination + "|female")];
    ASSERT_TRUE(male && female) << destination;
    const double n = static_cast<double>(*male + *female);
    expectNear(shares.first, 100 * n / all, all, destination + " share of migrants");
    expectNear(shares.second, 100 * static_cast<double>(*male) / n, n, destination + " men");
  }
}

TEST_F(DemoTablesTest, Table22IrregularMigrantsBySector) {
  const auto section = report("table-2.2").sections.at(0);
  const auto& t = section.table;
  ASSERT_TRUE(t.total);
  const double all = static_cast<double>(*t.total);
  const std::map<std::string, double> paper = {{"fisheries", 12.0},
                                               {"fisheries_related", 4.8},
                                               {"farming_livestock", 19.3 + 5.7},
                                               {"construction", 26.0},
                                               {"wholesale_retail", 3.8},
                                               {"food_beverage", 3.6},
                                               {"domestic_work", 5.3},
                                               {"other", 19.4}};
  // Mining (0.1% in the paper) is a small count, withheld with the next smallest sector: at most
  // one of these may be withheld.
  int withheld = 0;
  for (const auto& [sector, percent] : paper) {
    const auto r = indexOf(t.rows, sector);
    const auto got = server::reports::publishedPercent(t.rowTotals[r], t.total);
    if (!got) {
      ++withheld;
      continue;
    }
    expectNear(percent, got, all, sector);
  }
  EXPECT_LE(withheld, 1);
}

TEST_F(DemoTablesTest, Table23ProfileBySex) {
  const Report profile = report("table-2.3");
  // Paper's Table 2.3 (male, female) per section and row.
  const std::map<std::string, std::map<std::string, std::pair<double, double>>> paper = {
      {"ageband",
       {{"under_18", {6.3, 9.5}},
        {"18_24", {47.8, 48.2}},
        {"25_34", {33, 30.4}},
        {"35_plus", {13, 11.9}}}},
      {"marital",
       {{"never", {62.6, 55.9}}, {"currently", {35.1, 32.5}}, {"formerly", {2.3, 11.5}}}},
      {"education",
       {{"none", {7.3, 11.3}},
        {"primary", {50.2, 56.9}},
        {"secondary", {39.7, 30.1}},
        {"higher", {2.8, 1.6}}}},
      {"reason", {{"work", {97.6, 91.8}}, {"education", {1.5, 1.2}}, {"marriage", {0.6, 6.3}}}},
      {"decided_by", {{"self", {20.9, 20.7}}, {"parents", {70.9, 72.7}}, {"others", {8.1, 6.6}}}}};
  for (const auto& section : profile.sections) {
    const auto& rows = paper.at(section.key);
    const auto& t = section.table;
    const auto male = indexOf(t.columns, "male"), female = indexOf(t.columns, "female");
    for (const auto& [key, expected] : rows) {
      const auto r = indexOf(t.rows, key);
      for (const auto& [column, value] :
           {std::pair{male, expected.first}, {female, expected.second}}) {
        ASSERT_TRUE(t.columnTotals[column]);
        expectNear(value,
                   server::reports::publishedPercent(t.cells[r][column], t.columnTotals[column]),
                   static_cast<double>(*t.columnTotals[column]),
                   section.key + " " + key + " " + t.columns[column]);
      }
    }
  }
}

TEST_F(DemoTablesTest, ReturneesSurgeIsFlaggedOnItsFirstDay) {
  const auto section = report("returnees").sections.at(0);
  ASSERT_FALSE(section.flaggedRows.empty());
  bool poipet = false;
  for (const auto& flag : section.flaggedRows) poipet = poipet || flag.ends_with("|POIPET");
  EXPECT_TRUE(poipet) << "the mass return came through Poipet";
}

// Every generated case and complaint went through the server's form validation (phum-admin
// stops at the first refused record) and was approved: the reports and the export show them.
TEST_F(DemoTablesTest, TraffickingCasesFillTheReport) {
  EXPECT_GE(cases_, 500);
  const Report cases = report("trafficking");
  std::map<std::string, const server::reports::PublishedTable*> sections;
  for (const auto& section : cases.sections) sections[section.key] = &section.table;
  for (const char* key : {"exploitation", "destination", "month", "minor", "referral"}) {
    ASSERT_TRUE(sections.count(key)) << key;
    ASSERT_TRUE(sections[key]->total) << key << " withheld";
    EXPECT_GT(*sections[key]->total, 100) << key;
  }
  for (const auto& [section, row] : {std::pair{"exploitation", "ForcedLabourFishing"},
                                     {"exploitation", "Servitude"},
                                     {"destination", "thailand"},
                                     {"destination", "malaysia"},
                                     {"minor", "yes"},
                                     {"minor", "no"},
                                     {"referral", "referred"},
                                     {"referral", "not_referred"}}) {
    const auto& t = *sections[section];
    EXPECT_TRUE(t.rowTotals[indexOf(t.rows, row)]) << section << " " << row << " withheld";
  }
}

TEST_F(DemoTablesTest, ComplaintsPerAgencyFromTheRegistryBySexOfTheWorker) {
  EXPECT_GE(complaints_, 500);
  const Report complaints = report("complaints");
  ASSERT_EQ(complaints.sections.size(), 2u);
  const auto& byIssue = complaints.sections[0].table;
  // The watched agency of the sample registry draws the most complaints.
  const auto watched = byIssue.rowTotals[indexOf(byIssue.rows, "SAMPLE-0002")];
  ASSERT_TRUE(watched);
  EXPECT_GT(*watched, 50);
  EXPECT_TRUE(byIssue.columnTotals[indexOf(byIssue.columns, "passport_confiscation")]);
  // A worker who complains for themselves gives their sex as the complainant's, so few complaints
  // are of no known sex (only those without consent). Men's cells may be withheld beside a small
  // "other" cell (secondary suppression); women's are the larger.
  const auto& bySex = complaints.sections[1].table;
  const auto female =
      bySex.cells[indexOf(bySex.rows, "SAMPLE-0002")][indexOf(bySex.columns, "female")];
  ASSERT_TRUE(female);
  EXPECT_GT(*female, 20);
  ASSERT_TRUE(bySex.total);
  const auto other = bySex.columnTotals[indexOf(bySex.columns, "other")];
  if (other) {
    EXPECT_LT(*other * 10, *bySex.total);
  }
}

TEST_F(DemoTablesTest, HtcdsExportHoldsTheConsentedCases) {
  const std::string csv = server::reports::htcdsCsv(services_->database(), "");
  long lines = 0;
  for (const char c : csv) lines += c == '\n';
  // Cases without consent are exported too (with nothing but their consent and dates).
  EXPECT_EQ(lines - 1, cases_) << csv.substr(0, 400);
  EXPECT_NE(csv.find("ForcedLabour"), std::string::npos);
}

}  // namespace
}  // namespace phum::testing
