// The reports API against a real phum-server: approved records only, small counts withheld,
// the caller's scope enforced, CSV with a byte-order mark.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "console_fixture.h"
#include "core/uuid.h"
#include "household.h"
#include "phum/v1/sync.pb.h"

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
  for (const char* key : {"table-2.2", "table-2.3", "returnees", "trafficking", "complaints"}) {
    const json other = report(std::string("/reports/") + key + "?lang=km", cookie);
    EXPECT_EQ(other["key"], key);
    expectNoSmallCount(other);
  }
  const json profile = report("/reports/table-2.3?lang=en", cookie);
  EXPECT_EQ(profile["sections"][0]["key"], "ageband");
  EXPECT_EQ(profile["sections"][0]["total"], 60) << "every approved household has one migrant";
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
  const auto chart = call("GET", "/reports/chart.js", cookie);
  EXPECT_EQ(chart.status, 200);
  EXPECT_NE(chart.body.find("Chart"), std::string::npos);
}

}  // namespace
}  // namespace phum::testing
