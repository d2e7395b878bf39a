#include "common/sealing_keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/json_log.h"
#include "core/hex.h"

namespace phum::server {
namespace {

constexpr const char* kLinePrefix = "phum-sealing-key-v1";

std::string fromHex(const std::string& hex, std::size_t expected, const std::string& where) {
  std::string raw(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      (expected != 0 && length != expected)) {
    throw KeyFileError(where + " is corrupt (bad hex)");
  }
  raw.resize(length);
  return raw;
}

std::string wrapKey(const std::string& secret, const std::string& passphrase) {
  std::string salt(crypto_pwhash_SALTBYTES, '\0');
  randombytes_buf(salt.data(), salt.size());
  std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(), passphrase.data(),
                    passphrase.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw KeyFileError("not enough memory to derive the key from the passphrase");
  }
  std::string nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  std::string box(secret.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(box.data()), nullptr,
                                             reinterpret_cast<const unsigned char*>(secret.data()),
                                             secret.size(), nullptr, 0, nullptr,
                                             reinterpret_cast<const unsigned char*>(nonce.data()),
                                             reinterpret_cast<const unsigned char*>(key.data()));
  sodium_memzero(key.data(), key.size());
  return "argon2id " + hexOf(salt) + " " + hexOf(nonce) + " " + hexOf(box);
}

std::string unwrapKey(std::istringstream& fields, const std::optional<std::string>& passphrase,
                      const std::string& where) {
  std::string saltHex, nonceHex, boxHex;
  fields >> saltHex >> nonceHex >> boxHex;
  if (!passphrase) {
    throw KeyFileError(where +
                       " is protected by a passphrase: give it with --key-passphrase-file FILE "
                       "(or PHUM_KEY_PASSPHRASE)");
  }
  const std::string salt = fromHex(saltHex, crypto_pwhash_SALTBYTES, where);
  const std::string nonce = fromHex(nonceHex, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, where);
  const std::string box = fromHex(boxHex, 0, where);
  std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  if (crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), key.size(), passphrase->data(),
                    passphrase->size(), reinterpret_cast<const unsigned char*>(salt.data()),
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw KeyFileError("not enough memory to derive the key from the passphrase");
  }
  std::string secret(sealing::kSecretKeyBytes, '\0');
  unsigned long long length = 0;
  const int opened = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(secret.data()), &length, nullptr,
      reinterpret_cast<const unsigned char*>(box.data()), box.size(), nullptr, 0,
      reinterpret_cast<const unsigned char*>(nonce.data()),
      reinterpret_cast<const unsigned char*>(key.data()));
  sodium_memzero(key.data(), key.size());
  if (opened != 0 || length != sealing::kSecretKeyBytes) {
    throw KeyFileError(where + ": the passphrase is wrong");
  }
  return secret;
}

sealing::KeyPair parseLine(const std::string& line, const std::optional<std::string>& passphrase,
                           const std::string& where) {
  std::istringstream fields(line);
  std::string prefix, keyId, publicHex, kind;
  fields >> prefix >> keyId >> publicHex >> kind;
  if (prefix != kLinePrefix) throw KeyFileError(where + " is not a Phum sealing key");
  sealing::KeyPair pair{keyId, fromHex(publicHex, sealing::kPublicKeyBytes, where), {}};
  if (kind == "plain") {
    std::string secretHex;
    fields >> secretHex;
    pair.secretKey = fromHex(secretHex, sealing::kSecretKeyBytes, where);
  } else if (kind == "argon2id") {
    pair.secretKey = unwrapKey(fields, passphrase, where);
  } else {
    throw KeyFileError(where + " is corrupt (unknown protection '" + kind + "')");
  }
  unsigned char derived[crypto_box_PUBLICKEYBYTES];
  crypto_scalarmult_base(derived, reinterpret_cast<const unsigned char*>(pair.secretKey.data()));
  if (std::string_view(reinterpret_cast<const char*>(derived), sizeof derived) != pair.publicKey ||
      sealing::keyIdOf(pair.publicKey) != pair.keyId) {
    throw KeyFileError(where + " is corrupt (its public and secret keys do not match)");
  }
  return pair;
}

}  // namespace

SealingKeys::FileStamp SealingKeys::stampOf(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return {};
  return {static_cast<unsigned long long>(status.st_dev),
          static_cast<unsigned long long>(status.st_ino),
          static_cast<unsigned long long>(status.st_size),
          static_cast<long long>(status.st_mtim.tv_sec) * 1'000'000'000LL + status.st_mtim.tv_nsec};
}

void SealingKeys::load(SealingKeySource source) {
  const FileStamp stamp = stampOf(source.path);
  auto ring = std::make_shared<const SealingKeyring>(
      SealingKeyring::load(source.path, source.passphrase ? source.passphrase() : std::nullopt));
  std::lock_guard lock(mutex_);
  source_ = std::move(source);
  stamp_ = stamp;
  ring_ = std::move(ring);
}

std::shared_ptr<const SealingKeyring> SealingKeys::ring() const {
  std::lock_guard lock(mutex_);
  return ring_;
}

std::shared_ptr<const SealingKeyring> SealingKeys::reloadIfChanged() {
  // Held while reading, so concurrent requests naming the new key wait for one read, not many.
  std::lock_guard lock(mutex_);
  if (!source_) return ring_;
  const FileStamp stamp = stampOf(source_->path);
  if (stamp == stamp_) return ring_;
  try {
    ring_ = std::make_shared<const SealingKeyring>(SealingKeyring::load(
        source_->path, source_->passphrase ? source_->passphrase() : std::nullopt));
    logEvent("info", "sealing_keys_reloaded", {{"current", ring_->current().keyId}});
  } catch (const KeyFileError& e) {
    // The keys read before still open what they opened; the file is read again once it changes.
    logEvent("error", "sealing_keys_reload_failed", {{"error", e.what()}});
  }
  stamp_ = stamp;
  return ring_;
}

std::shared_ptr<const SealingKeyring> SealingKeys::ringHolding(const std::string& keyId) {
  auto ring = this->ring();
  if (ring && ring->find(keyId) != nullptr) return ring;
  return reloadIfChanged();
}

bool SealingKeys::open(phum::v1::Record& record) {
  if (record.sealed_answers().empty()) return true;
  try {
    // A corrected record's boxes may name several keys (sealed before and after a rotation).
    auto ring = this->ring();
    for (const std::string& keyId : sealing::sealingKeyIds(record)) {
      if (ring == nullptr || ring->find(keyId) == nullptr) ring = reloadIfChanged();
      if (ring == nullptr || ring->find(keyId) == nullptr) return false;
    }
    sealing::unsealAnswers(record, [&ring](const std::string& keyId) { return ring->find(keyId); });
    return true;
  } catch (const sealing::SealingError&) {
    return false;
  }
}

void checkKeyFileIsPrivate(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw KeyFileError("cannot read the sealing key file " + path + ": " + std::strerror(errno) +
                       " (create it with: phum-admin keys create --key-file " + path + ")");
  }
  if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw KeyFileError("the key file " + path +
                       " may be read by other users of this machine; refusing to use it. Make it "
                       "the server user's only (chmod 600 " +
                       path + ")");
  }
}

SealingKeyring SealingKeyring::load(const std::string& path,
                                    const std::optional<std::string>& passphrase) {
  if (sodium_init() < 0) throw KeyFileError("libsodium could not be initialised");
  checkKeyFileIsPrivate(path);
  std::ifstream file(path);
  if (!file) throw KeyFileError("cannot read the sealing key file " + path);
  SealingKeyring ring;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    if (line.empty()) continue;
    ring.keys_.push_back(parseLine(line, passphrase, path + " line " + std::to_string(number)));
  }
  if (ring.keys_.empty()) throw KeyFileError("the sealing key file " + path + " has no key");
  return ring;
}

const sealing::KeyPair* SealingKeyring::find(const std::string& keyId) const {
  for (const auto& key : keys_) {
    if (key.keyId == keyId) return &key;
  }
  return nullptr;
}

std::string addSealingKey(const std::string& path, const std::optional<std::string>& passphrase) {
  if (sodium_init() < 0) throw KeyFileError("libsodium could not be initialised");
  const sealing::KeyPair pair = sealing::newKeyPair();
  const std::string protection =
      passphrase ? wrapKey(pair.secretKey, *passphrase) : "plain " + hexOf(pair.secretKey);
  const std::string line = std::string(kLinePrefix) + " " + pair.keyId + " " +
                           hexOf(pair.publicKey) + " " + protection + "\n";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw KeyFileError("cannot write the sealing key file " + path + ": " + std::strerror(errno));
  }
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) {
    throw KeyFileError("writing the sealing key file " + path + " failed (disk full?)");
  }
  checkKeyFileIsPrivate(path);
  return pair.keyId;
}

std::string readPassphraseFile(const std::string& path) {
  checkKeyFileIsPrivate(path);
  std::ifstream file(path);
  std::string passphrase;
  if (!file || !std::getline(file, passphrase) || passphrase.empty()) {
    throw KeyFileError("cannot read a passphrase from " + path);
  }
  return passphrase;
}

}  // namespace phum::server
