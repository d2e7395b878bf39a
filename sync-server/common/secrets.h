#pragma once
// Random credentials and their hashes (libsodium). The server stores only hashes: a copied
// database file does not let anyone sign in or pose as a device.
#include <string>
#include <string_view>

namespace phum::server {

// Initialises libsodium; throws if it cannot (no entropy source).
void initSecrets();
// `bytes` random bytes as lower-case hex.
std::string randomHex(std::size_t bytes);
// `bytes` random bytes, raw (a key).
std::string randomBytes(std::size_t bytes);
// A one-time enrolment code easy to type from a printout: 12 letters/digits in 3 groups,
// without look-alikes (0/O, 1/I/L).
inline constexpr const char* kEnrollmentCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr std::size_t kEnrollmentCodeLength = 12;
std::string randomEnrollmentCode();
// Normalises what a person typed (case, spaces, dashes) before hashing.
std::string normalizeEnrollmentCode(std::string_view typed);
// Keyless BLAKE2b-256 of a high-entropy token, as raw bytes (tokens need no slow hash).
std::string tokenHash(std::string_view token);
// Argon2id (crypto_pwhash_str); slow on purpose, used only at sign-in.
std::string hashPassword(std::string_view password);
bool verifyPassword(const std::string& storedHash, std::string_view password);

}  // namespace phum::server

namespace phum::server {
// Constant-time comparison of two hashes of the same length.
bool sameHash(std::string_view a, std::string_view b);
}  // namespace phum::server
