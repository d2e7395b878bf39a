#include "common/secrets.h"

#include <sodium.h>

#include <cctype>
#include <stdexcept>
#include <vector>

namespace phum::server {

void initSecrets() {
  if (sodium_init() < 0) {
    throw std::runtime_error("libsodium could not be initialised (no source of random numbers)");
  }
}

std::string randomHex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.resize(bytes * 2);
  return hex;
}

std::string randomBytes(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::string randomEnrollmentCode() {
  const auto size = static_cast<std::uint32_t>(std::string_view(kEnrollmentCodeAlphabet).size());
  std::string code;
  for (std::size_t i = 0; i < kEnrollmentCodeLength; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kEnrollmentCodeAlphabet[randombytes_uniform(size)];
  }
  return code;
}

std::string normalizeEnrollmentCode(std::string_view typed) {
  std::string code;
  for (char c : typed) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return code;
}

std::string tokenHash(std::string_view token) {
  std::string hash(crypto_generichash_BYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(),
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  return hash;
}

std::string hashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("hashing the password ran out of memory (Argon2id needs 64 MiB)");
  }
  return out;
}

bool verifyPassword(const std::string& storedHash, std::string_view password) {
  return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace phum::server

namespace phum::server {

bool sameHash(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace phum::server
