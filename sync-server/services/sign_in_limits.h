#pragma once
// Limits on failed sign-ins, per account and per remote address, so that passwords cannot be
// guessed online: after `perAccount` failures for one user name (or `perAddress` from one address)
// within `window`, further attempts are refused without a password check until the window ends.
// A success clears its account's count, not its address's. The counts are kept in the database,
// so a restart forgets nothing and server instances on one database share them.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "services/audit_log.h"
#include "storage/database.h"

namespace phum::server {

struct SignInLimitOptions {
  int perAccount = 5;
  int perAddress = 20;
  std::chrono::milliseconds window{15 * 60 * 1000};
};

// Every method blocks on the database: call them on the storage pool.
class SignInLimits {
 public:
  SignInLimits(storage::Database& db, SignInLimitOptions options) : db_(db), options_(options) {}
  // Seconds until `username` from `address` may try again (at least 1); nothing when it may now.
  std::optional<std::int64_t> retryAfterSeconds(const std::string& username,
                                                const std::string& address, std::int64_t nowMs);
  // Counts a failed sign-in, in one transaction with its audit entry `event`.
  void failed(const std::string& username, const std::string& address, std::int64_t nowMs,
              const AuditEvent& event);
  void succeeded(const std::string& username);

 private:
  std::optional<std::int64_t> blockedFor(const std::optional<storage::SignInWindow>& window,
                                         int limit, std::int64_t nowMs) const;

  storage::Database& db_;
  SignInLimitOptions options_;
};

}  // namespace phum::server
