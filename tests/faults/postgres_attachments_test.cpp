// Attachments on the PostgreSQL backend (label `postgres`; run under pg_virtualenv): bytes in the
// database, so an upload begun through one phum-server instance is resumed and finished through
// another; requests for one attachment take turns across instances; abandoned uploads expire.
// Each test works in its own schema, dropped afterwards.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "attachment_bytes.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "household.h"
#include "phum/v1/changes.pb.h"
#include "phum_processes.h"
#include "postgres_schema_test.h"
#include "server_fixture.h"
#include "services/attachment_service.h"
#include "storage/open_database.h"
#include "sync/attachment_uploader.h"
#include "sync_harness.h"

namespace phum::server {
namespace {

using phum::testing::completeBody;
using phum::testing::httpRequest;
using phum::testing::photoBytes;

constexpr std::size_t kChunk = 64 * 1024;

class PostgresAttachmentsTest : public PostgresSchemaTest {
 protected:
  void SetUp() override {
    PostgresSchemaTest::SetUp();
    if (IsSkipped()) return;
    db_ = storage::openDatabase({"", conninfo()});  // migrates before any server starts
  }
  void TearDown() override {
    db_.reset();
    PostgresSchemaTest::TearDown();
  }

  // The bytes the database holds for one attachment, in order.
  std::string heldBytes(const std::string& name) {
    const auto rows = admin().exec(
        "SELECT coalesce(string_agg(data, ''::bytea ORDER BY"
        " chunk_offset), ''::bytea) FROM " +
            schemaName() + ".attachment_chunks WHERE name = $1",
        pg::Params().text(name));
    return rows.bytes(0, 0);
  }
  tools::ServerProcess instance(const std::string& name, std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"--db", conninfo()});
    return tools::ServerProcess(PHUM_SERVER_BIN, dir_.file(name), extra);
  }
  // A record saved on the tablet and pushed through `url`, then its photo attached.
  Uuid recordWithPhoto(store::LocalStore& tablet, const std::string& url,
                       const std::string& photo) {
    const auto saved = tablet.saveRecord(tools::makeHouseholdRecord(1));
    sync::SyncClient client(tablet, faults::testSyncConfig(url));
    const auto pushed = client.syncOnce();
    EXPECT_TRUE(pushed.error.empty()) << pushed.error;
    const Uuid uuid = *Uuid::fromBytes(saved.uuid());
    std::ofstream(dir_.file("photo.jpg"), std::ios::binary) << photo;
    tablet.addAttachment(sync::describeAttachmentFile(uuid, "photo.jpg", dir_.file("photo.jpg")));
    return uuid;
  }
  // A record pushed straight to the server (for raw HTTP uploads).
  std::string pushRecord(const std::string& url, int index) {
    auto record = tools::makeHouseholdRecord(index, true);
    phum::v1::PushBatch batch;
    batch.set_batch_id(Uuid::generate().toBytes());
    *batch.add_records() = record;
    const auto response = httpRequest("POST", url + "/v1/push", batch.SerializeAsString(),
                                      {"Content-Type: application/x-protobuf"});
    EXPECT_EQ(response.status, 200) << response.body;
    return url + "/v1/attachments/" + Uuid::fromBytes(record.uuid())->toString();
  }

  tools::TempDir dir_{"phum-pg-attach"};
  std::unique_ptr<storage::Database> db_;
};

sync::SyncConfig uploadConfig(const std::string& url) {
  auto config = faults::testSyncConfig(url);
  config.attachmentChunkBytes = kChunk;
  return config;
}

TEST_F(PostgresAttachmentsTest, UploadBegunOnOneInstanceIsFinishedOnTheOther) {
  auto a = instance("a");
  auto b = instance("b");
  a.start();
  b.start();
  auto tablet = store::LocalStore::open(dir_.file("tablet.sqlite"));
  const std::string photo = photoBytes(2 * 1024 * 1024 + 123, 1);
  const Uuid uuid = recordWithPhoto(*tablet, a.url(), photo);
  sync::AttachmentReport first;
  {
    sync::AttachmentUploader uploader(*tablet, uploadConfig(a.url()));
    int chunks = 0;
    uploader.onChunk = [&](const store::AttachmentInfo&, std::uint64_t) {
      if (++chunks == 10) a.kill(SIGKILL);  // instance A dies between two chunks
      return true;
    };
    first = uploader.uploadPending();
  }
  EXPECT_FALSE(first.error.empty());
  EXPECT_EQ(tablet->attachments(uuid).at(0).confirmedOffset, 10 * kChunk);
  EXPECT_EQ(heldBytes("photo.jpg"), photo.substr(0, 10 * kChunk));

  // The tablet's next request lands on instance B, which never saw the upload.
  sync::AttachmentUploader uploader(*tablet, uploadConfig(b.url()));
  const auto second = uploader.uploadPending();
  EXPECT_EQ(second.confirmed, 1) << second.error;
  EXPECT_EQ(second.bytesSent, photo.size() - 10 * kChunk);  // resumed, not restarted
  EXPECT_TRUE(tablet->recordComplete(uuid));
  EXPECT_TRUE(heldBytes("photo.jpg") == photo);
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() +
                  ".attachments WHERE complete AND size = " + std::to_string(photo.size())),
            1);
  // Instance A, restarted, agrees: the upload is verified.
  a.start();
  const auto head =
      httpRequest("HEAD", a.url() + "/v1/attachments/" + uuid.toString() + "/photo.jpg");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("upload-complete"), "true");
  EXPECT_EQ(head.headers.at("upload-offset"), std::to_string(photo.size()));
}

// The same chunk sent through both instances at once, round after round: exactly one copy of
// each is stored, the others are told the new offset.
TEST_F(PostgresAttachmentsTest, RacingChunksThroughTwoInstancesAreStoredOnce) {
  auto a = instance("a");
  auto b = instance("b");
  a.start();
  b.start();
  const std::string at = pushRecord(a.url(), 2) + "/photo.jpg";
  const std::string suffix = at.substr(at.find("/v1/"));
  const std::string photo = photoBytes(12 * 10000, 2);
  for (std::size_t offset = 0; offset < photo.size(); offset += 10000) {
    std::atomic<int> stored{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&, t] {
        const auto reply =
            httpRequest("PATCH", (t % 2 ? b.url() : a.url()) + suffix, photo.substr(offset, 10000),
                        {"Upload-Offset: " + std::to_string(offset)});
        if (reply.status == 204) ++stored;
        if (reply.status == 409 &&
            reply.headers.at("upload-offset") == std::to_string(offset + 10000)) {
          ++refused;
        }
      });
    }
    for (auto& sender : senders) sender.join();
    ASSERT_EQ(stored.load(), 1) << "at offset " << offset;
    ASSERT_EQ(refused.load(), 3) << "at offset " << offset;
  }
  EXPECT_TRUE(heldBytes("photo.jpg") == photo);
  EXPECT_EQ(httpRequest("POST", b.url() + suffix + "/complete", completeBody(photo)).status, 204);
  EXPECT_EQ(httpRequest("POST", a.url() + suffix + "/complete", completeBody(photo)).status, 204);
}

TEST_F(PostgresAttachmentsTest, DamagedBytesFailVerificationOverWhatTheDatabaseHolds) {
  auto a = instance("a");
  a.start();
  const std::string at = pushRecord(a.url(), 3) + "/photo.jpg";
  const std::string photo = photoBytes(5000, 3);
  std::string damaged = photo;
  damaged[4321] = static_cast<char>(damaged[4321] ^ 0x10);
  ASSERT_EQ(httpRequest("PATCH", at, damaged, {"Upload-Offset: 0"}).status, 204);
  const auto refused = httpRequest("POST", at + "/complete", completeBody(photo));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("hash_mismatch"), std::string::npos) << refused.body;
  EXPECT_EQ(httpRequest("HEAD", at).headers["upload-offset"], "0");
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".attachment_chunks"), 0);
  ASSERT_EQ(httpRequest("PATCH", at, photo, {"Upload-Offset: 0"}).status, 204);
  EXPECT_EQ(httpRequest("POST", at + "/complete", completeBody(photo)).status, 204);
}

TEST_F(PostgresAttachmentsTest, AbandonedUploadsExpireAndCompleteOnesStay) {
  auto a = instance("a");
  a.start();
  const std::string partial = pushRecord(a.url(), 4) + "/partial.jpg";
  const std::string done = pushRecord(a.url(), 5) + "/done.jpg";
  const std::string photo = photoBytes(30000, 4);
  ASSERT_EQ(httpRequest("PATCH", partial, photo.substr(0, 10000), {"Upload-Offset: 0"}).status,
            204);
  ASSERT_EQ(httpRequest("PATCH", done, photo, {"Upload-Offset: 0"}).status, 204);
  ASSERT_EQ(httpRequest("POST", done + "/complete", completeBody(photo)).status, 204);
  // The service itself: nothing is old enough yet.
  EXPECT_EQ(AttachmentService(*db_).pruneAbandoned(nowMillis() - 3600 * 1000).uploads, 0);

  // Another instance with a short expiry sweeps the database every instance shares.
  auto sweeper =
      instance("sweeper", {"--abandoned-upload-age", "1s", "--upload-sweep-every", "200ms"});
  sweeper.start();
  const std::string unfinished =
      "SELECT count(*) FROM " + schemaName() + ".attachments WHERE NOT complete";
  for (int i = 0; i < 600 && count(unfinished) > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(count(unfinished), 0);
  sweeper.process().signal(SIGTERM);
  EXPECT_EQ(sweeper.process().wait(), 0) << "a sweeping server still shuts down cleanly";
  EXPECT_EQ(heldBytes("partial.jpg"), "");
  EXPECT_TRUE(heldBytes("done.jpg") == photo);
  EXPECT_EQ(httpRequest("HEAD", done).headers["upload-complete"], "true");
  // The tablet coming back is told to start again from 0, and can.
  const auto resumed = httpRequest("PATCH", partial, photo.substr(10000), {"Upload-Offset: 10000"});
  EXPECT_EQ(resumed.status, 409);
  EXPECT_EQ(resumed.headers.at("upload-offset"), "0");
  ASSERT_EQ(httpRequest("PATCH", partial, photo, {"Upload-Offset: 0"}).status, 204);
  EXPECT_EQ(httpRequest("POST", partial + "/complete", completeBody(photo)).status, 204);
  // Complete attachments survive even a prune of everything unfinished.
  EXPECT_EQ(AttachmentService(*db_).pruneAbandoned(nowMillis() + 1000).uploads, 0);
  EXPECT_EQ(count("SELECT count(*) FROM " + schemaName() + ".attachments WHERE complete"), 2);
}

}  // namespace
}  // namespace phum::server
