#include "storage/sqlite/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/errors.h"

namespace phum::server {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw StorageError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

bool createPrivateFolders(const std::filesystem::path& folder) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) == 0) {
    if (!S_ISDIR(info.st_mode)) {
      errno = ENOTDIR;
      fail("use the folder", folder);
    }
    return false;
  }
  if (folder.has_parent_path() && folder.parent_path() != folder) {
    createPrivateFolders(folder.parent_path());
  }
  if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) fail("create the folder", folder);
  return true;
}

void makePrivate(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT) return;
    fail("read the permissions of", path);
  }
  const mode_t mode = info.st_mode & 07777;
  if ((mode & 077) == 0) return;
  if (::chmod(path.c_str(), mode & ~static_cast<mode_t>(077)) != 0) {
    fail("make private (readable by the server's user only)", path);
  }
}

void createPrivateFile(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) fail("create", path);
  if (::close(fd) != 0) fail("close", path);
}

}  // namespace phum::server
