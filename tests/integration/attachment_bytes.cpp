#include "attachment_bytes.h"

#include <sodium.h>

#include <random>

#include "phum/v1/changes.pb.h"

namespace phum::testing {

std::string photoBytes(std::size_t size, unsigned seed) {
  std::mt19937 generator(seed);
  std::string bytes(size, '\0');
  for (auto& byte : bytes) byte = static_cast<char>(generator() & 0xff);
  return bytes;
}

std::string sha256(const std::string& bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return digest;
}

std::string completeBody(const std::string& bytes) {
  phum::v1::AttachmentComplete claim;
  claim.set_size(bytes.size());
  claim.set_sha256(sha256(bytes));
  return claim.SerializeAsString();
}

}  // namespace phum::testing
