#include "storage/sqlite/attachment_files.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "core/errors.h"
#include "storage/sqlite/private_files.h"

namespace phum::server::storage {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw StorageError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

// Closes the descriptor; a failed close after writing is reported, never ignored.
class FileHandle {
 public:
  FileHandle(const std::filesystem::path& path, int flags) : path_(path) {
    fd_ = ::open(path.c_str(), flags | O_CLOEXEC, kPrivateFileMode);
    if (fd_ < 0) fail("open", path);
  }
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  int fd() const { return fd_; }
  void close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("close", path_);
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

void syncFolder(const std::filesystem::path& folder) {
  FileHandle dir(folder, O_RDONLY | O_DIRECTORY);
  if (::fsync(dir.fd()) != 0) fail("flush the folder", folder);
  dir.close();
}

}  // namespace

AttachmentFiles::AttachmentFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::filesystem::path AttachmentFiles::finalPath(const std::string& uuidText,
                                                 const std::string& name) const {
  return root_ / uuidText / name;
}

std::filesystem::path AttachmentFiles::partPath(const std::string& uuidText,
                                                const std::string& name) const {
  return root_ / uuidText / (name + ".part");
}

void AttachmentFiles::append(const std::string& uuidText, const std::string& name,
                             std::uint64_t offset, std::string_view bytes) {
  const auto folder = root_ / uuidText;
  if (createPrivateFolders(folder)) syncFolder(folder.parent_path());
  const auto path = partPath(uuidText, name);
  const bool existed = std::filesystem::exists(path);
  FileHandle file(path, O_WRONLY | O_CREAT);
  if (::ftruncate(file.fd(), static_cast<off_t>(offset)) != 0) fail("truncate", path);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::pwrite(file.fd(), bytes.data() + written, bytes.size() - written,
                               static_cast<off_t>(offset + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write", path);
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.fd()) != 0) fail("flush", path);
  file.close();
  if (!existed) syncFolder(folder);
}

HeldBytes AttachmentFiles::measure(const std::filesystem::path& path) const {
  HeldBytes held;
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  if (std::filesystem::exists(path)) {
    FileHandle file(path, O_RDONLY);
    std::string buffer(64 * 1024, '\0');
    for (;;) {
      const ssize_t n = ::read(file.fd(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail("read", path);
      if (n == 0) break;
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(n));
      held.size += static_cast<std::uint64_t>(n);
    }
    file.close();
  }
  held.sha256.assign(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&state, reinterpret_cast<unsigned char*>(held.sha256.data()));
  return held;
}

std::optional<std::uint64_t> AttachmentFiles::partSize(const std::string& uuidText,
                                                       const std::string& name) const {
  const auto path = partPath(uuidText, name);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::nullopt;
    fail("inspect", path);
  }
  return static_cast<std::uint64_t>(info.st_size);
}

bool AttachmentFiles::finishedButNotRecorded(const std::string& uuidText,
                                             const std::string& name) const {
  return !std::filesystem::exists(partPath(uuidText, name)) &&
         std::filesystem::exists(finalPath(uuidText, name));
}

void AttachmentFiles::discardPart(const std::string& uuidText, const std::string& name) {
  const auto path = partPath(uuidText, name);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("remove", path);
}

void AttachmentFiles::discardFinal(const std::string& uuidText, const std::string& name) {
  const auto path = finalPath(uuidText, name);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("remove", path);
}

void AttachmentFiles::finish(const std::string& uuidText, const std::string& name) {
  const auto from = partPath(uuidText, name);
  const auto to = finalPath(uuidText, name);
  if (std::rename(from.c_str(), to.c_str()) != 0) fail("rename into place", from);
  syncFolder(to.parent_path());
}

void AttachmentFiles::removeFolderIfEmpty(const std::string& uuidText) {
  const auto folder = root_ / uuidText;
  if (::rmdir(folder.c_str()) != 0 && errno != ENOENT && errno != ENOTEMPTY && errno != EEXIST) {
    fail("remove the empty folder", folder);
  }
}

std::uint64_t AttachmentFiles::removeStrayParts(
    std::int64_t beforeMs,
    const std::function<bool(const std::string& uuidText, const std::string& name)>& known) {
  std::error_code error;
  if (!std::filesystem::exists(root_, error)) return 0;
  std::uint64_t removed = 0;
  for (const auto& folder : std::filesystem::directory_iterator(root_)) {
    if (!folder.is_directory()) continue;
    const std::string uuidText = folder.path().filename().string();
    for (const auto& file : std::filesystem::directory_iterator(folder.path())) {
      const std::string fileName = file.path().filename().string();
      if (!fileName.ends_with(".part")) continue;
      const std::string name = fileName.substr(0, fileName.size() - 5);
      struct stat info {};
      if (::stat(file.path().c_str(), &info) != 0) fail("inspect", file.path());
      const std::int64_t writtenMs =
          std::int64_t{info.st_mtim.tv_sec} * 1000 + info.st_mtim.tv_nsec / 1000000;
      if (writtenMs >= beforeMs || known(uuidText, name)) continue;
      discardPart(uuidText, name);
      removed += static_cast<std::uint64_t>(info.st_size);
    }
    removeFolderIfEmpty(uuidText);
  }
  return removed;
}

}  // namespace phum::server::storage
