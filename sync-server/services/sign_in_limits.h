#pragma once
// Limits on failed sign-ins, per account and per remote address, so that passwords cannot be
// guessed online: after `perAccount` failures for one user name (or `perAddress` from one address)
// within `window`, further attempts are refused without a password check until the window ends.
// A success clears its account's count, not its address's. In memory: each server instance counts
// on its own, and a restart forgets.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace phum::server {

struct SignInLimitOptions {
  int perAccount = 5;
  int perAddress = 20;
  std::chrono::milliseconds window{15 * 60 * 1000};
};

class SignInLimits {
 public:
  explicit SignInLimits(SignInLimitOptions options) : options_(options) {}
  // Seconds until `username` from `address` may try again (at least 1); nothing when it may now.
  std::optional<std::int64_t> retryAfterSeconds(const std::string& username,
                                                const std::string& address, std::int64_t nowMs);
  void failed(const std::string& username, const std::string& address, std::int64_t nowMs);
  void succeeded(const std::string& username);

 private:
  struct Window {
    std::int64_t startMs = 0;
    int failures = 0;
  };
  using Windows = std::unordered_map<std::string, Window>;
  std::optional<std::int64_t> blockedFor(const Windows& windows, const std::string& key, int limit,
                                         std::int64_t nowMs) const;
  void count(Windows& windows, const std::string& key, std::int64_t nowMs);

  SignInLimitOptions options_;
  std::mutex mutex_;
  Windows accounts_;
  Windows addresses_;
};

}  // namespace phum::server
