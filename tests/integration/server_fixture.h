#pragma once
// Test support for the sync server: a real phum-server process on a free loopback port with a
// temporary data folder, real HTTP through libcurl, and phum-admin as a subprocess. The processes
// come from the shared launcher in tests/tools, so they follow PHUM_TEST_BACKEND.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "phum/v1/sync.pb.h"
#include "phum_processes.h"

namespace phum::testing {

// A fresh folder under the system temp dir, removed at destruction.
class TempDir {
 public:
  TempDir();
  explicit TempDir(const std::filesystem::path& base);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Most tests push ad-hoc records of forms the server never published: PublishedOnly starts the
// server with --accept-unpublished-forms (records of published forms are still validated).
// AllRecords validates every record, as in production.
enum class FormChecks { PublishedOnly, AllRecords };

// tools::ServerProcess (the one launcher, tests/tools/phum_processes.h) as the integration tests
// use it: started at once on a free port with exactly `extraArgs` (plus
// --accept-unpublished-forms for PublishedOnly), on the storage of the test backend.
class ServerProcess : public tools::ServerProcess {
 public:
  // Throws std::runtime_error (with the server's log) if it does not start.
  ServerProcess(const std::string& dataDir, std::vector<std::string> extraArgs,
                FormChecks formChecks = FormChecks::PublishedOnly);
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string error;                           // libcurl's error if the request failed
};

// `timeoutSeconds`: the whole request, connecting included (then `error` says it timed out).
HttpResponse httpRequest(const std::string& method, const std::string& url,
                         const std::string& body = {}, const std::vector<std::string>& headers = {},
                         long timeoutSeconds = 60);

using AdminResult = tools::AdminRun;
// tools::runAdmin with the integration tests' spelling: "--data DIR" among `args` names the server
// whose storage (SQLite file or PostgreSQL schema) the command works on.
AdminResult runAdmin(const std::vector<std::string>& args, const std::string& input = {});

// Records as a tablet makes them.
phum::v1::Record makeRecord(int n, const std::string& author = "sokha",
                            const std::string& location = "01020304");
phum::v1::PushBatch makeBatch(int firstRecord, int count, const std::string& author = "sokha",
                              const std::string& location = "01020304");
std::string randomBytes(std::size_t count);

// Number of stored records according to `phum-admin records list --json` (either backend).
int countStoredRecords(const std::string& dataDir);

}  // namespace phum::testing
