#include "sealing/sealed_photo.h"

#include <sodium.h>

#include <algorithm>

#include "sealing/deterministic_box.h"

namespace phum::sealing {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kPhotoKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

void initSodium() {
  if (sodium_init() < 0) throw SealingError("libsodium could not be initialised");
}

// Chunk `index`'s nonce: its number, then whether it is the last. A key seals one photo only,
// so a counter never repeats under one key.
void chunkNonce(std::uint64_t index, bool last,
                unsigned char (&nonce)[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES]) {
  std::fill(std::begin(nonce), std::end(nonce), 0);
  for (int i = 0; i < 8; ++i) nonce[i] = static_cast<unsigned char>(index >> (8 * i));
  nonce[8] = last ? 1 : 0;
}

// The header (magic, key id, `sealedKey`) followed by the photo's chunks under `photoKey`.
std::string assemble(std::string_view photo, const std::string& keyId, const std::string& sealedKey,
                     const unsigned char* photoKey) {
  const std::size_t chunks =
      std::max<std::size_t>(1, (photo.size() + kChunkBytes - 1) / kChunkBytes);
  std::string sealed(kSealedPhotoMagic);
  sealed += static_cast<char>(keyId.size());
  sealed += keyId;
  sealed += sealedKey;
  const std::size_t start = sealed.size();
  sealed.resize(start + photo.size() + chunks * kTagBytes);
  unsigned char* out = bytes(sealed) + start;
  for (std::size_t index = 0; index < chunks; ++index) {
    const std::string_view plain =
        photo.substr(std::min(photo.size(), index * kChunkBytes), kChunkBytes);
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    chunkNonce(index, index + 1 == chunks, nonce);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out, &written, bytes(plain), plain.size(), nullptr,
                                               0, nullptr, nonce, photoKey);
    out += written;
  }
  return sealed;
}

void checkPublicKey(const std::string& keyId, std::string_view publicKey) {
  if (publicKey.size() != crypto_box_PUBLICKEYBYTES || keyId.empty() || keyId.size() > 255) {
    throw SealingError("the server's public key is not valid; sync again to receive it");
  }
}

struct Parsed {
  std::string keyId;
  std::string_view sealedKey;
  std::string_view chunks;
};

Parsed parse(std::string_view sealed) {
  if (!isSealedPhoto(sealed) || sealed.size() < kSealedPhotoMagic.size() + 1) {
    throw SealingError("the file is not a sealed photo");
  }
  const std::size_t idLength = static_cast<unsigned char>(sealed[kSealedPhotoMagic.size()]);
  const std::size_t keyStart = kSealedPhotoMagic.size() + 1 + idLength;
  const std::size_t chunksStart = keyStart + kPhotoKeyBytes + crypto_box_SEALBYTES;
  if (sealed.size() < chunksStart + kTagBytes) throw SealingError("the sealed photo is cut short");
  return Parsed{std::string(sealed.substr(kSealedPhotoMagic.size() + 1, idLength)),
                sealed.substr(keyStart, kPhotoKeyBytes + crypto_box_SEALBYTES),
                sealed.substr(chunksStart)};
}

}  // namespace

bool isSealedPhoto(std::string_view bytes) { return bytes.starts_with(kSealedPhotoMagic); }

std::string sealPhoto(std::string_view photo, const PublicKey& key) {
  checkPublicKey(key.keyId, key.bytes);
  initSodium();
  unsigned char photoKey[kPhotoKeyBytes];
  crypto_aead_xchacha20poly1305_ietf_keygen(photoKey);
  std::string sealedKey(kPhotoKeyBytes + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(bytes(sealedKey), photoKey, sizeof photoKey, bytes(key.bytes));
  std::string sealed = assemble(photo, key.keyId, sealedKey, photoKey);
  sodium_memzero(photoKey, sizeof photoKey);
  return sealed;
}

std::string sealPhotoOnReceipt(std::string_view photo, std::string_view recordUuid,
                               std::string_view name, const KeyPair& serverKey) {
  checkPublicKey(serverKey.keyId, serverKey.publicKey);
  if (serverKey.secretKey.size() != crypto_box_SECRETKEYBYTES) {
    throw SealingError("the server's sealing key " + serverKey.keyId + " is not a secret key");
  }
  initSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, bytes(photo), photo.size());
  const std::string_view photoDigest(reinterpret_cast<const char*>(digest), sizeof digest);
  unsigned char photoKey[kPhotoKeyBytes];
  keyedHash("phum photo sealed on receipt v1", {recordUuid, name, serverKey.publicKey, photoDigest},
            serverKey, photoKey, sizeof photoKey);
  const std::string_view keyText(reinterpret_cast<const char*>(photoKey), sizeof photoKey);
  std::string sealedKey(kPhotoKeyBytes + crypto_box_SEALBYTES, '\0');
  sealDeterministically("phum photo key sealed on receipt v1",
                        {recordUuid, name, serverKey.publicKey, keyText}, keyText, serverKey,
                        bytes(sealedKey));
  std::string sealed = assemble(photo, serverKey.keyId, sealedKey, photoKey);
  sodium_memzero(photoKey, sizeof photoKey);
  return sealed;
}

std::string sealedPhotoKeyId(std::string_view sealed) { return parse(sealed).keyId; }

std::string openPhoto(std::string_view sealed, const KeyPair& keys) {
  initSodium();
  const Parsed parsed = parse(sealed);
  unsigned char photoKey[kPhotoKeyBytes];
  if (crypto_box_seal_open(photoKey, bytes(parsed.sealedKey), parsed.sealedKey.size(),
                           bytes(keys.publicKey), bytes(keys.secretKey)) != 0) {
    throw SealingError("the sealed photo does not open with key " + keys.keyId +
                       " (wrong key, or the bytes were changed)");
  }
  const std::size_t sealedChunk = kChunkBytes + kTagBytes;
  const std::size_t chunks =
      std::max<std::size_t>(1, (parsed.chunks.size() + sealedChunk - 1) / sealedChunk);
  bool opened = parsed.chunks.size() >= chunks * kTagBytes;
  std::string photo(opened ? parsed.chunks.size() - chunks * kTagBytes : 0, '\0');
  unsigned char* out = bytes(photo);
  for (std::size_t index = 0; opened && index < chunks; ++index) {
    const std::string_view box = parsed.chunks.substr(index * sealedChunk, sealedChunk);
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    chunkNonce(index, index + 1 == chunks, nonce);
    unsigned long long written = 0;
    opened = box.size() >= kTagBytes &&
             crypto_aead_xchacha20poly1305_ietf_decrypt(
                 out, &written, nullptr, bytes(box), box.size(), nullptr, 0, nonce, photoKey) == 0;
    out += written;
  }
  sodium_memzero(photoKey, sizeof photoKey);
  if (!opened) throw SealingError("the sealed photo is damaged (changed, cut or reordered bytes)");
  return photo;
}

std::string newUploadMaskNonce() {
  initSodium();
  std::string nonce(kUploadMaskNonceBytes, '\0');
  randombytes_buf(nonce.data(), nonce.size());
  return nonce;
}

void maskUpload(char* data, std::size_t length, std::uint64_t offset, std::string_view recordUuid,
                std::string_view name, std::string_view uploadNonce, const KeyPair& serverKey) {
  static_assert(kUploadMaskNonceBytes == crypto_stream_xchacha20_NONCEBYTES);
  if (!uploadNonce.empty() && uploadNonce.size() != kUploadMaskNonceBytes) {
    throw SealingError("an upload's mask nonce is not " + std::to_string(kUploadMaskNonceBytes) +
                       " bytes (a damaged attachments row)");
  }
  initSodium();
  unsigned char key[crypto_stream_xchacha20_KEYBYTES];
  keyedHash("phum upload at rest v1", {recordUuid, name}, serverKey, key, sizeof key);
  // A random nonce per upload under this attachment's key; the counter counts 64-byte blocks.
  unsigned char nonce[crypto_stream_xchacha20_NONCEBYTES] = {};
  std::copy(uploadNonce.begin(), uploadNonce.end(), nonce);
  const std::size_t skip = offset % 64;
  std::string buffer(skip + length, '\0');
  std::copy(data, data + length, buffer.begin() + static_cast<std::ptrdiff_t>(skip));
  crypto_stream_xchacha20_xor_ic(bytes(buffer), bytes(buffer), buffer.size(), nonce, offset / 64,
                                 key);
  std::copy(buffer.begin() + static_cast<std::ptrdiff_t>(skip), buffer.end(), data);
  sodium_memzero(buffer.data(), buffer.size());
  sodium_memzero(key, sizeof key);
}

}  // namespace phum::sealing
