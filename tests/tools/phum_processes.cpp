#include "phum_processes.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "household.h"

namespace phum::tools {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

int openOrThrow(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  return fd;
}

// Runs `argv` to the end with stdin from `inPath` and stdout, stderr into their own files.
int runToEnd(const std::vector<std::string>& argv, const std::string& inPath,
             const std::string& outPath, const std::string& errPath) {
  const int in = openOrThrow(inPath, O_RDONLY);
  const int out = openOrThrow(outPath, O_WRONLY | O_CREAT | O_TRUNC);
  const int err = openOrThrow(errPath, O_WRONLY | O_CREAT | O_TRUNC);
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::dup2(in, STDIN_FILENO) < 0 || ::dup2(out, STDOUT_FILENO) < 0 ||
        ::dup2(err, STDERR_FILENO) < 0) {
      _exit(126);
    }
    ::execv(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  ::close(in);
  ::close(out);
  ::close(err);
  if (pid < 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(errno));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error("cannot wait for " + argv[0]);
  }
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

}  // namespace

const char* phumServerBinary() { return PHUM_SERVER_BIN; }
const char* phumAdminBinary() { return PHUM_ADMIN_BIN; }

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
                             std::vector<std::string> extraArgs, ServerMode mode)
    : binary_(std::move(binary)), dataDir_(std::move(dataDir)) {
  // A caller that names its own database (PostgreSQL-specific tests) keeps it.
  const auto db = std::find(extraArgs.begin(), extraArgs.end(), "--db");
  if (db == extraArgs.end()) {
    storage_ = storageArgs(dataDir_);
    args_ = storage_;
  } else {
    args_ = {"--data", dataDir_};
    storage_ = {"--data", dataDir_, "--db", db + 1 == extraArgs.end() ? "" : *(db + 1)};
  }
  if (mode == ServerMode::OpenWithMissionForms) {
    args_.push_back("--open");
    publishForms_ = true;
  }
  args_.insert(args_.end(), extraArgs.begin(), extraArgs.end());
}

ServerProcess::~ServerProcess() {
  if (!process_.running()) return;
  // Graceful first, so a PostgreSQL-backed server closes its connections.
  process_.signal(SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (process_.alive() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // ChildProcess's destructor SIGKILLs whatever is still running.
}

void ServerProcess::publishMissionForms() const {
  std::vector<std::string> publish = {"forms", "publish"};
  for (const auto& file : missionFormFiles()) publish.push_back(file);
  const std::vector<std::vector<std::string>> steps = {publish,
                                                       {"refdata", "import", referenceDataDir()}};
  for (const auto& args : steps) {
    const AdminRun run = runAdminOn(storage_, args);
    if (run.exitCode != 0) {
      throw std::runtime_error("phum-admin " + args[0] + " " + args[1] + " failed for " + dataDir_ +
                               ": " + run.err + run.out);
    }
  }
}

void ServerProcess::start() {
  if (publishForms_) {
    publishMissionForms();
    publishForms_ = false;
  }
  std::vector<std::string> argv = {binary_, "--listen", "127.0.0.1:" + std::to_string(port_)};
  argv.insert(argv.end(), args_.begin(), args_.end());
  // One log per start (also across ServerProcess objects on one folder), so a restarted server's
  // "listening" line is not confused with the old one.
  static std::atomic<int> starts{0};
  const std::string logPath = dataDir_ + ".server-" + std::to_string(++starts) + ".log";
  process_ = ChildProcess::start(argv, logPath);
  // "listening on http://127.0.0.1:PORT", or https:// when started with --tls-cert.
  const std::string rest = process_.waitForLine("listening on http");
  const std::string host = "://127.0.0.1:";
  const auto at = rest.find(host);
  if (at == std::string::npos) throw std::runtime_error("unexpected listening line: " + rest);
  tls_ = rest.starts_with("s://");
  port_ = parsePort(rest.substr(at + host.size()));
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

AdminRun runAdmin(const std::string& dataDir, const std::vector<std::string>& args,
                  const std::string& input) {
  return runAdminOn(dataDir.empty() ? std::vector<std::string>() : storageArgs(dataDir), args,
                    input);
}

AdminRun runAdminOn(const std::vector<std::string>& storage, const std::vector<std::string>& args,
                    const std::string& input) {
  std::vector<std::string> argv = {phumAdminBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), storage.begin(), storage.end());
  TempDir scratch("phum-admin-run");
  std::ofstream(scratch.file("in"), std::ios::binary) << input;
  AdminRun run;
  run.exitCode = runToEnd(argv, scratch.file("in"), scratch.file("out"), scratch.file("err"));
  run.out = readFile(scratch.file("out"));
  run.err = readFile(scratch.file("err"));
  return run;
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
