#pragma once
// The tablet's data key and the process's key ring.
//
// One random 32-byte data key per tablet encrypts every personal value the tablet keeps (record
// answers and titles, drafts, review notes, photos, the device secret and session tokens). It is
// never stored in clear: each user of the tablet keeps it wrapped by their PIN and by their
// password, and the tablet keeps it wrapped by its escrow key, which only the server holds
// (key_wrap.h). After a user unlocks, the key sits in the key ring, in locked memory,
// until the app stops or the tablet is wiped; every store and worker thread of the process finds it
// there by its id, which the database keeps in clear (it says which key, not the key).
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace phum::crypto {

// Encrypted bytes could not be opened: damaged, or made with another key.
class CryptoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The data is encrypted and its key is not in memory: a user must unlock the tablet first.
class LockedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kDataKeyBytes = 32;
inline constexpr std::size_t kKeyIdBytes = 16;

class DataKey {
 public:
  static DataKey generate();
  // `bytes` must be kDataKeyBytes long (an unwrapped key).
  static DataKey fromBytes(std::string_view bytes);
  DataKey(const DataKey& other);
  DataKey& operator=(const DataKey& other);
  DataKey(DataKey&&) noexcept = default;
  DataKey& operator=(DataKey&&) noexcept = default;
  ~DataKey();

  const unsigned char* bytes() const { return bytes_.get(); }

 private:
  struct Free {
    void operator()(unsigned char* p) const;
  };
  DataKey();
  std::unique_ptr<unsigned char, Free> bytes_;  // sodium_malloc: locked, guarded, wiped on free
};

// A new random key id (kKeyIdBytes raw bytes).
std::string newKeyId();

// The key ring: data keys this process has unlocked, by key id. Thread-safe.
void rememberKey(const std::string& keyId, const DataKey& key);
// nullptr when the key is not unlocked in this process.
std::shared_ptr<const DataKey> findKey(const std::string& keyId);
void forgetKey(const std::string& keyId);
void forgetAllKeys();

// libsodium initialised, or CryptoError.
void ensureSodium();

}  // namespace phum::crypto
