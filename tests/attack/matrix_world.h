#pragma once
// The world the authorization matrix runs in: one real phum-server in secure mode (mission forms
// published), and every kind of caller the matrix needs, made through the real endpoints and
// phum-admin: an enumerator and a reviewer of the home province with live sessions, an enumerator
// of another province whose record the others must not see, and callers that must be refused (no
// credentials, a revoked tablet, disabled users, expired sessions, a tablet's session presented by
// another tablet or as a console cookie).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "phum_processes.h"
#include "server_fixture.h"

namespace phum::testing {

enum class Scenario {
  NoCredentials,
  RevokedDevice,
  DisabledUser,
  SessionOfAnotherDevice,
  WrongRole,
  OtherProvince,
  ExpiredSession,
  Legit,  // the control: a caller who may, on the home province's data
};
inline constexpr Scenario kAttacks[] = {Scenario::NoCredentials, Scenario::RevokedDevice,
                                        Scenario::DisabledUser,  Scenario::SessionOfAnotherDevice,
                                        Scenario::WrongRole,     Scenario::OtherProvince,
                                        Scenario::ExpiredSession};
const char* scenarioName(Scenario scenario);

// One request, as sent.
struct Call {
  std::string method;
  std::string path;  // with the query
  std::vector<std::string> headers;
  std::string body;
};

inline const std::string kMatrixPassword = "matrix-pass-2026";

class MatrixWorld {
 public:
  MatrixWorld();  // starts the server and makes every caller; throws on failure

  std::string url() const { return server_->url(); }
  const std::string& homeProvince() const { return homeProvince_; }
  const std::string& otherProvince() const { return otherProvince_; }
  const std::string& homeUuid() const { return homeUuid_; }  // enumerator01's record
  const std::string& awayUuid() const { return awayUuid_; }  // enum_other's, other province
  const std::string& homeDevice() const { return homeDevice_.id; }
  const std::string& revokedDevice() const { return revokedDevice_.id; }

  // Device and session headers of a tablet caller in `scenario` (the home enumerator for
  // OtherProvince and Legit).
  std::vector<std::string> syncHeaders(Scenario scenario) const;
  // Cookie and CSRF headers of a console caller in `scenario`, for a reviewer's endpoint or an
  // administrator's; none for NoCredentials.
  std::vector<std::string> consoleHeaders(Scenario scenario, bool adminEndpoint) const;
  // A fresh console session of `username` (the legit sign-out is tried on one of its own).
  std::vector<std::string> freshConsoleHeaders(const std::string& username) const;
  // A fresh tablet session of `username` on the home tablet (the legit sign-out).
  std::vector<std::string> freshSyncHeaders(const std::string& username) const;
  // A new one-time enrolment code.
  std::string enrollmentCode() const;
  // A household record of enumerator01 located in the other province (push must refuse it).
  std::string outOfScopeBatch() const;

  // What no refused or out-of-province answer may contain: record ids (text and bytes) and text
  // answers of the other province's record, or of every record. Returns the first one found in
  // `body`, or "". What the caller itself sent (`sent`, e.g. the record id in its path) is not a
  // leak when it is echoed in an error message.
  std::string leakedAway(const std::string& body, const std::string& sent = {}) const;
  std::string leakedRecord(const std::string& body, const std::string& sent = {}) const;

  HttpResponse send(const Call& call) const;

 private:
  struct Tablet {
    std::string id, secret;
    std::string header() const { return "X-Phum-Device: " + id + "." + secret; }
  };
  struct ConsoleSession {
    std::string cookie, csrf;
  };
  void addUser(const std::string& name, const std::string& role, const std::string& scope) const;
  Tablet enroll(const std::string& name) const;
  std::string tabletSession(const Tablet& tablet, const std::string& username) const;
  ConsoleSession consoleSession(const std::string& username) const;
  void pushRecords();
  void admin(const std::vector<std::string>& args) const;

  tools::TempDir dir_{"phum-matrix"};
  std::unique_ptr<tools::ServerProcess> server_;
  std::string homeProvince_, otherProvince_, homeUuid_, awayUuid_;
  Tablet homeDevice_, otherDevice_, revokedDevice_;
  std::map<std::string, std::string> tokens_;            // tablet sessions, by name
  std::map<std::string, ConsoleSession> consoleByName_;  // console sessions, by username
  std::vector<std::string> awaySecrets_, homeSecrets_;
};

}  // namespace phum::testing
