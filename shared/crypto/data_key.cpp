#include "crypto/data_key.h"

#include <sodium.h>

#include <map>
#include <mutex>

namespace phum::crypto {
namespace {

std::mutex& ringMutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::string, std::shared_ptr<const DataKey>>& ring() {
  static std::map<std::string, std::shared_ptr<const DataKey>> keys;
  return keys;
}

}  // namespace

void ensureSodium() {
  if (sodium_init() < 0) throw CryptoError("libsodium could not initialise on this device.");
}

void DataKey::Free::operator()(unsigned char* p) const { sodium_free(p); }

DataKey::DataKey() {
  ensureSodium();
  bytes_.reset(static_cast<unsigned char*>(sodium_malloc(kDataKeyBytes)));
  if (!bytes_) throw CryptoError("There is not enough memory to hold the tablet's data key.");
}

DataKey::~DataKey() = default;

DataKey DataKey::generate() {
  DataKey key;
  crypto_aead_xchacha20poly1305_ietf_keygen(key.bytes_.get());
  return key;
}

DataKey DataKey::fromBytes(std::string_view bytes) {
  if (bytes.size() != kDataKeyBytes) throw CryptoError("A data key must be 32 bytes.");
  DataKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.get());
  return key;
}

DataKey::DataKey(const DataKey& other) : DataKey() {
  std::copy(other.bytes(), other.bytes() + kDataKeyBytes, bytes_.get());
}

DataKey& DataKey::operator=(const DataKey& other) {
  if (this != &other) std::copy(other.bytes(), other.bytes() + kDataKeyBytes, bytes_.get());
  return *this;
}

std::string newKeyId() {
  ensureSodium();
  std::string id(kKeyIdBytes, '\0');
  randombytes_buf(id.data(), id.size());
  return id;
}

void rememberKey(const std::string& keyId, const DataKey& key) {
  auto copy = std::make_shared<const DataKey>(key);
  std::lock_guard lock(ringMutex());
  ring()[keyId] = std::move(copy);
}

std::shared_ptr<const DataKey> findKey(const std::string& keyId) {
  std::lock_guard lock(ringMutex());
  const auto found = ring().find(keyId);
  return found == ring().end() ? nullptr : found->second;
}

void forgetKey(const std::string& keyId) {
  std::lock_guard lock(ringMutex());
  ring().erase(keyId);
}

void forgetAllKeys() {
  std::lock_guard lock(ringMutex());
  ring().clear();
}

}  // namespace phum::crypto
