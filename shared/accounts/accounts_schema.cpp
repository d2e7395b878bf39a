#include "accounts/accounts_schema.h"

#include <array>
#include <string>
#include <string_view>

#include "accounts/device_accounts.h"
#include "core/errors.h"
#include "store/sync_state_rows.h"

namespace phum::accounts {
namespace {

struct Step {
  int version;
  std::string_view sql;
};

// v1: one row per user who ever signed in online on this tablet. A revoked user keeps a row with
// empty secrets (revoked_seq > 0), so an old revocation in the feed is not applied twice.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE device_accounts (
  username TEXT PRIMARY KEY NOT NULL,
  display_name TEXT NOT NULL,
  role INTEGER NOT NULL,
  scope_code TEXT NOT NULL,
  pin_hash TEXT NOT NULL DEFAULT '',
  session_token TEXT NOT NULL DEFAULT '',
  session_expires_at_ms INTEGER NOT NULL DEFAULT 0,
  last_online_sign_in_at_ms INTEGER NOT NULL DEFAULT 0,
  failed_pins INTEGER NOT NULL DEFAULT 0,
  lockouts INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  lock_wait_ms INTEGER NOT NULL DEFAULT 0,
  revoked_at_ms INTEGER NOT NULL DEFAULT 0,
  revoked_seq INTEGER NOT NULL DEFAULT 0,
  reinstated_after_seq INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql";

// v2: the tablet's data key wrapped by this user's PIN and by their password (shared/crypto), so
// either one opens the encrypted records; empty until the user signs in or unlocks.
constexpr std::string_view kV2 = R"sql(
ALTER TABLE device_accounts ADD COLUMN pin_key_wrap BLOB NOT NULL DEFAULT x'';
ALTER TABLE device_accounts ADD COLUMN password_key_wrap BLOB NOT NULL DEFAULT x'';
)sql";

constexpr std::array<Step, 2> kSteps{{{1, kV1}, {2, kV2}}};

}  // namespace

int latestAccountsSchemaVersion() { return kSteps.back().version; }

int readAccountsSchemaVersion(sqlite::Database& db) {
  const auto stored = store::readSyncRow(db, kAccountsSchemaVersionKey);
  if (!stored) return 0;
  const std::string& text = *stored;
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    throw StorageError("The local database " + db.path() + " has an unreadable accounts schema " +
                       "version '" + text + "'. Reinstall the app or ask for support.");
  }
}

void migrateAccounts(sqlite::Database& db) {
  if (readAccountsSchemaVersion(db) == latestAccountsSchemaVersion()) return;
  for (const Step& step : kSteps) {
    sqlite::WriteTransaction tx(db);
    const int current = readAccountsSchemaVersion(db);  // another opener may have migrated
    if (current > latestAccountsSchemaVersion()) {
      throw StorageError("The accounts on this tablet (" + db.path() +
                         ") were written by a newer " + "app (accounts schema " +
                         std::to_string(current) + "). Update the app.");
    }
    if (step.version <= current) continue;
    db.exec(step.sql);
    store::writeSyncRow(db, kAccountsSchemaVersionKey, std::to_string(step.version),
                        store::SyncRowType::Text);
    tx.commit();
  }
}

}  // namespace phum::accounts
