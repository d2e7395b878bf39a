#pragma once
// The server's deterministic sealing (sealing.cpp, sealed_photo.cpp): what it seals on receipt
// depends only on what is sealed and its identity, never on chance, so the same thing received
// twice is stored as the same bytes.
#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "sealing/sealing.h"

namespace phum::sealing {

// A keyed BLAKE2b of `parts` (each length-prefixed) under a subkey of `serverKey`'s secret key
// for `context`: only the key's holder can compute it. Writes `outBytes` bytes (16 to 64).
void keyedHash(std::string_view context, std::initializer_list<std::string_view> parts,
               const KeyPair& serverKey, unsigned char* out, std::size_t outBytes);

// What crypto_box_seal makes, ephemeral key pair included, but with that key pair derived from
// keyedHash(context, parts): the output (plain.size() + crypto_box_SEALBYTES bytes into `box`)
// opens with crypto_box_seal_open, and nobody without the server's secret key can derive the
// ephemeral secret. Throws SealingError.
void sealDeterministically(std::string_view context, std::initializer_list<std::string_view> parts,
                           std::string_view plain, const KeyPair& serverKey, unsigned char* box);

}  // namespace phum::sealing
