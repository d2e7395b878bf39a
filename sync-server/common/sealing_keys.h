#pragma once
// The server's keys for sealed sensitive answers (shared/sealing): a key file of one line per key,
// the newest being the one tablets seal to; older keys stay so the records sealed to them still
// open after a rotation. The file must be readable by the server's user only (the server refuses
// it otherwise), and its secret keys may be wrapped by an administrator's passphrase (Argon2id,
// then XChaCha20-Poly1305), so a copy of the file alone opens nothing.
#include <functional>
#include <memory>
#include <mutex>
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

// Where a server's key file is and how to get its passphrase, so the file can be read again
// after a rotation.
struct SealingKeySource {
  std::string path;
  // The passphrase, asked each time the file is read (a passphrase file is read again); nothing
  // when the keys are not wrapped.
  std::function<std::optional<std::string>()> passphrase;
};

// The keys one server (or one phum-admin command) opens sealed answers with. Owned by Services
// and handed to ingest (validation), the console's views and the export; empty until load(), and
// sealed answers then stay sealed. Thread-safe.
class SealingKeys {
 public:
  // Reads the key file now. Throws KeyFileError.
  void load(SealingKeySource source);
  // The keys read last, or null.
  std::shared_ptr<const SealingKeyring> ring() const;
  // Puts `record`'s sealed answers back among its answers (every box of a corrected record's
  // envelope, each with the key it names, later boxes replacing earlier answers). A key id the
  // ring does not have makes
  // it read the key file again once, if the file changed since it was read (a `phum-admin keys
  // rotate` while the server runs), so a rotation needs no restart and a flood of unknown ids
  // costs one stat each. False, and the record unchanged, when no key opens them.
  bool open(phum::v1::Record& record);
  // The keys, read again as open() does when none has the id `keyId`; null without keys.
  std::shared_ptr<const SealingKeyring> ringHolding(const std::string& keyId);

 private:
  struct FileStamp {
    unsigned long long device = 0, inode = 0, size = 0;
    long long modifiedNs = 0;
    bool operator==(const FileStamp&) const = default;
  };
  static FileStamp stampOf(const std::string& path);
  std::shared_ptr<const SealingKeyring> reloadIfChanged();

  mutable std::mutex mutex_;
  std::optional<SealingKeySource> source_;
  FileStamp stamp_;  // of the file as last read
  std::shared_ptr<const SealingKeyring> ring_;
};

// Adds a new key to `path` (creating it with mode 0600), wrapped with `passphrase` when given;
// older keys stay. Returns the new key's id. Throws KeyFileError.
std::string addSealingKey(const std::string& path, const std::optional<std::string>& passphrase);

// Throws KeyFileError unless only the owner may read `path` (no group or other permissions).
void checkKeyFileIsPrivate(const std::string& path);

// A passphrase from a file (its first line), for a server started by a service manager.
std::string readPassphraseFile(const std::string& path);

}  // namespace phum::server
