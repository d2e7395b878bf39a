#pragma once
// The one launcher of the real Phum programs for tests and benchmarks: phum-server on 127.0.0.1,
// phum-admin, and the fault proxy, as child processes. The server's storage follows the test
// backend (storage_backend.h): the SQLite file in the data folder, or that folder's own
// PostgreSQL schema, and phum-admin is pointed at the same storage.
#include <csignal>
#include <cstdint>
#include <string>
#include <vector>

#include "child_process.h"
#include "fault_plan.h"
#include "storage_backend.h"

namespace phum::tools {

// The programs of this build.
const char* phumServerBinary();
const char* phumAdminBinary();

enum class ServerMode {
  // --open before the extra arguments (no accounts), and before the first start the mission forms
  // (forms/) published and the reference data (data/reference) imported with phum-admin on the
  // server's storage, so every pushed record is validated as in production (fault tests and
  // benchmarks push the household records of household.h).
  OpenWithMissionForms,
  // Only the extra arguments: the caller decides about authentication and form checks.
  AsGiven,
};

// `binary --listen 127.0.0.1:PORT <storage of dataDir> [mode flags] [extraArgs...]`, restartable
// on the same folder. The storage options are left out if extraArgs has its own --db.
class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string dataDir, std::vector<std::string> extraArgs = {},
                ServerMode mode = ServerMode::OpenWithMissionForms);
  ServerProcess(ServerProcess&&) = default;
  ServerProcess& operator=(ServerProcess&&) = default;
  ~ServerProcess();  // SIGTERM, then SIGKILL if it is still running after 10 s

  // Waits for "listening on http://127.0.0.1:PORT". A restart listens on the port it had before,
  // so clients and proxies pointed at it carry on. Throws with the server's output if it fails,
  // or with phum-admin's if the mission forms could not be published.
  void start();
  void kill(int signalNumber);  // signal, then reap
  void killHard() { kill(SIGKILL); }
  // Reaps the process (after a signal); returns its exit code, 128 + N if signal N ended it.
  int waitForExit() { return process_.wait(); }
  void sendSignal(int signalNumber) const { process_.signal(signalNumber); }
  std::uint16_t port() const { return port_; }
  // https:// when the server was started with --tls-cert.
  std::string url() const {
    return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_);
  }
  const std::string& dataDir() const { return dataDir_; }
  ChildProcess& process() { return process_; }
  std::string log() const { return process_.log(); }  // this start's output
  // Throws with the server's output if it is no longer running (a crash is a test failure).
  void expectRunning();

 private:
  void publishMissionForms() const;

  std::string binary_;
  std::string dataDir_;
  std::vector<std::string> storage_;  // --data, --db: the server's storage, for phum-admin too
  std::vector<std::string> args_;     // after --listen
  bool publishForms_ = false;         // before the first start
  ChildProcess process_;
  std::uint16_t port_ = 0;
  bool tls_ = false;
};

struct AdminRun {
  int exitCode = -1;
  std::string out;
  std::string err;
};

// Runs phum-admin `args` on the server storage of `dataDir` (storageArgs appended), with `input`
// on stdin. An empty dataDir adds no storage options (commands that need none).
AdminRun runAdmin(const std::string& dataDir, const std::vector<std::string>& args,
                  const std::string& input = {});
// The same with the storage options given as they are (e.g. a --db shared by several servers).
AdminRun runAdminOn(const std::vector<std::string>& storage, const std::vector<std::string>& args,
                    const std::string& input = {});

// tests/tools/fault_proxy in front of a target port; faults changeable while it runs.
class FaultProxy {
 public:
  FaultProxy(const std::string& binary, std::uint16_t targetPort, const std::string& logPath,
             const std::vector<std::string>& faultFlags = {});
  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Sends a control command; throws if the proxy answers with an error.
  std::string command(const std::string& line);
  ProxyStats stats();

 private:
  ChildProcess process_;
  std::uint16_t port_ = 0;
  std::uint16_t controlPort_ = 0;
};

std::uint16_t parsePort(const std::string& text);

}  // namespace phum::tools
