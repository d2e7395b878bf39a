#pragma once
// Files kept encrypted with the data key (photos and other attachments). The whole file is one
// encrypted value (encrypted_value.h) whose context is the file's name, so a photo copied under
// another name does not open; attachments are scaled photos of a few hundred kilobytes.
#include <string>

namespace phum::crypto {

// Writes `bytes` to `path` encrypted with the key ring's key `keyId` ("" = in clear, for a
// tablet without accounts), through a temporary file flushed to storage (fsync), renamed into
// place, the folder flushed too: after it returns the whole file is there. Throws CryptoError /
// LockedError, or std::runtime_error naming the file when it cannot be written.
void writeProtectedFile(const std::string& path, const std::string& bytes,
                        const std::string& keyId);
// The file's bytes as they were written: decrypted when encrypted (LockedError when its key is
// not unlocked), as they are otherwise. Throws std::runtime_error naming the file.
std::string readProtectedFile(const std::string& path);
// True when `path` holds an encrypted file.
bool isProtectedFile(const std::string& path);

}  // namespace phum::crypto
