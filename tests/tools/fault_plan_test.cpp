// The fault proxy's own tests: the planner is deterministic under a seed, and the real proxy cuts
// exactly where it is told to (drop delivers N bytes then FIN; reset delivers N bytes then RST).
#include "fault_plan.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <thread>

#include "phum_processes.h"

namespace phum::tools {
namespace {

TEST(FaultPlanner, SameSeedGivesSameCuts) {
  FaultSettings settings;
  settings.randomCutProbability = 0.5;
  settings.randomMaxBytes = 1000;
  settings.seed = 42;
  FaultPlanner first(settings);
  FaultPlanner second(settings);
  EXPECT_TRUE(first.nextConnection().randomCuts);
  int cuts = 0;
  for (int i = 0; i < 200; ++i) {
    const WindowPlan a = first.nextWindow();
    const WindowPlan b = second.nextWindow();
    EXPECT_EQ(a.cut, b.cut);
    EXPECT_EQ(a.bytes, b.bytes);
    EXPECT_LE(a.bytes, 1000u);
    cuts += a.cut != CutKind::None;
  }
  EXPECT_GT(cuts, 50);
  EXPECT_LT(cuts, 150);
}

TEST(FaultPlanner, CommandsChangeSettings) {
  FaultPlanner planner;
  EXPECT_EQ(planner.apply("drop 100 once").rfind("ok", 0), 0u);
  EXPECT_EQ(planner.nextConnection().cut, CutKind::Drop);
  EXPECT_EQ(planner.nextConnection().cut, CutKind::None);
  planner.apply("trickle");
  EXPECT_EQ(planner.nextConnection().bytesPerSecond, kTrickleBytesPerSecond);
  planner.apply("clear");
  EXPECT_EQ(planner.nextConnection().latency.count(), 0);
  EXPECT_EQ(planner.apply("random 2").rfind("error: ", 0), 0u);
  EXPECT_EQ(planner.apply("jump").rfind("error: unknown command", 0), 0u);
}

TEST(FaultPlanner, FlagsParse) {
  std::vector<std::string> rest;
  const FaultSettings settings =
      parseFaultFlags({"--target", "80", "--reset-after", "5", "--seed", "9"}, rest);
  EXPECT_EQ(settings.fixedCut, CutKind::Reset);
  EXPECT_EQ(settings.fixedCutAfterBytes, 5u);
  EXPECT_EQ(settings.seed, 9u);
  EXPECT_EQ(rest, (std::vector<std::string>{"--target", "80"}));
  EXPECT_THROW(parseFaultFlags({"--drop-after", "many"}, rest), std::invalid_argument);
}

// A one-shot TCP server that sends `payload` to the first connection and closes.
class PayloadServer {
 public:
  explicit PayloadServer(std::string payload) : payload_(std::move(payload)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 4) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      const int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      ::send(fd, payload_.data(), payload_.size(), MSG_NOSIGNAL);
      ::close(fd);
    });
  }
  ~PayloadServer() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  std::uint16_t port() const { return port_; }

 private:
  std::string payload_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// Connects to the proxy and reads until the end; returns the bytes and the final errno (0 on FIN).
std::pair<std::string, int> readAll(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return {"", errno};
  }
  std::string received;
  char buffer[4096];
  int error = 0;
  for (;;) {
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got > 0) {
      received.append(buffer, static_cast<std::size_t>(got));
    } else {
      error = got < 0 ? errno : 0;
      break;
    }
  }
  ::close(fd);
  return {received, error};
}

TEST(FaultProxy, ForwardsEverythingWithoutFaults) {
  TempDir dir;
  PayloadServer server(std::string(100'000, 'x'));
  FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"));
  const auto [received, error] = readAll(proxy.port());
  EXPECT_EQ(received.size(), 100'000u);
  EXPECT_EQ(error, 0);
  EXPECT_EQ(proxy.stats().bytesDown, 100'000u);
}

TEST(FaultProxy, DropDeliversExactlyTheBudgetThenCloses) {
  TempDir dir;
  PayloadServer server(std::string(100'000, 'x'));
  FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"), {"--drop-after", "1234"});
  const auto [received, error] = readAll(proxy.port());
  EXPECT_EQ(received.size(), 1234u);
  EXPECT_EQ(error, 0);
  EXPECT_EQ(proxy.stats().cuts, 1u);
}

TEST(FaultProxy, ResetSendsRstAfterTheBudget) {
  TempDir dir;
  PayloadServer server(std::string(100'000, 'x'));
  FaultProxy proxy(FAULT_PROXY_BIN, server.port(), dir.file("proxy.log"));
  proxy.command("reset 777");
  const auto [received, error] = readAll(proxy.port());
  EXPECT_LE(received.size(), 777u);  // an RST may discard data not yet read
  EXPECT_EQ(error, ECONNRESET);
}

}  // namespace
}  // namespace phum::tools
