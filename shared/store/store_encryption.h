#pragma once
// Encryption at rest of the tablet's store (see shared/crypto). Every personal value is kept
// encrypted with the tablet's data key: record bodies and titles, draft answers, review decisions
// (their notes name people) and the device secret. Left in clear is only what lists, counters and
// sync bookkeeping read without a user: ids, form ids and versions, revisions, times, authors
// (the enumerators' usernames), village codes, states, sizes and server reasons.
//
// A store is "protected" once the sync_state row kDataKeyIdKey names its key (set when the first
// user signs in or unlocks with this version); from then on a value is written only encrypted. An
// older store is encrypted in place at that moment (encryptPlaintextValues), so no record is lost.
#include <string>
#include <string_view>

#include "sqlite/sqlite_db.h"

namespace phum::store {

// sync_state key holding the data key's id (hex); absent: the store is not protected (a tablet
// in --open mode, or one no user has unlocked since encryption came).
inline constexpr const char* kDataKeyIdKey = "crypto.data_key_id";

// The raw key id the store is encrypted under, "" when not protected.
std::string dataKeyId(sqlite::Database& db);
// Marks the store as protected by `keyId` (raw bytes), in the caller's transaction.
void setDataKeyId(sqlite::Database& db, const std::string& keyId);

// Encrypts every personal value still in clear, in the caller's transaction; the key must be in
// the key ring. Returns how many values it encrypted. `sensitiveOnly`: only the few sync_state
// secrets (cheap, run at each unlock for a device secret kept while the tablet was locked).
int encryptPlaintextValues(sqlite::Database& db, const std::string& keyId,
                           bool sensitiveOnly = false);
// After encrypting in place: empties the write-ahead log, whose old frames still hold the
// plaintext pages (secure_delete already zeroes freed space in the database file itself).
void dropOldPages(sqlite::Database& db);

// The encryption context of each kind of value (authenticated, never stored).
std::string recordBodyContext(std::string_view uuid);
std::string recordTitleContext(std::string_view uuid);
std::string draftAnswersContext(std::string_view id);
std::string reviewContext(std::string_view recordUuid);
std::string syncValueContext(std::string_view key);
// sync_state keys whose values are secrets (encrypted when the store is protected).
bool isSecretSyncKey(std::string_view key);

// `stored` decrypted when it is encrypted, as it is otherwise (a store from before encryption).
std::string revealed(std::string stored, std::string_view context);
// `plain` encrypted under `keyId`, or as it is when keyId is "" (an unprotected store).
std::string concealed(const std::string& keyId, std::string_view plain, std::string_view context);

}  // namespace phum::store
