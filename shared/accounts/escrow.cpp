// The escrow wrap: the tablet's data key wrapped by a per-device key that only the server keeps
// (services/account_service.h on the server). A user who never signed in on this tablet has no
// wrap of their own, so after an app restart nobody could open the records for them; with a right
// password the server hands over the escrow key (never to a revoked tablet or disabled account),
// the tablet opens this wrap, and the user's own wraps are made as usual. The tablet never stores
// the escrow key in a form it can read without the data key (an enrolment's key that arrives
// while the data key is locked waits sealed to the store's public key, see keepSealedEscrowKey),
// and the server never sees the data key: a lost tablet alone opens nothing, a copy of the server
// database alone neither.
#include <sodium.h>

#include "accounts/accounts_internal.h"
#include "accounts/device_accounts.h"
#include "core/errors.h"
#include "crypto/key_wrap.h"
#include "sqlite/sqlite_db.h"
#include "store/local_store.h"
#include "store/store_encryption.h"
#include "store/sync_state_rows.h"

namespace phum::accounts {
namespace {

// Authenticated with the wrap: a wrap of another enrolment does not open with this one's key.
std::string escrowContext(const std::string& deviceId) { return "phum escrow wrap:" + deviceId; }

// Copies of the escrow key are wiped when they go out of scope.
struct WipedKey {
  std::string bytes;
  ~WipedKey() {
    if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
  }
};

}  // namespace

std::optional<std::string> DeviceAccounts::escrowWrap() const {
  const auto deviceId = syncValue(store::kDeviceIdKey);
  if (!deviceId || deviceId->empty()) return std::nullopt;
  return store::readSyncRow(*db_, kEscrowWrapPrefix + *deviceId);
}

bool DeviceAccounts::hasEscrowWrap() const { return escrowWrap().has_value(); }

void DeviceAccounts::eraseEscrowWraps() {
  for (const std::string_view prefix : {kEscrowWrapPrefix, kSealedEscrowKeyPrefix}) {
    db_->prepare("DELETE FROM sync_state WHERE substr(key, 1, ?1) = ?2")
        .bind(1, static_cast<std::int64_t>(prefix.size()))
        .bind(2, prefix)
        .run();
  }
}

// Why keep it at all: without it the escrow wrap waits for an existing user's online sign-in;
// with it, the first offline unlock makes it, so a colleague new to the tablet can sign in after
// a restart from then on. Sealed, it is no easier to reach than the data key itself, which it
// would only open again. What it cannot do: let a new user in before anyone unlocked (the data
// key to wrap is locked until then).
void DeviceAccounts::keepSealedEscrowKey(const std::string& escrowKey) {
  const auto deviceId = syncValue(store::kDeviceIdKey);
  if (!deviceId || deviceId->empty()) return;
  const std::string row = kSealedEscrowKeyPrefix + *deviceId;
  const auto sealed = store::sealedForStore(*db_, row, escrowKey);
  if (!sealed) return;
  store::writeSyncRow(*db_, row, *sealed, store::SyncRowType::Blob);
}

void DeviceAccounts::adoptSealedEscrowKey(const std::string& keyId) {
  const auto deviceId = syncValue(store::kDeviceIdKey);
  if (!deviceId || deviceId->empty()) return;
  const std::string row = kSealedEscrowKeyPrefix + *deviceId;
  const auto sealed = store::readSyncRow(*db_, row);
  if (!sealed) return;
  auto opened = store::openSealed(*db_, row, *sealed);
  if (!opened) {
    // Unreadable (damaged): the next online sign-in asks the server for the key instead.
    eraseSyncValue(row);
    return;
  }
  WipedKey escrowKey;
  escrowKey.bytes.swap(*opened);
  storeEscrowWrap(keyId, escrowKey.bytes);  // which removes the sealed key
}

void DeviceAccounts::storeEscrowWrap(const std::string& keyId, const std::string& escrowKey) {
  const auto key = crypto::findKey(keyId);
  const auto deviceId = syncValue(store::kDeviceIdKey);
  if (!key || !deviceId || deviceId->empty()) return;
  const std::string wrap = crypto::wrapKeyWithKey(*key, escrowKey, escrowContext(*deviceId));
  // The old wrap goes only with the new one in: a failed insert (disk full, a crash) must not
  // leave the tablet without any. A savepoint, so this holds inside the caller's transaction or
  // without one.
  db_->exec("SAVEPOINT store_escrow_wrap");
  try {
    eraseEscrowWraps();
    store::writeSyncRow(*db_, kEscrowWrapPrefix + *deviceId, wrap, store::SyncRowType::Blob);
  } catch (...) {
    db_->exec("ROLLBACK TO store_escrow_wrap");
    db_->exec("RELEASE store_escrow_wrap");
    throw;
  }
  db_->exec("RELEASE store_escrow_wrap");
}

void DeviceAccounts::openDataKey(sync::SyncClient& escrowClient, const std::string& username,
                                 const std::string& password, const std::string& pin) {
  try {
    openDataKey(username, password, pin);
    return;
  } catch (const AccountError&) {
    // No wrap of this user's opens the key: the escrow wrap may.
  }
  const auto wrap = escrowWrap();
  if (!wrap) throw AccountError(kAskAnotherUserText);
  auto response = escrowClient.signIn(username, password);
  WipedKey escrowKey;
  escrowKey.bytes.swap(*response.mutable_escrow_key());
  const auto deviceId = syncValue(store::kDeviceIdKey).value_or("");
  auto key = crypto::unwrapKeyWithKey(*wrap, escrowKey.bytes, escrowContext(deviceId));
  if (!key) throw AccountError(kAskAnotherUserText);
  const std::string keyId = store::dataKeyId(*db_);
  crypto::rememberKey(keyId, *key);
  settleOpenedKey(keyId);
}

}  // namespace phum::accounts
