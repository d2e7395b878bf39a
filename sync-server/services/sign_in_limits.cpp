#include "services/sign_in_limits.h"

#include <algorithm>

namespace phum::server {
namespace {

// Beyond this many tracked names or addresses, windows that have ended are dropped, so a flood of
// made-up user names cannot grow the maps without bound.
constexpr std::size_t kPruneAbove = 10000;

}  // namespace

std::optional<std::int64_t> SignInLimits::blockedFor(const Windows& windows, const std::string& key,
                                                     int limit, std::int64_t nowMs) const {
  const auto found = windows.find(key);
  if (found == windows.end() || found->second.failures < limit) return std::nullopt;
  const std::int64_t endMs = found->second.startMs + options_.window.count();
  if (endMs <= nowMs) return std::nullopt;
  return std::max<std::int64_t>(1, (endMs - nowMs + 999) / 1000);
}

std::optional<std::int64_t> SignInLimits::retryAfterSeconds(const std::string& username,
                                                            const std::string& address,
                                                            std::int64_t nowMs) {
  std::lock_guard lock(mutex_);
  const auto account = blockedFor(accounts_, username, options_.perAccount, nowMs);
  const auto peer = blockedFor(addresses_, address, options_.perAddress, nowMs);
  if (!account) return peer;
  if (!peer) return account;
  return std::max(*account, *peer);
}

void SignInLimits::count(Windows& windows, const std::string& key, std::int64_t nowMs) {
  if (windows.size() > kPruneAbove) {
    std::erase_if(windows, [&](const auto& entry) {
      return entry.second.startMs + options_.window.count() <= nowMs;
    });
  }
  Window& window = windows[key];
  if (window.startMs + options_.window.count() <= nowMs) window = Window{nowMs, 0};
  ++window.failures;
}

void SignInLimits::failed(const std::string& username, const std::string& address,
                          std::int64_t nowMs) {
  std::lock_guard lock(mutex_);
  count(accounts_, username, nowMs);
  count(addresses_, address, nowMs);
}

void SignInLimits::succeeded(const std::string& username) {
  std::lock_guard lock(mutex_);
  accounts_.erase(username);
}

}  // namespace phum::server
