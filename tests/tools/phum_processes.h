#pragma once
// The real sync server and the fault proxy as child processes, for fault tests and benchmarks.
#include <cstdint>
#include <string>
#include <vector>

#include "child_process.h"
#include "fault_plan.h"

namespace phum::tools {

// `phum-server --listen 127.0.0.1:0 --data DIR --open --accept-unpublished-forms [extra...]`,
// restartable on the same folder.
class ServerProcess {
 public:
  ServerProcess(std::string binary, std::string dataDir, std::vector<std::string> extraArgs = {});
  // Waits for "listening on http://127.0.0.1:PORT". A restart listens on the port it had before,
  // so clients and proxies pointed at it carry on.
  void start();
  void kill(int signalNumber);  // signal, then reap
  std::uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  ChildProcess& process() { return process_; }
  // Throws with the server's output if it is no longer running (a crash is a test failure).
  void expectRunning();

 private:
  std::string binary_;
  std::string dataDir_;
  std::vector<std::string> extraArgs_;
  ChildProcess process_;
  std::uint16_t port_ = 0;
  int starts_ = 0;
};

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
