#pragma once
// A real phum-server with the mission forms published and the reference data imported, a few
// household records pushed in two provinces, and console accounts: a national reviewer, a
// reviewer for the province of the first record, and an administrator.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "phum/v1/record.pb.h"
#include "phum_processes.h"
#include "server_fixture.h"

namespace phum::testing {

inline const std::string kConsolePassword = "console-pass-2026";

class ConsoleServerTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Signs in through the API; returns the cookie header value and fills csrf.
  std::string signIn(const std::string& username, std::string& csrf);
  // A console call with the session cookie (and the CSRF header when not a GET).
  HttpResponse call(const std::string& method, const std::string& path, const std::string& cookie,
                    const std::string& csrf = {}, const std::string& body = {});

  std::string uuidOf(const phum::v1::Record& record) const;
  // Pushes `records` as an open-mode tablet does; each must be accepted.
  void pushAccepted(const std::vector<phum::v1::Record>& records);

  tools::TempDir dir_{"phum-console"};
  std::unique_ptr<tools::ServerProcess> server_;
  std::vector<phum::v1::Record> records_;  // pushed, revision 1
  std::string homeProvince_;               // province of records_[0]
  std::string otherUuid_;                  // a record in another province
};

}  // namespace phum::testing
