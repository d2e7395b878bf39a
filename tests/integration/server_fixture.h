#pragma once
// Test support for the sync server: a real phum-server process on a free loopback port with a
// temporary data folder, real HTTP through libcurl, and phum-admin as a subprocess.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "phum/v1/sync.pb.h"

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

class ServerProcess {
 public:
  // Starts phum-server with --listen 127.0.0.1:0 --data DIR plus `extraArgs`, and waits for its
  // "listening on" line. Throws std::runtime_error (with the server's log) if it does not start.
  ServerProcess(const std::string& dataDir, std::vector<std::string> extraArgs,
                FormChecks formChecks = FormChecks::PublishedOnly);
  ~ServerProcess();  // SIGTERM, then SIGKILL if it does not exit

  const std::string& url() const { return url_; }
  unsigned short port() const { return port_; }
  pid_t pid() const { return pid_; }
  void sendSignal(int signal) const;
  // Waits for the process to end; returns its exit code (128+N if killed by signal N).
  int waitForExit();
  void killHard();          // SIGKILL and reap
  std::string log() const;  // the server's stderr so far

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::string url_;
  std::string logPath_;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string error;                           // libcurl's error if the request failed
};

HttpResponse httpRequest(const std::string& method, const std::string& url,
                         const std::string& body = {},
                         const std::vector<std::string>& headers = {});

struct AdminResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};
AdminResult runAdmin(const std::vector<std::string>& args, const std::string& input = {});

// Records as a tablet makes them.
phum::v1::Record makeRecord(int n, const std::string& author = "sokha",
                            const std::string& location = "01020304");
phum::v1::PushBatch makeBatch(int firstRecord, int count, const std::string& author = "sokha",
                              const std::string& location = "01020304");
std::string randomBytes(std::size_t count);

// Number of stored records according to `phum-admin records list --json`.
int countStoredRecords(const std::string& dataDir);

}  // namespace phum::testing
