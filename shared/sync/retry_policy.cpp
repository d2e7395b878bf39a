#include "sync/retry_policy.h"

#include <algorithm>

namespace phum::sync {

RetryPolicy::RetryPolicy(std::chrono::milliseconds base, std::chrono::milliseconds cap)
    : RetryPolicy(base, cap, std::random_device{}()) {}

RetryPolicy::RetryPolicy(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                         std::uint64_t seed)
    : base_(base), cap_(cap), random_(seed) {}

std::chrono::milliseconds RetryPolicy::ceiling(int failedAttempts) const {
  if (failedAttempts <= 0) return std::chrono::milliseconds(0);
  // Double without overflow: stop as soon as the cap is reached.
  auto wait = base_;
  for (int i = 1; i < failedAttempts && wait < cap_; ++i) wait *= 2;
  return std::min(wait, cap_);
}

std::chrono::milliseconds RetryPolicy::nextDelay(int failedAttempts) {
  std::uniform_int_distribution<std::int64_t> pick(0, ceiling(failedAttempts).count());
  return std::chrono::milliseconds(pick(random_));
}

std::int64_t RetryPolicy::nextAttemptAt(std::int64_t nowMs, int failedAttempts) {
  return nowMs + nextDelay(failedAttempts).count();
}

}  // namespace phum::sync
