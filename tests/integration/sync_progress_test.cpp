// Sync progress from the core: SyncClient::onSyncProgress against a real phum-server, over real
// HTTP, with records in several batches and a photo in several chunks.
#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "attachment_bytes.h"
#include "core/uuid.h"
#include "server_fixture.h"
#include "store/local_store.h"
#include "sync/attachment_uploader.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

TEST(SyncProgressTest, CountsRecordsAndPhotoBytesUpToTheirTotals) {
  TempDir dir;
  auto store = store::LocalStore::open((dir.path() / "tablet.sqlite").string());
  std::uint64_t recordBytes = 0;
  Uuid withPhoto;
  for (int i = 0; i < 5; ++i) {
    auto record = makeRecord(i);
    record.clear_uuid();
    record.set_revision(0);
    if (i == 0) {
      auto* photo = record.mutable_answers()->add_answers();
      photo->set_name("house_photo");
      photo->mutable_value()->set_attachment("photo.jpg");
    }
    const auto saved = store->saveRecord(record);
    recordBytes += saved.ByteSizeLong();
    if (i == 0) withPhoto = *Uuid::fromBytes(saved.uuid());
  }
  const std::string photo = photoBytes(200 * 1024, 7);
  const auto path = (dir.path() / "photo.jpg").string();
  std::ofstream(path, std::ios::binary) << photo;
  store->addAttachment(sync::describeAttachmentFile(withPhoto, "photo.jpg", path));

  ServerProcess server((dir.path() / "server").string(), {"--open"});
  sync::SyncConfig config;
  config.serverUrl = server.url();
  config.deviceId = "tablet-1";
  config.batchSize = 2;
  config.maxBatchSize = 2;
  config.attachmentChunkBytes = 64 * 1024;
  sync::SyncClient client(*store, config);
  std::vector<sync::SyncProgress> seen;
  client.onSyncProgress = [&](const sync::SyncProgress& p) { seen.push_back(p); };

  const auto report = client.syncOnce();

  ASSERT_TRUE(report.error.empty()) << report.error;
  ASSERT_EQ(report.sent, 5);
  ASSERT_GE(seen.size(), 1u + 3u + 4u);  // start, three batches, four chunks
  EXPECT_EQ(seen.front().recordsSent, 0);
  EXPECT_EQ(seen.front().recordsTotal, 5);
  EXPECT_EQ(seen.front().recordBytesTotal, recordBytes);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].recordsSent, seen[i - 1].recordsSent);
    EXPECT_GE(seen[i].recordBytesSent, seen[i - 1].recordBytesSent);
    EXPECT_GE(seen[i].attachmentBytesSent, seen[i - 1].attachmentBytesSent);
    EXPECT_LE(seen[i].recordBytesSent, seen[i].recordBytesTotal);
    EXPECT_LE(seen[i].attachmentBytesSent, seen[i].attachmentBytesTotal);
  }
  // The batches of two show up one by one: 2, 4, 5 records.
  std::vector<int> recordSteps;
  for (const auto& p : seen) {
    if (recordSteps.empty() || recordSteps.back() != p.recordsSent)
      recordSteps.push_back(p.recordsSent);
  }
  EXPECT_EQ(recordSteps, (std::vector<int>{0, 2, 4, 5}));
  // The photo's chunks too, each a step towards its size.
  int photoSteps = 0;
  for (std::size_t i = 1; i < seen.size(); ++i)
    photoSteps += seen[i].attachmentBytesSent > seen[i - 1].attachmentBytesSent ? 1 : 0;
  EXPECT_EQ(photoSteps, 4);
  const auto& last = seen.back();
  EXPECT_EQ(last.recordsSent, 5);
  EXPECT_EQ(last.recordBytesSent, recordBytes);
  EXPECT_EQ(last.attachmentsTotal, 1);
  EXPECT_EQ(last.attachmentsSent, 1);
  EXPECT_EQ(last.attachmentBytesTotal, photo.size());
  EXPECT_EQ(last.attachmentBytesSent, photo.size());
}

}  // namespace
}  // namespace phum::testing
