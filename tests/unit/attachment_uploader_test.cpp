// AttachmentUploader over real HTTP (libcurl, through the sync library's one HttpClient) against a
// scripted loopback responder: the tus requests it sends, and what it does with an answer too
// large to hold. The upload against the real server is tested in tests/integration.
#include "sync/attachment_uploader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/sample_records.h"
#include "support/scratch_dir.h"
#include "support/scripted_http_server.h"

namespace phum::sync {
namespace {

using test::ScriptedReply;

class AttachmentUploaderTest : public ::testing::Test {
 protected:
  AttachmentUploaderTest() {
    const auto saved = store->saveRecord(test::householdSurvey());
    uuid = *Uuid::fromBytes(saved.uuid());
    store->markSent(uuid, saved.revision());  // attachments wait for their record's ack
    const std::string path = dir.file("photo.jpg");
    std::ofstream(path, std::ios::binary) << "0123456789";
    store->addAttachment(describeAttachmentFile(uuid, "photo 1.jpg", path));
  }
  SyncConfig config() const {
    SyncConfig c;
    c.serverUrl = server.baseUrl();
    c.deviceId = "tab-07";
    c.deviceSecret = "s3cret";
    c.connectTimeout = std::chrono::milliseconds(2000);
    c.requestTimeout = std::chrono::milliseconds(20000);
    return c;
  }
  std::string attachmentPath() const {
    return "/v1/attachments/" + uuid.toString() + "/photo%201.jpg";
  }

  test::ScratchDir dir;
  std::unique_ptr<store::LocalStore> store = store::LocalStore::open(dir.file("tablet.db"));
  test::ScriptedHttpServer server;
  Uuid uuid;
};

TEST_F(AttachmentUploaderTest, SendsHeadPatchAndCompleteWithTheSyncHeaders) {
  server.enqueue(ScriptedReply{200, {{"Upload-Offset", "0"}, {"Upload-Complete", "false"}}, ""});
  server.enqueue(ScriptedReply{204, {{"Upload-Offset", "10"}}, ""});
  server.enqueue(ScriptedReply{204, {}, ""});
  AttachmentUploader uploader(*store, config());
  const auto report = uploader.uploadPending();
  EXPECT_EQ(report.confirmed, 1) << report.error;
  EXPECT_EQ(report.waiting, 0);
  EXPECT_EQ(report.bytesSent, 10u);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "HEAD");
  EXPECT_EQ(requests[0].target, attachmentPath());
  EXPECT_EQ(requests[0].header("x-phum-device"), "tab-07.s3cret");
  EXPECT_EQ(requests[0].header("accept"), "application/x-protobuf");
  EXPECT_EQ(requests[1].method, "PATCH");
  EXPECT_EQ(requests[1].header("upload-offset"), "0");
  EXPECT_EQ(requests[1].header("content-type"), "application/offset+octet-stream");
  EXPECT_EQ(requests[1].body, "0123456789");
  EXPECT_EQ(requests[2].method, "POST");
  EXPECT_EQ(requests[2].target, attachmentPath() + "/complete");
  EXPECT_TRUE(store->recordComplete(uuid));
}

// The upload path had no cap: a server (or a Wi-Fi login page) answering a chunk with an endless
// body filled the tablet's memory. Now the answer is dropped at 64 MiB like every other answer.
TEST_F(AttachmentUploaderTest, AnswerLargerThanTheCapIsDropped) {
  server.enqueue(ScriptedReply{200, {{"Upload-Offset", "0"}}, ""});
  server.enqueue(
      ScriptedReply{500, {{"Content-Type", "text/html"}}, std::string((64u << 20) + 4096, 'x')});
  AttachmentUploader uploader(*store, config());
  const auto report = uploader.uploadPending();
  EXPECT_EQ(report.confirmed, 0);
  EXPECT_EQ(report.waiting, 1);
  EXPECT_TRUE(report.retryable);
  EXPECT_NE(report.error.find("larger than 64 MiB and was dropped"), std::string::npos)
      << report.error;
  EXPECT_NE(report.error.find("resumes from the last confirmed byte"), std::string::npos)
      << report.error;
  const auto attachments = store->attachments(uuid);
  ASSERT_EQ(attachments.size(), 1u);
  EXPECT_EQ(attachments[0].lastError, report.error);
  EXPECT_EQ(attachments[0].confirmedOffset, 0u);
}

}  // namespace
}  // namespace phum::sync
