// The console's JSON API on a real phum-server: cookie sessions and CSRF, the queue with keyset
// pages and the caller's geographic scope on every call, the labelled record view, decisions kept
// as rows of their own (a pruned change feed loses none).
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "console_fixture.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {
namespace {

using nlohmann::json;

json body(const HttpResponse& reply) { return json::parse(reply.body, nullptr, false); }

TEST_F(ConsoleServerTest, SignInGivesAnHttpOnlyStrictCookieAndOnlyToConsoleRoles) {
  const auto wrong = httpRequest("POST", server_->url() + "/v1/console/session",
                                 R"({"username":"rev_home","password":"nope"})",
                                 {"Content-Type: application/json"});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(body(wrong)["code"], "sign_in_failed");
  const auto field = httpRequest("POST", server_->url() + "/v1/console/session",
                                 R"({"username":"enum1","password":")" + kConsolePassword + "\"}",
                                 {"Content-Type: application/json"});
  EXPECT_EQ(field.status, 403);
  EXPECT_EQ(body(field)["code"], "role_not_allowed");

  const auto ok = httpRequest("POST", server_->url() + "/v1/console/session",
                              R"({"username":"rev_home","password":")" + kConsolePassword + "\"}",
                              {"Content-Type: application/json"});
  ASSERT_EQ(ok.status, 200) << ok.body;
  const std::string cookie = ok.headers.at("set-cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(body(ok)["user"]["role"], "reviewer");

  std::string csrf;
  const std::string session = signIn("rev_home", csrf);
  EXPECT_EQ(call("GET", "/session", session).status, 200);
  EXPECT_EQ(call("GET", "/session", "phum_console=forged").status, 401);
  // A mutating call without the CSRF header, or from another origin, is refused.
  EXPECT_EQ(call("DELETE", "/session", session).status, 403);
  auto foreign =
      httpRequest("DELETE", server_->url() + "/v1/console/session", {},
                  {"Cookie: " + session, "X-Phum-CSRF: " + csrf, "Origin: http://evil.example"});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(call("DELETE", "/session", session, csrf).status, 204);
  EXPECT_EQ(call("GET", "/session", session).status, 401);
}

TEST_F(ConsoleServerTest, QueuePagesWithAKeysetCursorWithinTheCallersScope) {
  std::string csrf;
  const std::string national = signIn("rev_national", csrf);
  const auto all = body(call("GET", "/records", national));
  ASSERT_EQ(all["records"].size(), records_.size());
  const auto first = body(call("GET", "/records?limit=2", national));
  ASSERT_EQ(first["records"].size(), 2u);
  ASSERT_TRUE(first["next"].is_string());
  const auto second =
      body(call("GET", "/records?limit=2&after=" + first["next"].get<std::string>(), national));
  ASSERT_EQ(second["records"].size(), 2u);
  EXPECT_EQ(second["records"][0]["uuid"], all["records"][2]["uuid"]);
  EXPECT_EQ(call("GET", "/records?after=garbage!", national).status, 400);

  const std::string home = signIn("rev_home", csrf);
  const auto mine = body(call("GET", "/records", home));
  EXPECT_EQ(mine["records"].size(), records_.size() - 1);
  for (const auto& row : mine["records"]) {
    EXPECT_TRUE(row["locationCode"].get<std::string>().starts_with(homeProvince_)) << row;
    EXPECT_EQ(row["state"], "new");
    EXPECT_EQ(row["formTitle"].get<std::string>().empty(), false);
  }
  const std::string otherProvince = records_.back().location_code().substr(0, 2);
  EXPECT_TRUE(body(call("GET", "/records?place=" + otherProvince, home))["records"].empty());
  const auto places = body(call("GET", "/places", home))["places"];
  ASSERT_EQ(places.size(), 1u);
  EXPECT_EQ(places[0]["code"], homeProvince_);
}

// The date (YYYY-MM-DD) in Cambodia (UTC+7) of a received time, as the "to" filter reads it.
std::string cambodianDay(std::int64_t ms) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_time<milliseconds>(milliseconds(ms) + hours(7)));
  const year_month_day date(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

// "to" (its whole day) with the cursor: pages of one list every record up to that day once, in
// order; a cursor from the unfiltered queue lists nothing after an earlier "to".
TEST_F(ConsoleServerTest, TheToDatePagedWithTheCursorListsEachRecordOnce) {
  std::string csrf;
  const std::string national = signIn("rev_national", csrf);
  const auto all = body(call("GET", "/records", national))["records"];
  ASSERT_GE(all.size(), 3u);
  std::vector<std::string> expected, paged;
  for (const auto& row : all) expected.push_back(row["uuid"]);
  const std::string to = cambodianDay(all[0]["receivedAtMs"].get<std::int64_t>());
  std::string next;
  for (std::size_t page = 0; page <= all.size(); ++page) {
    const auto reply = body(call(
        "GET", "/records?limit=1&to=" + to + (next.empty() ? "" : "&after=" + next), national));
    for (const auto& row : reply["records"]) paged.push_back(row["uuid"]);
    if (!reply["next"].is_string()) break;
    next = reply["next"];
  }
  EXPECT_EQ(paged, expected);

  const std::string before =
      cambodianDay(all.back()["receivedAtMs"].get<std::int64_t>() - 24LL * 3600 * 1000);
  EXPECT_TRUE(body(call("GET", "/records?to=" + before, national))["records"].empty());
  const auto first = body(call("GET", "/records?limit=1", national));
  ASSERT_TRUE(first["next"].is_string());
  const auto later = body(call(
      "GET", "/records?to=" + before + "&after=" + first["next"].get<std::string>(), national));
  EXPECT_TRUE(later["records"].empty()) << later;
}

TEST_F(ConsoleServerTest, RecordViewIsLabelledFromItsFormVersionWithRepeatsAsTables) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  const std::string uuid = uuidOf(records_[0]);
  const auto english = body(call("GET", "/records/" + uuid + "?lang=en", home));
  const auto khmer = body(call("GET", "/records/" + uuid + "?lang=km", home));
  ASSERT_TRUE(english["items"].is_array()) << english;
  bool members = false;
  for (const auto& item : english["items"]) {
    if (item["kind"] == "repeat" && !item["rows"].empty()) members = true;
  }
  EXPECT_TRUE(members) << english["items"].dump();
  EXPECT_NE(english["items"].dump(), khmer["items"].dump());
  EXPECT_EQ(english["revision"], 1);
  EXPECT_EQ(english["canReview"], true);
}

TEST_F(ConsoleServerTest, AReviewerOfOneProvinceCannotReachAnotherProvincesRecord) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  EXPECT_EQ(call("GET", "/records/" + otherUuid_, home).status, 404);
  EXPECT_EQ(call("GET", "/records/" + otherUuid_ + "/diff?from=1&to=1", home).status, 404);
  const auto decided = call("POST", "/records/" + otherUuid_ + "/reviews", home, csrf,
                            R"({"revision":1,"decision":"approve"})");
  EXPECT_EQ(decided.status, 404);
  const auto homeQueue = body(call("GET", "/records?limit=200", home));
  for (const auto& row : homeQueue["records"]) {
    EXPECT_NE(row["uuid"], otherUuid_);
  }
  std::string nationalCsrf;
  const std::string national = signIn("rev_national", nationalCsrf);
  EXPECT_EQ(call("GET", "/records/" + otherUuid_, national).status, 200);
}

TEST_F(ConsoleServerTest, ReturnThenApproveTheCorrectionAndPruningKeepsTheDecisions) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  const std::string uuid = uuidOf(records_[0]);
  auto invalid = call("POST", "/records/" + uuid + "/reviews", home, csrf,
                      R"({"revision":1,"decision":"return"})");
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  auto returned = call("POST", "/records/" + uuid + "/reviews", home, csrf,
                       R"({"revision":1,"decision":"return","comment":"check the ages",)"
                       R"("notes":[{"field":"hh_size","text":"count again"}]})");
  ASSERT_EQ(returned.status, 201) << returned.body;
  EXPECT_EQ(body(returned)["state"], "returned");
  EXPECT_EQ(body(call("GET", "/records?state=returned", home))["records"].size(), 1u);

  // The author sends a correction: revision 2.
  auto corrected = records_[0];
  corrected.set_revision(2);
  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  *batch.add_records() = corrected;
  ASSERT_EQ(httpRequest("POST", server_->url() + "/v1/push", batch.SerializeAsString(),
                        {"Content-Type: application/x-protobuf"})
                .status,
            200);
  const auto view = body(call("GET", "/records/" + uuid, home));
  EXPECT_EQ(view["state"], "corrected");
  EXPECT_EQ(view["revisions"].size(), 2u);
  EXPECT_EQ(call("POST", "/records/" + uuid + "/reviews", home, csrf,
                 R"({"revision":1,"decision":"approve"})")
                .status,
            409);
  auto approved = call("POST", "/records/" + uuid + "/reviews", home, csrf,
                       R"({"revision":2,"decision":"approve"})");
  ASSERT_EQ(approved.status, 201) << approved.body;
  EXPECT_EQ(body(approved)["state"], "approved");

  const auto pruned =
      tools::runAdmin(server_->dataDir(), {"changes", "prune", "--through", "100000"});
  ASSERT_EQ(pruned.exitCode, 0) << pruned.err;
  const auto after = body(call("GET", "/records/" + uuid + "?lang=en", home));
  ASSERT_EQ(after["reviews"].size(), 2u) << after;
  EXPECT_EQ(after["reviews"][0]["decision"], "return");
  EXPECT_EQ(after["reviews"][0]["notes"][0]["field"], "hh_size");
  EXPECT_EQ(after["reviews"][1]["decision"], "approve");
  EXPECT_EQ(after["state"], "approved");
}

TEST_F(ConsoleServerTest, AnAdministratorCreatesAUserAndAnEnrolmentCodeAndOnlyAnAdministrator) {
  std::string reviewerCsrf;
  const std::string reviewer = signIn("rev_national", reviewerCsrf);
  EXPECT_EQ(call("GET", "/users", reviewer).status, 403);
  EXPECT_EQ(
      call("POST", "/devices/enrolment-codes", reviewer, reviewerCsrf, R"({"name":"x"})").status,
      403);

  std::string csrf;
  const std::string admin = signIn("admin1", csrf);
  const auto created = call("POST", "/users", admin, csrf,
                            R"({"username":"sokha","displayName":"Sokha","role":"reviewer",)"
                            R"("scope":")" +
                                homeProvince_ + R"(","password":")" + kConsolePassword + R"("})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto bad = call("POST", "/users", admin, csrf,
                        R"({"username":"x","role":"reviewer","scope":"9","password":"short"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  bool listed = false;
  const auto users = body(call("GET", "/users", admin));
  for (const auto& user : users["users"]) {
    if (user["username"] == "sokha") listed = true;
  }
  EXPECT_TRUE(listed);
  std::string sokhaCsrf;
  EXPECT_FALSE(signIn("sokha", sokhaCsrf).empty());

  const auto code = call("POST", "/devices/enrolment-codes", admin, csrf, R"({"name":"Poipet 1"})");
  ASSERT_EQ(code.status, 201) << code.body;
  EXPECT_EQ(body(code)["code"].get<std::string>().empty(), false);
  EXPECT_EQ(call("PATCH", "/users/sokha", admin, csrf, R"({"disabled":true})").status, 200);
  const auto disabled =
      httpRequest("POST", server_->url() + "/v1/console/session",
                  R"({"username":"sokha","password":")" + kConsolePassword + "\"}",
                  {"Content-Type: application/json"});
  EXPECT_EQ(disabled.status, 401);
}

}  // namespace
}  // namespace phum::testing
