// The reports API against a real phum-server: approved records only, small counts withheld,
// the caller's scope enforced, CSV with a byte-order mark.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "console_fixture.h"
#include "core/uuid.h"
#include "household.h"
#include "phum/v1/sync.pb.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

using nlohmann::json;

class ReportsApiTest : public ConsoleServerTest {
 protected:
  // Pushes household records 100..100+count-1 and returns them.
  std::vector<phum::v1::Record> push(int count) {
    std::vector<phum::v1::Record> out;
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    for (int i = 0; i < count; ++i) {
      out.push_back(tools::makeHouseholdRecord(100 + i, true));
      *batch.add_records() = out.back();
    }
    const auto pushed =
        httpRequest("POST", server_->url() + "/v1/push", batch.SerializeAsString(),
                    {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
    EXPECT_EQ(pushed.status, 200) << pushed.body;
    return out;
  }

  void approve(const std::vector<phum::v1::Record>& records, const std::string& cookie,
               const std::string& csrf) {
    for (const auto& record : records) {
      const auto reply = call("POST", "/records/" + uuidOf(record) + "/reviews", cookie, csrf,
                              R"({"revision":1,"decision":"approve"})");
      ASSERT_EQ(reply.status, 201) << reply.body;
    }
  }

  json report(const std::string& path, const std::string& cookie, int status = 200) {
    const auto reply = call("GET", path, cookie);
    EXPECT_EQ(reply.status, status) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }
};

// The migrant of makeHouseholdRecord(index) goes abroad unless index % 6 == 5.
int abroad(const std::vector<phum::v1::Record>& records, const std::string& province = "") {
  int n = 0;
  for (int i = 0; i < static_cast<int>(records.size()); ++i) {
    if ((100 + i) % 6 != 5 && records[i].location_code().starts_with(province)) ++n;
  }
  return n;
}

// Every number a report lets out: at least 5, or null (withheld).
void expectNoSmallCount(const json& report) {
  for (const auto& section : report["sections"]) {
    std::vector<json> values = {section["total"]};
    for (const auto& v : section["columnTotals"]) values.push_back(v);
    for (const auto& row : section["rows"]) {
      values.push_back(row["total"]);
      for (const auto& v : row["cells"]) values.push_back(v);
    }
    for (const auto& value : values) {
      if (!value.is_null()) {
        EXPECT_GE(value.get<int>(), 5) << section.dump();
      }
    }
  }
}

TEST_F(ReportsApiTest, CountsApprovedRecordsOnlyAndWithholdsSmallCounts) {
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const auto records = push(60);
  json before = report("/reports/table-2.1?lang=en", cookie);
  EXPECT_EQ(before["approvedOnly"], true);
  EXPECT_TRUE(before["sections"][0]["rows"].empty()) << "nothing is approved yet";
  approve(records, cookie, csrf);
  const json after = report("/reports/table-2.1?lang=en", cookie);
  EXPECT_EQ(after["sections"][0]["total"], abroad(records)) << after.dump();
  expectNoSmallCount(after);
  for (const char* key :
       {"table-2.2", "table-2.3", "table-2.4", "returnees", "trafficking", "complaints"}) {
    const json other = report(std::string("/reports/") + key + "?lang=km", cookie);
    EXPECT_EQ(other["key"], key);
    expectNoSmallCount(other);
  }
  const json profile = report("/reports/table-2.3?lang=en", cookie);
  EXPECT_EQ(profile["sections"][0]["key"], "ageband");
  EXPECT_EQ(profile["sections"][0]["total"], 60) << "every approved household has one migrant";
}

// The summary tables' approved flag follows a changed decision: rejected after approval, a record
// leaves the reports at once.
TEST_F(ReportsApiTest, ARecordRejectedAfterApprovalLeavesTheReports) {
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const auto records = push(60);
  approve(records, cookie, csrf);
  EXPECT_EQ(report("/reports/table-2.3?lang=en", cookie)["sections"][0]["total"], 60);
  for (int i = 0; i < 10; ++i) {
    const auto reply = call("POST", "/records/" + uuidOf(records[i]) + "/reviews", cookie, csrf,
                            R"({"revision":1,"decision":"reject","reason":"not a household"})");
    ASSERT_EQ(reply.status, 201) << reply.body;
  }
  EXPECT_EQ(report("/reports/table-2.3?lang=en", cookie)["sections"][0]["total"], 50);
  approve({records[0]}, cookie, csrf);
  EXPECT_EQ(report("/reports/table-2.3?lang=en", cookie)["sections"][0]["total"], 51);
}

// makeHouseholdRecord(i): money received unless i % 4 == 3, 150 + i dollars, its one migrant
// going to kDestinations[i % 6]; every household that received spent on consumption_food.
TEST_F(ReportsApiTest, Table24GivesMeanAmountsByDestinationAndUses) {
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const auto records = push(60);
  approve(records, cookie, csrf);
  const char* destinations[] = {"thailand", "malaysia",      "south_korea",
                                "japan",    "other_country", "within_cambodia"};
  std::map<std::string, std::pair<double, int>> byDestination;
  double sum = 0;
  int received = 0;
  for (int i = 100; i < 160; ++i) {
    if (i % 4 == 3) continue;
    auto& [amount, count] = byDestination[destinations[i % 6]];
    amount += 150 + i, ++count;
    sum += 150 + i, ++received;
  }
  const json table = report("/reports/table-2.4?lang=en", cookie);
  expectNoSmallCount(table);
  const json& destination = table["sections"][0];
  ASSERT_EQ(destination["key"], "remit_destination") << table.dump();
  EXPECT_EQ(destination["total"], received);
  EXPECT_NEAR(destination["totalMean"].get<double>(), sum / received, 1e-6);
  int checked = 0;
  for (std::size_t r = 0; r < destination["rows"].size(); ++r) {
    const json& row = destination["rows"][r];
    const auto& [amount, count] = byDestination.at(row["key"].get<std::string>());
    if (count < 5) {
      EXPECT_TRUE(row["total"].is_null() && destination["rowMeans"][r].is_null()) << row.dump();
      continue;
    }
    EXPECT_EQ(row["total"], count);
    EXPECT_NEAR(destination["rowMeans"][r].get<double>(), amount / count, 1e-6) << row.dump();
    ++checked;
  }
  EXPECT_GE(checked, 5) << destination.dump();
  EXPECT_EQ(table["sections"][1]["key"], "remit_sector");
  EXPECT_EQ(table["sections"][2]["key"], "remit_channel");
  EXPECT_EQ(table["sections"][2]["percent"], "column");
  const json& uses = table["sections"][3];
  ASSERT_EQ(uses["key"], "remit_spent_on");
  bool food = false;
  for (const auto& row : uses["rows"]) {
    if (row["key"] != "consumption_food") continue;
    food = true;
    EXPECT_EQ(row["total"], received);
  }
  EXPECT_TRUE(food) << uses.dump();
  const auto csv = call("GET", "/reports/table-2.4?format=csv&lang=en", cookie);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("Mean amount in 12 months (USD)"), std::string::npos) << csv.body;
}

// The tablet's copy of an agency's watch column, as the app reads it.
std::string tabletWatch(store::LocalStore& tablet, const std::string& licence) {
  for (const auto& row : tablet.referenceRows("agencies")) {
    if (row.key() == licence) return row.columns().at("watch");
  }
  return "(no such agency on the tablet)";
}

// A reviewer raises an agency's watch flag with a reason: it is kept with who and when, and a real
// sync client brings it into the tablet's store (the app warns from there); clearing it travels
// too.
TEST_F(ReportsApiTest, AWatchFlagReachesTheTabletAsAReferenceDelta) {
  auto tablet = store::LocalStore::open(dir_.file("tablet.sqlite"));
  sync::SyncConfig config;
  config.serverUrl = server_->url();
  config.deviceId = "tab-watch";
  sync::SyncClient client(*tablet, config);
  const auto first = client.pullChanges();
  ASSERT_TRUE(first.complete) << first.error;
  ASSERT_EQ(tabletWatch(*tablet, "SAMPLE-0001"), "no");

  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const std::string path = "/reports/agencies/SAMPLE-0001/watch";
  EXPECT_EQ(call("POST", path, cookie, csrf, R"({"watch":true,"reason":"  "})").status, 400)
      << "a reason is needed";
  EXPECT_EQ(call("POST", "/reports/agencies/NO-SUCH/watch", cookie, csrf,
                 R"({"watch":true,"reason":"x"})")
                .status,
            400);
  EXPECT_EQ(call("POST", path, cookie, {}, R"({"watch":true,"reason":"x"})").status, 403)
      << "without the page's CSRF header";
  const auto raised = call("POST", path, cookie, csrf,
                           R"({"watch":true,"reason":"Six complaints of passports kept"})");
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_GT(json::parse(raised.body)["changeSeq"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(call("POST", path, cookie, csrf, R"({"watch":true,"reason":"again"})").status, 400)
      << "already on the list";

  const json list = report("/reports/agencies/watch", cookie);
  EXPECT_NE(std::find(list["watched"].begin(), list["watched"].end(), "SAMPLE-0001"),
            list["watched"].end())
      << list.dump();
  ASSERT_FALSE(list["history"].empty());
  EXPECT_EQ(list["history"][0]["licence"], "SAMPLE-0001");
  EXPECT_EQ(list["history"][0]["reviewer"], "rev_national");
  EXPECT_EQ(list["history"][0]["reason"], "Six complaints of passports kept");
  EXPECT_GT(list["history"][0]["atMs"].get<std::int64_t>(), 0);

  const auto second = client.pullChanges();
  ASSERT_TRUE(second.complete) << second.error;
  EXPECT_EQ(second.applied, 1) << "one reference delta";
  EXPECT_EQ(tabletWatch(*tablet, "SAMPLE-0001"), "yes");

  ASSERT_EQ(call("POST", path, cookie, csrf, R"({"watch":false,"reason":"Agency settled"})").status,
            200);
  ASSERT_TRUE(client.pullChanges().complete);
  EXPECT_EQ(tabletWatch(*tablet, "SAMPLE-0001"), "no");
  EXPECT_EQ(report("/reports/agencies/watch", cookie)["history"].size(), 2u);
  // Both changes are in the audit log, with who and why.
  const auto audit = tools::runAdmin(server_->dataDir(), {"audit", "list", "--limit", "1000"});
  ASSERT_EQ(audit.exitCode, 0) << audit.err;
  for (const std::string entry : {"agency_watch_raised", "agency_watch_cleared"}) {
    EXPECT_NE(audit.out.find(entry), std::string::npos) << entry << "\n" << audit.out;
  }
  EXPECT_NE(audit.out.find("Agency settled"), std::string::npos) << audit.out;
}

TEST_F(ReportsApiTest, AReviewerSeesOnlyTheirProvince) {
  std::string csrf;
  const std::string national = signIn("rev_national", csrf);
  const auto records = push(60);
  approve(records, national, csrf);
  std::string homeCsrf;
  const std::string home = signIn("rev_home", homeCsrf);
  const json mine = report("/reports/table-2.1", home);
  const int expected = abroad(records, homeProvince_);
  if (expected >= 5) {
    EXPECT_EQ(mine["sections"][0]["total"], expected);
  } else {
    EXPECT_TRUE(mine["sections"][0]["total"].is_null());
  }
  const std::string other = homeProvince_ == "01" ? "02" : "01";
  const json refused = report("/reports/table-2.1?province=" + other, home, 400);
  EXPECT_NE(refused.dump().find("outside your area"), std::string::npos) << refused.dump();
  report("/reports/table-9", home, 400);
  report("/reports/table-2.1?from=yesterday", home, 400);
}

TEST_F(ReportsApiTest, DownloadsCsvWithAByteOrderMark) {
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  approve(push(30), cookie, csrf);
  const auto reply = call("GET", "/reports/table-2.2?format=csv&lang=km", cookie);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(reply.body.find("តារាង ២.២"), std::string::npos) << reply.body;
  EXPECT_NE(reply.headers.at("content-disposition").find("phum-table-2.2.csv"), std::string::npos);
  const auto htcds = call("GET", "/reports/htcds.csv", cookie);
  ASSERT_EQ(htcds.status, 200) << htcds.body;
  EXPECT_TRUE(
      htcds.body.starts_with("\xEF\xBB\xBF"
                             "phum_CaseId,con_Consent,prs_Gender,"))
      << htcds.body;
  EXPECT_NE(htcds.body.find(",MethodsOfControlWithholdsDocuments,"), std::string::npos);
  std::string homeCsrf;
  const std::string home = signIn("rev_home", homeCsrf);
  const std::string other = homeProvince_ == "01" ? "02" : "01";
  EXPECT_EQ(call("GET", "/reports/htcds.csv?province=" + other, home).status, 400);
  const auto chart = call("GET", "/reports/chart.js", cookie);
  EXPECT_EQ(chart.status, 200);
  EXPECT_NE(chart.body.find("Chart"), std::string::npos);
  EXPECT_EQ(chart.headers.at("cache-control"), "private, max-age=86400");
}

}  // namespace
}  // namespace phum::testing
