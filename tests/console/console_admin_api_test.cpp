// The console's administration API on a real phum-server: administrators only on every call;
// users edited, reset, disabled and enabled; enrolment codes with their QR code that a tablet
// really enrols with, last contact and revocation; form uploads answered with exactly the lines
// `phum-admin forms check` prints; reference data imports that say what changed.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "console_fixture.h"
#include "phum/v1/account.pb.h"

namespace phum::testing {
namespace {

using nlohmann::json;

json body(const HttpResponse& reply) { return json::parse(reply.body, nullptr, false); }

std::string sourceFile(const std::string& relative) {
  std::ifstream in(std::string(PHUM_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  EXPECT_FALSE(bytes.str().empty()) << relative;
  return bytes.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class ConsoleAdminTest : public ConsoleServerTest {
 protected:
  void SetUp() override {
    ConsoleServerTest::SetUp();
    admin_ = signIn("admin1", csrf_);
  }
  HttpResponse upload(const std::string& path, const std::string& bytes,
                      const std::string& contentType) {
    return httpRequest("POST", server_->url() + "/v1/console" + path, bytes,
                       {"Cookie: " + admin_, "X-Phum-CSRF: " + csrf_, "Accept: application/json",
                        "Content-Type: " + contentType});
  }
  int consoleSignIn(const std::string& username, const std::string& password) {
    return static_cast<int>(httpRequest("POST", server_->url() + "/v1/console/session",
                                        json{{"username", username}, {"password", password}}.dump(),
                                        {"Content-Type: application/json"})
                                .status);
  }
  std::string admin_;
  std::string csrf_;
};

struct AdminCall {
  std::string method;
  std::string path;
  std::string body;
};

const std::vector<AdminCall> kAdminCalls = {
    {"GET", "/users", ""},
    {"POST", "/users",
     R"({"username":"x1","role":"reviewer","scope":"national","password":"long-enough"})"},
    {"PATCH", "/users/rev_home", R"({"disabled":true})"},
    {"GET", "/devices", ""},
    {"POST", "/devices/enrolment-codes", R"({"name":"tablet"})"},
    {"POST", "/devices/dev-0/revoke", "{}"},
    {"POST", "/forms/check?name=f.xlsx", "PK"},
    {"POST", "/forms?name=f.xlsx", "PK"},
    {"GET", "/refdata", ""},
    {"POST", "/refdata/agencies", "licence\n"},
};

TEST_F(ConsoleAdminTest, EveryAdministrationCallIs403ForAReviewerAnd401WithoutASession) {
  std::string reviewerCsrf;
  const std::string reviewer = signIn("rev_national", reviewerCsrf);
  for (const auto& c : kAdminCalls) {
    const auto refused = call(c.method, c.path, reviewer, reviewerCsrf, c.body);
    EXPECT_EQ(refused.status, 403) << c.method << " " << c.path << ": " << refused.body;
    EXPECT_EQ(body(refused)["code"], "role_not_allowed") << c.path;
    EXPECT_NE(body(refused)["message"].get<std::string>().find("only an administrator"),
              std::string::npos);
    const auto anonymous = httpRequest(c.method, server_->url() + "/v1/console" + c.path, c.body,
                                       {"Content-Type: application/json"});
    EXPECT_EQ(anonymous.status, 401) << c.method << " " << c.path << ": " << anonymous.body;
    EXPECT_EQ(body(anonymous)["code"], "sign_in_required") << c.path;
  }
  // Nothing was changed by the refused calls.
  EXPECT_EQ(consoleSignIn("rev_home", kConsolePassword), 200);
}

TEST_F(ConsoleAdminTest, AnAdministratorEditsResetsDisablesAndEnablesAUser) {
  const auto created = call("POST", "/users", admin_, csrf_,
                            json{{"username", "sokha"},
                                 {"role", "reviewer"},
                                 {"scope", homeProvince_},
                                 {"password", kConsolePassword}}
                                .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto again = call("POST", "/users", admin_, csrf_, created.body.empty() ? "" : R"({
    "username":"sokha","role":"reviewer","scope":"national","password":"another-pass"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body(again)["code"], "user_exists");

  std::string sokhaCsrf;
  const std::string sokha = signIn("sokha", sokhaCsrf);
  ASSERT_EQ(call("GET", "/session", sokha).status, 200);
  // A new area ends the user's sessions: they sign in again and get it.
  const auto moved =
      call("PATCH", "/users/sokha", admin_, csrf_, R"({"scope":"national","role":"reviewer"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(body(moved)["scope"], "national");
  EXPECT_EQ(call("GET", "/session", sokha).status, 401);

  for (const std::string& bad :
       {std::string(R"({"scope":"9"})"), std::string(R"({"role":"boss"})"),
        std::string(R"({"password":"short"})"), std::string(R"({"colour":"red"})")}) {
    const auto refused = call("PATCH", "/users/sokha", admin_, csrf_, bad);
    EXPECT_EQ(refused.status, 400) << bad << ": " << refused.body;
    EXPECT_FALSE(body(refused)["message"].get<std::string>().empty());
  }
  EXPECT_EQ(call("PATCH", "/users/nobody", admin_, csrf_, R"({"disabled":true})").status, 404);
  const auto self = call("PATCH", "/users/admin1", admin_, csrf_, R"({"disabled":true})");
  EXPECT_EQ(self.status, 400);
  EXPECT_NE(self.body.find("your own account"), std::string::npos);

  const auto reset =
      call("PATCH", "/users/sokha", admin_, csrf_, R"({"password":"a-new-password-26"})");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(consoleSignIn("sokha", kConsolePassword), 401);
  EXPECT_EQ(consoleSignIn("sokha", "a-new-password-26"), 200);

  ASSERT_EQ(call("PATCH", "/users/sokha", admin_, csrf_, R"({"disabled":true})").status, 200);
  EXPECT_EQ(consoleSignIn("sokha", "a-new-password-26"), 401);
  const auto enabled = call("PATCH", "/users/sokha", admin_, csrf_, R"({"disabled":false})");
  ASSERT_EQ(enabled.status, 200);
  EXPECT_EQ(body(enabled)["disabled"], false);
  EXPECT_EQ(consoleSignIn("sokha", "a-new-password-26"), 200);
  const json users = body(call("GET", "/users", admin_));
  for (const auto& user : users["users"]) {
    if (user["username"] == "sokha") {
      EXPECT_EQ(user["disabled"], false);
    }
  }
}

TEST_F(ConsoleAdminTest, FormUploadsAnswerWithTheLinesPhumAdminPrints) {
  for (const std::string relative :
       {"tests/forms/corpus/hotosm/Camping.xlsx", "tests/forms/data/htcds_xlsform.xlsx"}) {
    const std::string name = relative.substr(relative.rfind('/') + 1);
    const auto checked =
        upload("/forms/check?name=" + name, sourceFile(relative),
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    ASSERT_EQ(checked.status, 200) << checked.body;
    // phum-admin prints the same file's lines on stderr (its summary goes to stdout).
    const auto cli =
        tools::runAdmin("", {"forms", "check", std::string(PHUM_SOURCE_DIR) + "/" + relative});
    EXPECT_EQ(body(checked)["messages"].get<std::vector<std::string>>(), lines(cli.err)) << name;
    EXPECT_EQ(body(checked)["ok"], cli.exitCode == 0) << name;
  }
  const auto broken = upload("/forms?name=Camping.xlsx",
                             sourceFile("tests/forms/corpus/hotosm/Camping.xlsx"), "text/plain");
  EXPECT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(body(broken)["code"], "form_has_errors");
  EXPECT_NE(body(broken)["message"].get<std::string>().find("nothing was published"),
            std::string::npos);

  const std::string good = sourceFile("tests/forms/data/htcds_xlsform.xlsx");
  const auto published = upload("/forms?name=htcds_xlsform.xlsx", good, "text/plain");
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(body(published)["published"], true);
  EXPECT_EQ(body(published)["formId"], "htcds_xlsform");
  bool listed = false;
  const json forms = body(call("GET", "/forms", admin_));
  for (const auto& form : forms["forms"]) {
    if (form["formId"] == "htcds_xlsform") listed = true;
  }
  EXPECT_TRUE(listed) << forms;
  const auto twice = upload("/forms?name=htcds_xlsform.xlsx", good, "text/plain");
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(body(twice)["published"], false);

  const auto garbage = upload("/forms/check?name=notes.xlsx", "not a workbook", "text/plain");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(body(garbage)["code"], "form_unreadable");
  EXPECT_NE(body(garbage)["message"].get<std::string>().find("notes.xlsx"), std::string::npos);
}

TEST_F(ConsoleAdminTest, ReferenceDataImportSaysWhatChanged) {
  const std::string agencies = sourceFile("data/reference/agencies.csv");
  const auto unchanged = upload("/refdata/agencies", agencies, "text/csv");
  ASSERT_EQ(unchanged.status, 200) << unchanged.body;
  EXPECT_EQ(body(unchanged)["summary"].get<std::string>().find("agencies: unchanged"), 0u);

  // Drop the first agency, rename the second, add one.
  auto rows = lines(agencies);
  ASSERT_GE(rows.size(), 3u);
  const std::string dropped = rows[1].substr(0, rows[1].find(','));
  const std::string renamed = rows[2].substr(0, rows[2].find(','));
  rows[2].replace(rows[2].find(',') + 1, 0, "Renamed ");
  rows.erase(rows.begin() + 1);
  rows.push_back("SAMPLE-0999,Added Agency (sample),ក្រុមហ៊ុន បន្ថែម,no,12");
  std::string edited;
  for (const auto& row : rows) edited += row + "\n";
  const auto changed = upload("/refdata/agencies", edited, "text/csv");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto answer = body(changed);
  EXPECT_EQ(answer["added"], json::array({"SAMPLE-0999"}));
  EXPECT_EQ(answer["changed"], json::array({renamed}));
  EXPECT_EQ(answer["removed"], json::array({dropped}));
  EXPECT_NE(answer["summary"].get<std::string>().find("1 added, 1 changed, 1 deleted"),
            std::string::npos);
  bool listed = false;
  const json datasets = body(call("GET", "/refdata", admin_));
  for (const auto& dataset : datasets["datasets"]) {
    if (dataset["name"] == "agencies") listed = dataset["rows"] == rows.size() - 1;
  }
  EXPECT_TRUE(listed) << datasets;

  const auto invalid =
      upload("/refdata/agencies", "licence,name_en\nX-1,Only a name\n", "text/csv");
  EXPECT_EQ(invalid.status, 422) << invalid.body;
  EXPECT_FALSE(body(invalid)["issues"].empty());
  EXPECT_EQ(upload("/refdata/planets", "code\n", "text/csv").status, 400);
}

// A server that checks devices (not --open): an enrolment code from the console enrols a real
// tablet, which then shows with its last contact and can be revoked.
TEST(ConsoleDevicesTest, AnEnrolmentCodeEnrolsATabletThatShowsItsLastContactAndIsRevoked) {
  tools::TempDir dir("phum-console-devices");
  tools::ServerProcess server(tools::phumServerBinary(), dir.file("server"), {},
                              tools::ServerMode::AsGiven);
  const auto added = tools::runAdmin(
      server.dataDir(),
      {"users", "add", "--username", "admin1", "--role", "administrator", "--scope", "national"},
      kConsolePassword + "\n");
  ASSERT_EQ(added.exitCode, 0) << added.err;
  server.start();
  const auto session =
      httpRequest("POST", server.url() + "/v1/console/session",
                  json{{"username", "admin1"}, {"password", kConsolePassword}}.dump(),
                  {"Content-Type: application/json"});
  ASSERT_EQ(session.status, 200) << session.body;
  const std::string cookie =
      session.headers.at("set-cookie").substr(0, session.headers.at("set-cookie").find(';'));
  const std::string csrf = body(session)["csrfToken"];
  const std::vector<std::string> headers = {"Cookie: " + cookie, "X-Phum-CSRF: " + csrf,
                                            "Content-Type: application/json"};
  const auto code = httpRequest("POST", server.url() + "/v1/console/devices/enrolment-codes",
                                R"({"name":"Poipet 1"})", headers);
  ASSERT_EQ(code.status, 201) << code.body;
  EXPECT_TRUE(body(code)["qrSvg"].get<std::string>().starts_with("<svg"));
  EXPECT_EQ(body(code)["payload"], "phum:enroll?code=" + body(code)["code"].get<std::string>());

  phum::v1::EnrollRequest enroll;
  enroll.set_enrollment_code(body(code)["code"]);
  const auto enrolled =
      httpRequest("POST", server.url() + "/v1/devices/enroll", enroll.SerializeAsString(),
                  {"Content-Type: application/x-protobuf"});
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  phum::v1::EnrollResponse device;
  ASSERT_TRUE(device.ParseFromString(enrolled.body));
  const std::string deviceHeader =
      "X-Phum-Device: " + device.device_id() + "." + device.device_secret();
  phum::v1::SignInRequest signIn;
  signIn.set_username("admin1");
  signIn.set_password("wrong password");
  const auto contact = [&] {
    return httpRequest("POST", server.url() + "/v1/sessions", signIn.SerializeAsString(),
                       {"Content-Type: application/x-protobuf", deviceHeader});
  };
  EXPECT_EQ(contact().status, 401);  // the device is known; the password is wrong

  const auto listed = body(httpRequest("GET", server.url() + "/v1/console/devices", {}, headers));
  ASSERT_EQ(listed["devices"].size(), 1u) << listed;
  EXPECT_EQ(listed["devices"][0]["name"], "Poipet 1");
  EXPECT_TRUE(listed["devices"][0]["lastContactAtMs"].is_number()) << listed;

  const auto revoked =
      httpRequest("POST", server.url() + "/v1/console/devices/" + device.device_id() + "/revoke",
                  "{}", headers);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(contact().status, 403);
  const auto after = body(httpRequest("GET", server.url() + "/v1/console/devices", {}, headers));
  EXPECT_TRUE(after["devices"][0]["revokedAtMs"].is_number());
  EXPECT_EQ(httpRequest("POST", server.url() + "/v1/console/devices/dev-none/revoke", "{}", headers)
                .status,
            404);
}

}  // namespace
}  // namespace phum::testing
