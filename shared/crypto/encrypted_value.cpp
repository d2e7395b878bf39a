#include "crypto/encrypted_value.h"

#include <sodium.h>

namespace phum::crypto {
namespace {

constexpr std::string_view kMagic{"\0PHC\x01", 5};
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHeaderBytes = kMagic.size() + kKeyIdBytes + kNonceBytes;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::shared_ptr<const DataKey> unlockedKey(const std::string& keyId) {
  auto key = findKey(keyId);
  if (!key) {
    throw LockedError(
        "The records on this tablet are locked. Unlock the tablet with your PIN, or sign in with "
        "your password.");
  }
  return key;
}

}  // namespace

bool isEncrypted(std::string_view stored) {
  return stored.size() >= kHeaderBytes + kTagBytes && stored.substr(0, kMagic.size()) == kMagic;
}

std::string keyIdOf(std::string_view stored) {
  if (!isEncrypted(stored)) return {};
  return std::string(stored.substr(kMagic.size(), kKeyIdBytes));
}

std::string encryptValue(const std::string& keyId, const DataKey& key, std::string_view plain,
                         std::string_view context) {
  ensureSodium();
  if (keyId.size() != kKeyIdBytes) throw CryptoError("A data key id must be 16 bytes.");
  std::string out(kHeaderBytes + plain.size() + kTagBytes, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::copy(kMagic.begin(), kMagic.end(), out.begin());
  std::copy(keyId.begin(), keyId.end(), out.begin() + kMagic.size());
  unsigned char* nonce = o + kMagic.size() + kKeyIdBytes;
  randombytes_buf(nonce, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kHeaderBytes, &written, bytes(plain), plain.size(),
                                             bytes(context), context.size(), nullptr, nonce,
                                             key.bytes());
  out.resize(kHeaderBytes + written);
  return out;
}

std::string encryptValue(const std::string& keyId, std::string_view plain,
                         std::string_view context) {
  return encryptValue(keyId, *unlockedKey(keyId), plain, context);
}

std::string decryptValue(std::string_view stored, std::string_view context) {
  ensureSodium();
  if (!isEncrypted(stored)) throw CryptoError("The stored value is not encrypted data.");
  const auto key = unlockedKey(keyIdOf(stored));
  const unsigned char* nonce = bytes(stored) + kMagic.size() + kKeyIdBytes;
  const std::string_view sealed = stored.substr(kHeaderBytes);
  std::string plain(sealed.size() - kTagBytes, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr, bytes(sealed),
          sealed.size(), bytes(context), context.size(), nonce, key->bytes()) != 0) {
    throw CryptoError(
        "Encrypted data on this tablet is damaged or was moved from elsewhere, and cannot be "
        "read. Report this tablet to an administrator.");
  }
  plain.resize(written);
  return plain;
}

}  // namespace phum::crypto
