#pragma once
// How a device's escrow key (account_service.h) is kept in the devices table: sealed (libsodium
// sealed box) to the server's current sealing key (common/sealing_keys.h), with the id of that
// key, so a copy of the database alone does not give it and a key rotation does not lose it (the
// old key stays in the key file and still opens it). A server without a key file keeps it in
// clear, exactly kEscrowKeyBytes long; those are sealed when the server starts with a key file,
// and by `phum-admin keys create|rotate` (sealClearEscrowKeys), or else at their next use.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/sealing_keys.h"

namespace phum::server {

// 32 random bytes per device.
inline constexpr std::size_t kEscrowKeyBytes = 32;

// The stored escrow key cannot be opened; the message says what the administrator must do.
class EscrowKeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Whether `stored` is an escrow key kept in clear (by an older server, or one without keys).
inline bool isClearEscrowKey(std::string_view stored) { return stored.size() == kEscrowKeyBytes; }

// `key` as it is to be stored for `deviceId`: sealed to the current key of `keys`, or as it is
// when the server has no sealing keys.
std::string storedEscrowKey(std::string_view deviceId, std::string_view key, SealingKeys& keys);

// The escrow key of `deviceId` from its stored form (sealed or clear). Throws EscrowKeyError when
// it is sealed to a key `keys` does not have (after reading the key file again if it changed), or
// does not open (changed bytes, or sealed for another device).
std::string openEscrowKey(std::string_view deviceId, std::string_view stored, SealingKeys& keys);

}  // namespace phum::server
