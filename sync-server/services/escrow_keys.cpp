#include "services/escrow_keys.h"

#include <sodium.h>

namespace phum::server {
namespace {

constexpr std::string_view kMagic = "phum-escrow-v1";

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The device id is sealed with the key: a sealed key copied to another device's row does not
// open as that device's.
std::string plainFor(std::string_view deviceId, std::string_view key) {
  std::string plain(deviceId);
  plain += key;
  return plain;
}

}  // namespace

std::string storedEscrowKey(std::string_view deviceId, std::string_view key, SealingKeys& keys) {
  const auto ring = keys.ring();
  if (!ring) return std::string(key);
  const sealing::KeyPair& current = ring->current();
  std::string plain = plainFor(deviceId, key);
  std::string box(plain.size() + crypto_box_SEALBYTES, '\0');
  const int failed = crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()), bytes(plain),
                                     plain.size(), bytes(current.publicKey));
  sodium_memzero(plain.data(), plain.size());
  if (failed != 0) throw EscrowKeyError("the tablet's escrow key could not be sealed");
  std::string stored(kMagic);
  stored += static_cast<char>(current.keyId.size());
  stored += current.keyId;
  stored += box;
  return stored;
}

std::string openEscrowKey(std::string_view deviceId, std::string_view stored, SealingKeys& keys) {
  if (isClearEscrowKey(stored)) return std::string(stored);
  const std::string who = "the escrow key of tablet " + std::string(deviceId);
  if (!stored.starts_with(kMagic) || stored.size() <= kMagic.size()) {
    throw EscrowKeyError(who + " is stored in a form this server does not know");
  }
  const std::size_t idLength = static_cast<unsigned char>(stored[kMagic.size()]);
  const std::size_t boxStart = kMagic.size() + 1 + idLength;
  if (stored.size() != boxStart + crypto_box_SEALBYTES + deviceId.size() + kEscrowKeyBytes) {
    throw EscrowKeyError(who + " is damaged");
  }
  const std::string keyId(stored.substr(kMagic.size() + 1, idLength));
  const auto ring = keys.ringHolding(keyId);
  const sealing::KeyPair* key = ring ? ring->find(keyId) : nullptr;
  if (key == nullptr) {
    throw EscrowKeyError(who + " is sealed to sealing key " + keyId +
                         ", which this server does not have: start it with the key file that "
                         "holds that key");
  }
  const std::string_view box = stored.substr(boxStart);
  std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
  const bool opened =
      crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), bytes(box), box.size(),
                           bytes(key->publicKey), bytes(key->secretKey)) == 0 &&
      std::string_view(plain).starts_with(deviceId);
  std::string escrowKey = opened ? plain.substr(deviceId.size()) : std::string();
  sodium_memzero(plain.data(), plain.size());
  if (!opened) throw EscrowKeyError(who + " does not open with sealing key " + keyId);
  return escrowKey;
}

}  // namespace phum::server
