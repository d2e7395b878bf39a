#pragma once
// Values encrypted with the tablet's data key (XChaCha20-Poly1305, a random 24-byte nonce each).
//
// Layout: "\0PHC" | format 1 | key id (16 bytes) | nonce (24) | ciphertext with its 16-byte tag.
// The leading NUL keeps an encrypted value apart from what was stored before encryption: a
// serialized protobuf message never starts with a zero byte and a title never holds one, so a
// migration can tell plaintext rows from encrypted ones. The context (e.g. "records.body" and
// the record's id) is authenticated, not stored: a value copied onto another row or column does
// not open.
#include <string>
#include <string_view>

#include "crypto/data_key.h"

namespace phum::crypto {

bool isEncrypted(std::string_view stored);
// The key id an encrypted value names ("" when `stored` is not encrypted).
std::string keyIdOf(std::string_view stored);

std::string encryptValue(const std::string& keyId, const DataKey& key, std::string_view plain,
                         std::string_view context);
// Encrypts with the key ring's key `keyId`; LockedError when it is not unlocked.
std::string encryptValue(const std::string& keyId, std::string_view plain,
                         std::string_view context);
// Opens `stored` with the key ring's key it names. LockedError when that key is not unlocked,
// CryptoError when the value is damaged or belongs to another row.
std::string decryptValue(std::string_view stored, std::string_view context);

}  // namespace phum::crypto
