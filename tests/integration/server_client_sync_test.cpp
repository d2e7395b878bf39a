// End to end with the tablet's real LocalStore and SyncClient against a real phum-server.
#include <gtest/gtest.h>
#include <signal.h>

#include "server_fixture.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

class ClientSyncTest : public ::testing::Test {
 protected:
  std::string dataDir() const { return (dir_.path() / "server").string(); }
  // The tablet's file lives in memory-backed /dev/shm when there is one: the store commits each
  // save and each ack on its own, and 10,000 fsyncs would dominate the suite's run time.
  std::string tabletDb() const { return (tabletDir_.path() / "tablet.sqlite").string(); }
  sync::SyncConfig config(const ServerProcess& server, int batchSize) const {
    sync::SyncConfig config;
    config.serverUrl = server.url();
    config.deviceId = "tablet-1";
    config.batchSize = batchSize;
    config.maxBatchSize = batchSize;
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(30000);
    return config;
  }
  static void saveRecords(store::LocalStore& store, int count) {
    for (int i = 0; i < count; ++i) {
      auto record = makeRecord(i);
      record.clear_uuid();
      record.set_revision(0);
      store.saveRecord(record);
    }
  }

  TempDir dir_;
  TempDir tabletDir_{std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                         : std::filesystem::temp_directory_path()};
};

TEST_F(ClientSyncTest, ServerKilledMidPushLosesNothingAndStoresNothingTwice) {
  constexpr int kRecords = 5000;
  auto store = store::LocalStore::open(tabletDb());
  saveRecords(*store, kRecords);
  {
    ServerProcess server(dataDir(), {"--open"});
    sync::SyncClient client(*store, config(server, 50));
    int batches = 0;
    client.onProgress = [&](const sync::SyncReport&) {
      if (++batches == 3) server.killHard();  // SIGKILL while the client is mid-push
    };
    const auto report = client.syncOnce();
    EXPECT_FALSE(report.complete);
    EXPECT_FALSE(report.error.empty());
  }
  const int storedBeforeRestart = countStoredRecords(dataDir());
  EXPECT_GT(storedBeforeRestart, 0);
  EXPECT_LT(storedBeforeRestart, kRecords);

  ServerProcess server(dataDir(), {"--open"});
  sync::SyncClient client(*store, config(server, 500));
  const auto report = client.syncNow();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(countStoredRecords(dataDir()), kRecords);
  const auto counts = store->outboxCounts();
  EXPECT_EQ(counts.queued + counts.sending + counts.failed + counts.rejected, 0);
  EXPECT_EQ(counts.sent, kRecords);
}

// The real client cannot be made to send a malformed body (the raw 400 cases are in
// server_http_test), so the whole-batch refusal here is the server's 404 for a wrong base URL:
// the same permanent, not-the-records'-fault path in the client.
TEST_F(ClientSyncTest, RecordsStayQueuedWhenThePushIsRefusedAsAWhole) {
  auto store = store::LocalStore::open(tabletDb());
  saveRecords(*store, 3);
  ServerProcess server(dataDir(), {"--open"});
  auto cfg = config(server, 50);
  cfg.serverUrl = server.url() + "/wrong-prefix";
  sync::SyncClient client(*store, cfg);
  const auto report = client.syncOnce();
  EXPECT_FALSE(report.complete);
  EXPECT_NE(report.error.find("/wrong-prefix/v1/push"), std::string::npos) << report.error;
  EXPECT_FALSE(report.retryable);
  const auto counts = store->outboxCounts();
  EXPECT_EQ(counts.queued, 3);
  EXPECT_EQ(counts.sent + counts.rejected, 0);
  EXPECT_EQ(countStoredRecords(dataDir()), 0);

  sync::SyncClient fixed(*store, config(server, 50));
  EXPECT_TRUE(fixed.syncNow().complete);
  EXPECT_EQ(countStoredRecords(dataDir()), 3);
}

TEST_F(ClientSyncTest, EnrolledTabletSignsInPushesAndIsStoppedOnceRevoked) {
  const std::string data = dataDir();
  ASSERT_EQ(runAdmin({"users", "add", "--data", data, "--username", "sokha", "--role", "enumerator",
                      "--scope", "0102", "--password", "field-pass-2026"})
                .exitCode,
            0);
  const auto code = runAdmin({"devices", "enroll-code", "--data", data, "--name", "Poipet 1"});
  ASSERT_EQ(code.exitCode, 0) << code.err;
  ServerProcess server(data, {});
  auto store = store::LocalStore::open(tabletDb());
  saveRecords(*store, 4);
  sync::SyncClient client(*store, config(server, 50));
  const auto device = client.enrollDevice(code.out.substr(0, code.out.find('\n')), "Poipet 1");
  EXPECT_EQ(client.signIn("sokha", "field-pass-2026").account().scope_code(), "0102");
  const auto report = client.syncNow();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(countStoredRecords(data), 4);

  ASSERT_EQ(runAdmin({"devices", "revoke", device.device_id(), "--data", data}).exitCode, 0);
  saveRecords(*store, 1);
  const auto refused = client.syncNow();
  EXPECT_FALSE(refused.complete);
  EXPECT_NE(refused.error.find("revoked"), std::string::npos) << refused.error;
  EXPECT_EQ(countStoredRecords(data), 4);
}

}  // namespace
}  // namespace phum::testing
