#pragma once
// What the fault proxy does to each new connection. Kept apart from the networking so the same
// settings come from the command line and from the control channel, and so a seed alone decides
// which connections get cut and where.
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace phum::tools {

enum class CutKind {
  None,
  Drop,   // orderly close (FIN) after the byte budget: looks like a server or NAT hanging up
  Reset,  // RST (SO_LINGER 0) after the byte budget: looks like a mobile network dropping out
};

// The fault chosen for one connection when it is accepted. Bytes count both directions together,
// so a budget can end inside the request or inside the server's answer.
struct ConnectionPlan {
  CutKind cut = CutKind::None;
  std::uint64_t cutAfterBytes = 0;
  bool randomCuts = false;               // cut points come from FaultPlanner::nextWindow()
  std::chrono::milliseconds latency{0};  // each chunk is held back this long (one way)
  std::uint64_t bytesPerSecond = 0;      // 0 means no bandwidth cap
};

// Random cuts work on windows of the byte stream, so a kept-alive connection keeps meeting
// faults: each window of `randomMaxBytes` is cut at a random offset with the set probability,
// else passed whole (`cut` None, `bytes` the window size).
struct WindowPlan {
  CutKind cut = CutKind::None;
  std::uint64_t bytes = 0;
};

struct FaultSettings {
  CutKind fixedCut = CutKind::None;
  std::uint64_t fixedCutAfterBytes = 0;
  bool fixedCutOnce = false;  // the fixed cut applies to the next connection only
  std::chrono::milliseconds latency{0};
  std::uint64_t bytesPerSecond = 0;
  double randomCutProbability = 0;  // chance that a new connection gets a random drop or reset
  std::uint64_t randomMaxBytes = 65536;
  std::uint64_t seed = 1;
};

struct ProxyStats {
  std::uint64_t connections = 0;
  std::uint64_t bytesUp = 0;    // delivered from the client to the target
  std::uint64_t bytesDown = 0;  // delivered from the target to the client
  std::uint64_t cuts = 0;       // connections dropped or reset on purpose
};

// 2G as field teams see it in rural Cambodia: about 30 kbit/s and 300 ms one way.
inline constexpr std::uint64_t kTrickleBytesPerSecond = 30'000 / 8;
inline constexpr std::chrono::milliseconds kTrickleLatency{300};

class FaultPlanner {
 public:
  explicit FaultPlanner(FaultSettings settings = {});

  // Decides the fault for the next accepted connection (deterministic for a given seed).
  ConnectionPlan nextConnection();
  // The next window of a connection with random cuts (deterministic for a given seed as long as
  // connections do not overlap in time, which holds for one sync client).
  WindowPlan nextWindow();

  // Applies one control command and returns the one-line answer ("ok ..." or "error: ...").
  // Commands: drop N [once] | reset N [once] | delay MS | rate BYTES_PER_S | trickle |
  //           random P [MAX_BYTES] | seed S | clear | show
  std::string apply(const std::string& commandLine);

  const FaultSettings& settings() const { return settings_; }
  std::string describe() const;

 private:
  FaultSettings settings_;
  std::mt19937_64 random_;
};

// Parses the proxy's command-line fault flags (--drop-after N, --reset-after N, --delay MS,
// --rate BPS, --trickle, --random P, --random-max-bytes N, --seed S) into settings. Other flags
// are returned in `rest`. Throws std::invalid_argument naming the bad flag.
FaultSettings parseFaultFlags(const std::vector<std::string>& args, std::vector<std::string>& rest);

std::string formatStats(const ProxyStats& stats);

}  // namespace phum::tools
