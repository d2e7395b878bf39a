// SyncClient push over real HTTP (libcurl) against a scripted loopback responder.
#include "sync/sync_client.h"

#include <gtest/gtest.h>

#include "core/clock.h"
#include "support/push_replies.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::sync {
namespace {

using store::SyncState;
using test::ackAll;
using test::ackEach;
using test::errorReply;
using test::ScriptedReply;

class SyncClientTest : public ::testing::Test {
 protected:
  test::ScratchDir dir;
  std::unique_ptr<store::LocalStore> store = store::LocalStore::open(dir.file("tablet.db"));
  test::ScriptedHttpServer server;

  SyncConfig config() const {
    SyncConfig c;
    c.serverUrl = server.baseUrl();
    c.deviceId = "tab-07";
    c.connectTimeout = std::chrono::milliseconds(2000);
    c.requestTimeout = std::chrono::milliseconds(5000);
    return c;
  }
  void saveRecords(int n) {
    for (int i = 0; i < n; ++i) store->saveRecord(test::householdSurvey());
  }
  std::vector<SyncState> states() const {
    std::vector<SyncState> out;
    for (const auto& s : store->listRecords()) out.push_back(s.state);
    return out;
  }
  bool allIn(SyncState state) const {
    auto s = states();
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](SyncState x) { return x == state; });
  }
};

TEST_F(SyncClientTest, AcceptedAcksMarkRecordsSent) {
  saveRecords(3);
  server.enqueue(ackAll());
  SyncClient client(*store, config());
  SyncReport report = client.syncOnce();
  EXPECT_EQ(report.sent, 3);
  EXPECT_TRUE(report.complete);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_TRUE(allIn(SyncState::Sent));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/v1/push");
  EXPECT_EQ(requests[0].header("content-type"), "application/x-protobuf");
  EXPECT_EQ(requests[0].header("content-encoding"), "zstd");
  EXPECT_EQ(requests[0].header("accept-encoding"), "zstd, gzip");
  auto batch = test::pushBatchOf(requests[0]);
  EXPECT_EQ(batch.batch_id().size(), 16u);
  EXPECT_EQ(batch.device_id(), "tab-07");
  ASSERT_EQ(batch.records_size(), 3);
  EXPECT_EQ(batch.records(0).revision(), 1u);
  EXPECT_EQ(batch.records(0).answers().repeats(0).instances_size(), 2);
}

TEST_F(SyncClientTest, DuplicateAckCountsAsSent) {
  saveRecords(2);
  server.enqueue(ackAll(phum::v1::RECORD_STATUS_DUPLICATE));
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_EQ(report.sent, 2);
  EXPECT_TRUE(allIn(SyncState::Sent));
}

TEST_F(SyncClientTest, RecordsAreSendingDuringTheRequestAndSentOnlyAfterTheAck) {
  saveRecords(2);
  std::vector<SyncState> during;
  auto ack = ackAll();
  server.enqueue([&](const test::HttpExchange& exchange) {
    for (const auto& s : store::LocalStore::open(dir.file("tablet.db"))->listRecords()) {
      during.push_back(s.state);
    }
    return ack(exchange);
  });
  SyncClient(*store, config()).syncOnce();
  EXPECT_EQ(during, (std::vector<SyncState>{SyncState::Sending, SyncState::Sending}));
  EXPECT_TRUE(allIn(SyncState::Sent));
}

TEST_F(SyncClientTest, RejectedAndConflictKeepTheReasonAndAreNotResent) {
  saveRecords(3);
  server.enqueue(ackEach([](int i) {
    return i == 0 ? phum::v1::RECORD_STATUS_ACCEPTED
                  : (i == 1 ? phum::v1::RECORD_STATUS_REJECTED : phum::v1::RECORD_STATUS_CONFLICT);
  }));
  SyncClient client(*store, config());
  SyncReport report = client.syncOnce();
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.rejected, 2);
  EXPECT_TRUE(report.complete);
  auto counts = store->outboxCounts();
  EXPECT_EQ(counts.sent, 1);
  EXPECT_EQ(counts.rejected, 2);
  bool sawFieldError = false;
  bool sawConflict = false;
  for (const auto& s : store->listRecords()) {
    if (s.state != SyncState::Rejected) continue;
    // The server's reason code is kept next to its English reason, for the app to translate.
    sawFieldError |=
        s.lastError ==
            "Answers failed validation (members[2]/age: age must be between 0 and 120)" &&
        s.lastErrorCode == phum::v1::ACK_REASON_INVALID_ANSWERS;
    sawConflict |= s.lastError == "A different version of this record was already received" &&
                   s.lastErrorCode == phum::v1::ACK_REASON_REVISION_CONFLICT;
  }
  EXPECT_TRUE(sawFieldError);
  EXPECT_TRUE(sawConflict);
  SyncReport again = client.syncNow();
  EXPECT_EQ(server.requests().size(), 1u);  // nothing was sent again
  EXPECT_EQ(again.sent + again.rejected, 0);
}

TEST_F(SyncClientTest, BadRequestKeepsRecordsQueuedWithTheServersMessage) {
  saveRecords(2);
  server.enqueue(errorReply(400, "malformed_batch", "The batch could not be read.", false));
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_FALSE(report.retryable);
  EXPECT_NE(report.error.find("The batch could not be read."), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("400"), std::string::npos);
  EXPECT_TRUE(allIn(SyncState::Queued));
  EXPECT_EQ(store->pendingOutbox(10).size(), 2u);
  EXPECT_EQ(report.remaining, 2);
  EXPECT_FALSE(report.complete);
}

TEST_F(SyncClientTest, ARevokedDeviceIsAPermanentOutcomeOfItsOwn) {
  saveRecords(1);
  server.enqueue(errorReply(403, "device_revoked", "This tablet was revoked.", false));
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_TRUE(report.deviceRevoked);
  EXPECT_FALSE(report.retryable);
  EXPECT_TRUE(allIn(SyncState::Queued));
  // Another refusal with the same status is not a revocation.
  server.enqueue(errorReply(403, "role_not_allowed", "Reviewers do not send records.", false));
  EXPECT_FALSE(SyncClient(*store, config()).syncOnce().deviceRevoked);
}

TEST_F(SyncClientTest, UnauthorizedJsonErrorIsPermanentAndReadable) {
  saveRecords(1);
  server.enqueue(ScriptedReply{
      401,
      {{"Content-Type", "application/json"}},
      R"({"code":"unauthorized","message":"Your session has expired. Sign in again.","retryable":false})"});
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_FALSE(report.retryable);
  EXPECT_NE(report.error.find("Your session has expired. Sign in again."), std::string::npos);
  EXPECT_TRUE(allIn(SyncState::Queued));
}

TEST_F(SyncClientTest, ServiceUnavailableIsRetryableWithPersistedBackoff) {
  saveRecords(2);
  server.enqueue(errorReply(503, "unavailable", "The server is restarting.", true));
  auto before = nowMillis();
  SyncClient client(*store, config());
  SyncReport report = client.syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_NE(report.error.find("The server is restarting."), std::string::npos);
  EXPECT_TRUE(allIn(SyncState::Failed));
  ASSERT_TRUE(store->nextAttemptAtMs());
  EXPECT_GE(*store->nextAttemptAtMs(), before);
  // The user presses "sync now": the backoff is skipped and the retry succeeds.
  server.enqueue(ackAll());
  SyncReport retry = client.syncNow();
  EXPECT_EQ(retry.sent, 2);
  EXPECT_TRUE(allIn(SyncState::Sent));
}

TEST_F(SyncClientTest, AutomaticSyncWaitsForTheBackoff) {
  saveRecords(1);
  auto claimed = store->claimOutbox(10, 0);
  store->markFailed({claimed[0].id}, "timeout", INT64_MAX / 2);
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_TRUE(server.requests().empty());
  EXPECT_EQ(report.remaining, 1);
  EXPECT_FALSE(report.complete);
}

TEST_F(SyncClientTest, CaptivePortalHtmlIsRetryableAndNothingIsMarkedSent) {
  saveRecords(2);
  server.enqueue(ScriptedReply{
      200, {{"Content-Type", "text/html"}}, "<html><body>Log in to FreeWiFi</body></html>"});
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_EQ(report.sent, 0);
  EXPECT_NE(report.error.find("login page"), std::string::npos);
  EXPECT_TRUE(allIn(SyncState::Failed));
  EXPECT_EQ(store->pendingOutbox(10).size(), 2u);
}

TEST_F(SyncClientTest, GarbageProtobufAckIsRetryable) {
  saveRecords(1);
  phum::v1::PushAck wrongBatch;
  wrongBatch.set_batch_id("not this batch!!");
  server.enqueue(test::protobufReply(200, wrongBatch));
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_TRUE(allIn(SyncState::Failed));
  saveRecords(1);
  server.enqueue(ScriptedReply{200, {{"Content-Type", "application/x-protobuf"}}, "\xff\xff\xff"});
  SyncClient(*store, config()).syncNow();
  EXPECT_EQ(store->outboxCounts().sent, 0);
}

TEST_F(SyncClientTest, CutConnectionIsRetryableAndHalvesTheBatch) {
  saveRecords(3);
  ScriptedReply cut;
  cut.cutConnection = true;
  server.enqueue(cut);
  SyncConfig c = config();
  c.batchSize = 8;
  SyncClient client(*store, c);
  SyncReport report = client.syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_FALSE(report.error.empty());
  EXPECT_TRUE(allIn(SyncState::Failed));
  EXPECT_EQ(client.currentBatchSize(), 4);
}

TEST_F(SyncClientTest, NoServerListeningIsRetryable) {
  saveRecords(1);
  SyncConfig c = config();
  c.serverUrl = "http://127.0.0.1:1";  // nothing listens on port 1
  SyncReport report = SyncClient(*store, c).syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_NE(report.error.find("Could not reach the sync server"), std::string::npos)
      << report.error;
  EXPECT_TRUE(allIn(SyncState::Failed));
}

TEST_F(SyncClientTest, TimeoutIsRetryable) {
  saveRecords(1);
  ScriptedReply slow = errorReply(503, "late", "late", true);
  slow.delay = std::chrono::milliseconds(3000);
  server.enqueue(slow);
  SyncConfig c = config();
  c.requestTimeout = std::chrono::milliseconds(300);
  SyncReport report = SyncClient(*store, c).syncOnce();
  EXPECT_TRUE(report.retryable);
  EXPECT_NE(report.error.find("did not answer in time"), std::string::npos) << report.error;
  EXPECT_TRUE(allIn(SyncState::Failed));
}

TEST_F(SyncClientTest, UnsupportedEncodingFallsBackToPlainAndRemembers) {
  saveRecords(1);
  server.enqueue(errorReply(415, "unsupported_encoding", "zstd is not accepted", false));
  server.enqueue(ackAll());
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_EQ(report.sent, 1);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("content-encoding"), "zstd");
  EXPECT_EQ(requests[1].header("content-encoding"), "");
  EXPECT_EQ(test::pushBatchOf(requests[1]).records_size(), 1);
  // A new client (an app restart) still sends plain.
  saveRecords(1);
  server.enqueue(ackAll());
  SyncClient(*store, config()).syncOnce();
  ASSERT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(server.requests()[2].header("content-encoding"), "");
}

TEST_F(SyncClientTest, TooLargeBatchIsSplitAndATooLargeRecordRejected) {
  saveRecords(4);
  auto ack = ackAll();
  for (int i = 0; i < 6; ++i) {
    server.enqueue([ack](const test::HttpExchange& exchange) {
      if (test::pushBatchOf(exchange).records_size() > 1) {
        return errorReply(413, "batch_too_large", "The batch is over 16 MiB.", false);
      }
      return ack(exchange);
    });
  }
  SyncConfig c = config();
  c.batchSize = 4;
  SyncReport report = SyncClient(*store, c).syncOnce();
  EXPECT_EQ(report.sent, 4);
  EXPECT_TRUE(report.complete);

  saveRecords(1);
  server.enqueue(errorReply(413, "batch_too_large", "The batch is over 16 MiB.", false));
  c.batchSize = 1;
  SyncReport single = SyncClient(*store, c).syncOnce();
  EXPECT_EQ(single.rejected, 1);
  EXPECT_EQ(store->outboxCounts().rejected, 1);
  for (const auto& s : store->listRecords()) {
    if (s.state == SyncState::Rejected) {
      EXPECT_EQ(s.lastErrorCode, phum::v1::ACK_REASON_RECORD_TOO_LARGE);
    }
  }
}

TEST_F(SyncClientTest, EditingARejectedRecordClearsItsReasonCode) {
  saveRecords(1);
  server.enqueue(ackAll(phum::v1::RECORD_STATUS_REJECTED));
  SyncClient(*store, config()).syncOnce();
  ASSERT_EQ(store->listRecords().at(0).lastErrorCode, phum::v1::ACK_REASON_INVALID_ANSWERS);
  auto record = *store->findRecord(store->listRecords().at(0).uuid);
  store->saveRecord(record);  // the edit: a new revision, queued again
  const auto edited = store->listRecords().at(0);
  EXPECT_EQ(edited.state, SyncState::Queued);
  EXPECT_EQ(edited.lastErrorCode, 0);
  EXPECT_TRUE(edited.lastError.empty());
}

TEST_F(SyncClientTest, FirstBatchIsFiftyRecordsAsTheProtocolSays) {
  saveRecords(60);
  for (int i = 0; i < 2; ++i) server.enqueue(ackAll());
  SyncConfig c = config();
  c.requestTimeout = std::chrono::milliseconds(60000);
  SyncClient client(*store, c);
  EXPECT_EQ(client.currentBatchSize(), 50);
  EXPECT_EQ(client.syncOnce().sent, 60);
  std::vector<int> sizes;
  for (const auto& r : server.requests()) sizes.push_back(test::pushBatchOf(r).records_size());
  EXPECT_EQ(sizes, (std::vector<int>{50, 10}));
}

TEST_F(SyncClientTest, UnackedRecordStaysWaiting) {
  saveRecords(2);
  server.enqueue([](const test::HttpExchange& exchange) {
    auto batch = test::pushBatchOf(exchange);
    phum::v1::PushAck ack;
    ack.set_batch_id(batch.batch_id());
    auto* a = ack.add_acks();
    a->set_uuid(batch.records(0).uuid());
    a->set_revision(batch.records(0).revision());
    a->set_status(phum::v1::RECORD_STATUS_ACCEPTED);
    return test::protobufReply(200, ack);
  });
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_EQ(report.sent, 1);
  EXPECT_EQ(report.remaining, 1);
  auto counts = store->outboxCounts();
  EXPECT_EQ(counts.sent, 1);
  EXPECT_EQ(counts.failed, 1);
}

TEST_F(SyncClientTest, CompressedAckIsDecoded) {
  saveRecords(2);
  auto ack = ackAll();
  server.enqueue([ack](const test::HttpExchange& exchange) {
    ScriptedReply reply = ack(exchange);
    std::string packed(ZSTD_compressBound(reply.body.size()), '\0');
    packed.resize(
        ZSTD_compress(packed.data(), packed.size(), reply.body.data(), reply.body.size(), 3));
    reply.body = packed;
    reply.headers.push_back({"Content-Encoding", "zstd"});
    return reply;
  });
  EXPECT_EQ(SyncClient(*store, config()).syncOnce().sent, 2);
}

TEST_F(SyncClientTest, CredentialsAreSentOnlyWhenSet) {
  saveRecords(1);
  server.enqueue(ackAll());
  SyncClient(*store, config()).syncOnce();
  saveRecords(1);
  server.enqueue(ackAll());
  SyncConfig c = config();
  c.deviceSecret = "s3cret";
  c.sessionToken = "tok123";
  SyncClient(*store, c).syncOnce();
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("x-phum-device"), "");
  EXPECT_EQ(requests[0].header("authorization"), "");
  EXPECT_EQ(requests[1].header("x-phum-device"), "tab-07.s3cret");
  EXPECT_EQ(requests[1].header("authorization"), "Bearer tok123");
}

TEST_F(SyncClientTest, SharedTabletPushesOnlyTheSignedInUsersRecords) {
  store->saveRecord(test::householdSurvey("sokha"));
  store->saveRecord(test::householdSurvey("vibol"));
  store->saveRecord(test::householdSurvey("sokha"));
  server.enqueue(ackAll());
  SyncConfig c = config();
  c.author = "sokha";
  SyncReport report = SyncClient(*store, c).syncOnce();
  EXPECT_EQ(report.sent, 2);
  EXPECT_TRUE(report.complete);  // nothing of sokha's is left
  auto batch = test::pushBatchOf(server.requests().at(0));
  ASSERT_EQ(batch.records_size(), 2);
  for (const auto& r : batch.records()) EXPECT_EQ(r.author(), "sokha");
  EXPECT_EQ(store->listRecords("vibol")[0].state, SyncState::Queued);
  EXPECT_EQ(store->outboxCountsFor("vibol").queued, 1);
}

TEST_F(SyncClientTest, SendsLeftInFlightByAKilledRunAreSentAgain) {
  saveRecords(2);
  store->claimOutbox(10, 0);  // a previous run marked them Sending, then the app was killed
  EXPECT_EQ(store->outboxCounts().sending, 2);
  server.enqueue(ackAll(phum::v1::RECORD_STATUS_DUPLICATE));  // the server had them already
  SyncReport report = SyncClient(*store, config()).syncOnce();
  EXPECT_EQ(report.sent, 2);
  EXPECT_TRUE(report.complete);
  EXPECT_TRUE(allIn(SyncState::Sent));
}

TEST_F(SyncClientTest, BatchSizeGrowsAfterSuccessUpToTheMaximum) {
  saveRecords(7);
  for (int i = 0; i < 4; ++i) server.enqueue(ackAll());
  SyncConfig c = config();
  c.batchSize = 2;
  c.maxBatchSize = 4;
  c.requestTimeout = std::chrono::milliseconds(60000);  // "fast" means well under a quarter of it
  SyncClient client(*store, c);
  SyncReport report = client.syncOnce();
  EXPECT_EQ(report.sent, 7);
  std::vector<int> sizes;
  for (const auto& r : server.requests()) sizes.push_back(test::pushBatchOf(r).records_size());
  EXPECT_EQ(sizes, (std::vector<int>{2, 4, 1}));
  EXPECT_EQ(client.currentBatchSize(), 4);
}

}  // namespace
}  // namespace phum::sync
