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
#include <optional>
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

// --- The store's sealing key pair (store_sealing.cpp) ---
// A secret that must be written while the data key is locked (a found tablet re-enrolled by an
// administrator before any user unlocked it: its new device secret) cannot be encrypted under
// that key. It is sealed instead (libsodium crypto_box_seal, X25519) to the store's public key,
// kept in clear; the matching secret key is kept encrypted under the data key, so only someone
// who can open the data key opens the sealed value. The next unlock re-encrypts it the usual way
// (resealSecretValues). The pair is made with the data key, and at the first unlock of a store
// whose key came before the pair (ensureSealingKeys, from DeviceAccounts' protectStore).
inline constexpr const char* kSealingPublicKeyKey = "crypto.sealing_public_key";  // hex
inline constexpr const char* kSealingSecretKeyKey = "crypto.sealing_secret_key";  // encrypted

// Gives the store its key pair when it has none, or none that opens with the data key `keyId`
// (which must be unlocked), and rewrites a public key that does not match the secret key (one
// changed in the file would make sealed secrets readable to whoever changed it: this limits that
// to secrets written before the next unlock). In the caller's transaction; true when it wrote.
bool ensureSealingKeys(sqlite::Database& db, const std::string& keyId);
// True when `stored` is a value sealed to a store's public key.
bool isSealed(std::string_view stored);
// `plain` sealed to the store's public key for the sync_state row `key` (the key is sealed with
// it, so a value copied onto another row does not open); nullopt when the store has no pair.
std::optional<std::string> sealedForStore(sqlite::Database& db, std::string_view key,
                                          std::string_view plain);
// Opens a value sealed for the row `key` with the store's secret key (the data key must be
// unlocked: LockedError otherwise); nullopt when it does not open (damaged, another row's, or
// sealed to a public key that is not this store's).
std::optional<std::string> openSealed(sqlite::Database& db, std::string_view key,
                                      std::string_view sealed);
// Re-encrypts under `keyId` every secret sync_state value sealed while the data key was locked,
// in the caller's transaction. One that does not open is removed: for the device secret the
// tablet then reads as not enrolled, and an administrator enrols it again. Returns how many.
int resealSecretValues(sqlite::Database& db, const std::string& keyId);
// How the secret sync_state value `key` is to be written: encrypted under the store's data key
// when it is unlocked, sealed to the store's public key when it is locked, in clear when the
// store is not protected, or is locked and has no pair yet (its data key came before the pair;
// the next unlock encrypts it and makes the pair).
std::string protectedSecret(sqlite::Database& db, std::string_view key, std::string_view plain);

// `what`, `separator`, `id` in one string: the contexts below and what a sealed value binds to.
std::string joined(std::string_view what, char separator, std::string_view id);
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
