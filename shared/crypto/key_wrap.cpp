#include "crypto/key_wrap.h"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace phum::crypto {
namespace {

constexpr std::string_view kMagic = "PHW1";
constexpr std::string_view kContext = "phum data key wrap";
constexpr std::size_t kSaltBytes = crypto_pwhash_SALTBYTES;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kLimitsAt = kMagic.size();
constexpr std::size_t kSaltAt = kLimitsAt + 16;
constexpr std::size_t kNonceAt = kSaltAt + kSaltBytes;
constexpr std::size_t kSealedAt = kNonceAt + kNonceBytes;
constexpr std::size_t kWrapBytes = kSealedAt + kDataKeyBytes + kTagBytes;

void putU64(std::string& out, std::size_t at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

std::uint64_t getU64(std::string_view in, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[at + i]);
  return value;
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The key-encryption key for `secret`, in locked memory.
DataKey deriveKek(std::string_view secret, const unsigned char* salt, std::uint64_t opslimit,
                  std::uint64_t memlimit) {
  std::array<unsigned char, kDataKeyBytes> raw{};
  if (crypto_pwhash(raw.data(), raw.size(), secret.data(), secret.size(), salt, opslimit,
                    static_cast<std::size_t>(memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw CryptoError(
        "The tablet ran out of memory while unlocking its data. Close other apps and try again.");
  }
  DataKey kek =
      DataKey::fromBytes(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  sodium_memzero(raw.data(), raw.size());
  return kek;
}

}  // namespace

std::string wrapKey(const DataKey& key, std::string_view secret) {
  ensureSodium();
  std::string out(kWrapBytes, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::copy(kMagic.begin(), kMagic.end(), out.begin());
  const std::uint64_t opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::uint64_t memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  putU64(out, kLimitsAt, opslimit);
  putU64(out, kLimitsAt + 8, memlimit);
  randombytes_buf(o + kSaltAt, kSaltBytes);
  randombytes_buf(o + kNonceAt, kNonceBytes);
  const DataKey kek = deriveKek(secret, o + kSaltAt, opslimit, memlimit);
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kSealedAt, nullptr, key.bytes(), kDataKeyBytes,
                                             bytes(kContext), kContext.size(), nullptr,
                                             o + kNonceAt, kek.bytes());
  return out;
}

std::optional<DataKey> unwrapKey(std::string_view wrapped, std::string_view secret) {
  ensureSodium();
  if (wrapped.size() != kWrapBytes || wrapped.substr(0, kMagic.size()) != kMagic)
    throw CryptoError("A wrapped data key on this tablet is damaged.");
  const std::uint64_t opslimit = getU64(wrapped, kLimitsAt);
  const std::uint64_t memlimit = getU64(wrapped, kLimitsAt + 8);
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > (std::uint64_t{1} << 32))
    throw CryptoError("A wrapped data key on this tablet has impossible limits.");
  const DataKey kek = deriveKek(secret, bytes(wrapped) + kSaltAt, opslimit, memlimit);
  std::array<unsigned char, kDataKeyBytes> raw{};
  const int failed = crypto_aead_xchacha20poly1305_ietf_decrypt(
      raw.data(), nullptr, nullptr, bytes(wrapped) + kSealedAt, kDataKeyBytes + kTagBytes,
      bytes(kContext), kContext.size(), bytes(wrapped) + kNonceAt, kek.bytes());
  if (failed != 0) return std::nullopt;
  DataKey key =
      DataKey::fromBytes(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  sodium_memzero(raw.data(), raw.size());
  return key;
}

namespace {

constexpr std::string_view kKeyWrapMagic = "PHE1";
constexpr std::size_t kKeyWrapNonceAt = kKeyWrapMagic.size();
constexpr std::size_t kKeyWrapSealedAt = kKeyWrapNonceAt + kNonceBytes;
constexpr std::size_t kKeyWrapBytes = kKeyWrapSealedAt + kDataKeyBytes + kTagBytes;

}  // namespace

std::string wrapKeyWithKey(const DataKey& key, std::string_view kek, std::string_view context) {
  ensureSodium();
  if (kek.size() != kDataKeyBytes) throw CryptoError("An escrow key has the wrong size.");
  std::string out(kKeyWrapBytes, '\0');
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  std::copy(kKeyWrapMagic.begin(), kKeyWrapMagic.end(), out.begin());
  randombytes_buf(o + kKeyWrapNonceAt, kNonceBytes);
  crypto_aead_xchacha20poly1305_ietf_encrypt(o + kKeyWrapSealedAt, nullptr, key.bytes(),
                                             kDataKeyBytes, bytes(context), context.size(), nullptr,
                                             o + kKeyWrapNonceAt, bytes(kek));
  return out;
}

std::optional<DataKey> unwrapKeyWithKey(std::string_view wrapped, std::string_view kek,
                                        std::string_view context) {
  ensureSodium();
  if (kek.size() != kDataKeyBytes || wrapped.size() != kKeyWrapBytes ||
      wrapped.substr(0, kKeyWrapMagic.size()) != kKeyWrapMagic)
    return std::nullopt;
  std::array<unsigned char, kDataKeyBytes> raw{};
  const int failed = crypto_aead_xchacha20poly1305_ietf_decrypt(
      raw.data(), nullptr, nullptr, bytes(wrapped) + kKeyWrapSealedAt, kDataKeyBytes + kTagBytes,
      bytes(context), context.size(), bytes(wrapped) + kKeyWrapNonceAt, bytes(kek));
  if (failed != 0) return std::nullopt;
  DataKey key =
      DataKey::fromBytes(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
  sodium_memzero(raw.data(), raw.size());
  return key;
}

}  // namespace phum::crypto
