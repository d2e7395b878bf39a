#include "child_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

namespace phum::tools {
namespace {

std::string systemError(const std::string& what) { return what + ": " + std::strerror(errno); }

// In the child, before exec: send stdout and stderr to the log file.
void redirectOutput(const std::string& logPath) {
  // A test killed by its timeout must not leave servers and proxies running.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) _exit(126);
  if (::dup2(fd, STDOUT_FILENO) < 0 || ::dup2(fd, STDERR_FILENO) < 0) _exit(126);
  ::close(fd);
}

std::string tail(const std::string& text, std::size_t max = 2000) {
  return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

}  // namespace

ChildProcess ChildProcess::start(const std::vector<std::string>& argv, const std::string& logPath) {
  if (argv.empty()) throw std::invalid_argument("ChildProcess::start needs a program");
  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(systemError("cannot start " + argv[0]));
  if (pid == 0) {
    redirectOutput(logPath);
    ::execv(args[0], args.data());
    std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
    _exit(127);
  }
  ChildProcess child;
  child.pid_ = pid;
  child.logPath_ = logPath;
  child.name_ = std::filesystem::path(argv[0]).filename().string();
  return child;
}

ChildProcess ChildProcess::fork(const std::function<int()>& body, const std::string& logPath) {
  std::fflush(nullptr);  // so the child does not repeat the parent's buffered output
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(systemError("cannot fork a child process"));
  if (pid == 0) {
    redirectOutput(logPath);
    int code = 1;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child failed: %s\n", e.what());
    }
    std::fflush(nullptr);
    _exit(code);  // skip the parent's atexit handlers (gtest, static destructors)
  }
  ChildProcess child;
  child.pid_ = pid;
  child.logPath_ = logPath;
  child.name_ = "forked child";
  return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept { *this = std::move(other); }

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = std::exchange(other.pid_, -1);
    logPath_ = std::move(other.logPath_);
    name_ = std::move(other.name_);
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (running()) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string ChildProcess::log() const {
  std::ifstream in(logPath_);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string ChildProcess::waitForLine(const std::string& prefix,
                                      std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::istringstream lines(log());
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    }
    int status = 0;
    if (pid_ <= 0 || ::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;  // reaped
      throw std::runtime_error(name_ + " exited before printing '" + prefix + "'; its output:\n" +
                               tail(log()));
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error(name_ + " did not print '" + prefix + "' in time; its output:\n" +
                               tail(log()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool ChildProcess::alive() {
  int status = 0;
  if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) pid_ = -1;  // reaped
  return pid_ > 0;
}

void ChildProcess::signal(int signalNumber) const {
  if (pid_ > 0 && ::kill(pid_, signalNumber) != 0 && errno != ESRCH) {
    throw std::runtime_error(systemError("cannot signal " + name_));
  }
}

int ChildProcess::wait() {
  if (pid_ <= 0) throw std::logic_error("wait() on a child that is not running");
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(systemError("cannot wait for " + name_));
  }
  pid_ = -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

std::string sendControlCommand(std::uint16_t port, const std::string& line) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error(systemError("cannot open a control socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  std::string error;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    error = systemError("cannot connect to control port " + std::to_string(port));
  } else {
    const std::string request = line + "\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(request.size())) {
      error = systemError("cannot send control command '" + line + "'");
    }
    char c = 0;
    while (error.empty()) {
      const ssize_t got = ::recv(fd, &c, 1, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        error = "control port closed before answering '" + line + "'";
      } else if (c == '\n') {
        break;
      } else {
        answer += c;
      }
    }
  }
  ::close(fd);
  if (!error.empty()) throw std::runtime_error(error);
  return answer;
}

TempDir::TempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error(systemError("cannot create a temporary directory " + pattern));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;  // best effort: a leftover temp dir is not worth failing a test for
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace phum::tools
