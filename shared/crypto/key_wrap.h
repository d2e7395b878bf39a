#pragma once
// The data key wrapped by a secret a person knows (their PIN or their password): a key derived
// with Argon2id (libsodium crypto_pwhash, interactive limits: about 0.1 s and 64 MiB on a tablet,
// costly for someone guessing from a copied file) encrypts the data key. Each user keeps two
// wraps, so a forgotten PIN is recovered by an online sign-in with the password, and a changed
// password by the PIN.
#include <optional>
#include <string>
#include <string_view>

#include "crypto/data_key.h"

namespace phum::crypto {

// Layout: "PHW1" | opslimit (8, little endian) | memlimit (8) | salt (16) | nonce (24) | the
// encrypted key with its tag. The limits are stored so that stronger ones later still open old
// wraps.
std::string wrapKey(const DataKey& key, std::string_view secret);
// nullopt when `secret` is not the one the key was wrapped with; CryptoError when `wrapped` is
// not a wrap at all or the device has too little memory.
std::optional<DataKey> unwrapKey(std::string_view wrapped, std::string_view secret);

// The data key wrapped by another random key (a device's escrow key, kDataKeyBytes): no Argon2id,
// as a random key cannot be guessed. Layout: "PHE1" | nonce (24) | the encrypted key with its tag.
// `context` is authenticated (not stored): a wrap made for one enrolment does not open with
// another's key. CryptoError when `kek` is not a key of the right size.
std::string wrapKeyWithKey(const DataKey& key, std::string_view kek, std::string_view context);
// nullopt when `kek` or `context` is not the one the key was wrapped with, or `wrapped` is not
// such a wrap.
std::optional<DataKey> unwrapKeyWithKey(std::string_view wrapped, std::string_view kek,
                                        std::string_view context);

}  // namespace phum::crypto
