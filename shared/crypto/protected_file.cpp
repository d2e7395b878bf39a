#include "crypto/protected_file.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "crypto/encrypted_value.h"

namespace phum::crypto {
namespace {

std::string contextFor(const std::string& path) {
  return "file:" + std::filesystem::path(path).filename().string();
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("The file " + path + " cannot be opened.");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("The file " + path + " could not be read.");
  return bytes;
}

}  // namespace

void writeProtectedFile(const std::string& path, const std::string& bytes,
                        const std::string& keyId) {
  const std::string stored = keyId.empty() ? bytes : encryptValue(keyId, bytes, contextFor(path));
  const std::string temporary = path + ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(stored.data(), static_cast<std::streamsize>(stored.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw std::runtime_error("The file " + path + " could not be written (is storage full?).");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error)
    throw std::runtime_error("The file " + path + " could not be kept: " + error.message());
}

std::string readProtectedFile(const std::string& path) {
  std::string bytes = readAll(path);
  if (!isEncrypted(bytes)) return bytes;
  return decryptValue(bytes, contextFor(path));
}

bool isProtectedFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(64, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return isEncrypted(head);
}

}  // namespace phum::crypto
