#include "matrix_world.h"

#include <curl/curl.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/uuid.h"
#include "household.h"
#include "phum/v1/account.pb.h"
#include "phum/v1/sync.pb.h"
#include "storage_backend.h"
#include "test_pki.h"

namespace phum::testing {
namespace {

void collectTexts(const phum::v1::AnswerSet& set, std::set<std::string>& out) {
  for (const auto& answer : set.answers()) {
    // Codes (villages, agencies) and choice names are in the forms and reference data every
    // tablet holds; free text (names, narratives) is a person's data.
    const std::string& text = answer.value().text();
    const bool code =
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (text.size() >= 8 && !code) out.insert(text);
  }
  for (const auto& repeat : set.repeats()) {
    for (const auto& instance : repeat.instances()) collectTexts(instance, out);
  }
}

std::set<std::string> textsOf(const phum::v1::Record& record) {
  std::set<std::string> texts;
  collectTexts(record.answers(), texts);
  return texts;
}

void setAuthor(phum::v1::Record& record, const std::string& username) {
  record.set_author(username);
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == "username") answer.mutable_value()->set_text(username);
  }
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string firstFound(const std::string& body, const std::vector<std::string>& secrets,
                       const std::string& sent) {
  for (const auto& secret : secrets) {
    if (sent.find(secret) != std::string::npos) continue;
    if (body.find(secret) != std::string::npos) return secret;
  }
  return {};
}

}  // namespace

const char* scenarioName(Scenario scenario) {
  switch (scenario) {
    case Scenario::NoCredentials:
      return "no credentials";
    case Scenario::RevokedDevice:
      return "revoked device";
    case Scenario::DisabledUser:
      return "disabled user";
    case Scenario::SessionOfAnotherDevice:
      return "session of another device";
    case Scenario::WrongRole:
      return "wrong role";
    case Scenario::OtherProvince:
      return "other province";
    case Scenario::ExpiredSession:
      return "expired session";
    case Scenario::Legit:
      return "legit (control)";
  }
  return "?";
}

HttpResponse MatrixWorld::send(const Call& call) const {
  if (call.method != "HEAD") {
    return httpRequest(call.method, url() + call.path, call.body, call.headers, 60);
  }
  // HEAD: no body is read (httpRequest would wait for one).
  HttpResponse response;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& header : call.headers) list = curl_slist_append(list, header.c_str());
  const std::string target = url() + call.path;
  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  if (const CURLcode rc = curl_easy_perform(curl); rc != CURLE_OK) {
    response.error = curl_easy_strerror(rc);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return response;
}

void MatrixWorld::admin(const std::vector<std::string>& args) const {
  const auto run = tools::runAdmin(server_->dataDir(), args, kMatrixPassword + "\n");
  if (run.exitCode != 0) {
    throw std::runtime_error("phum-admin " + args.at(0) + " " + args.at(1) + ": " + run.err);
  }
}

void MatrixWorld::addUser(const std::string& name, const std::string& role,
                          const std::string& scope) const {
  admin({"users", "add", "--username", name, "--role", role, "--scope", scope, "--display-name",
         name + " (matrix)"});
}

std::string MatrixWorld::enrollmentCode() const {
  const auto run =
      tools::runAdmin(server_->dataDir(), {"devices", "enroll-code", "--name", "t", "--no-qr"});
  if (run.exitCode != 0) throw std::runtime_error("enroll-code: " + run.err);
  return run.out.substr(0, run.out.find('\n'));
}

MatrixWorld::Tablet MatrixWorld::enroll(const std::string& name) const {
  phum::v1::EnrollRequest request;
  request.set_enrollment_code(enrollmentCode());
  request.set_device_name(name);
  const auto reply = send({"POST",
                           "/v1/devices/enroll",
                           {"Content-Type: application/x-protobuf"},
                           request.SerializeAsString()});
  phum::v1::EnrollResponse enrolled;
  if (reply.status != 200 || !enrolled.ParseFromString(reply.body)) {
    throw std::runtime_error("enrolment failed: " + std::to_string(reply.status) + reply.body);
  }
  return {enrolled.device_id(), enrolled.device_secret()};
}

std::string MatrixWorld::tabletSession(const Tablet& tablet, const std::string& username) const {
  phum::v1::SignInRequest request;
  request.set_username(username);
  request.set_password(kMatrixPassword);
  const auto reply = send({"POST",
                           "/v1/sessions",
                           {"Content-Type: application/x-protobuf", tablet.header()},
                           request.SerializeAsString()});
  phum::v1::SignInResponse session;
  if (reply.status != 200 || !session.ParseFromString(reply.body)) {
    throw std::runtime_error("sign-in of " + username + " failed: " + reply.body);
  }
  return session.session_token();
}

MatrixWorld::ConsoleSession MatrixWorld::consoleSession(const std::string& username) const {
  const auto reply =
      send({"POST",
            "/v1/console/session",
            {"Content-Type: application/json"},
            R"({"username":")" + username + R"(","password":")" + kMatrixPassword + R"("})"});
  const auto cookie = reply.headers.count("set-cookie") ? reply.headers.at("set-cookie") : "";
  const auto tokenStart = cookie.find("phum_console=");
  const auto csrfStart = reply.body.find("\"csrfToken\":\"");
  if (reply.status != 200 || tokenStart == std::string::npos || csrfStart == std::string::npos) {
    throw std::runtime_error("console sign-in of " + username + " failed: " + reply.body);
  }
  const auto valueStart = csrfStart + std::string("\"csrfToken\":\"").size();
  return {cookie.substr(tokenStart, cookie.find(';', tokenStart) - tokenStart),
          reply.body.substr(valueStart, reply.body.find('"', valueStart) - valueStart)};
}

void MatrixWorld::pushRecords() {
  auto home = tools::makeHouseholdRecord(0, true);
  homeProvince_ = home.location_code().substr(0, 2);
  phum::v1::Record away;
  for (int index = 3; index < 20000 && away.uuid().empty(); index += 997) {
    auto candidate = tools::makeHouseholdRecord(index, true);
    if (!candidate.location_code().starts_with(homeProvince_)) away = candidate;
  }
  if (away.uuid().empty()) throw std::runtime_error("no household record in another province");
  otherProvince_ = away.location_code().substr(0, 2);
  setAuthor(away, "enum_other");
  homeUuid_ = Uuid::fromBytes(home.uuid())->toString();
  awayUuid_ = Uuid::fromBytes(away.uuid())->toString();
  addUser("enumerator01", "enumerator", homeProvince_);
  addUser("enum_other", "enumerator", otherProvince_);
  homeDevice_ = enroll("home tablet");
  otherDevice_ = enroll("other tablet");
  tokens_["home"] = tabletSession(homeDevice_, "enumerator01");
  tokens_["other"] = tabletSession(otherDevice_, "enum_other");
  const std::pair<const Tablet*, std::pair<std::string, phum::v1::Record*>> pushes[] = {
      {&homeDevice_, {"home", &home}}, {&otherDevice_, {"other", &away}}};
  for (const auto& [tablet, what] : pushes) {
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    *batch.add_records() = *what.second;
    const auto reply = send({"POST",
                             "/v1/push",
                             {"Content-Type: application/x-protobuf", tablet->header(),
                              "Authorization: Bearer " + tokens_.at(what.first)},
                             batch.SerializeAsString()});
    phum::v1::PushAck ack;
    if (reply.status != 200 || !ack.ParseFromString(reply.body) || ack.acks_size() != 1 ||
        ack.acks(0).status() != phum::v1::RECORD_STATUS_ACCEPTED) {
      throw std::runtime_error("push failed: " + ack.DebugString() + reply.body);
    }
  }
  const auto homeTexts = textsOf(home);
  for (const auto& text : textsOf(away)) {
    if (!homeTexts.contains(text)) awaySecrets_.push_back(text);
  }
  if (awaySecrets_.empty())
    throw std::runtime_error("the away record has no free text to look for");
  awaySecrets_.push_back(awayUuid_);
  awaySecrets_.push_back(away.uuid());
  homeSecrets_ = {homeUuid_, home.uuid()};
  homeSecrets_.insert(homeSecrets_.end(), homeTexts.begin(), homeTexts.end());
}

MatrixWorld::MatrixWorld() {
  server_ = std::make_unique<tools::ServerProcess>(tools::phumServerBinary(), dir_.file("server"),
                                                   std::vector<std::string>{},
                                                   tools::ServerMode::AsGiven);
  std::vector<std::string> publish = {"forms", "publish"};
  for (const auto& file : tools::missionFormFiles()) publish.push_back(file);
  admin(publish);
  admin({"refdata", "import", tools::referenceDataDir()});
  server_->start();
  pushRecords();
  addUser("enum_revoked", "enumerator", homeProvince_);
  addUser("enum_disabled", "enumerator", homeProvince_);
  addUser("enum_expired", "enumerator", homeProvince_);
  addUser("rev_home", "reviewer", homeProvince_);
  addUser("rev_disabled", "reviewer", homeProvince_);
  addUser("rev_expired", "reviewer", homeProvince_);
  addUser("admin1", "administrator", "national");
  addUser("admin_disabled", "administrator", "national");
  addUser("admin_expired", "administrator", "national");
  revokedDevice_ = enroll("revoked tablet");
  tokens_["revoked"] = tabletSession(revokedDevice_, "enum_revoked");
  tokens_["disabled"] = tabletSession(homeDevice_, "enum_disabled");
  tokens_["expired"] = tabletSession(homeDevice_, "enum_expired");
  tokens_["reviewer"] = tabletSession(homeDevice_, "rev_home");  // a reviewer on a tablet
  tokens_["admin"] = tabletSession(homeDevice_, "admin1");
  for (const char* name :
       {"rev_home", "rev_disabled", "rev_expired", "admin1", "admin_disabled", "admin_expired"}) {
    consoleByName_[name] = consoleSession(name);
  }
  admin({"devices", "revoke", revokedDevice_.id});
  admin({"users", "disable", "enum_disabled"});
  admin({"users", "disable", "rev_disabled"});
  admin({"users", "disable", "admin_disabled"});
  // Sessions expire by their end time; the server's database is set as time would.
  const std::string expire =
      "UPDATE sessions SET expires_at_ms = 1 WHERE username IN ('enum_expired', 'rev_expired', "
      "'admin_expired')";
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    tools::queryPostgres(tools::postgresConninfoFor(server_->dataDir()), expire);
  } else {
    shellOutput("sqlite3 -cmd '.timeout 10000' '" + server_->dataDir() + "/phum-server.sqlite' \"" +
                expire + "\"");
  }
}

std::vector<std::string> MatrixWorld::syncHeaders(Scenario scenario) const {
  const auto bearer = [&](const std::string& name) {
    return "Authorization: Bearer " + tokens_.at(name);
  };
  switch (scenario) {
    case Scenario::NoCredentials:
      return {};
    case Scenario::RevokedDevice:
      return {revokedDevice_.header(), bearer("revoked")};
    case Scenario::DisabledUser:
      return {homeDevice_.header(), bearer("disabled")};
    case Scenario::SessionOfAnotherDevice:
      return {otherDevice_.header(), bearer("home")};
    case Scenario::WrongRole:
      return {homeDevice_.header(), bearer("reviewer")};
    case Scenario::ExpiredSession:
      return {homeDevice_.header(), bearer("expired")};
    case Scenario::OtherProvince:
    case Scenario::Legit:
      return {homeDevice_.header(), bearer("home")};
  }
  return {};
}

std::vector<std::string> MatrixWorld::consoleHeaders(Scenario scenario, bool adminEndpoint) const {
  const auto session = [&](const std::string& name) -> std::vector<std::string> {
    const auto& s = consoleByName_.at(name);
    return {"Cookie: " + s.cookie, "X-Phum-CSRF: " + s.csrf};
  };
  const auto tabletToken = [&](const std::string& name) -> std::vector<std::string> {
    return {"Cookie: phum_console=" + tokens_.at(name)};
  };
  switch (scenario) {
    case Scenario::NoCredentials:
      return {};
    case Scenario::RevokedDevice:
      return tabletToken("revoked");
    case Scenario::DisabledUser:
      return session(adminEndpoint ? "admin_disabled" : "rev_disabled");
    case Scenario::SessionOfAnotherDevice:
      return tabletToken(adminEndpoint ? "admin" : "reviewer");
    case Scenario::WrongRole:
      return session("rev_home");  // on an administrator's endpoint
    case Scenario::ExpiredSession:
      return session(adminEndpoint ? "admin_expired" : "rev_expired");
    case Scenario::OtherProvince:
    case Scenario::Legit:
      return session(adminEndpoint ? "admin1" : "rev_home");
  }
  return {};
}

std::vector<std::string> MatrixWorld::freshSyncHeaders(const std::string& username) const {
  return {homeDevice_.header(), "Authorization: Bearer " + tabletSession(homeDevice_, username)};
}

std::vector<std::string> MatrixWorld::freshConsoleHeaders(const std::string& username) const {
  const auto s = consoleSession(username);
  return {"Cookie: " + s.cookie, "X-Phum-CSRF: " + s.csrf};
}

std::string MatrixWorld::outOfScopeBatch() const {
  bool skippedTheStoredOne = false;  // the first one found is enum_other's stored record
  for (int index = 3; index < 20000; index += 997) {
    auto record = tools::makeHouseholdRecord(index, true);
    if (record.location_code().starts_with(homeProvince_)) continue;
    if (!skippedTheStoredOne) {
      skippedTheStoredOne = true;
      continue;
    }
    phum::v1::PushBatch batch;
    batch.set_batch_id(randomBytes(16));
    *batch.add_records() = record;  // author enumerator01, located in the other province
    return batch.SerializeAsString();
  }
  throw std::runtime_error("no household record in another province");
}

std::string MatrixWorld::leakedAway(const std::string& body, const std::string& sent) const {
  return firstFound(body, awaySecrets_, sent);
}

std::string MatrixWorld::leakedRecord(const std::string& body, const std::string& sent) const {
  const std::string away = firstFound(body, awaySecrets_, sent);
  return away.empty() ? firstFound(body, homeSecrets_, sent) : away;
}

}  // namespace phum::testing
