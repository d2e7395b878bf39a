// Revocation of users and of this tablet, and the row helpers shared with device_accounts.cpp.
//
// What a revocation does NOT do: delete records. A user is usually revoked because they left or
// changed post, often with days of fieldwork not yet sent. Their records and outbox entries stay
// on the tablet, hidden from the other users (each sees only their own). They cannot be sent
// meanwhile, because the server accepts records only from their signed-in author and nobody can
// sign in as a revoked user; they go out as soon as an administrator reinstates the account and
// the user signs in online once on this tablet. Deleting them, or sending them under someone
// else's name, would lose or falsify field data.
#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

#include "accounts/accounts_internal.h"
#include "accounts/device_accounts.h"
#include "core/errors.h"
#include "sqlite/sqlite_db.h"
#include "store/local_store.h"
#include "store/sync_state_rows.h"

namespace phum::accounts {

LocalAccount accountFromRow(const sqlite::Statement& row, std::int64_t nowMs) {
  LocalAccount account;
  account.username = row.text(0);
  account.displayName = row.text(1);
  const auto role = static_cast<int>(row.int64(2));
  account.role =
      phum::v1::Role_IsValid(role) ? static_cast<phum::v1::Role>(role) : phum::v1::ROLE_UNSPECIFIED;
  account.scopeCode = row.text(3);
  account.lastOnlineSignInAtMs = row.int64(4);
  const std::int64_t expiresAtMs = row.int64(6);
  account.canSync = !row.text(kSessionTokenColumn).empty() && nowMs < expiresAtMs;
  account.lockedOut = nowMs < row.int64(7);
  return account;
}

std::optional<std::string> readSyncValue(sqlite::Database& db, const std::string& key) {
  return store::readSyncRow(db, key);
}

std::uint64_t parseSeq(const std::string& text) {
  std::uint64_t seq = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seq);
  if (error != std::errc() || end != text.data() + text.size()) {
    return static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  }
  return seq;
}

bool DeviceAccounts::revokeUser(const std::string& username) { return revokeUserAt(username, 0); }

bool DeviceAccounts::revokeUserAt(const std::string& username, std::uint64_t revocationSeq) {
  sqlite::WriteTransaction tx(*db_);
  db_->prepare(
         "UPDATE device_accounts SET pin_hash = '', session_token = '', session_expires_at_ms = 0, "
         "failed_pins = 0, lockouts = 0, locked_until_ms = 0, lock_wait_ms = 0, "
         "pin_key_wrap = x'', password_key_wrap = x'', revoked_at_ms = ?1, revoked_seq = ?2 WHERE "
         "username = ?3 AND revoked_at_ms = 0")
      .bind(1, std::max<std::int64_t>(now(), 1))
      .bind(2, static_cast<std::int64_t>(revocationSeq))
      .bind(3, username)
      .run();
  if (db_->changes() == 0) return false;
  if (syncValue(kCurrentUserKey) == username) eraseSyncValue(kCurrentUserKey);
  tx.commit();
  return true;
}

// This tablet was revoked (reported stolen, or retired). Its credential and every session token
// go, so nothing more can be sent or fetched with them; records and PINs stay, so a tablet that
// is found again can be re-enrolled without losing unsent work.
bool DeviceAccounts::forgetDevice() {
  sqlite::WriteTransaction tx(*db_);
  const bool hadCredential = syncValue(store::kDeviceIdKey).has_value();
  eraseSyncValue(store::kDeviceIdKey);
  eraseSyncValue(store::kDeviceSecretKey);
  eraseSyncValue(kCurrentUserKey);
  eraseEscrowWraps();  // its escrow key is never handed out again
  db_->exec("UPDATE device_accounts SET session_token = '', session_expires_at_ms = 0");
  tx.commit();
  return hadCredential;
}

bool DeviceAccounts::applyRevocation(const phum::v1::Revocation& revocation) {
  if (revocation.has_username()) return revokeUser(revocation.username());
  if (revocation.has_device_id()) {
    const auto ours = syncValue(store::kDeviceIdKey);
    if (ours && *ours == revocation.device_id()) return forgetDevice();
  }
  return false;
}

// True when `username` is on this tablet, not yet wiped, and signed in online before `seq`.
bool DeviceAccounts::revocationIsNew(const std::string& username, std::uint64_t seq) const {
  auto stmt = db_->prepare(
      "SELECT reinstated_after_seq FROM device_accounts WHERE username = ?1 AND "
      "revoked_at_ms = 0");
  stmt.bind(1, username);
  return stmt.step() && seq > static_cast<std::uint64_t>(stmt.int64(0));
}

int DeviceAccounts::applyRecordedRevocations() {
  std::vector<std::pair<std::string, std::string>> markers;
  {
    auto stmt = db_->prepare("SELECT key, value FROM sync_state WHERE substr(key, 1, 8) = ?1");
    stmt.bind(1, std::string_view("revoked."));
    while (stmt.step()) markers.emplace_back(stmt.text(0), stmt.text(1));
  }
  int applied = 0;
  const auto ourDevice = syncValue(store::kDeviceIdKey);
  for (const auto& [key, value] : markers) {
    if (key.starts_with(kDeviceRevokedPrefix)) {
      const std::string device = key.substr(kDeviceRevokedPrefix.size());
      if (ourDevice && *ourDevice == device && forgetDevice()) ++applied;
      continue;
    }
    if (!key.starts_with(kUserRevokedPrefix)) continue;
    const std::string username = key.substr(kUserRevokedPrefix.size());
    if (!revocationIsNew(username, parseSeq(value))) continue;
    if (revokeUserAt(username, parseSeq(value))) ++applied;
  }
  return applied;
}

}  // namespace phum::accounts
