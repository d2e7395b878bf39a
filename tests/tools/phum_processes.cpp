#include "phum_processes.h"

#include <sstream>
#include <stdexcept>

namespace phum::tools {

std::uint16_t parsePort(const std::string& text) {
  std::size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || port == 0 || port > 65535) {
    throw std::runtime_error("expected a TCP port number, got '" + text + "'");
  }
  return static_cast<std::uint16_t>(port);
}

ServerProcess::ServerProcess(std::string binary, std::string dataDir,
                             std::vector<std::string> extraArgs)
    : binary_(std::move(binary)), dataDir_(std::move(dataDir)), extraArgs_(std::move(extraArgs)) {}

void ServerProcess::start() {
  std::vector<std::string> argv = {binary_, "--listen", "127.0.0.1:" + std::to_string(port_),
                                   "--data", dataDir_, "--open",
                                   // the synthetic household records follow no published form
                                   "--accept-unpublished-forms"};
  argv.insert(argv.end(), extraArgs_.begin(), extraArgs_.end());
  // One log per start, so a restarted server's "listening" line is not confused with the old one.
  const std::string logPath = dataDir_ + ".server-" + std::to_string(++starts_) + ".log";
  process_ = ChildProcess::start(argv, logPath);
  port_ = parsePort(process_.waitForLine("listening on http://127.0.0.1:"));
}

void ServerProcess::kill(int signalNumber) {
  process_.signal(signalNumber);
  process_.wait();
}

void ServerProcess::expectRunning() {
  if (!process_.alive()) {
    throw std::runtime_error("phum-server (data " + dataDir_ + ") died; its output:\n" +
                             process_.log());
  }
}

FaultProxy::FaultProxy(const std::string& binary, std::uint16_t targetPort,
                       const std::string& logPath, const std::vector<std::string>& faultFlags) {
  std::vector<std::string> argv = {binary, "--target", std::to_string(targetPort)};
  argv.insert(argv.end(), faultFlags.begin(), faultFlags.end());
  process_ = ChildProcess::start(argv, logPath);
  port_ = parsePort(process_.waitForLine("proxy listening on "));
  controlPort_ = parsePort(process_.waitForLine("control listening on "));
}

std::string FaultProxy::command(const std::string& line) {
  const std::string answer = sendControlCommand(controlPort_, line);
  if (answer.rfind("ok", 0) != 0) {
    throw std::runtime_error("fault proxy refused '" + line + "': " + answer);
  }
  return answer;
}

ProxyStats FaultProxy::stats() {
  std::istringstream words(command("stats"));
  ProxyStats stats;
  for (std::string word; words >> word;) {
    const auto equals = word.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = word.substr(0, equals);
    const std::uint64_t value = std::stoull(word.substr(equals + 1));
    if (key == "connections") stats.connections = value;
    if (key == "bytes_up") stats.bytesUp = value;
    if (key == "bytes_down") stats.bytesDown = value;
    if (key == "cuts") stats.cuts = value;
  }
  return stats;
}

}  // namespace phum::tools
