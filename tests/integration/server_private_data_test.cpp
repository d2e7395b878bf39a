// The server's data folder is for the server's user only: the folder and every folder in it
// 0700, the database, its WAL and shared-memory files and the attachment files 0600, also when
// the folder or the database were left readable by an older server.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>

#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "server_fixture.h"
#include "sqlite/sqlite_db.h"
#include "storage_backend.h"

namespace phum::testing {
namespace {

namespace fs = std::filesystem;

unsigned modeOf(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) ADD_FAILURE() << "cannot stat " << path;
  return info.st_mode & 0777;
}

// Every folder and file under `root` (root included) with looser permissions than the server's
// user only, as "path 0644" lines.
std::string notPrivate(const fs::path& root) {
  std::string found;
  auto check = [&](const fs::path& path) {
    const unsigned mode = modeOf(path);
    if ((mode & 077) != 0) found += path.string() + " " + std::to_string(mode) + "\n";
  };
  check(root);
  for (const auto& entry : fs::recursive_directory_iterator(root)) check(entry.path());
  return found;
}

// A record and its 3-byte photo, uploaded and verified.
void pushRecordWithPhoto(const ServerProcess& server) {
  auto batch = makeBatch(0, 1);
  const auto pushed = httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(),
                                  {"Content-Type: application/x-protobuf"});
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  const std::string at = server.url() + "/v1/attachments/" +
                         Uuid::fromBytes(batch.records(0).uuid())->toString() + "/photo.jpg";
  ASSERT_EQ(httpRequest("PATCH", at, "abc", {"Upload-Offset: 0"}).status, 204);
  phum::v1::AttachmentComplete claim;
  claim.set_size(3);
  std::string sha(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(sha.data()),
                     reinterpret_cast<const unsigned char*>("abc"), 3);
  claim.set_sha256(sha);
  ASSERT_EQ(httpRequest("POST", at + "/complete", claim.SerializeAsString()).status, 204);
}

bool onSqlite() { return tools::testStorageBackend() == tools::StorageBackend::Sqlite; }
constexpr const char* kNoFiles =
    "with PostgreSQL the data is in the database (sync-server/README.md: PostgreSQL)";

TEST(ServerPrivateData, TheDataFolderAndEverythingInItAreForTheServersUserOnly) {
  if (!onSqlite()) GTEST_SKIP() << kNoFiles;
  TempDir dir;
  const fs::path data = dir.path() / "data";
  {
    ServerProcess server(data.string(), {"--open"});
    pushRecordWithPhoto(server);
    EXPECT_EQ(modeOf(data), 0700u);
    EXPECT_EQ(modeOf(data / "phum-server.sqlite"), 0600u);
    EXPECT_EQ(modeOf(data / "phum-server.sqlite-wal"), 0600u);
    EXPECT_EQ(modeOf(data / "phum-server.sqlite-shm"), 0600u);
    EXPECT_TRUE(fs::exists(data / "attachments"));
    EXPECT_EQ(notPrivate(data), "");
  }
  // phum-admin creates the server's database too (on a fresh folder) and keeps it private.
  const fs::path adminData = dir.path() / "admin-data";
  const auto added = runAdmin({"users", "add", "--data", adminData.string(), "--username", "sokha",
                               "--role", "enumerator", "--scope", "0102"},
                              "field-pass-2026\n");
  ASSERT_EQ(added.exitCode, 0) << added.err;
  EXPECT_EQ(notPrivate(adminData), "");
}

TEST(ServerPrivateData, AFolderLeftReadableByAnOlderServerIsMadePrivate) {
  if (!onSqlite()) GTEST_SKIP() << kNoFiles;
  TempDir dir;
  const fs::path data = dir.path() / "data";
  fs::create_directories(data);
  {
    sqlite::Database db((data / "phum-server.sqlite").string());
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("CREATE TABLE leftover (n INTEGER)");
  }
  fs::permissions(data, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(data / "phum-server.sqlite", fs::perms::owner_read | fs::perms::owner_write |
                                                   fs::perms::group_read | fs::perms::others_read);
  ASSERT_NE(notPrivate(data), "");
  ServerProcess server(data.string(), {"--open"});
  pushRecordWithPhoto(server);
  EXPECT_EQ(notPrivate(data), "");
}

}  // namespace
}  // namespace phum::testing
