// phum-server over real HTTP in --open mode: health, push semantics, malformed input, limits,
// encodings and graceful shutdown.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "server_fixture.h"
#include "services/review_service.h"
#include "storage/open_database.h"

namespace phum::testing {
namespace {

const std::vector<std::string> kProtobuf = {"Content-Type: application/x-protobuf"};

// The server's database as the test backend put it: the SQLite file or the folder's schema.
std::unique_ptr<server::storage::Database> openDatabaseOf(const std::string& dataDir) {
  const bool postgres = tools::testStorageBackend() == tools::StorageBackend::Postgres;
  return server::storage::openDatabase(
      {dataDir, postgres ? tools::postgresConninfoFor(dataDir) : std::string()});
}

class OpenServerTest : public ::testing::Test {
 protected:
  void SetUp() override { startServer({"--open"}); }
  void startServer(std::vector<std::string> args) {
    server_.reset();
    server_ = std::make_unique<ServerProcess>(dataDir(), std::move(args));
  }
  std::string dataDir() const { return (dir_.path() / "data").string(); }
  HttpResponse push(const std::string& body, std::vector<std::string> headers = kProtobuf) {
    return httpRequest("POST", server_->url() + "/v1/push", body, headers);
  }
  phum::v1::PushAck pushBatch(const phum::v1::PushBatch& batch) {
    const auto response = push(batch.SerializeAsString());
    EXPECT_EQ(response.status, 200) << response.body << response.error;
    phum::v1::PushAck ack;
    EXPECT_TRUE(ack.ParseFromString(response.body));
    return ack;
  }
  bool healthy() { return httpRequest("GET", server_->url() + "/v1/health").status == 200; }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(OpenServerTest, HealthReportsStatusAndVersionOnly) {
  auto response = httpRequest("GET", server_->url() + "/v1/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers["content-type"], "application/json");
  EXPECT_EQ(response.body, "{\"status\":\"ok\",\"version\":\"" PHUM_SERVER_VERSION "\"}");
  EXPECT_FALSE(response.headers["x-request-id"].empty());
}

TEST_F(OpenServerTest, PushStoresEveryRecordAndAcksInBatchOrder) {
  const auto batch = makeBatch(0, 5);
  const auto ack = pushBatch(batch);
  ASSERT_EQ(ack.acks_size(), 5);
  EXPECT_EQ(ack.batch_id(), batch.batch_id());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(ack.acks(i).uuid(), batch.records(i).uuid());
    EXPECT_EQ(ack.acks(i).status(), phum::v1::RECORD_STATUS_ACCEPTED);
    EXPECT_GT(ack.acks(i).server_seq(), 0u);
  }
  EXPECT_EQ(countStoredRecords(dataDir()), 5);
}

TEST_F(OpenServerTest, ReplayedBatchGetsTheSameAckAndStoresNothingTwice) {
  const auto batch = makeBatch(0, 3);
  const auto first = push(batch.SerializeAsString());
  const auto replay = push(batch.SerializeAsString());
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.body, first.body);
  EXPECT_EQ(countStoredRecords(dataDir()), 3);
}

TEST_F(OpenServerTest, SameRecordInANewBatchIsADuplicate) {
  auto batch = makeBatch(0, 2);
  pushBatch(batch);
  batch.set_batch_id(randomBytes(16));
  const auto ack = pushBatch(batch);
  ASSERT_EQ(ack.acks_size(), 2);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_DUPLICATE);
  EXPECT_GT(ack.acks(0).server_seq(), 0u);
  EXPECT_EQ(countStoredRecords(dataDir()), 2);
}

TEST_F(OpenServerTest, DifferentContentForTheSameRevisionIsAConflictAndKeepsTheOriginal) {
  auto batch = makeBatch(0, 1);
  pushBatch(batch);
  const auto original = batch.records(0);
  batch.set_batch_id(randomBytes(16));
  batch.mutable_records(0)->mutable_answers()->mutable_answers(0)->mutable_value()->set_text("x");
  const auto ack = pushBatch(batch);
  ASSERT_EQ(ack.acks_size(), 1);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_CONFLICT);
  EXPECT_FALSE(ack.acks(0).reason().empty());
  server_.reset();  // read the database once the server is gone
  auto db = openDatabaseOf(dataDir());
  server::ReviewService records(*db);
  EXPECT_EQ(records.listRecords(-1).size(), 1u);
  EXPECT_EQ(tools::countServerRows(dataDir(), "conflicts"), 1);
  const auto stored = records.findRecord(original.uuid(), 1);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->answers().answers(0).value().text(), "Household 0");
}

TEST_F(OpenServerTest, OneInvalidRecordIsRejectedWithoutFailingTheBatch) {
  auto batch = makeBatch(0, 3);
  batch.mutable_records(1)->set_uuid("short");
  batch.mutable_records(1)->clear_form_id();
  const auto ack = pushBatch(batch);
  ASSERT_EQ(ack.acks_size(), 3);
  EXPECT_EQ(ack.acks(0).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(ack.acks(1).status(), phum::v1::RECORD_STATUS_REJECTED);
  EXPECT_EQ(ack.acks(1).field_errors_size(), 2);
  EXPECT_EQ(ack.acks(1).field_errors(0).field(), "uuid");
  EXPECT_NE(ack.acks(1).reason().find("form"), std::string::npos);
  EXPECT_EQ(ack.acks(2).status(), phum::v1::RECORD_STATUS_ACCEPTED);
  EXPECT_EQ(countStoredRecords(dataDir()), 2);
}

TEST_F(OpenServerTest, TruncatedBodyIs400NamingTheProblemAndTheServerKeepsServing) {
  const std::string bytes = makeBatch(0, 20).SerializeAsString();
  const auto response = push(bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("\"code\":\"malformed_batch\""), std::string::npos);
  EXPECT_NE(response.body.find("PushBatch could not be parsed (" +
                               std::to_string(bytes.size() / 2) + " bytes)"),
            std::string::npos)
      << response.body;
  EXPECT_NE(response.body.find("truncated"), std::string::npos);
  EXPECT_TRUE(healthy());
  EXPECT_EQ(countStoredRecords(dataDir()), 0);
}

TEST_F(OpenServerTest, GarbageBodyIs400AsProtobufErrorBodyWhenAsked) {
  const auto response =
      push("<html><body>Welcome to the hotel Wi-Fi</body></html>",
           {"Content-Type: application/x-protobuf", "Accept: application/x-protobuf"});
  EXPECT_EQ(response.status, 400);
  phum::v1::ErrorBody error;
  ASSERT_TRUE(error.ParseFromString(response.body));
  EXPECT_EQ(error.code(), "malformed_batch");
  EXPECT_NE(error.message().find("not a Phum protobuf"), std::string::npos);
  EXPECT_FALSE(error.retryable());
  EXPECT_TRUE(healthy());
}

TEST_F(OpenServerTest, WrongContentTypeAndUnknownEncodingAre415) {
  const std::string body = makeBatch(0, 1).SerializeAsString();
  EXPECT_EQ(push(body, {"Content-Type: application/json"}).status, 415);
  const auto response =
      push(body, {"Content-Type: application/x-protobuf", "Content-Encoding: br"});
  EXPECT_EQ(response.status, 415);
  EXPECT_NE(response.body.find("unsupported_encoding"), std::string::npos);
  EXPECT_TRUE(healthy());
}

TEST_F(OpenServerTest, ZstdAndGzipBodiesAreAccepted) {
  const auto zstdBatch = makeBatch(0, 10);
  const std::string raw = zstdBatch.SerializeAsString();
  std::string compressed(ZSTD_compressBound(raw.size()), '\0');
  compressed.resize(ZSTD_compress(compressed.data(), compressed.size(), raw.data(), raw.size(), 3));
  auto response =
      push(compressed, {"Content-Type: application/x-protobuf", "Content-Encoding: zstd"});
  EXPECT_EQ(response.status, 200) << response.body;

  const std::string gzipRaw = makeBatch(100, 10).SerializeAsString();
  z_stream stream{};
  ASSERT_EQ(deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string gz(deflateBound(&stream, gzipRaw.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzipRaw.data()));
  stream.avail_in = static_cast<uInt>(gzipRaw.size());
  stream.next_out = reinterpret_cast<Bytef*>(gz.data());
  stream.avail_out = static_cast<uInt>(gz.size());
  ASSERT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  gz.resize(stream.total_out);
  deflateEnd(&stream);
  response = push(gz, {"Content-Type: application/x-protobuf", "Content-Encoding: gzip"});
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(countStoredRecords(dataDir()), 20);
}

TEST_F(OpenServerTest, LargeAnswersAreCompressedWithTheEncodingTheClientPrefers) {
  const auto ack = push(makeBatch(0, 100).SerializeAsString(),
                        {"Content-Type: application/x-protobuf", "Accept-Encoding: zstd, gzip"});
  ASSERT_EQ(ack.status, 200);
  EXPECT_EQ(ack.headers.at("content-encoding"), "zstd");
  std::string plain(1 << 20, '\0');
  plain.resize(ZSTD_decompress(plain.data(), plain.size(), ack.body.data(), ack.body.size()));
  phum::v1::PushAck parsed;
  ASSERT_TRUE(parsed.ParseFromString(plain));
  EXPECT_EQ(parsed.acks_size(), 100);
  const auto small =
      httpRequest("GET", server_->url() + "/v1/health", {}, {"Accept-Encoding: zstd"});
  EXPECT_EQ(small.headers.count("content-encoding"), 0u);  // under 1 KiB: not worth it
}

TEST_F(OpenServerTest, UnknownPathIs404WithAMessage) {
  const auto response = httpRequest("GET", server_->url() + "/v1/nothing-here");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("/v1/nothing-here"), std::string::npos);
}

class LimitedServerTest : public OpenServerTest {
 protected:
  void SetUp() override { startServer({"--open", "--max-body-bytes", "65536"}); }
};

TEST_F(LimitedServerTest, OversizedBodyIs413AndTheServerKeepsServing) {
  const std::string body(200'000, 'x');
  const auto response = push(body);
  EXPECT_EQ(response.status, 413) << response.error;
  EXPECT_NE(response.body.find("batch_too_large"), std::string::npos);
  EXPECT_TRUE(healthy());
}

TEST_F(LimitedServerTest, DecompressionBombIs413NotAnOutOfMemory) {
  const std::string zeros(50 * 1024 * 1024, '\0');
  std::string bomb(ZSTD_compressBound(zeros.size()), '\0');
  bomb.resize(ZSTD_compress(bomb.data(), bomb.size(), zeros.data(), zeros.size(), 3));
  ASSERT_LT(bomb.size(), 65536u);
  const auto response =
      push(bomb, {"Content-Type: application/x-protobuf", "Content-Encoding: zstd"});
  EXPECT_EQ(response.status, 413);
  EXPECT_NE(response.body.find("decompressed"), std::string::npos);
  EXPECT_TRUE(healthy());
}

// A raw socket, so the test controls exactly when the body is sent.
int connectTo(unsigned short port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string readAll(int fd) {
  std::string data;
  char buffer[4096];
  for (ssize_t got; (got = read(fd, buffer, sizeof(buffer))) > 0;) data.append(buffer, got);
  return data;
}

bool writeAll(int fd, const std::string& data) {
  return write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
}

TEST_F(OpenServerTest, SigtermFinishesTheBatchInFlightThenExitsZero) {
  const std::string body = makeBatch(0, 50).SerializeAsString();
  const int fd = connectTo(server_->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(writeAll(fd,
                       "POST /v1/push HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       "Content-Type: application/x-protobuf\r\nExpect: 100-continue\r\n"
                       "Content-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n"));
  // "100 Continue" proves the server holds this request before it is told to stop.
  char buffer[64] = {};
  ASSERT_GT(read(fd, buffer, sizeof(buffer) - 1), 0);
  ASSERT_NE(std::string(buffer).find("100 Continue"), std::string::npos);
  server_->sendSignal(SIGTERM);
  ASSERT_TRUE(writeAll(fd, body));
  const std::string response = readAll(fd);
  close(fd);
  EXPECT_NE(response.find("HTTP/1.1 200"), std::string::npos) << response;
  EXPECT_EQ(server_->waitForExit(), 0);
  EXPECT_EQ(countStoredRecords(dataDir()), 50);
}

class SlowClientServerTest : public OpenServerTest {
 protected:
  void SetUp() override { startServer({"--open", "--header-timeout-ms", "300"}); }
};

TEST_F(SlowClientServerTest, AHeaderThatNeverFinishesIsCutOffAndOthersAreServed) {
  const int fd = connectTo(server_->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(writeAll(fd, "POST /v1/push HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_EQ(readAll(fd), "");  // the server closes the connection instead of waiting forever
  close(fd);
  EXPECT_TRUE(healthy());
}

// phum-admin's storage options, given explicitly (not through the test backend): a folder without
// a database is refused rather than shown as an empty server, and an unreachable --db is named.
TEST(AdminStorageOptions, MissingDatabaseAndUnreachablePostgresAreNamed) {
  TempDir dir;
  const auto empty = tools::runAdmin("", {"records", "list", "--data", dir.str()});
  EXPECT_EQ(empty.exitCode, 1);
  EXPECT_NE(empty.err.find("no Phum server database at " + dir.str()), std::string::npos)
      << empty.err;
  EXPECT_NE(empty.err.find("--db"), std::string::npos) << empty.err;

  const std::string unreachable = "postgresql://phum@127.0.0.1:1/phum?connect_timeout=5";
  const auto down = tools::runAdmin("", {"users", "list", "--db", unreachable});
  EXPECT_EQ(down.exitCode, 1);
  EXPECT_NE(down.err.find("cannot connect to PostgreSQL (" + unreachable), std::string::npos)
      << down.err;
}

}  // namespace
}  // namespace phum::testing
