#pragma once
// The accounts tables' own versioned schema, kept beside LocalStore's (never in its user_version:
// LocalStore would then take the file for one written by a newer app). Private to phum_accounts.
#include "sqlite/sqlite_db.h"

namespace phum::accounts {

int latestAccountsSchemaVersion();
// Brings the accounts tables up to date, after store::migrate (which creates sync_state). Each
// step runs in one transaction with its version number, re-read inside it, so several openers at
// once are safe. Throws StorageError if a newer app wrote the file.
void migrateAccounts(sqlite::Database& db);
int readAccountsSchemaVersion(sqlite::Database& db);

}  // namespace phum::accounts
