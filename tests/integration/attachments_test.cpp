// Attachments end to end: the tablet's real LocalStore and AttachmentUploader against a real
// phum-server, over real HTTP. Chunked, resumable from the server's confirmed offset, verified by
// SHA-256 before the record counts as complete.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "attachment_bytes.h"
#include "common/secrets.h"
#include "core/clock.h"
#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "server_fixture.h"
#include "server_options.h"
#include "services/attachment_service.h"
#include "services/ingest_service.h"
#include "storage/open_database.h"
#include "storage_backend.h"
#include "store/local_store.h"
#include "sync/attachment_uploader.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kPhotoBytes = 3 * 1024 * 1024;

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string hex(const std::string& bytes) {
  static const char* const kDigits = "0123456789abcdef";
  std::string text;
  for (const unsigned char byte : bytes) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0x0f];
  }
  return text;
}

std::string fromHex(const std::string& text) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

bool onPostgres() { return tools::testStorageBackend() == tools::StorageBackend::Postgres; }

class AttachmentsTest : public ::testing::Test {
 protected:
  std::string dataDir() const { return (dir_.path() / "server").string(); }
  std::filesystem::path serverFile(const Uuid& uuid, const std::string& name) const {
    return std::filesystem::path(dataDir()) / "attachments" / uuid.toString() / name;
  }
  // The bytes the server holds for an attachment, wherever its backend keeps them: the file
  // (SQLite) or the chunk rows (PostgreSQL). `complete`: the verified attachment, otherwise the
  // upload in progress. Empty if there is none.
  std::string heldBytes(const Uuid& uuid, const std::string& name, bool complete = true) const {
    if (!onPostgres()) return readFile(serverFile(uuid, complete ? name : name + ".part"));
    const auto rows = queryAttachment(
        "SELECT encode(string_agg(c.data, ''::bytea ORDER BY c.chunk_offset), 'hex')"
        " FROM attachments a JOIN attachment_chunks c USING (uuid, name)",
        uuid, name, complete);
    return rows.empty() ? std::string() : fromHex(rows[0][0]);
  }
  bool holds(const Uuid& uuid, const std::string& name, bool complete) const {
    if (!onPostgres()) {
      return std::filesystem::exists(serverFile(uuid, complete ? name : name + ".part"));
    }
    return queryAttachment("SELECT count(*) FROM attachments a", uuid, name, complete)[0][0] != "0";
  }
  std::vector<std::vector<std::string>> queryAttachment(const std::string& select, const Uuid& uuid,
                                                        const std::string& name,
                                                        bool complete) const {
    return tools::queryPostgres(tools::postgresConninfoFor(dataDir()),
                                select + " WHERE a.uuid = '\\x" + hex(uuid.toBytes()) +
                                    "' AND a.name = '" + name +
                                    "' AND a.complete = " + (complete ? "true" : "false"));
  }
  sync::SyncConfig config(const ServerProcess& server) const {
    sync::SyncConfig config;
    config.serverUrl = server.url();
    config.deviceId = "tablet-1";
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(30000);
    config.attachmentChunkBytes = kChunk;
    return config;
  }
  // A record with a photo answer, saved on the tablet, and the photo registered with it.
  Uuid saveRecordWithPhoto(store::LocalStore& store, const std::string& bytes,
                           const std::string& author = "sokha") {
    auto record = makeRecord(1, author);
    record.clear_uuid();
    record.set_revision(0);
    auto* photo = record.mutable_answers()->add_answers();
    photo->set_name("house_photo");
    photo->mutable_value()->set_attachment("photo.jpg");
    const auto saved = store.saveRecord(record);
    const Uuid uuid = *Uuid::fromBytes(saved.uuid());
    const auto path = (dir_.path() / "photo.jpg").string();
    std::ofstream(path, std::ios::binary) << bytes;
    store.addAttachment(sync::describeAttachmentFile(uuid, "photo.jpg", path));
    return uuid;
  }
  // Pushes the records only (no attachment is pending before its record is acked).
  void pushRecord(const ServerProcess& server, const std::string& uuidBytes) {
    phum::v1::PushBatch batch = makeBatch(0, 1);
    batch.mutable_records(0)->set_uuid(uuidBytes);
    const auto response = httpRequest("POST", server.url() + "/v1/push", batch.SerializeAsString(),
                                      {"Content-Type: application/x-protobuf"});
    ASSERT_EQ(response.status, 200) << response.body;
  }
  std::string url(const ServerProcess& server, const std::string& uuidText,
                  const std::string& name) const {
    return server.url() + "/v1/attachments/" + uuidText + "/" + name;
  }
  HttpResponse patch(const std::string& at, std::uint64_t offset, const std::string& bytes) {
    return httpRequest("PATCH", at, bytes, {"Upload-Offset: " + std::to_string(offset)});
  }

  TempDir dir_;
  std::unique_ptr<store::LocalStore> store_ =
      store::LocalStore::open((dir_.path() / "tablet.sqlite").string());
};

TEST_F(AttachmentsTest, ThreeMegabytePhotoArrivesAndTheRecordCountsAsComplete) {
  const std::string photo = photoBytes(kPhotoBytes, 1);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  ServerProcess server(dataDir(), {"--open"});
  sync::SyncClient client(*store_, config(server));
  EXPECT_FALSE(store_->recordComplete(uuid));

  const auto report = client.syncOnce();

  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.attachmentsConfirmed, 1);
  EXPECT_EQ(report.attachmentsWaiting, 0);
  EXPECT_TRUE(report.complete);
  EXPECT_TRUE(store_->recordComplete(uuid));
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
  EXPECT_FALSE(holds(uuid, "photo.jpg", false));
  const auto kept = store_->attachments(uuid);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].state, store::AttachmentUploadState::Confirmed);
  EXPECT_EQ(kept[0].confirmedOffset, photo.size());
}

TEST_F(AttachmentsTest, ServerKilledMidUploadResumesFromTheConfirmedOffset) {
  const std::string photo = photoBytes(kPhotoBytes, 2);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  sync::AttachmentReport first;
  {
    ServerProcess server(dataDir(), {"--open"});
    pushRecord(server, uuid.toBytes());
    store_->markSent(uuid, 1);
    const auto cfg = config(server);
    sync::AttachmentUploader uploader(*store_, cfg);
    int chunks = 0;
    uploader.onChunk = [&](const store::AttachmentInfo&, std::uint64_t) {
      if (++chunks == 10) server.killHard();  // SIGKILL between two chunks
      return true;
    };
    first = uploader.uploadPending();
  }
  EXPECT_FALSE(first.error.empty());
  EXPECT_TRUE(first.retryable);
  EXPECT_FALSE(store_->recordComplete(uuid));
  const std::uint64_t confirmed = store_->attachments(uuid).at(0).confirmedOffset;
  EXPECT_EQ(confirmed, 10 * kChunk);

  ServerProcess server(dataDir(), {"--open"});  // a new port: the tablet's next sync run
  const auto cfg = config(server);
  sync::AttachmentUploader uploader(*store_, cfg);
  const auto second = uploader.uploadPending();

  EXPECT_TRUE(second.error.empty()) << second.error;
  EXPECT_EQ(second.confirmed, 1);
  EXPECT_EQ(second.bytesSent, photo.size() - confirmed);
  EXPECT_LE(first.bytesSent + second.bytesSent - photo.size(), kChunk);  // re-sent at most 1 chunk
  EXPECT_TRUE(store_->recordComplete(uuid));
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
}

TEST_F(AttachmentsTest, AppStoppedMidUploadResendsNothingAlreadyConfirmed) {
  const std::string photo = photoBytes(kPhotoBytes, 3);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  ServerProcess server(dataDir(), {"--open"});
  pushRecord(server, uuid.toBytes());
  store_->markSent(uuid, 1);
  const auto cfg = config(server);
  sync::AttachmentReport first;
  {
    sync::AttachmentUploader uploader(*store_, cfg);
    int chunks = 0;
    uploader.onChunk = [&](const store::AttachmentInfo&, std::uint64_t) { return ++chunks < 7; };
    first = uploader.uploadPending();
  }
  EXPECT_EQ(first.bytesSent, 7 * kChunk);
  auto head = httpRequest("HEAD", url(server, uuid.toString(), "photo.jpg"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers["upload-offset"], std::to_string(7 * kChunk));

  sync::AttachmentUploader uploader(*store_, cfg);  // the app started again
  const auto second = uploader.uploadPending();
  EXPECT_EQ(second.confirmed, 1) << second.error;
  EXPECT_EQ(first.bytesSent + second.bytesSent, photo.size());
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
}

TEST_F(AttachmentsTest, ChunkAtTheWrongOffsetIsRefusedWith409) {
  ServerProcess server(dataDir(), {"--open"});
  const Uuid uuid = Uuid::generate();
  pushRecord(server, uuid.toBytes());
  const auto at = url(server, uuid.toString(), "photo.jpg");
  const std::string bytes = photoBytes(3000, 4);

  const auto first = patch(at, 0, bytes.substr(0, 1000));
  EXPECT_EQ(first.status, 204) << first.body;
  EXPECT_EQ(first.headers.at("upload-offset"), "1000");
  const auto again = patch(at, 0, bytes.substr(0, 1000));
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("offset_mismatch"), std::string::npos) << again.body;
  EXPECT_EQ(again.headers.at("upload-offset"), "1000");
  EXPECT_EQ(patch(at, 2000, bytes.substr(2000)).status, 409);
  EXPECT_EQ(httpRequest("HEAD", at).headers["upload-offset"], "1000");
  EXPECT_EQ(patch(at, 1000, bytes.substr(1000)).status, 204);
  const auto done = httpRequest("POST", at + "/complete", completeBody(bytes));
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == bytes);
  // Completing twice with the same file is fine (the tablet may not have heard the first answer).
  EXPECT_EQ(httpRequest("POST", at + "/complete", completeBody(bytes)).status, 204);
  EXPECT_EQ(patch(at, 0, "x").status, 409);
}

TEST_F(AttachmentsTest, CrashBetweenRenameAndRecordingStillCompletes) {
  if (onPostgres()) {
    GTEST_SKIP()
        << "file backend only: PostgreSQL verifies and records an upload in one transaction";
  }
  const Uuid uuid = Uuid::generate();
  const std::string bytes = photoBytes(3000, 8);
  {
    ServerProcess server(dataDir(), {"--open"});
    pushRecord(server, uuid.toBytes());
    ASSERT_EQ(patch(url(server, uuid.toString(), "photo.jpg"), 0, bytes).status, 204);
  }
  // As if the server died right after renaming the verified file, before recording it.
  std::filesystem::rename(serverFile(uuid, "photo.jpg.part"), serverFile(uuid, "photo.jpg"));
  ServerProcess server(dataDir(), {"--open"});
  const auto at = url(server, uuid.toString(), "photo.jpg");
  EXPECT_EQ(httpRequest("POST", at + "/complete", completeBody(bytes)).status, 204);
  auto head = httpRequest("HEAD", at);
  EXPECT_EQ(head.headers["upload-complete"], "true");
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == bytes);
}

TEST_F(AttachmentsTest, DamagedContentFailsTheHashAndTheUploadRestartsAtZero) {
  const std::string photo = photoBytes(kPhotoBytes / 4, 5);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  ServerProcess server(dataDir(), {"--open"});
  pushRecord(server, uuid.toBytes());
  store_->markSent(uuid, 1);
  const auto at = url(server, uuid.toString(), "photo.jpg");
  // Bytes damaged on the way: the server holds a full-size file with one byte flipped.
  std::string damaged = photo;
  damaged[12345] = static_cast<char>(damaged[12345] ^ 0x01);
  ASSERT_EQ(patch(at, 0, damaged.substr(0, 500000)).status, 204);
  ASSERT_EQ(patch(at, 500000, damaged.substr(500000)).status, 204);

  const auto refused = httpRequest("POST", at + "/complete", completeBody(photo));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("hash_mismatch"), std::string::npos) << refused.body;
  EXPECT_EQ(httpRequest("HEAD", at).headers["upload-offset"], "0");
  EXPECT_FALSE(holds(uuid, "photo.jpg", true));

  // Again damaged, then the tablet's uploader: HEAD says all bytes are there, complete fails,
  // and it sends the whole file again from 0.
  ASSERT_EQ(patch(at, 0, damaged.substr(0, 500000)).status, 204);
  ASSERT_EQ(patch(at, 500000, damaged.substr(500000)).status, 204);
  sync::AttachmentUploader uploader(*store_, config(server));
  const auto report = uploader.uploadPending();
  EXPECT_EQ(report.confirmed, 1) << report.error;
  EXPECT_EQ(report.restarts, 1);
  EXPECT_EQ(report.bytesSent, photo.size());
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
  EXPECT_TRUE(store_->recordComplete(uuid));
}

TEST_F(AttachmentsTest, NamesThatCouldLeaveTheAttachmentFolderAreRejected) {
  ServerProcess server(dataDir(), {"--open"});
  const Uuid uuid = Uuid::generate();
  pushRecord(server, uuid.toBytes());
  for (const std::string name : {"..%2F..%2Fphum-server.sqlite", "%2E%2E", "a%2Fb", "a%5Cb",
                                 ".hidden", "a%00b", "a%0Ab", "photo.jpg.part", "%zz"}) {
    const auto at = url(server, uuid.toString(), name);
    auto head = httpRequest("HEAD", at);
    EXPECT_EQ(head.status, 400) << name;
    const auto chunk = patch(at, 0, "evil");
    EXPECT_EQ(chunk.status, 400) << name;
    EXPECT_NE(chunk.body.find("bad_attachment_name"), std::string::npos) << name << chunk.body;
  }
  EXPECT_EQ(patch(server.url() + "/v1/attachments/not-a-uuid/photo.jpg", 0, "x").status, 400);
  // A literal ".." is removed by the client (RFC 3986 dot segments) and "a/b/c" has more
  // segments than an attachment path: neither is an endpoint of the route table (api/endpoints.h).
  EXPECT_EQ(patch(url(server, uuid.toString(), ".."), 0, "x").status, 404);
  EXPECT_EQ(patch(url(server, uuid.toString(), "a/b/c"), 0, "x").status, 404);
  // Nothing was written anywhere under the attachment folder.
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dataDir()) / "attachments"));
}

TEST_F(AttachmentsTest, OversizedChunkIs413AndUnknownRecordIs404) {
  ServerProcess server(dataDir(), {"--open"});
  const Uuid uuid = Uuid::generate();
  const auto at = url(server, uuid.toString(), "photo.jpg");
  const auto unknown = patch(at, 0, "abc");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body.find("record_not_found"), std::string::npos) << unknown.body;
  pushRecord(server, uuid.toBytes());
  const auto tooLarge = patch(at, 0, std::string(1024 * 1024 + 1, 'x'));
  EXPECT_EQ(tooLarge.status, 413);
  EXPECT_NE(tooLarge.body.find("chunk_too_large"), std::string::npos) << tooLarge.body;
  EXPECT_EQ(httpRequest("HEAD", at).headers["upload-offset"], "0");
}

TEST_F(AttachmentsTest, AttachmentOfARecordNotYetSentWaitsForIt) {
  const Uuid uuid = saveRecordWithPhoto(*store_, photoBytes(1000, 6));
  EXPECT_TRUE(store_->pendingAttachments(10).empty());  // its record is not acked yet
  ServerProcess server(dataDir(), {"--open"});
  sync::AttachmentUploader uploader(*store_, config(server));
  EXPECT_EQ(uploader.uploadPending().bytesSent, 0u);
  EXPECT_FALSE(store_->recordComplete(uuid));
}

// Polls HEAD until the server reports `offset` (the sweep runs on its own schedule); false if it
// never does within a generous bound.
bool waitForOffset(const std::string& at, const std::string& offset) {
  for (int i = 0; i < 600; ++i) {
    if (httpRequest("HEAD", at).headers["upload-offset"] == offset) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST_F(AttachmentsTest, ServerSweepsAnAbandonedUploadAndTheTabletStartsAgainFromZero) {
  const std::string photo = photoBytes(600 * 1024, 9);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  const Uuid finished = Uuid::generate();
  const std::string other = photoBytes(5000, 10);
  {
    ServerProcess server(dataDir(), {"--open"});
    pushRecord(server, uuid.toBytes());
    store_->markSent(uuid, 1);
    sync::AttachmentUploader uploader(*store_, config(server));
    int chunks = 0;
    uploader.onChunk = [&](const store::AttachmentInfo&, std::uint64_t) { return ++chunks < 3; };
    EXPECT_EQ(uploader.uploadPending().bytesSent, 3 * kChunk);
    // A complete attachment, which no sweep may touch however old it gets.
    pushRecord(server, finished.toBytes());
    const auto at = url(server, finished.toString(), "done.jpg");
    ASSERT_EQ(patch(at, 0, other).status, 204);
    ASSERT_EQ(httpRequest("POST", at + "/complete", completeBody(other)).status, 204);
  }
  ASSERT_TRUE(holds(uuid, "photo.jpg", false));
  {
    // The tablet stays away longer than the server keeps unfinished uploads.
    ServerProcess server(
        dataDir(), {"--open", "--abandoned-upload-age", "1s", "--upload-sweep-every", "200ms"});
    EXPECT_TRUE(waitForOffset(url(server, uuid.toString(), "photo.jpg"), "0")) << server.log();
    EXPECT_FALSE(holds(uuid, "photo.jpg", false));
    auto head = httpRequest("HEAD", url(server, finished.toString(), "done.jpg"));
    EXPECT_EQ(head.headers["upload-complete"], "true");
    EXPECT_TRUE(heldBytes(finished, "done.jpg") == other);
  }
  ServerProcess server(dataDir(), {"--open"});
  sync::AttachmentUploader uploader(*store_, config(server));
  const auto report = uploader.uploadPending();
  EXPECT_EQ(report.confirmed, 1) << report.error;
  EXPECT_EQ(report.bytesSent, photo.size());  // the server's offset 0 is the truth
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
  EXPECT_TRUE(store_->recordComplete(uuid));
}

TEST_F(AttachmentsTest, AdminPruneRemovesOnlyUnfinishedUploads) {
  ServerProcess server(dataDir(), {"--open"});
  const Uuid uuid = Uuid::generate();
  pushRecord(server, uuid.toBytes());
  const auto partial = url(server, uuid.toString(), "partial.jpg");
  const auto done = url(server, uuid.toString(), "done.jpg");
  const std::string bytes = photoBytes(3000, 11);
  ASSERT_EQ(patch(partial, 0, bytes.substr(0, 1000)).status, 204);
  ASSERT_EQ(patch(done, 0, bytes).status, 204);
  ASSERT_EQ(httpRequest("POST", done + "/complete", completeBody(bytes)).status, 204);
  // SQLite: a .part whose first offset was never recorded (the server died in between).
  const auto strayFolder =
      std::filesystem::path(dataDir()) / "attachments" / Uuid::generate().toString();
  if (!onPostgres()) {
    std::filesystem::create_directories(strayFolder);
    std::ofstream(strayFolder / "lost.jpg.part", std::ios::binary) << "half a photo";
  }

  const auto recent = runAdmin({"attachments", "prune", "--data", dataDir()});
  ASSERT_EQ(recent.exitCode, 0) << recent.err;
  EXPECT_NE(recent.out.find("removed 0 unfinished upload(s)"), std::string::npos) << recent.out;
  EXPECT_EQ(httpRequest("HEAD", partial).headers["upload-offset"], "1000");

  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // "older than now" must be true
  const auto all =
      runAdmin({"attachments", "prune", "--older-than-days", "0", "--data", dataDir()});
  ASSERT_EQ(all.exitCode, 0) << all.err;
  EXPECT_NE(all.out.find("removed 1 unfinished upload(s)"), std::string::npos) << all.out;
  EXPECT_FALSE(holds(uuid, "partial.jpg", false));
  EXPECT_FALSE(std::filesystem::exists(strayFolder));
  EXPECT_EQ(httpRequest("HEAD", done).headers["upload-complete"], "true");
  EXPECT_TRUE(heldBytes(uuid, "done.jpg") == bytes);
  // The tablet that comes back is told to start again.
  const auto resumed = patch(partial, 1000, bytes.substr(1000));
  EXPECT_EQ(resumed.status, 409);
  EXPECT_EQ(resumed.headers.at("upload-offset"), "0");
  EXPECT_EQ(patch(partial, 0, bytes).status, 204);

  EXPECT_EQ(
      runAdmin({"attachments", "prune", "--older-than-days", "x", "--data", dataDir()}).exitCode,
      2);
  EXPECT_EQ(runAdmin({"attachments", "sweep", "--data", dataDir()}).exitCode, 2);
}

// Two databases opened on one data folder stand for phum-server and phum-admin (two processes,
// two connections): the write transaction serialises them, so racing appends store one copy each.
TEST_F(AttachmentsTest, StoresSharingADataFolderTakeTurnsOnAnUpload) {
  if (onPostgres()) {
    GTEST_SKIP() << "SQLite stores in process; PostgreSQL instances sharing uploads are tested in "
                    "postgres_attachments_test";
  }
  server::initSecrets();
  auto firstDb = server::storage::openDatabase({dataDir(), ""});
  auto secondDb = server::storage::openDatabase({dataDir(), ""});
  server::AttachmentService first(*firstDb);
  server::AttachmentService second(*secondDb);
  const Uuid uuid = Uuid::generate();
  phum::v1::PushBatch batch = makeBatch(0, 1);
  batch.mutable_records(0)->set_uuid(uuid.toBytes());
  ASSERT_EQ(server::IngestService(*firstDb, {}).push(batch, {}).acks(0).status(),
            phum::v1::RECORD_STATUS_ACCEPTED);
  const server::AttachmentRequest photo{uuid.toBytes(), "photo.jpg", ""};
  const std::string bytes = photoBytes(8 * 1000, 12);
  for (std::uint64_t offset = 0; offset < bytes.size(); offset += 1000) {
    std::atomic<int> appended{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        server::AttachmentService& attachments = t % 2 ? second : first;
        const auto answer =
            attachments.append(photo, offset, std::string_view(bytes).substr(offset, 1000));
        if (answer.outcome == server::UploadAnswer::Outcome::Ok) ++appended;
      });
    }
    for (auto& writer : writers) writer.join();
    ASSERT_EQ(appended.load(), 1) << "at offset " << offset;
  }
  EXPECT_TRUE(readFile(serverFile(uuid, "photo.jpg.part")) == bytes);
  EXPECT_EQ(second.state(photo).offset, bytes.size());
  // Neither removes it while it is recent, and neither removes it once complete.
  EXPECT_EQ(first.pruneAbandoned(nowMillis() - 60000).uploads, 0);
  EXPECT_EQ(first.complete(photo, bytes.size(), sha256(bytes)).outcome,
            server::UploadAnswer::Outcome::Ok);
  EXPECT_EQ(second.pruneAbandoned(nowMillis() + 60000).uploads, 0);
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == bytes);
}

TEST(ServerOptionsTest, UploadExpiryTakesDurationsWithUnits) {
  bool help = false;
  const auto defaults = server::parseServerOptions({}, help);
  EXPECT_EQ(defaults.abandonedUploadAge, std::chrono::hours(24 * 30));
  const auto options = server::parseServerOptions(
      {"--abandoned-upload-age", "12h", "--upload-sweep-every", "500ms"}, help);
  EXPECT_EQ(options.abandonedUploadAge, std::chrono::hours(12));
  EXPECT_EQ(options.uploadSweepInterval, std::chrono::milliseconds(500));
  EXPECT_EQ(server::parseDuration("--x", "45s"), std::chrono::seconds(45));
  EXPECT_EQ(server::parseDuration("--x", "7d"), std::chrono::hours(7 * 24));
  for (const char* bad : {"", "12", "d", "-1d", "1w", "1.5h", "99999999999999d"}) {
    EXPECT_THROW(server::parseDuration("--x", bad), std::invalid_argument) << bad;
  }
  EXPECT_THROW(server::parseServerOptions({"--upload-sweep-every", "0s"}, help),
               std::invalid_argument);
}

class SecureAttachmentsTest : public AttachmentsTest {
 protected:
  void SetUp() override {
    const auto added = runAdmin({"users", "add", "--data", dataDir(), "--username", "sokha",
                                 "--role", "enumerator", "--scope", "0102"},
                                "field-pass-2026\n");
    ASSERT_EQ(added.exitCode, 0) << added.err;
    server_ = std::make_unique<ServerProcess>(dataDir(), std::vector<std::string>{});
  }
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SecureAttachmentsTest, UploadNeedsTheSameAuthenticationAsPush) {
  const Uuid uuid = Uuid::generate();
  const auto at = url(*server_, uuid.toString(), "photo.jpg");
  EXPECT_EQ(httpRequest("HEAD", at).status, 401);
  EXPECT_EQ(patch(at, 0, "abc").status, 401);
  EXPECT_EQ(httpRequest("POST", at + "/complete", completeBody("abc")).status, 401);
  const auto forged =
      httpRequest("PATCH", at, "abc", {"Upload-Offset: 0", "X-Phum-Device: forged.secret"});
  EXPECT_EQ(forged.status, 401);

  // An enrolled, signed-in tablet sends its record and photo through the real sync client.
  const auto code = runAdmin({"devices", "enroll-code", "--data", dataDir(), "--name", "t1"});
  ASSERT_EQ(code.exitCode, 0) << code.err;
  auto cfg = config(*server_);
  sync::SyncClient client(*store_, cfg);
  client.enrollDevice(code.out.substr(0, code.out.find('\n')), "t1");
  client.signIn("sokha", "field-pass-2026");
  const std::string photo = photoBytes(200 * 1024, 7);
  const Uuid saved = saveRecordWithPhoto(*store_, photo);
  const auto report = client.syncOnce();
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.attachmentsConfirmed, 1);
  EXPECT_TRUE(store_->recordComplete(saved));
  EXPECT_TRUE(heldBytes(saved, "photo.jpg") == photo);
}

// "Photos only on unmetered connections" on a metered link: the record goes at once, the photo
// waits in the store, and the next sync on a free link sends it.
TEST_F(AttachmentsTest, HeldPhotosWaitWhileTheirRecordGoesAtOnce) {
  const std::string photo = photoBytes(64 * 1024, 7);
  const Uuid uuid = saveRecordWithPhoto(*store_, photo);
  ServerProcess server(dataDir(), {"--open"});
  auto held = config(server);
  held.uploadAttachments = false;

  const auto first = sync::SyncClient(*store_, held).syncOnce();

  EXPECT_TRUE(first.error.empty()) << first.error;
  EXPECT_EQ(first.sent, 1);
  EXPECT_EQ(first.attachmentsConfirmed, 0);
  EXPECT_FALSE(store_->recordComplete(uuid));
  EXPECT_FALSE(holds(uuid, "photo.jpg", true));
  ASSERT_EQ(store_->pendingAttachments(10).size(), 1u);

  const auto second = sync::SyncClient(*store_, config(server)).syncOnce();

  EXPECT_TRUE(second.error.empty()) << second.error;
  EXPECT_EQ(second.attachmentsConfirmed, 1);
  EXPECT_TRUE(store_->recordComplete(uuid));
  EXPECT_TRUE(heldBytes(uuid, "photo.jpg") == photo);
}

}  // namespace
}  // namespace phum::testing
