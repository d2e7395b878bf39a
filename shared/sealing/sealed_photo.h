#pragma once
// Photos of sensitive questions sealed to the server's public key, as their answers are
// (sealing.h): the tablet seals at finalize, the server seals what a tablet sent in clear, and
// only the server opens them, for roles allowed to see sensitive answers.
//
// A photo is too large for one sealed box, so it gets a key of its own: "phum-sealed-photo-v1",
// one byte with the key id's length, the key id, a sealed box (crypto_box_seal) of the photo's
// 32-byte key, then the photo in chunks of 64 KiB, each XChaCha20-Poly1305 under that key with
// the chunk's number and a last-chunk flag as nonce (a cut or reordered file does not open). Not
// crypto_secretstream: its header is random, and the server's copy must be the same bytes each
// time it seals the same photo.
#include <cstdint>
#include <string>
#include <string_view>

#include "sealing/sealing.h"

namespace phum::sealing {

inline constexpr std::string_view kSealedPhotoMagic = "phum-sealed-photo-v1";

// Whether `bytes` begin as a sealed photo (a photo in clear never starts with the magic).
bool isSealedPhoto(std::string_view bytes);

// The tablet's seal: a random key for the photo, sealed to `key`. Throws SealingError.
std::string sealPhoto(std::string_view photo, const PublicKey& key);

// The server's seal of a photo a tablet sent in clear: the photo's key and the box's ephemeral
// key are derived from a keyed hash (under `serverKey`'s secret key) of the record's uuid, the
// attachment's name and the photo, so the same photo of the same attachment always seals to the
// same bytes. Throws SealingError.
std::string sealPhotoOnReceipt(std::string_view photo, std::string_view recordUuid,
                               std::string_view name, const KeyPair& serverKey);

// The key id a sealed photo names. Throws SealingError if it is not a sealed photo.
std::string sealedPhotoKeyId(std::string_view sealed);

// The photo, opened with `keys`. Throws SealingError if it does not open (wrong key, changed,
// cut or reordered bytes).
std::string openPhoto(std::string_view sealed, const KeyPair& keys);

// The nonce of one upload's mask: random, new for each upload begun at offset 0, so an upload
// restarted with other bytes never reuses the key stream of the bytes it replaces.
inline constexpr std::size_t kUploadMaskNonceBytes = 24;
std::string newUploadMaskNonce();

// The server's mask for the bytes of an upload still arriving (XChaCha20 keyed per record uuid
// and attachment name by `serverKey`, under the upload's `nonce`; an empty nonce is the zeros
// uploads begun before nonces were masked under): XORs `length` bytes at `data`, which sit at
// `offset` in the file, so chunks are masked where they land and unmasked by the same call.
void maskUpload(char* data, std::size_t length, std::uint64_t offset, std::string_view recordUuid,
                std::string_view name, std::string_view nonce, const KeyPair& serverKey);

}  // namespace phum::sealing
