#include "crypto/protected_file.h"

#include <fcntl.h>
#include <unistd.h>

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

// Flushes `path` (a file, or the folder that names it) to storage, so a power cut or a kill after
// the rename finds the whole file under its name: finalize removes the clear photo once the
// sealed one is kept.
bool syncToDisk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
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
  if (!syncToDisk(temporary)) {
    std::filesystem::remove(temporary, error);
    throw std::runtime_error("The file " + path + " could not be written (is storage full?).");
  }
  std::filesystem::rename(temporary, path, error);
  if (error)
    throw std::runtime_error("The file " + path + " could not be kept: " + error.message());
  const auto folder = std::filesystem::path(path).parent_path();
  if (!syncToDisk(folder.empty() ? std::string(".") : folder.string()))
    throw std::runtime_error("The file " + path +
                             " could not be kept (its folder cannot be synced).");
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
