#pragma once
// phum-server in its default secure mode, with accounts added through phum-admin, tablets enrolled
// with one-time codes and users signed in over real HTTP: the fixture of the suites that test who
// may do what.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "phum/v1/sync.pb.h"
#include "server_fixture.h"

namespace phum::testing {

// Every account of these suites has this password.
inline constexpr const char* kTestPassword = "field-pass-2026";

struct Device {
  std::string id;
  std::string secret;
  std::string header() const { return "X-Phum-Device: " + id + "." + secret; }
};

class SecureServerTest : public ::testing::Test {
 protected:
  // Adds sokha (enumerator, district 0102) and reviewer1 (reviewer, national), then starts the
  // server (in secure mode, with serverArgs()); records of unpublished forms get structure checks.
  void SetUp() override;
  virtual std::vector<std::string> serverArgs() const { return {}; }
  std::string dataDir() const { return (dir_.path() / "data").string(); }

  void addUser(const std::string& name, const std::string& role, const std::string& scope);
  std::string enrollmentCode(const std::string& name);
  HttpResponse post(const std::string& path, const std::string& body,
                    std::vector<std::string> headers = {});
  Device enroll(const std::string& name);
  HttpResponse signIn(const Device& device, const std::string& user, const std::string& password);
  // "Authorization: Bearer <token>" of a fresh session of `user` on `device`.
  std::string token(const Device& device, const std::string& user);
  // POST /v1/push as `device` with `session`; expects 200 and returns the parsed ack.
  phum::v1::PushAck push(const Device& device, const std::string& session,
                         const phum::v1::PushBatch& batch);

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

}  // namespace phum::testing
