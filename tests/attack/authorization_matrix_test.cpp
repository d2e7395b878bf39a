// The authorization matrix (issue 14): every endpoint of phum-server, sync (/v1/...) and console
// (/v1/console/...), against every way a caller may not be allowed: no credentials, a revoked
// tablet, a disabled user, a session presented by another tablet (or a tablet's session presented
// as a console cookie), the wrong role, another province's data, an expired session. Each cell is
// sent to a real server over real HTTP and must be answered 401/403 with no record data, unless
// the row says why not (and then what it answers instead: the other province's record hidden as
// 404, filtered out of a list, or refused in the push's ack). A legit call per row shows the
// request reaches its endpoint, so a refusal is not an accident of a malformed request.
//
// The rows are checked against the server's route table (sync-server/api/endpoints.h), which the
// server enforces: every (method, path) there must have a row, so a new endpoint, or a new method
// on an existing path, without a row fails EveryEndpointOfTheRouteTableHasARow. Runs on both
// backends.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>

#include "api/endpoints.h"
#include "export_reader.h"
#include "matrix_world.h"
#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "phum/v1/sync.pb.h"

namespace phum::testing {
namespace {

using nlohmann::json;

enum class Kind {
  Refused,        // 401 or 403, no record data (the default of every cell)
  Hidden,         // other province: 400/404, or 2xx without the other province's data
  NotApplicable,  // the scenario cannot arise at this endpoint; `why` says so
};

struct Cell {
  Kind kind = Kind::Refused;
  std::string why;
};

struct Row {
  std::string name;
  std::vector<std::string> endpoints;  // entries of the route table this row covers ("GET /x")
  std::function<Call(const MatrixWorld&, Scenario)> build;
  std::map<Scenario, Cell> exceptions;  // the cells that are not Refused, each with its reason
  // More checks of a Hidden answer (beyond "nothing of the other province in the body").
  std::function<void(const MatrixWorld&, const HttpResponse&)> hiddenCheck = {};
};

Cell na(std::string why) { return {Kind::NotApplicable, std::move(why)}; }
Cell hidden(std::string why) { return {Kind::Hidden, std::move(why)}; }

const std::string kProtobuf = "Content-Type: application/x-protobuf";

Call syncCall(const MatrixWorld& w, Scenario s, std::string method, std::string path,
              std::string body = {}, std::vector<std::string> extra = {}) {
  auto headers = w.syncHeaders(s);
  headers.insert(headers.end(), extra.begin(), extra.end());
  headers.push_back("Accept: application/x-protobuf");
  return {std::move(method), std::move(path), std::move(headers), std::move(body)};
}

Call consoleCall(const MatrixWorld& w, Scenario s, bool adminEndpoint, std::string method,
                 std::string path, std::string body = {}) {
  auto headers = w.consoleHeaders(s, adminEndpoint);
  headers.push_back("Accept: application/json");
  if (!body.empty()) headers.push_back("Content-Type: application/json");
  return {std::move(method), "/v1/console" + path, std::move(headers), std::move(body)};
}

const std::string& target(const MatrixWorld& w, Scenario s) {
  return s == Scenario::OtherProvince ? w.awayUuid() : w.homeUuid();
}

std::string emptyBatch() {
  phum::v1::PushBatch batch;
  batch.set_batch_id(randomBytes(16));
  return batch.SerializeAsString();
}

std::string signInBody(const std::string& username, const std::string& password) {
  phum::v1::SignInRequest request;
  request.set_username(username);
  request.set_password(password);
  return request.SerializeAsString();
}

// Who signs in where, for the rows that open a session rather than present one.
std::string tabletUserFor(Scenario s) {
  if (s == Scenario::RevokedDevice) return "enum_revoked";
  if (s == Scenario::DisabledUser) return "enum_disabled";
  return s == Scenario::Legit ? "enum_other" : "enumerator01";
}

const Cell kOwnSession = na("the caller's own session: no record data, nothing of a province");
const Cell kOpensASession = na("it opens a session with a password; it presents none");
const Cell kEveryConsoleRole =
    na("reviewers and administrators alike use it; enumerators get no console session (the "
       "wrong-role cell of POST /v1/console/session)");
const Cell kAdministratorsOnly =
    na("administrators only (the wrong-role cell), and an administrator is national by design");

std::vector<Row> sessionRows() {
  return {
      {"GET /v1/health",
       {"GET /v1/health"},
       [](const MatrixWorld& w, Scenario s) { return syncCall(w, s, "GET", "/v1/health"); },
       {{Scenario::NoCredentials, na("public: it says only that the server is up")},
        {Scenario::RevokedDevice, na("public")},
        {Scenario::DisabledUser, na("public")},
        {Scenario::SessionOfAnotherDevice, na("public")},
        {Scenario::WrongRole, na("public")},
        {Scenario::OtherProvince, na("public, no data")},
        {Scenario::ExpiredSession, na("public")}}},
      {"POST /v1/devices/enroll",
       {"POST /v1/devices/enroll"},
       [](const MatrixWorld& w, Scenario s) {
         phum::v1::EnrollRequest request;
         // No credential here means a code the server did not issue (or already used).
         std::string code = w.enrollmentCode();
         if (s != Scenario::Legit) code.back() = code.back() == 'A' ? 'B' : 'A';
         request.set_enrollment_code(code);
         request.set_device_name("matrix");
         return Call{"POST", "/v1/devices/enroll", {kProtobuf}, request.SerializeAsString()};
       },
       {{Scenario::RevokedDevice, na("enrolment takes a one-time code, no device credential")},
        {Scenario::DisabledUser, na("enrolment involves no user")},
        {Scenario::SessionOfAnotherDevice, na("enrolment involves no session")},
        {Scenario::WrongRole, na("enrolment involves no user")},
        {Scenario::OtherProvince, na("enrolment involves no record")},
        {Scenario::ExpiredSession, na("enrolment involves no session")}}},
      {"POST /v1/sessions",
       {"POST /v1/sessions"},
       [](const MatrixWorld& w, Scenario s) {
         auto headers = w.syncHeaders(s == Scenario::Legit ? Scenario::Legit : s);
         if (headers.size() > 1) headers.pop_back();  // the device header only
         headers.push_back(kProtobuf);
         return Call{"POST", "/v1/sessions", headers,
                     signInBody(tabletUserFor(s), kMatrixPassword)};
       },
       {{Scenario::SessionOfAnotherDevice, kOpensASession},
        {Scenario::WrongRole,
         na("every role may sign in on a tablet; each call then checks what the role may do "
            "(the wrong-role cells of push and attachments)")},
        {Scenario::OtherProvince, na("a session of one's own, no record data")},
        {Scenario::ExpiredSession, kOpensASession}}},
      // The escrow path: a tablet that cannot read its device secret names itself by id only.
      {"POST /v1/sessions (escrow key: device id, no device credential)",
       {"POST /v1/sessions"},
       [](const MatrixWorld& w, Scenario s) {
         phum::v1::SignInRequest request;
         request.set_username(tabletUserFor(s));
         // No credential at all here: the device id without a password.
         request.set_password(s == Scenario::NoCredentials ? "" : kMatrixPassword);
         request.set_device_id(s == Scenario::RevokedDevice ? w.revokedDevice() : w.homeDevice());
         return Call{"POST", "/v1/sessions", {kProtobuf}, request.SerializeAsString()};
       },
       {{Scenario::SessionOfAnotherDevice, na("the escrow path presents no session")},
        {Scenario::WrongRole, na("every role may sign in on a tablet (as the row above)")},
        {Scenario::OtherProvince, na("the escrow key and one's own account, no record data")},
        {Scenario::ExpiredSession, na("the escrow path presents no session")}}},
      {"DELETE /v1/sessions (sign out on the tablet)",
       {"DELETE /v1/sessions"},
       [](const MatrixWorld& w, Scenario s) {
         Call call = syncCall(w, s, "DELETE", "/v1/sessions");
         // The control signs out a session of its own, not the one the other rows use.
         if (s == Scenario::Legit) {
           call.headers = w.freshSyncHeaders("enumerator01");
           call.headers.push_back("Accept: application/x-protobuf");
         }
         return call;
       },
       {{Scenario::WrongRole, kOwnSession}, {Scenario::OtherProvince, kOwnSession}}},
      {"POST /v1/console/session (sign in)",
       {"POST /v1/console/session"},
       [](const MatrixWorld&, Scenario s) {
         std::string user = "rev_home";
         std::string password = kMatrixPassword;
         if (s == Scenario::NoCredentials) password = "not the password";
         if (s == Scenario::DisabledUser) user = "rev_disabled";
         if (s == Scenario::WrongRole) user = "enumerator01";  // works on the tablet only
         return Call{"POST",
                     "/v1/console/session",
                     {"Content-Type: application/json"},
                     json{{"username", user}, {"password", password}}.dump()};
       },
       {{Scenario::RevokedDevice, na("the console involves no tablet")},
        {Scenario::SessionOfAnotherDevice, kOpensASession},
        {Scenario::OtherProvince, na("a session of one's own, no record data")},
        {Scenario::ExpiredSession, kOpensASession}}},
      {"GET /v1/console/session",
       {"GET /v1/console/session"},
       [](const MatrixWorld& w, Scenario s) { return consoleCall(w, s, false, "GET", "/session"); },
       {{Scenario::WrongRole, kOwnSession}, {Scenario::OtherProvince, kOwnSession}}},
      {"DELETE /v1/console/session (sign out)",
       {"DELETE /v1/console/session"},
       [](const MatrixWorld& w, Scenario s) {
         Call call = consoleCall(w, s, false, "DELETE", "/session");
         if (s == Scenario::Legit) call.headers = w.freshConsoleHeaders("rev_home");
         return call;
       },
       {{Scenario::WrongRole, kOwnSession}, {Scenario::OtherProvince, kOwnSession}}},
  };
}

std::vector<Row> syncRows() {
  const std::string name = "/photo.jpg";
  return {
      {"POST /v1/push",
       {"POST /v1/push"},
       [](const MatrixWorld& w, Scenario s) {
         const std::string body = s == Scenario::OtherProvince ? w.outOfScopeBatch() : emptyBatch();
         return syncCall(w, s, "POST", "/v1/push", body, {kProtobuf});
       },
       {{Scenario::OtherProvince,
         hidden("a batch is answered record by record: the record is refused in the ack and not "
                "stored")}},
       [](const MatrixWorld&, const HttpResponse& reply) {
         phum::v1::PushAck ack;
         ASSERT_EQ(reply.status, 200);
         ASSERT_TRUE(ack.ParseFromString(reply.body));
         ASSERT_EQ(ack.acks_size(), 1);
         EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_REJECTED) << ack.DebugString();
       }},
      {"GET /v1/changes",
       {"GET /v1/changes"},
       [](const MatrixWorld& w, Scenario s) {
         return syncCall(w, s, "GET", "/v1/changes?cursor=0&limit=500");
       },
       {{Scenario::WrongRole, na("every role reads the feed of its own scope (the other-province "
                                 "cell checks what is in it)")},
        {Scenario::OtherProvince, hidden("the feed holds nothing of the other province")}}},
      {"HEAD /v1/attachments/{uuid}/{name}",
       {"HEAD /v1/attachments/{uuid}/{name}"},
       [name](const MatrixWorld& w, Scenario s) {
         return syncCall(w, s, "HEAD", "/v1/attachments/" + target(w, s) + name);
       },
       {{Scenario::WrongRole, hidden("a reviewer has no uploads: another's record is not found")},
        {Scenario::OtherProvince, hidden("another author's record is not found (404)")}}},
      {"PATCH /v1/attachments/{uuid}/{name}",
       {"PATCH /v1/attachments/{uuid}/{name}"},
       [name](const MatrixWorld& w, Scenario s) {
         return syncCall(w, s, "PATCH", "/v1/attachments/" + target(w, s) + name, "x",
                         {"Upload-Offset: 0", "Content-Type: application/offset+octet-stream"});
       },
       {{Scenario::OtherProvince, hidden("another author's record is not found (404)")}}},
      {"POST /v1/attachments/{uuid}/{name}/complete",
       {"POST /v1/attachments/{uuid}/{name}/complete"},
       [name](const MatrixWorld& w, Scenario s) {
         phum::v1::AttachmentComplete complete;
         complete.set_size(1);
         complete.set_sha256(std::string(32, '\0'));
         return syncCall(w, s, "POST", "/v1/attachments/" + target(w, s) + name + "/complete",
                         complete.SerializeAsString(), {kProtobuf});
       },
       {{Scenario::OtherProvince, hidden("another author's record is not found (404)")}}},
  };
}

std::vector<Row> reviewRows() {
  const auto get = [](std::string path) {
    return
        [path](const MatrixWorld& w, Scenario s) { return consoleCall(w, s, false, "GET", path); };
  };
  return {
      {"GET /, /console/... (the console's pages)",
       {"GET /", "GET /console", "GET /console/{file...}"},
       [](const MatrixWorld&, Scenario) {
         return Call{"GET", "/console/", {}, {}};
       },
       {{Scenario::NoCredentials, na("the same HTML, scripts and styles for everyone; no data")},
        {Scenario::RevokedDevice, na("static files")},
        {Scenario::DisabledUser, na("static files")},
        {Scenario::SessionOfAnotherDevice, na("static files")},
        {Scenario::WrongRole, na("static files")},
        {Scenario::OtherProvince, na("static files")},
        {Scenario::ExpiredSession, na("static files")}}},
      {"GET /v1/console/forms",
       {"GET /v1/console/forms"},
       get("/forms"),
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, na("published forms are the same for every province")}}},
      {"GET /v1/console/places",
       {"GET /v1/console/places"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(
             w, s, false, "GET",
             s == Scenario::OtherProvince ? "/places?parent=" + w.otherProvince() : "/places");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("no places below another province")}},
       [](const MatrixWorld&, const HttpResponse& reply) {
         ASSERT_EQ(reply.status, 200);
         EXPECT_TRUE(json::parse(reply.body)["places"].empty()) << reply.body;
       }},
      {"GET /v1/console/records (the queue)",
       {"GET /v1/console/records"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET",
                            s == Scenario::OtherProvince
                                ? "/records?limit=200&place=" + w.otherProvince()
                                : "/records?limit=200");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("the queue lists only the caller's area")}}},
      {"GET /v1/console/records/{uuid}",
       {"GET /v1/console/records/{uuid}"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET", "/records/" + target(w, s));
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("404: a record outside the area does not exist")}}},
      {"GET /v1/console/records/{uuid}/diff",
       {"GET /v1/console/records/{uuid}/diff"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET", "/records/" + target(w, s) + "/diff?from=1&to=1");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("404: a record outside the area does not exist")}}},
      {"POST /v1/console/records/{uuid}/reviews",
       {"POST /v1/console/records/{uuid}/reviews"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "POST", "/records/" + target(w, s) + "/reviews",
                            R"({"revision":1,"decision":"approve"})");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("404: a record outside the area does not exist")}}},
      {"GET /v1/console/records/{uuid}/attachments/{name}",
       {"GET /v1/console/records/{uuid}/attachments/{name}"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET",
                            "/records/" + target(w, s) + "/attachments/photo.jpg");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("404: a record outside the area does not exist")}}},
      {"GET /v1/console/export",
       {"GET /v1/console/export"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET",
                            s == Scenario::OtherProvince
                                ? "/export?sensitive=1&place=" + w.otherProvince()
                                : "/export");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("the export holds only the caller's area")}},
       [](const MatrixWorld& w, const HttpResponse& reply) {
         ASSERT_EQ(reply.status, 200);
         for (const auto& [entry, bytes] : unzip(reply.body)) {
           EXPECT_EQ(w.leakedAway(bytes), "") << entry;
         }
       }},
      {"GET /v1/console/reports",
       {"GET /v1/console/reports"},
       get("/reports"),
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, na("the list of reports, no figures")}}},
      {"GET /v1/console/reports/chart.js",
       {"GET /v1/console/reports/chart.js"},
       get("/reports/chart.js"),
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, na("a chart library file, no figures")}}},
      {"GET /v1/console/reports/{key}",
       {"GET /v1/console/reports/{key}"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "GET",
                            s == Scenario::OtherProvince
                                ? "/reports/table-2.1?province=" + w.otherProvince()
                                : "/reports/table-2.1");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, hidden("400: a province outside the caller's area")}}},
      {"GET /v1/console/reports/agencies/watch",
       {"GET /v1/console/reports/agencies/watch"},
       get("/reports/agencies/watch"),
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, na("recruitment agencies are licensed nationally; the list "
                                     "names agencies, no person and no record")}}},
      {"POST /v1/console/reports/agencies/{licence}/watch",
       {"POST /v1/console/reports/agencies/{licence}/watch"},
       [](const MatrixWorld& w, Scenario s) {
         return consoleCall(w, s, false, "POST", "/reports/agencies/SAMPLE-0001/watch",
                            R"({"watch":true,"reason":"authorization matrix"})");
       },
       {{Scenario::WrongRole, kEveryConsoleRole},
        {Scenario::OtherProvince, na("recruitment agencies are licensed nationally: a reviewer "
                                     "of any province may flag one")}}},
      // Likely duplicates need the names, so reviewers only: the wrong role is an administrator.
      {"GET /v1/console/duplicates",
       {"GET /v1/console/duplicates"},
       [](const MatrixWorld& w, Scenario s) {
         Call call = consoleCall(w, s, false, "GET",
                                 s == Scenario::OtherProvince
                                     ? "/duplicates?state=all&place=" + w.otherProvince()
                                     : "/duplicates");
         if (s == Scenario::WrongRole) call.headers = w.consoleHeaders(Scenario::Legit, true);
         return call;
       },
       {{Scenario::OtherProvince, hidden("pairs outside the caller's area are filtered out")}}},
      {"POST /v1/console/duplicates/{id}/decision",
       {"POST /v1/console/duplicates/{id}/decision"},
       [](const MatrixWorld& w, Scenario s) {
         Call call = consoleCall(w, s, false, "POST", "/duplicates/1/decision",
                                 R"({"decision":"confirm"})");
         if (s == Scenario::WrongRole) {
           call.headers = w.consoleHeaders(Scenario::Legit, true);
           call.headers.push_back("Accept: application/json");
           call.headers.push_back("Content-Type: application/json");
         }
         return call;
       },
       {{Scenario::OtherProvince, hidden("404: a pair outside the caller's area does not exist")}}},
  };
}

std::vector<Row> adminRows() {
  const auto call = [](std::string method, std::string path, std::string body = {}) {
    return [=](const MatrixWorld& w, Scenario s) {
      return consoleCall(w, s, true, method, path, body);
    };
  };
  const std::map<Scenario, Cell> rules = {{Scenario::OtherProvince, kAdministratorsOnly}};
  return {
      {"GET /v1/console/users", {"GET /v1/console/users"}, call("GET", "/users"), rules},
      {"POST /v1/console/users",
       {"POST /v1/console/users"},
       call("POST", "/users",
            R"({"username":"intruder","role":"administrator","scope":"national",)"
            R"("password":"intruder-pass-2026","displayName":"x"})"),
       rules},
      {"PATCH /v1/console/users/{username}",
       {"PATCH /v1/console/users/{username}"},
       call("PATCH", "/users/enum_disabled", R"({"disabled":true})"),
       rules},
      {"GET /v1/console/devices", {"GET /v1/console/devices"}, call("GET", "/devices"), rules},
      {"POST /v1/console/devices/enrolment-codes",
       {"POST /v1/console/devices/enrolment-codes"},
       call("POST", "/devices/enrolment-codes", R"({"name":"intruder tablet"})"),
       rules},
      {"POST /v1/console/devices/{id}/revoke",
       {"POST /v1/console/devices/{id}/revoke"},
       [](const MatrixWorld& w, Scenario s) {
         // An attack would revoke the home tablet; the control revokes a device that is not there.
         const std::string id = s == Scenario::Legit ? "no-such-device" : w.homeDevice();
         return consoleCall(w, s, true, "POST", "/devices/" + id + "/revoke", "{}");
       },
       rules},
      {"POST /v1/console/forms/check",
       {"POST /v1/console/forms/check"},
       call("POST", "/forms/check", "{}"),
       rules},
      {"POST /v1/console/forms (publish)",
       {"POST /v1/console/forms"},
       call("POST", "/forms", "{}"),
       rules},
      {"GET /v1/console/refdata", {"GET /v1/console/refdata"}, call("GET", "/refdata"), rules},
      {"POST /v1/console/refdata/{dataset}",
       {"POST /v1/console/refdata/{dataset}"},
       call("POST", "/refdata/gazetteer", "{}"),
       rules},
  };
}

const std::vector<Row>& rows() {
  static const std::vector<Row> table = [] {
    std::vector<Row> all;
    for (auto part : {sessionRows(), syncRows(), reviewRows(), adminRows()}) {
      all.insert(all.end(), part.begin(), part.end());
    }
    return all;
  }();
  return table;
}

// Every (method, path) of the server's route table (sync-server/api/endpoints.h), which the server
// enforces: a request matching no entry is answered 404/405 before any handler runs. So a new
// endpoint, or a new method on an existing path, is an entry there and needs a row here.
TEST(AuthorizationMatrixTable, EveryEndpointOfTheRouteTableHasARow) {
  std::set<std::string> covered;
  for (const auto& row : rows()) covered.insert(row.endpoints.begin(), row.endpoints.end());
  std::set<std::string> table;
  for (const auto& endpoint : server::endpoints()) table.insert(endpoint.name());
  ASSERT_TRUE(table.contains("POST /v1/push")) << "the route table is empty";
  for (const auto& endpoint : table) {
    EXPECT_TRUE(covered.contains(endpoint))
        << endpoint << " is in the route table (sync-server/api/endpoints.cpp) but no row of "
        << "tests/attack/authorization_matrix_test.cpp covers it: add a row that says how each "
        << "kind of caller who may not use it is refused";
  }
  for (const auto& endpoint : covered) {
    EXPECT_TRUE(table.contains(endpoint))
        << "a row names " << endpoint << ", which the route table lacks";
  }
}

TEST(AuthorizationMatrixTable, EveryExceptionSaysWhy) {
  for (const auto& row : rows()) {
    for (const auto& [scenario, cell] : row.exceptions) {
      EXPECT_FALSE(cell.why.empty()) << row.name << " / " << scenarioName(scenario);
      EXPECT_NE(cell.kind, Kind::Refused) << row.name << ": a Refused cell needs no exception";
    }
  }
}

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { world_ = new MatrixWorld; }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  static MatrixWorld* world_;
};
MatrixWorld* AuthorizationMatrixTest::world_ = nullptr;

std::string describe(const Row& row, Scenario scenario, const Call& call,
                     const HttpResponse& reply) {
  return row.name + " / " + scenarioName(scenario) + ": " + call.method + " " + call.path +
         " answered " + std::to_string(reply.status) + " " + reply.error + " " +
         reply.body.substr(0, 300);
}

TEST_F(AuthorizationMatrixTest, EveryEndpointRefusesEveryCallerWhoMayNot) {
  const MatrixWorld& w = *world_;
  int checked = 0;
  for (const auto& row : rows()) {
    for (const Scenario scenario : kAttacks) {
      const auto exception = row.exceptions.find(scenario);
      const Cell cell = exception == row.exceptions.end() ? Cell{} : exception->second;
      if (cell.kind == Kind::NotApplicable) continue;
      const Call call = row.build(w, scenario);
      const HttpResponse reply = w.send(call);
      const std::string what = describe(row, scenario, call, reply);
      ++checked;
      if (cell.kind == Kind::Refused) {
        EXPECT_TRUE(reply.status == 401 || reply.status == 403) << what;
        EXPECT_EQ(w.leakedRecord(reply.body, call.path), "") << what;
        continue;
      }
      EXPECT_EQ(w.leakedAway(reply.body, call.path), "") << what;
      if (row.hiddenCheck) {
        SCOPED_TRACE(what);
        row.hiddenCheck(w, reply);
      } else {
        EXPECT_TRUE(reply.status == 400 || reply.status == 403 || reply.status == 404 ||
                    (reply.status >= 200 && reply.status < 300))
            << what;
      }
    }
  }
  EXPECT_GT(checked, 100);
}

// The control: with the right caller each row's request reaches its endpoint (not refused, not
// an unknown route), so the refusals above are the server's decision about the caller.
TEST_F(AuthorizationMatrixTest, TheRightCallerReachesEveryEndpoint) {
  const MatrixWorld& w = *world_;
  for (const auto& row : rows()) {
    const Call call = row.build(w, Scenario::Legit);
    const HttpResponse reply = w.send(call);
    const std::string what = describe(row, Scenario::Legit, call, reply);
    EXPECT_TRUE(reply.status != 0 && reply.status != 401 && reply.status != 403 &&
                reply.status != 405)
        << what;
    EXPECT_EQ(reply.body.find("there is no endpoint"), std::string::npos) << what;
    EXPECT_EQ(reply.body.find("there is no console endpoint"), std::string::npos) << what;
  }
}

// The table is what the server answers: a method the table lacks on a path it has is 405, a path
// it lacks is 404, whoever asks.
TEST_F(AuthorizationMatrixTest, TheServerServesOnlyTheRouteTable) {
  const MatrixWorld& w = *world_;
  for (const auto& [method, path, status] : {std::tuple{"PUT", "/v1/push", 405},
                                             {"DELETE", "/v1/changes", 405},
                                             {"DELETE", "/v1/console/users/enum_disabled", 405},
                                             {"PUT", "/v1/console/session", 405},
                                             {"GET", "/v1/console/devices/enrolment-codes", 405},
                                             {"GET", "/v1/nothing", 404},
                                             {"POST", "/v1/console/nothing", 404}}) {
    for (const Scenario scenario : {Scenario::NoCredentials, Scenario::Legit}) {
      const Call call = consoleCall(w, scenario, true, method, "");
      const HttpResponse reply =
          w.send({method, path, call.headers, std::string(method) == "GET" ? "" : "{}"});
      EXPECT_EQ(reply.status, status)
          << method << " " << path << " (" << scenarioName(scenario) << "): " << reply.body;
    }
  }
}

}  // namespace
}  // namespace phum::testing
