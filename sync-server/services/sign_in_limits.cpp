#include "services/sign_in_limits.h"

#include <algorithm>

namespace phum::server {
namespace {

constexpr const char* kAccount = "account";
constexpr const char* kAddress = "address";

}  // namespace

std::optional<std::int64_t> SignInLimits::blockedFor(
    const std::optional<storage::SignInWindow>& window, int limit, std::int64_t nowMs) const {
  if (!window || window->failures < limit) return std::nullopt;
  const std::int64_t endMs = window->startMs + options_.window.count();
  if (endMs <= nowMs) return std::nullopt;
  return std::max<std::int64_t>(1, (endMs - nowMs + 999) / 1000);
}

std::optional<std::int64_t> SignInLimits::retryAfterSeconds(const std::string& username,
                                                            const std::string& address,
                                                            std::int64_t nowMs) {
  const auto [accountWindow, addressWindow] = storage::read(db_, [&](storage::Transaction& tx) {
    return std::pair{tx.accounts().signInWindow(kAccount, username),
                     tx.accounts().signInWindow(kAddress, address)};
  });
  const auto account = blockedFor(accountWindow, options_.perAccount, nowMs);
  const auto peer = blockedFor(addressWindow, options_.perAddress, nowMs);
  if (!account) return peer;
  if (!peer) return account;
  return std::max(*account, *peer);
}

void SignInLimits::failed(const std::string& username, const std::string& address,
                          std::int64_t nowMs, const AuditEvent& event) {
  storage::write(db_, [&](storage::Transaction& tx) {
    tx.accounts().countSignInFailure(kAccount, username, nowMs, options_.window.count());
    tx.accounts().countSignInFailure(kAddress, address, nowMs, options_.window.count());
    AuditLog::append(tx, event);
  });
}

void SignInLimits::succeeded(const std::string& username) {
  storage::write(db_, [&](storage::Transaction& tx) {
    tx.accounts().clearSignInFailures(kAccount, username);
  });
}

}  // namespace phum::server
