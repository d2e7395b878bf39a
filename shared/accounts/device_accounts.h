#pragma once
// Accounts on a shared tablet. A user signs in online once (password checked by the server); the
// tablet then keeps the account (role, scope), the session token used for sync and an Argon2id
// hash of a PIN, so later sign-ins work offline. Several users may share one tablet; the app shows
// each only their own records (LocalStore::listRecords(currentUser()->username)).
//
// Lives in the same SQLite file as LocalStore, in its own tables with its own schema version
// (sync_state key kAccountsSchemaVersionKey), so the two migration lists never fight.
//
// CONTRACT (used by the app and the change-feed applier). Extend, don't break.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "phum/v1/account.pb.h"
#include "phum/v1/changes.pb.h"
#include "sync/sync_client.h"

namespace phum::sqlite {
class Database;
}

namespace phum::accounts {

// Something the user typed or asked for cannot be done; the message says what to do instead.
// (Database failures are StorageError, network and server failures SyncError.)
class AccountError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LocalAccount {
  std::string username;
  std::string displayName;
  phum::v1::Role role = phum::v1::ROLE_UNSPECIFIED;
  std::string scopeCode;  // NIS code prefix or "national"
  std::int64_t lastOnlineSignInAtMs = 0;
  // A session token that has not expired is kept, so this user's records can be sent. When false
  // the user can still work offline but must sign in online with the password before syncing.
  bool canSync = false;
  bool lockedOut = false;  // too many wrong PINs; see unlock()
};

enum class UnlockStatus {
  Unlocked,
  WrongPin,           // triesLeft more tries before a lockout
  LockedOut,          // wait until retryAtMs, or sign in online with the password
  UnknownUser,        // never signed in online on this tablet
  Revoked,            // removed by an administrator
  NeedsOnlineSignIn,  // no PIN kept (e.g. the tablet was re-enrolled); sign in online
};

struct UnlockResult {
  UnlockStatus status = UnlockStatus::UnknownUser;
  int triesLeft = 0;
  std::int64_t retryAtMs = 0;  // LockedOut: when the next try is allowed (Unix epoch ms)
  std::string message;         // English; the app translates from status/triesLeft/retryAtMs
  bool ok() const { return status == UnlockStatus::Unlocked; }
};

inline constexpr int kMaxPinTries = 5;
inline constexpr const char* kAccountsSchemaVersionKey = "accounts.schema_version";
inline constexpr const char* kCurrentUserKey = "accounts.current_user";
// sync_state keys "accounts.escrow_wrap/DEVICE_ID": the data key wrapped by that enrolment's
// escrow key (escrow.cpp). Only the current enrolment's is kept.
inline constexpr const char* kEscrowWrapPrefix = "accounts.escrow_wrap/";
// sync_state keys "accounts.escrow_key_sealed/DEVICE_ID": the escrow key of an enrolment made
// while the data key was locked, sealed to the store's public key (store_encryption.h) until the
// next unlock turns it into the escrow wrap and removes it (escrow.cpp).
inline constexpr const char* kSealedEscrowKeyPrefix = "accounts.escrow_key_sealed/";

class DeviceAccounts {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix epoch ms; tests pass their own

  // Opens (creating and migrating LocalStore's schema and then ours) the tablet database.
  // Throws StorageError naming the path.
  explicit DeviceAccounts(const std::string& databasePath, Clock clock = {});
  ~DeviceAccounts();
  DeviceAccounts(const DeviceAccounts&) = delete;
  DeviceAccounts& operator=(const DeviceAccounts&) = delete;

  // --- Enrolment (the tablet itself) ---
  bool isEnrolled() const;
  std::string deviceId() const;  // empty when not enrolled
  // Enrols with the administrator's one-time code through `client` (SyncClient::enrollDevice).
  // Session tokens of the old enrolment are dropped (the server binds sessions to a device);
  // PINs stay. A tablet without a data key gets one now, and the key is wrapped with the escrow
  // key the enrolment brought, so the first user can open it after a restart (escrow.cpp). The
  // device secret is written once, in the same transaction: encrypted with the data key, or, when
  // the key is locked (a found tablet re-enrolled before anyone unlocked it), sealed to the
  // store's public key together with the escrow key, both taken up by the next unlock. Throws
  // AccountError for an empty code, SyncError from the server.
  std::string enroll(sync::SyncClient& client, const std::string& code,
                     const std::string& deviceName);

  // --- Users ---
  // Online sign-in through `client` (which then sends this user's token and records). On success
  // keeps the account, the session token and a hash of `pin`, clears any lockout or earlier
  // revocation, and makes this user the current one. The PIN is checked first, so a bad PIN costs
  // no network round trip. Throws AccountError (not enrolled, bad PIN), SyncError (server).
  LocalAccount firstSignIn(sync::SyncClient& client, const std::string& username,
                           const std::string& password, const std::string& pin);
  // Offline: checks `pin` against the kept hash. Wrong PINs are counted on disk before the check,
  // so killing the app mid-check still counts; kMaxPinTries wrong ones lock the account for a
  // wait that doubles with each further wrong PIN (1 minute up to 1 hour).
  UnlockResult unlock(const std::string& username, const std::string& pin);
  // Locks the tablet: no current user. The user's PIN and session token stay (their records can
  // still be sent in the background with syncConfigFor()).
  void signOut();
  std::optional<LocalAccount> currentUser() const;
  // Users who can sign in on this tablet (not revoked), by display name.
  std::vector<LocalAccount> listUsers() const;

  // --- The tablet's data key (data_key_access.cpp) ---
  // Puts the tablet's data key in this process's key ring for an online sign-in by `username`:
  // already there, or opened with their password or PIN wrap. Does nothing on a store that is not
  // encrypted yet (the sign-in creates the key). Throws AccountError when the records are
  // encrypted and neither opens them (a new user on a tablet no one has unlocked since the app
  // started: one of its users must unlock it first). Once the key is open, what a re-enrolment
  // sealed while it was locked is taken up (the device secret is readable afterwards).
  void openDataKey(const std::string& username, const std::string& password,
                   const std::string& pin);
  // As above, and when neither of the user's wraps opens the key (a user new to this tablet),
  // asks the server for this tablet's escrow key through `escrowClient` (a client with the device
  // id and no device secret: SyncClient::signIn) and opens the escrow wrap with it. The key is
  // used once and never stored. Throws AccountError when the tablet has no escrow wrap yet (one of
  // its users must unlock it), SyncError for a wrong password or no network, DeviceRevokedError.
  void openDataKey(sync::SyncClient& escrowClient, const std::string& username,
                   const std::string& password, const std::string& pin);
  // True when the data key is kept wrapped by this enrolment's escrow key.
  bool hasEscrowWrap() const;
  // True when the store's records are encrypted and its key is not in memory.
  bool dataLocked() const;
  // The tablet was revoked: every wrap of the data key, PIN hash, session token and the device
  // credential are overwritten (secure_delete, the WAL emptied) and the key leaves memory, so
  // what is left of the file cannot be decrypted even before the caller deletes it.
  void eraseKeys();

  // --- Sync credentials ---
  // `base` with this tablet's device credential and `username`'s session token and author set;
  // nullopt when the tablet is not enrolled or the user has no unexpired session on it.
  std::optional<sync::SyncConfig> syncConfigFor(const std::string& username,
                                                sync::SyncConfig base) const;

  // --- Revocation (called by the change-feed applier) ---
  // Removes `username` from this tablet: wipes the PIN hash and session token and signs them out
  // if current. Their records and outbox entries are NOT touched (see README.md). Returns false
  // if the user was not on this tablet. An online sign-in later (account reinstated) restores them.
  bool revokeUser(const std::string& username);
  // Applies one revocation from the change feed: a user as revokeUser; this tablet's own device id
  // forgets the device credential and every session token (PINs stay, records stay). Returns true
  // when something on this tablet changed.
  bool applyRevocation(const phum::v1::Revocation& revocation);
  // Applies the revocations LocalStore::applyChanges recorded in sync_state ("revoked.user.NAME",
  // "revoked.device.ID"). Wiring is optional: listUsers, currentUser, syncConfigFor and isEnrolled
  // already honour recorded revocations, and unlock() calls this. Returns how many changed
  // something.
  int applyRecordedRevocations();

 private:
  void migrate();
  std::int64_t now() const;
  std::optional<std::string> syncValue(const std::string& key) const;
  void setSyncValue(const std::string& key, const std::string& value);
  void eraseSyncValue(const std::string& key);
  struct KeyWraps {
    std::string pin;
    std::string password;
  };
  void rememberSignIn(const phum::v1::SignInResponse& response, const std::string& username,
                      const std::string& pinHash, const KeyWraps& wraps);
  // The data key id after making sure the key is in the ring: opened from the ring, from
  // `username`'s password or PIN wrap, or (store not encrypted yet) a new key. The second member
  // is true when the key is new (the store is encrypted in place when it is first stored).
  std::pair<std::string, bool> dataKeyForSignIn(const std::string& username,
                                                const std::string& password,
                                                const std::string& pinDigits);
  // Stores the key id if new and encrypts what is still in clear, in the caller's transaction;
  // gives the store its sealing key pair if it has none (a key from before them), re-encrypts
  // what was sealed while the key was locked, and makes the escrow wrap from a sealed escrow key.
  // Returns how many values were in clear (the caller then drops the old pages).
  int protectStore(const std::string& keyId, bool newKey);
  // protectStore in a transaction of its own, after a key opened outside unlock and sign-in.
  void settleOpenedKey(const std::string& keyId);
  // enroll's writes, in its transaction: the device secret (store::protectedSecret) and id.
  void storeCredential(const phum::v1::EnrollResponse& response);
  // unlock()'s key step after a right PIN; a refusal when the key cannot be opened.
  std::optional<UnlockResult> openDataKeyWithPin(const std::string& username,
                                                 const std::string& digits);
  std::optional<LocalAccount> readAccount(const std::string& username) const;
  // escrow.cpp: the data key `keyId` (in the ring) wrapped by `escrowKey` for this enrolment,
  // stored in place of any older escrow wrap, both or neither (a savepoint, in the caller's
  // transaction if there is one).
  void storeEscrowWrap(const std::string& keyId, const std::string& escrowKey);
  // Removes escrow wraps and sealed escrow keys alike.
  void eraseEscrowWraps();
  // escrow.cpp: an enrolment's escrow key while the data key is locked, sealed to the store's
  // public key (dropped when the store has none: the next online sign-in asks for it again).
  void keepSealedEscrowKey(const std::string& escrowKey);
  // At unlock (protectStore): a sealed escrow key of this enrolment becomes its escrow wrap.
  void adoptSealedEscrowKey(const std::string& keyId);
  std::optional<std::string> escrowWrap() const;
  bool revokeUserAt(const std::string& username, std::uint64_t revocationSeq);
  bool forgetDevice();
  bool revocationIsNew(const std::string& username, std::uint64_t seq) const;
  UnlockResult failAttempt(const std::string& username, int attempts, int lockouts);
  void acceptUnlock(const std::string& username, const std::string& digits,
                    const std::string& pinHash);

  std::unique_ptr<sqlite::Database> db_;
  Clock clock_;
};

// A PIN as typed (ASCII or Khmer digits ០–៩, spaces ignored) as ASCII digits. Throws AccountError
// with a message for the user when it is not 4 to 8 digits or is too easy to guess.
std::string normalisePin(const std::string& typed);

}  // namespace phum::accounts
