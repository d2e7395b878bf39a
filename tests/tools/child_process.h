#pragma once
// Real processes for tests: the sync server, the fault proxy, a killable sync client. Output goes
// to a log file (never a pipe that could fill up and stall the child), which the test can search.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace phum::tools {

class ChildProcess {
 public:
  // Starts `argv[0]` with the given arguments; stdout and stderr go to `logPath`.
  // Throws std::runtime_error naming the program if it cannot be started.
  static ChildProcess start(const std::vector<std::string>& argv, const std::string& logPath);
  // Forks and runs `body` in the child; its return value is the exit code. For killing a client
  // mid-sync: the child opens its own database handles after the fork.
  static ChildProcess fork(const std::function<int()>& body, const std::string& logPath);

  ChildProcess() = default;
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();  // SIGKILLs and reaps a child that is still running

  // Waits for a log line starting with `prefix` and returns the rest of it. Throws with the log's
  // tail if the child exits first or nothing appears within `timeout`.
  std::string waitForLine(const std::string& prefix,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));
  void signal(int signalNumber) const;
  // False once the child has exited (it is then reaped; log() still works).
  bool alive();
  // Reaps the child; returns its exit code, or 128 + signal if a signal ended it.
  int wait();
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::string logPath_;
  std::string name_;
};

// Sends one line to a text control port on 127.0.0.1 and returns the one-line answer.
std::string sendControlCommand(std::uint16_t port, const std::string& line);

// A temporary directory removed (with its contents) when the object goes away.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "phum-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace phum::tools
