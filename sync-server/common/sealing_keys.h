#pragma once
// The server's keys for sealed sensitive answers (shared/sealing): a key file of one line per key,
// the newest being the one tablets seal to; older keys stay so the records sealed to them still
// open after a rotation. The file must be readable by the server's user only (the server refuses
// it otherwise), and its secret keys may be wrapped by an administrator's passphrase (Argon2id,
// then XChaCha20-Poly1305), so a copy of the file alone opens nothing.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sealing/sealing.h"

namespace phum::server {

// A key file that cannot be used; the message says what to do.
class KeyFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SealingKeyring {
 public:
  // Reads `path`. Throws KeyFileError if it is missing, readable by group or others, corrupt,
  // wrapped and no (or a wrong) passphrase was given.
  static SealingKeyring load(const std::string& path, const std::optional<std::string>& passphrase);

  // The key tablets seal to (the newest).
  const sealing::KeyPair& current() const { return keys_.back(); }
  sealing::PublicKey currentPublic() const { return {current().keyId, current().publicKey}; }
  // The key with this id, or nothing.
  const sealing::KeyPair* find(const std::string& keyId) const;
  const std::vector<sealing::KeyPair>& keys() const { return keys_; }

 private:
  std::vector<sealing::KeyPair> keys_;  // oldest first
};

// The keys this process opens sealed answers with: installed once at start (phum-server after
// reading its key file, phum-admin before an export with sensitive answers), before any request
// is served, and read by ingest (validation), the console's views and the export. A process-wide
// setting rather than a constructor argument so the services' interfaces stay as they are.
void installSealingKeys(std::shared_ptr<const SealingKeyring> keys);
std::shared_ptr<const SealingKeyring> installedSealingKeys();
// Puts `record`'s sealed answers back among its answers with the installed keys. False, and the
// record unchanged, when it has sealed answers that no installed key opens.
bool openSealedAnswers(phum::v1::Record& record);

// Adds a new key to `path` (creating it with mode 0600), wrapped with `passphrase` when given;
// older keys stay. Returns the new key's id. Throws KeyFileError.
std::string addSealingKey(const std::string& path, const std::optional<std::string>& passphrase);

// Throws KeyFileError unless only the owner may read `path` (no group or other permissions).
void checkKeyFileIsPrivate(const std::string& path);

// A passphrase from a file (its first line), for a server started by a service manager.
std::string readPassphraseFile(const std::string& path);

}  // namespace phum::server
