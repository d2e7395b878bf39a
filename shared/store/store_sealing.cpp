// The store's sealing key pair (store_encryption.h): secrets written while the data key is locked
// are sealed to the public key and re-encrypted under the data key at the next unlock.
//
// Why a key pair and not, say, a second symmetric key: whatever is written while locked must be
// writable without any secret (the tablet holds none in clear then), and readable only by who can
// open the data key. A public key in clear does exactly that; its secret key rides on the data key
// like every other secret on the tablet, so it adds no new way in.
#include <sodium.h>

#include <vector>

#include "core/errors.h"
#include "core/hex.h"
#include "crypto/encrypted_value.h"
#include "store/store_encryption.h"
#include "store/sync_state_rows.h"

namespace phum::store {
namespace {

constexpr std::string_view kSealMagic{"\0PHS\x01", 5};

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

// Wiped when it goes out of scope: the sealing secret key and opened secrets.
struct Wiped {
  std::string bytes;
  ~Wiped() {
    if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
  }
};

// The sealing secret key, when the store has one encrypted under `keyId`; LockedError when that
// key is not unlocked. A damaged one reads as none (a new pair replaces it).
std::optional<Wiped> secretKey(sqlite::Database& db, const std::string& keyId) {
  const auto stored = readSyncRow(db, kSealingSecretKeyKey);
  if (!stored || crypto::keyIdOf(*stored) != keyId) return std::nullopt;
  std::optional<Wiped> key(std::in_place);
  try {
    key->bytes = crypto::decryptValue(*stored, syncValueContext(kSealingSecretKeyKey));
  } catch (const crypto::CryptoError&) {
    return std::nullopt;
  }
  if (key->bytes.size() != crypto_box_SECRETKEYBYTES) return std::nullopt;
  return key;
}

std::string publicKeyOf(const Wiped& secret) {
  std::string pk(crypto_box_PUBLICKEYBYTES, '\0');
  crypto_scalarmult_base(bytes(pk), bytes(secret.bytes));
  return pk;
}

// What is sealed: the row's key, a NUL, the value (so a sealed value opens only on its row).
std::string sealedText(std::string_view key, std::string_view plain) {
  return joined(key, '\0', plain);
}

}  // namespace

bool isSealed(std::string_view stored) {
  return stored.size() >= kSealMagic.size() + crypto_box_SEALBYTES &&
         stored.substr(0, kSealMagic.size()) == kSealMagic;
}

bool ensureSealingKeys(sqlite::Database& db, const std::string& keyId) {
  crypto::ensureSodium();
  if (const auto secret = secretKey(db, keyId)) {
    const std::string pk = hexOf(publicKeyOf(*secret));
    if (readSyncRow(db, kSealingPublicKeyKey) == pk) return false;
    writeSyncRow(db, kSealingPublicKeyKey, pk, SyncRowType::Text);
    return true;
  }
  std::string pk(crypto_box_PUBLICKEYBYTES, '\0');
  Wiped sk{std::string(crypto_box_SECRETKEYBYTES, '\0')};
  crypto_box_keypair(bytes(pk), bytes(sk.bytes));
  writeSyncRow(db, kSealingSecretKeyKey,
               crypto::encryptValue(keyId, sk.bytes, syncValueContext(kSealingSecretKeyKey)),
               SyncRowType::Blob);
  writeSyncRow(db, kSealingPublicKeyKey, hexOf(pk), SyncRowType::Text);
  return true;
}

std::optional<std::string> sealedForStore(sqlite::Database& db, std::string_view key,
                                          std::string_view plain) {
  crypto::ensureSodium();
  const auto hex = readSyncRow(db, kSealingPublicKeyKey);
  if (!hex) return std::nullopt;
  std::string pk(crypto_box_PUBLICKEYBYTES, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(bytes(pk), pk.size(), hex->data(), hex->size(), nullptr, &length, nullptr) !=
          0 ||
      length != pk.size()) {
    throw StorageError("The local database " + db.path() +
                       " holds a damaged sealing key. Report this tablet to an administrator.");
  }
  Wiped text{sealedText(key, plain)};
  std::string out(kSealMagic);
  out.resize(kSealMagic.size() + crypto_box_SEALBYTES + text.bytes.size());
  crypto_box_seal(bytes(out) + kSealMagic.size(), bytes(text.bytes), text.bytes.size(), bytes(pk));
  return out;
}

std::optional<std::string> openSealed(sqlite::Database& db, std::string_view key,
                                      std::string_view sealed) {
  crypto::ensureSodium();
  const std::string keyId = dataKeyId(db);
  if (keyId.empty() || !isSealed(sealed)) return std::nullopt;
  if (!crypto::findKey(keyId)) {
    throw crypto::LockedError(
        "The records on this tablet are locked. Unlock the tablet with your PIN, or sign in with "
        "your password.");
  }
  const auto secret = secretKey(db, keyId);
  if (!secret) return std::nullopt;
  const std::string pk = publicKeyOf(*secret);
  const std::string_view box = sealed.substr(kSealMagic.size());
  Wiped text{std::string(box.size() - crypto_box_SEALBYTES, '\0')};
  if (crypto_box_seal_open(bytes(text.bytes), bytes(box), box.size(), bytes(pk),
                           bytes(secret->bytes)) != 0) {
    return std::nullopt;
  }
  const std::string prefix = sealedText(key, "");
  if (text.bytes.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return text.bytes.substr(prefix.size());
}

int resealSecretValues(sqlite::Database& db, const std::string& keyId) {
  std::vector<std::pair<std::string, std::string>> sealed;
  {
    auto select = db.prepare("SELECT key, value FROM sync_state");
    while (select.step()) {
      if (!isSecretSyncKey(select.text(0))) continue;
      std::string value = select.blob(1);
      if (isSealed(value)) sealed.emplace_back(select.text(0), std::move(value));
    }
  }
  for (const auto& [key, value] : sealed) {
    auto opened = openSealed(db, key, value);
    if (!opened) {
      eraseSyncRow(db, key);
      continue;
    }
    Wiped plain{std::move(*opened)};
    writeSyncRow(db, key, crypto::encryptValue(keyId, plain.bytes, syncValueContext(key)),
                 SyncRowType::Blob);
  }
  return static_cast<int>(sealed.size());
}

std::string protectedSecret(sqlite::Database& db, std::string_view key, std::string_view plain) {
  const std::string keyId = dataKeyId(db);
  if (keyId.empty()) return std::string(plain);
  if (crypto::findKey(keyId)) return crypto::encryptValue(keyId, plain, syncValueContext(key));
  if (auto sealed = sealedForStore(db, key, plain)) return *std::move(sealed);
  return std::string(plain);
}

}  // namespace phum::store
