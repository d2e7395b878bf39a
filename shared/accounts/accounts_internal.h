#pragma once
// Pieces shared by the accounts source files. Private to phum_accounts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accounts/device_accounts.h"
#include "sqlite/sqlite_db.h"

namespace phum::accounts {

// Markers LocalStore::applyChanges writes for revocations (value: the change's seq).
inline constexpr std::string_view kUserRevokedPrefix = "revoked.user.";
inline constexpr std::string_view kDeviceRevokedPrefix = "revoked.device.";

// Accounts that may sign in: not wiped, and not named by a feed revocation newer than their last
// online sign-in (which the app may not have applied yet). Columns: see accountFromRow.
inline constexpr std::string_view kAccountSelect =
    "SELECT a.username, a.display_name, a.role, a.scope_code, a.last_online_sign_in_at_ms, "
    "a.session_token, a.session_expires_at_ms, a.locked_until_ms FROM device_accounts a "
    "WHERE a.revoked_at_ms = 0 AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = "
    "'revoked.user.' || a.username AND CAST(s.value AS INTEGER) > a.reinstated_after_seq)";
inline constexpr int kSessionTokenColumn = 5;

// Why a user cannot open the tablet's records: no wrap of theirs, no escrow wrap (yet).
inline constexpr const char* kAskAnotherUserText =
    "The records on this tablet are locked with the PINs of its users, and this account cannot "
    "open them yet. Ask a user of this tablet to unlock it with their PIN and lock it again, then "
    "sign in online.";

LocalAccount accountFromRow(const sqlite::Statement& row, std::int64_t nowMs);
std::optional<std::string> readSyncValue(sqlite::Database& db, const std::string& key);
// A marker's seq; an unreadable one counts as newest (a revocation is never ignored by accident).
std::uint64_t parseSeq(const std::string& text);

}  // namespace phum::accounts

namespace phum::accounts {
// The encryption context of a user's session token (store_encryption.h).
std::string sessionTokenContext(const std::string& username);
}  // namespace phum::accounts
