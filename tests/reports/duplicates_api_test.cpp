// Likely duplicates end to end against a real phum-server: two registrations of one person
// (Khmer name without its space, Latin spelling in the other order, a year older) become one
// pair; reviewers of the pair's province list, compare and decide it, others cannot; a confirmed
// duplicate is counted once in the returnee report, and so is a group of them joined through
// shared records. A newer revision that no longer matches drops its open pair; the list pages.
#include <gtest/gtest.h>

#include <algorithm>
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

  void approveAll(const std::vector<v1::Record>& records, const std::string& cookie,
                  const std::string& csrf) {
    for (const auto& record : records) {
      const auto reply = call("POST", "/records/" + uuidOf(record) + "/reviews", cookie, csrf,
                              R"({"revision":1,"decision":"approve"})");
      ASSERT_EQ(reply.status, 201) << reply.body;
    }
  }

  int decide(const json& pair, const std::string& decision, const std::string& cookie,
             const std::string& csrf) {
    return call("POST", "/duplicates/" + std::to_string(pair["id"].get<int>()) + "/decision",
                cookie, csrf, R"({"decision":")" + decision + R"("})")
        .status;
  }

  // The listed pair of the two records, or null.
  static json pairOf(const json& list, const std::string& one, const std::string& other) {
    for (const auto& pair : list) {
      const std::set<std::string> uuids = {pair["first"]["uuid"], pair["second"]["uuid"]};
      if (uuids == std::set<std::string>{one, other}) return pair;
    }
    return nullptr;
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

// A correction that makes the second registration someone else (the other sex) drops the open
// pair; a pair a reviewer decided stays, marked as changed since the decision.
TEST_F(DuplicatesApiTest, ANewerRevisionThatNoLongerMatchesDropsItsOpenPairButKeepsDecisions) {
  auto records = returnees(2);
  records.push_back(registeredAgain(records[0]));
  records.push_back(registeredAgain(records[1]));
  pushAccepted(records);
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const json found = pairs(cookie);
  ASSERT_EQ(found.size(), 2u) << found.dump();
  const json decided = pairOf(found, uuidOf(records[1]), uuidOf(records[3]));
  ASSERT_FALSE(decided.is_null()) << found.dump();
  ASSERT_EQ(decide(decided, "confirm", cookie, csrf), 200);
  EXPECT_FALSE(pairs(cookie, "?state=confirmed")[0]["changedSinceDecision"].get<bool>());

  std::vector<v1::Record> corrections;
  for (const int i : {2, 3}) {
    v1::Record corrected = records[i];
    corrected.set_revision(2);
    auto* sex = answerValue(corrected, "sex");
    sex->set_text(sex->text() == "male" ? "female" : "male");
    corrections.push_back(corrected);
  }
  pushAccepted(corrections);
  EXPECT_TRUE(pairs(cookie).empty()) << "the open pair no longer matches: gone";
  const json kept = pairs(cookie, "?state=confirmed");
  ASSERT_EQ(kept.size(), 1u) << kept.dump();
  EXPECT_EQ(kept[0]["id"], decided["id"]);
  EXPECT_TRUE(kept[0]["changedSinceDecision"].get<bool>()) << kept.dump();
  const json& changed =
      kept[0]["first"]["uuid"] == uuidOf(records[3]) ? kept[0]["first"] : kept[0]["second"];
  EXPECT_EQ(changed["revision"], 1);
  EXPECT_EQ(changed["currentRevision"], 2);
}

// Three registrations of one person: A-C and B-C confirmed, A-B dismissed (or never decided).
// They are one person in the reports, counted once, whichever uuid is the smallest.
TEST_F(DuplicatesApiTest, RecordsJoinedThroughConfirmedPairsAreCountedOnce) {
  auto records = returnees(7);  // totals above the reports' suppression of small counts
  records.push_back(registeredAgain(records[0]));
  v1::Record third = records.back();
  third.set_uuid(Uuid::generate().toBytes());
  records.push_back(third);
  pushAccepted(records);
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  approveAll(records, cookie, csrf);
  EXPECT_EQ(returneeTotal(cookie), 9);

  // C is the largest uuid: confirming A-C and B-C alone once left out C only.
  std::vector<std::string> uuids = {uuidOf(records[0]), uuidOf(records[7]), uuidOf(records[8])};
  std::sort(uuids.begin(), uuids.end());
  const json found = pairs(cookie);
  ASSERT_EQ(found.size(), 3u) << found.dump();
  ASSERT_EQ(decide(pairOf(found, uuids[0], uuids[2]), "confirm", cookie, csrf), 200);
  EXPECT_EQ(returneeTotal(cookie), 8);
  ASSERT_EQ(decide(pairOf(found, uuids[1], uuids[2]), "confirm", cookie, csrf), 200);
  EXPECT_EQ(returneeTotal(cookie), 7) << "three registrations of one person count once";
  ASSERT_EQ(decide(pairOf(found, uuids[0], uuids[1]), "dismiss", cookie, csrf), 200);
  EXPECT_EQ(returneeTotal(cookie), 7) << "the dismissed pair does not split the group";

  // Undoing one confirm takes that record out of the group again.
  ASSERT_EQ(decide(pairOf(found, uuids[0], uuids[2]), "dismiss", cookie, csrf), 200);
  EXPECT_EQ(returneeTotal(cookie), 8);
}

// Five pairs, two a page: the next pages walk down to the oldest, the previous one back up, and
// each record's place is named from the gazetteer.
TEST_F(DuplicatesApiTest, PairsArePagedNewestFirstAndNameTheirPlaces) {
  auto records = returnees(5);
  for (int i = 0; i < 5; ++i) records.push_back(registeredAgain(records[i]));
  pushAccepted(records);
  std::string csrf;
  const std::string cookie = signIn("rev_national", csrf);
  const json all = pairs(cookie);
  ASSERT_EQ(all.size(), 5u) << all.dump();
  const auto page = [&](const std::string& query) {
    const auto reply = call("GET", "/duplicates?limit=2&lang=en" + query, cookie);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false);
  };
  const auto ids = [](const json& list) {
    std::vector<int> out;
    for (const auto& pair : list["pairs"]) out.push_back(pair["id"]);
    return out;
  };
  const json first = page("");
  EXPECT_EQ(ids(first), (std::vector<int>{all[0]["id"], all[1]["id"]}));
  EXPECT_TRUE(first["previous"].is_null());
  const json second = page("&before=" + first["next"].dump());
  EXPECT_EQ(ids(second), (std::vector<int>{all[2]["id"], all[3]["id"]}));
  const json last = page("&before=" + second["next"].dump());
  EXPECT_EQ(ids(last), (std::vector<int>{all[4]["id"]}));
  EXPECT_TRUE(last["next"].is_null());
  const json back = page("&after=" + last["previous"].dump());
  EXPECT_EQ(ids(back), ids(second));
  const json top = page("&after=" + back["previous"].dump());
  EXPECT_EQ(ids(top), ids(first));
  EXPECT_TRUE(top["previous"].is_null());
  EXPECT_FALSE(top["next"].is_null());

  const json& place = first["pairs"][0]["first"];
  EXPECT_FALSE(place["placeName"].get<std::string>().empty());
  EXPECT_NE(place["placeName"], place["locationCode"]) << place.dump();
  for (const char* bad : {"?limit=0", "?limit=201", "?before=x", "?after=-1"}) {
    EXPECT_EQ(call("GET", std::string("/duplicates") + bad, cookie).status, 400) << bad;
  }
}

}  // namespace
}  // namespace phum::testing
