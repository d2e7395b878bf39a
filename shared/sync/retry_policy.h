#pragma once
// Exponential backoff with full jitter: after the n-th failed attempt the next one waits a random
// time between 0 and min(cap, base * 2^(n-1)). Spreading retries at random keeps a fleet of tablets
// that lost the network together from hammering the server together when it comes back.
#include <chrono>
#include <cstdint>
#include <random>

namespace phum::sync {

class RetryPolicy {
 public:
  explicit RetryPolicy(std::chrono::milliseconds base = std::chrono::seconds(1),
                       std::chrono::milliseconds cap = std::chrono::minutes(5));
  // A fixed seed makes the jitter reproducible (tests).
  RetryPolicy(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint64_t seed);

  // The upper bound of the wait after `failedAttempts` failures (0 for none).
  std::chrono::milliseconds ceiling(int failedAttempts) const;
  // A random wait in [0, ceiling(failedAttempts)].
  std::chrono::milliseconds nextDelay(int failedAttempts);
  // When to try again, as Unix epoch ms, for persisting in the outbox.
  std::int64_t nextAttemptAt(std::int64_t nowMs, int failedAttempts);

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  std::mt19937_64 random_;
};

}  // namespace phum::sync
