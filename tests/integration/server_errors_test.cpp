// What phum-server answers when handling a request fails: a retryable 503 only for storage
// trouble that passes by itself (SQLite busy, PostgreSQL connection lost), a 500 with an error id
// for anything else, the detail only in the log; and no password in any reply, log line or error
// message of phum-server or phum-admin. Through real processes, on both backends.
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "core/errors.h"
#include "server_fixture.h"
#include "sqlite/sqlite_db.h"
#include "storage_backend.h"

namespace phum::testing {
namespace {

bool onPostgres() { return tools::testStorageBackend() == tools::StorageBackend::Postgres; }

const std::vector<std::string> kPushHeaders = {"Content-Type: application/x-protobuf"};

HttpResponse pushTo(const ServerProcess& server, const phum::v1::PushBatch& batch) {
  return httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(), kPushHeaders);
}

sqlite::Database openServerDatabase(const std::string& dataDir) {
  return sqlite::Database(
      dataDir + "/phum-server.sqlite",
      {.wording = sqlite::ErrorWording::Server, .readOnly = false, .busyTimeoutMs = 10000});
}

// Makes the ack the server recorded for every batch unreadable: replaying one is then a fault
// of the server's data, not of the request, and not one that passes by itself.
void corruptRecordedAcks(const std::string& dataDir) {
  if (onPostgres()) {
    tools::queryPostgres(tools::postgresConninfoFor(dataDir),
                         "UPDATE batches SET ack = '\\xffffffff'::bytea");
    return;
  }
  auto db = openServerDatabase(dataDir);
  db.exec("UPDATE batches SET ack = x'ffffffff'");
}

TEST(ServerErrors, AnUnexpectedFaultIs500WithAnErrorIdAndItsDetailOnlyInTheLog) {
  TempDir dir;
  const std::string dataDir = (dir.path() / "data").string();
  ServerProcess server(dataDir, {"--open"});
  const auto batch = makeBatch(0, 2);
  ASSERT_EQ(pushTo(server, batch).status, 200);
  corruptRecordedAcks(dataDir);

  const auto replay = pushTo(server, batch);
  EXPECT_EQ(replay.status, 500) << replay.body;
  EXPECT_NE(replay.body.find("\"code\":\"internal_error\""), std::string::npos) << replay.body;
  EXPECT_NE(replay.body.find("\"retryable\":false"), std::string::npos) << replay.body;
  std::smatch id;
  ASSERT_TRUE(std::regex_search(replay.body, id, std::regex("error id ([0-9a-f]{16})")))
      << replay.body;
  // Nothing of the server's inside: no path, no database, no SQL, no exception text.
  for (const char* inside : {"corrupt", "phum-server.sqlite", "PostgreSQL", "batches", "ack"}) {
    EXPECT_EQ(replay.body.find(inside), std::string::npos) << inside << ": " << replay.body;
  }
  EXPECT_EQ(replay.body.find(dataDir), std::string::npos) << replay.body;
  // The log has the detail under the same id.
  const std::string log = server.log();
  const auto line = log.find("\"error_id\":\"" + id[1].str() + "\"");
  ASSERT_NE(line, std::string::npos) << log;
  const std::string logLine =
      log.substr(log.rfind('\n', line) + 1, log.find('\n', line) - log.rfind('\n', line) - 1);
  EXPECT_NE(logLine.find("corrupt"), std::string::npos) << logLine;
  EXPECT_NE(logLine.find("\"event\":\"handler_failed\""), std::string::npos) << logLine;
  // The server goes on serving.
  EXPECT_EQ(pushTo(server, makeBatch(10, 1)).status, 200);
}

std::string randomName(const std::string& prefix) {
  std::random_device random;
  return prefix + std::to_string(random());
}

TEST(ServerErrors, StorageTroubleThatPassesIs503RetryableAndTheNextPushGoesThrough) {
  TempDir dir;
  const std::string dataDir = (dir.path() / "data").string();
  if (onPostgres()) {
    // Its own application_name, so the test ends only this server's connections.
    const std::string name = randomName("phum_transient_");
    ServerProcess server(
        dataDir,
        {"--open", "--db", tools::postgresConninfoFor(dataDir) + " application_name=" + name});
    ASSERT_EQ(pushTo(server, makeBatch(0, 1)).status, 200);
    tools::queryPostgres("",
                         "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         " WHERE application_name = '" +
                             name + "'");
    const auto lost = pushTo(server, makeBatch(1, 1));
    EXPECT_EQ(lost.status, 503) << lost.body;
    EXPECT_NE(lost.body.find("\"code\":\"storage_busy\""), std::string::npos) << lost.body;
    EXPECT_NE(lost.body.find("\"retryable\":true"), std::string::npos) << lost.body;
    EXPECT_EQ(lost.headers.at("retry-after"), "5");
    // Broken connections are dropped from the pool; a later push gets a new one.
    long status = 0;
    for (int attempt = 0; attempt < 5 && status != 200; ++attempt) {
      status = pushTo(server, makeBatch(1, 1)).status;
    }
    EXPECT_EQ(status, 200);
    return;
  }
  ServerProcess server(dataDir, {"--open"});
  ASSERT_EQ(pushTo(server, makeBatch(0, 1)).status, 200);
  {
    // Another writer (phum-admin, a backup tool) holds the write lock past the busy timeout.
    auto db = openServerDatabase(dataDir);
    sqlite::WriteTransaction holder(db);
    const auto busy = pushTo(server, makeBatch(1, 1));
    EXPECT_EQ(busy.status, 503) << busy.body;
    EXPECT_NE(busy.body.find("\"code\":\"storage_busy\""), std::string::npos) << busy.body;
    EXPECT_NE(busy.body.find("\"retryable\":true"), std::string::npos) << busy.body;
    EXPECT_EQ(busy.body.find("phum-server.sqlite"), std::string::npos) << busy.body;
    EXPECT_EQ(busy.headers.at("retry-after"), "5");
  }
  EXPECT_EQ(pushTo(server, makeBatch(1, 1)).status, 200);
  EXPECT_NE(server.log().find("\"event\":\"storage_busy\""), std::string::npos);
}

// Connection strings with a password, to a port where no PostgreSQL listens.
const char* const kSecret = "s3cret-Pa55word";
std::vector<std::string> unreachableWithPassword() {
  const std::string secret = kSecret;
  return {"postgresql://phum:" + secret + "@127.0.0.1:1/phum?connect_timeout=5",
          "postgres://phum:" + secret + "@127.0.0.1:1/phum?connect_timeout=5",
          "host=127.0.0.1 port=1 user=phum password=" + secret + " dbname=phum connect_timeout=5",
          "host=127.0.0.1 port=1 password = '" + secret + "' connect_timeout=5",
          "postgresql://127.0.0.1:1/phum?password=" + secret + "&connect_timeout=5"};
}

TEST(ServerErrors, APasswordInTheConnectionStringNeverAppearsInMessagesOrLogs) {
  TempDir dir;
  for (const auto& url : unreachableWithPassword()) {
    SCOPED_TRACE(url);
    auto server = tools::ChildProcess::start(
        {tools::phumServerBinary(), "--listen", "127.0.0.1:0", "--data", dir.str(), "--db", url},
        (dir.path() / "server.log").string());
    EXPECT_EQ(server.wait(), 1);
    const std::string serverOutput = server.log();
    EXPECT_NE(serverOutput.find("cannot connect to PostgreSQL"), std::string::npos) << serverOutput;
    EXPECT_EQ(serverOutput.find(kSecret), std::string::npos) << serverOutput;
    EXPECT_NE(serverOutput.find("***"), std::string::npos) << serverOutput;

    const auto admin = tools::runAdmin("", {"users", "list", "--db", url});
    EXPECT_EQ(admin.exitCode, 1);
    EXPECT_NE(admin.err.find("cannot connect to PostgreSQL"), std::string::npos) << admin.err;
    EXPECT_EQ(admin.err.find(kSecret), std::string::npos) << admin.err;
    EXPECT_EQ(admin.out.find(kSecret), std::string::npos) << admin.out;
  }
}

}  // namespace
}  // namespace phum::testing
