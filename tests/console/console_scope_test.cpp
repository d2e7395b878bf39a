// A reviewer of one province reaches nothing of another province through any console call: list,
// open, compare, decide, export, fetch a photo, browse places. The table below has a row per
// console route; a test reads the console's API sources and fails for a path a row does not
// cover, so a new route cannot arrive without saying how its scope is checked.
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "console_photo_fixture.h"
#include "export_reader.h"
#include "returnee_pair.h"

namespace phum::testing {
namespace {

using nlohmann::json;

struct Route {
  std::string name;
  std::vector<std::string> paths;  // the path literals of console_*.cpp this row covers
  // Checks, as the home-province reviewer, that the route gives nothing of the other province.
  std::function<void(ConsolePhotoTest&, const std::string& cookie, const std::string& csrf)> check;
};

// Paths that carry no record data, and why.
const std::map<std::string, std::string> kNotRecordData = {
    {"/session", "the caller's own session"},
    {"/forms", "published forms, the same for every province"},
    {"/users", "administrator only (role checked in console_api_test)"},
    {"/users/", "administrator only"},
    {"/devices", "administrator only"},
    {"/devices/enrolment-codes", "administrator only"},
    {"/devices/", "administrator only (console_admin_api_test)"},
    {"/revoke", "administrator only"},
    {"/forms/check", "administrator only: a workbook's compiler messages"},
    {"/refdata", "administrator only: reference data, the same for every province"},
    {"/refdata/", "administrator only"},
    {"/users/sokha", "an example in a comment"},
};

std::string everyZipEntry(const std::string& archive) {
  std::string all;
  for (const auto& [name, bytes] : unzip(archive)) all += bytes;
  return all;
}

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"GET /records (the queue)",
       {"/records"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const std::string& query :
              std::vector<std::string>{"?limit=200", "?limit=200&place=" + t.otherProvince(),
                                       "?limit=200&author=enumerator01", "?limit=200&state=new"}) {
           const auto reply = t.call("GET", "/records" + query, cookie);
           ASSERT_EQ(reply.status, 200) << query;
           for (const auto& row : json::parse(reply.body)["records"]) {
             EXPECT_TRUE(row["locationCode"].get<std::string>().starts_with(t.homeProvince()))
                 << query << ": " << row;
           }
         }
       }},
      {"GET /records/{uuid}",
       {"/records/"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const auto& uuid : t.awayRecords()) {
           EXPECT_EQ(t.call("GET", "/records/" + uuid, cookie).status, 404);
           EXPECT_EQ(t.call("GET", "/records/" + uuid + "?revision=1&lang=en", cookie).status, 404);
         }
       }},
      {"GET /records/{uuid}/diff",
       {"/diff"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const auto& uuid : t.awayRecords()) {
           EXPECT_EQ(t.call("GET", "/records/" + uuid + "/diff?from=1&to=1", cookie).status, 404);
         }
       }},
      {"POST /records/{uuid}/reviews",
       {"/reviews"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string& csrf) {
         for (const auto& uuid : t.awayRecords()) {
           for (const char* body : {R"({"revision":1,"decision":"approve"})",
                                    R"({"revision":1,"decision":"return","comment":"x"})",
                                    R"({"revision":1,"decision":"reject","reason":"x"})"}) {
             EXPECT_EQ(t.call("POST", "/records/" + uuid + "/reviews", cookie, csrf, body).status,
                       404)
                 << body;
           }
         }
       }},
      {"GET /records/{uuid}/attachments/{name}",
       {"/attachments/"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const char* name : {"house.jpg", "id.jpg"}) {
           EXPECT_EQ(
               t.call("GET", "/records/" + t.awayPhotoRecord() + "/attachments/" + name, cookie)
                   .status,
               404);
         }
       }},
      {"GET /export",
       {"/export"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const std::string& query : std::vector<std::string>{
                  "", "?sensitive=1&lang=en", "?place=" + t.otherProvince(), "?form=photo_check"}) {
           const auto reply = t.call("GET", "/export" + query, cookie);
           ASSERT_EQ(reply.status, 200) << query;
           const std::string text = everyZipEntry(reply.body);
           for (const auto& uuid : t.awayRecords()) {
             EXPECT_EQ(text.find(uuid), std::string::npos) << query;
           }
         }
       }},
      {"GET /reports/{key}",
       {"/reports"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         for (const char* key :
              {"table-2.1", "table-2.2", "table-2.3", "returnees", "trafficking", "complaints"}) {
           const std::string path = std::string("/reports/") + key;
           EXPECT_EQ(t.call("GET", path + "?province=" + t.otherProvince(), cookie).status, 400)
               << key;
           EXPECT_EQ(
               t.call("GET", path + "?format=csv&province=" + t.otherProvince(), cookie).status,
               400)
               << key;
         }
       }},
      {"GET /duplicates, POST /duplicates/{id}/decision",
       {"/duplicates", "/duplicates/", "/decision"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string& csrf) {
         // A likely pair in the other province, which a national reviewer sees.
         auto away = makeReturnees(1, t.homeProvince(), false, "2026-05-20");
         away.push_back(registeredAgain(away[0]));
         t.pushAccepted(away);
         std::string nationalCsrf;
         const std::string national = t.signIn("rev_national", nationalCsrf);
         const auto all =
             json::parse(t.call("GET", "/duplicates?state=all", national).body)["pairs"];
         ASSERT_EQ(all.size(), 1u) << all;
         const std::string id = std::to_string(all[0]["id"].get<int>());
         for (const std::string& query : std::vector<std::string>{"", "?state=all", "?state=open",
                                                                  "?place=" + t.otherProvince()}) {
           const auto reply = t.call("GET", "/duplicates" + query, cookie);
           ASSERT_EQ(reply.status, 200) << query;
           EXPECT_TRUE(json::parse(reply.body)["pairs"].empty()) << query << reply.body;
         }
         for (const char* body : {R"({"decision":"confirm"})", R"({"decision":"dismiss"})"}) {
           EXPECT_EQ(t.call("POST", "/duplicates/" + id + "/decision", cookie, csrf, body).status,
                     404);
         }
         const auto after = json::parse(t.call("GET", "/duplicates", national).body)["pairs"];
         ASSERT_EQ(after.size(), 1u);
         EXPECT_EQ(after[0]["state"], "open") << "nothing was decided on the other province's pair";
       }},
      {"GET /places",
       {"/places"},
       [](ConsolePhotoTest& t, const std::string& cookie, const std::string&) {
         const auto top = json::parse(t.call("GET", "/places", cookie).body)["places"];
         ASSERT_EQ(top.size(), 1u);
         EXPECT_EQ(top[0]["code"], t.homeProvince());
         const auto other =
             json::parse(t.call("GET", "/places?parent=" + t.otherProvince(), cookie).body);
         EXPECT_TRUE(other["places"].empty()) << other;
       }},
  };
  return table;
}

// Every path literal ("/records", "/diff", ...) of the console's API sources.
std::set<std::string> consolePathLiterals() {
  std::set<std::string> paths;
  const std::regex literal("\"(/[A-Za-z0-9_/{}.-]*)\"");
  const std::filesystem::path api = std::filesystem::path(PHUM_SOURCE_DIR) / "sync-server" / "api";
  for (const auto& entry : std::filesystem::directory_iterator(api)) {
    const std::string file = entry.path().filename().string();
    if (!file.starts_with("console") || file == "console_static.cpp" || !file.ends_with(".cpp")) {
      continue;
    }
    std::ifstream in(entry.path());
    const std::string text(std::istreambuf_iterator<char>(in), {});
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      std::string path = (*it)[1];
      if (path.starts_with("/v1/console")) path = path.substr(std::string("/v1/console").size());
      if (!path.empty()) paths.insert(path);
    }
  }
  return paths;
}

TEST(ConsoleScopeTable, EveryConsoleRouteHasARow) {
  std::set<std::string> covered;
  for (const auto& route : routes()) covered.insert(route.paths.begin(), route.paths.end());
  const auto paths = consolePathLiterals();
  ASSERT_TRUE(paths.contains("/records")) << "the sources were not found";
  for (const auto& path : paths) {
    EXPECT_TRUE(covered.contains(path) || kNotRecordData.contains(path))
        << "console path \"" << path << "\" has no row in console_scope_test.cpp: add one that "
        << "checks a reviewer of another province gets nothing from it";
  }
}

TEST_F(ConsolePhotoTest, AReviewerOfOneProvinceGetsNothingOfAnotherThroughAnyConsoleRoute) {
  std::string csrf;
  const std::string home = signIn("rev_home", csrf);
  for (const auto& route : routes()) {
    SCOPED_TRACE(route.name);
    route.check(*this, home, csrf);
  }
  // Nothing was decided on the other province's records.
  std::string nationalCsrf;
  const std::string national = signIn("rev_national", nationalCsrf);
  for (const auto& uuid : awayRecords()) {
    const auto view = json::parse(call("GET", "/records/" + uuid, national).body);
    EXPECT_TRUE(view["reviews"].empty()) << view;
  }
}

}  // namespace
}  // namespace phum::testing
