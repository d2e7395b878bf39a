// Likely duplicates end to end against a real phum-server: two registrations of one person
// (Khmer name without its space, Latin spelling in the other order, a year older) become one
// pair; reviewers of the pair's province list, compare and decide it, others cannot; a confirmed
// duplicate is counted once in the returnee report.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "console_fixture.h"
#include "core/uuid.h"
#include "returnee_pair.h"

namespace phum::testing {
namespace {

using nlohmann::json;
namespace v1 = phum::v1;

class DuplicatesApiTest : public ConsoleServerTest {
 protected:
  // Distinct returnees registered on kDay outside the home province (rev_home must not see them).
  std::vector<v1::Record> returnees(int count) {
    return makeReturnees(count, homeProvince_, false, kDay);
  }

  json pairs(const std::string& cookie, const std::string& query = "") {
    const auto reply = call("GET", "/duplicates" + query, cookie);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false)["pairs"];
  }

  json returneeTotal(const std::string& cookie) {
    const auto reply =
        call("GET", std::string("/reports/returnees?lang=en&from=") + kDay + "&to=" + kDay, cookie);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false)["sections"][0]["total"];
  }

  static constexpr const char* kDay = "2026-05-20";
};

TEST_F(DuplicatesApiTest, FindsTheSamePersonRegisteredTwiceAndCountsThemOnceWhenConfirmed) {
  auto records = returnees(7);
  records.push_back(registeredAgain(records[0]));
  pushAccepted(records);
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const json found = pairs(cookie);
  ASSERT_EQ(found.size(), 1u) << found.dump();
  const json& pair = found[0];
  const std::set<std::string> uuids = {pair["first"]["uuid"], pair["second"]["uuid"]};
  EXPECT_EQ(uuids, (std::set<std::string>{uuidOf(records[0]), uuidOf(records[7])}));
  EXPECT_EQ(pair["state"], "open");
  EXPECT_EQ(pair["formId"], "returnee_registration");
  EXPECT_GE(pair["score"].get<int>(), 80);
  EXPECT_NE(std::find(pair["rules"].begin(), pair["rules"].end(), "similar Khmer name"),
            pair["rules"].end())
      << pair.dump();
  EXPECT_EQ(pair.dump().find(answerText(records[0], "full_name")), std::string::npos)
      << "a pair carries record ids, never a name";

  for (const auto& record : records) {
    const auto reply = call("POST", "/records/" + uuidOf(record) + "/reviews", cookie, csrf,
                            R"({"revision":1,"decision":"approve"})");
    ASSERT_EQ(reply.status, 201) << reply.body;
  }
  EXPECT_EQ(returneeTotal(cookie), 8);

  const std::string decision = "/duplicates/" + std::to_string(pair["id"].get<int>()) + "/decision";
  auto reply = call("POST", decision, cookie, csrf, R"({"decision":"merge"})");
  EXPECT_EQ(reply.status, 400) << reply.body;
  reply = call("POST", decision, cookie, csrf, R"({"decision":"confirm"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json confirmed = json::parse(reply.body)["pair"];
  EXPECT_EQ(confirmed["state"], "confirmed");
  EXPECT_EQ(confirmed["reviewer"], "rev_national");
  EXPECT_GT(confirmed["decidedAtMs"].get<std::int64_t>(), 0);
  EXPECT_EQ(returneeTotal(cookie), 7) << "a confirmed duplicate is counted once";
  EXPECT_TRUE(pairs(cookie).empty()) << "only open pairs are listed by default";
  EXPECT_EQ(pairs(cookie, "?state=confirmed").size(), 1u);

  // A mistaken confirm can be corrected: dismissed, the person counts twice again.
  reply = call("POST", decision, cookie, csrf, R"({"decision":"dismiss"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(returneeTotal(cookie), 8);

  const auto audit = tools::runAdmin(server_->dataDir(), {"audit", "list"});
  EXPECT_NE(audit.out.find("duplicate_confirmed"), std::string::npos) << audit.out << audit.err;
  EXPECT_NE(audit.out.find("duplicate_dismissed"), std::string::npos) << audit.out;
}

TEST_F(DuplicatesApiTest, OnlyReviewersOfThePairsAreaSeeAndDecideIt) {
  auto records = returnees(1);
  records.push_back(registeredAgain(records[0]));
  pushAccepted(records);
  std::string csrf;
  const std::string national = signIn("rev_national", csrf);
  const json found = pairs(national);
  ASSERT_EQ(found.size(), 1u) << found.dump();
  const std::string decision =
      "/duplicates/" + std::to_string(found[0]["id"].get<int>()) + "/decision";

  std::string homeCsrf;
  const std::string home = signIn("rev_home", homeCsrf);
  EXPECT_TRUE(pairs(home).empty()) << "the pair's records are outside rev_home's province";
  EXPECT_EQ(call("POST", decision, home, homeCsrf, R"({"decision":"confirm"})").status, 404);

  std::string adminCsrf;
  const std::string admin = signIn("admin1", adminCsrf);
  EXPECT_EQ(call("GET", "/duplicates", admin).status, 403) << "deciding needs the names";
  EXPECT_EQ(call("POST", decision, admin, adminCsrf, R"({"decision":"confirm"})").status, 403);
  EXPECT_EQ(pairs(national)[0]["state"], "open");
}

// Two people who only share a name and village (a brother and sister) are not a pair.
TEST_F(DuplicatesApiTest, NamesakesOfTheOtherSexAreNotPaired) {
  auto records = returnees(1);
  v1::Record namesake = registeredAgain(records[0]);
  auto* sex = answerValue(namesake, "sex");
  sex->set_text(sex->text() == "male" ? "female" : "male");
  records.push_back(namesake);
  pushAccepted(records);
  std::string csrf;
  EXPECT_TRUE(pairs(signIn("rev_national", csrf)).empty());
}

}  // namespace
}  // namespace phum::testing
