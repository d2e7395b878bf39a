// Anyone who can reach the port must not be able to take the server's memory, connections or
// locks: a request that fails authentication is refused from its header, before its body is read;
// floods of silent connections and of slow bodies from loopback are cut down while tablets that
// are already signed in go on syncing; running out of file descriptors backs off instead of
// spinning; /v1/health and a bad enrolment code do not wait for the database. Real processes, on
// both backends. Every check is of an outcome, never of a duration: these run on loaded machines.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "phum/v1/account.pb.h"
#include "storage/postgres/pg_connection.h"
#include "secure_server.h"
#include "sqlite/sqlite_db.h"
#include "storage_backend.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

bool onPostgres() { return tools::testStorageBackend() == tools::StorageBackend::Postgres; }

int connectTo(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool sendAll(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// What the server answered before closing, waiting at most `seconds` for each read.
std::string answerOn(int fd, int seconds) {
  timeval timeout{seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string data;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(fd, buffer, sizeof(buffer), 0)) > 0;) data.append(buffer, got);
  return data;
}

// Connections held open from loopback until stop(): silent ones, and ones that send a request
// header announcing a large body, then trickle it a byte at a time. A connection the server
// closes is opened again, so the pressure lasts; every round sleeps, so the flood is bounded.
class Flood {
 public:
  Flood(unsigned short port, int silent, int slowBodies, std::string slowHeader)
      : port_(port), slowHeader_(std::move(slowHeader)) {
    slots_.resize(static_cast<std::size_t>(silent + slowBodies));
    for (std::size_t i = 0; i < slots_.size(); ++i) slots_[i].slow = i >= std::size_t(silent);
    for (auto& slot : slots_) open(slot);
    trickler_ = std::thread([this] { run(); });
  }
  ~Flood() { stop(); }
  void stop() {
    if (stopping_.exchange(true)) return;
    trickler_.join();
    for (auto& slot : slots_) {
      if (slot.fd >= 0) ::close(slot.fd);
    }
  }
  int reopened() const { return reopened_; }

 private:
  struct Slot {
    int fd = -1;
    bool slow = false;
  };
  void open(Slot& slot) {
    if (slot.fd >= 0) ::close(slot.fd);
    slot.fd = connectTo(port_);
    if (slot.fd >= 0 && slot.slow && !sendAll(slot.fd, slowHeader_)) {
      ::close(slot.fd);
      slot.fd = -1;
    }
  }
  bool closedByServer(const Slot& slot) const {
    char byte = 0;
    const ssize_t n = ::recv(slot.fd, &byte, 1, MSG_DONTWAIT | MSG_PEEK);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }
  void run() {
    while (!stopping_) {
      for (auto& slot : slots_) {
        if (stopping_) break;
        const bool broken = slot.fd < 0 || closedByServer(slot) ||
                            (slot.slow && !sendAll(slot.fd, std::string(1, 'x')));
        if (broken) {
          open(slot);
          ++reopened_;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  unsigned short port_;
  std::string slowHeader_;
  std::vector<Slot> slots_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> reopened_{0};
  std::thread trickler_;
};

std::string slowPushHeader(const std::vector<std::string>& credentials) {
  std::string header =
      "POST /v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-protobuf\r\n"
      "Content-Length: 16000000\r\n";
  for (const auto& line : credentials) header += line + "\r\n";
  return header + "\r\n";
}

// This process holds the flood's sockets: make sure it may.
void ensureDescriptorsForTheFlood() {
  rlimit limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur >= 2048) return;
  limit.rlim_cur = std::min<rlim_t>(2048, limit.rlim_max);
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GE(limit.rlim_cur, 1024u) << "the flood tests need 1024 open files";
}

class FloodTest : public SecureServerTest {
 protected:
  void SetUp() override {
    ensureDescriptorsForTheFlood();
    SecureServerTest::SetUp();
    addUser("vanna", "enumerator", "0102");
  }
  // A small cap, so the floods below are many times over it; a header timeout as short as an
  // exposed server would choose.
  std::vector<std::string> serverArgs() const override {
    return {"--max-connections", "40", "--header-timeout-ms", "5000"};
  }
  // A tablet enrolled with the real sync client, `user` signed in.
  struct Tablet {
    std::unique_ptr<store::LocalStore> store;
    std::unique_ptr<sync::SyncClient> client;
  };
  Tablet signedInTablet(const std::string& user) {
    Tablet tablet;
    tablet.store = store::LocalStore::open((dir_.path() / (user + ".sqlite")).string());
    sync::SyncConfig config;
    config.serverUrl = server_->url();
    config.deviceId = "tablet-" + user;
    config.connectTimeout = std::chrono::milliseconds(30000);
    config.requestTimeout = std::chrono::milliseconds(60000);
    config.author = user;
    tablet.client = std::make_unique<sync::SyncClient>(*tablet.store, config);
    tablet.client->enrollDevice(enrollmentCode("tablet of " + user), "tablet of " + user);
    tablet.client->signIn(user, kTestPassword);
    return tablet;
  }
  static void saveRecords(store::LocalStore& store, const std::string& author, int count) {
    for (int i = 0; i < count; ++i) {
      auto record = makeRecord(i, author, "01020304");
      record.clear_uuid();
      record.set_revision(0);
      store.saveRecord(record);
    }
  }
  // Syncs until the outbox is empty; a few tries, as the app would on its next sync.
  static sync::SyncReport syncUntilDone(sync::SyncClient& client) {
    sync::SyncReport report;
    for (int attempt = 0; attempt < 10; ++attempt) {
      report = client.syncNow();
      if (report.complete) break;
    }
    return report;
  }
};

TEST_F(FloodTest, ARequestWithoutCredentialsIsRefusedBeforeItsBodyIsRead) {
  // The header promises 10 MB that never come: the answer must not wait for them.
  const int push = connectTo(server_->port());
  ASSERT_GE(push, 0);
  ASSERT_TRUE(
      sendAll(push,
              "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
              "X-Phum-Device: dev-forged.secret\r\nContent-Length: 10000000\r\n\r\n"));
  const std::string refused = answerOn(push, 20);
  ::close(push);
  EXPECT_EQ(refused.rfind("HTTP/1.1 401", 0), 0u) << refused;
  EXPECT_NE(refused.find("device_not_enrolled"), std::string::npos) << refused;

  // Enrolment has no credentials to check: its body is small or refused unread.
  const int enroll = connectTo(server_->port());
  ASSERT_GE(enroll, 0);
  ASSERT_TRUE(sendAll(enroll,
                      "POST /v1/devices/enroll HTTP/1.1\r\nHost: x\r\n"
                      "Content-Type: application/x-protobuf\r\nContent-Length: 1000000\r\n\r\n"));
  const std::string tooLarge = answerOn(enroll, 20);
  ::close(enroll);
  EXPECT_EQ(tooLarge.rfind("HTTP/1.1 413", 0), 0u) << tooLarge;
  EXPECT_NE(tooLarge.find("request_too_large"), std::string::npos) << tooLarge;
}

TEST_F(FloodTest, SignedInTabletsSyncThroughAFloodOfSilentConnectionsAndSlowBodies) {
  Tablet sokha = signedInTablet("sokha");
  Tablet vanna = signedInTablet("vanna");
  saveRecords(*sokha.store, "sokha", 120);
  saveRecords(*vanna.store, "vanna", 80);
  {
    // Ten times the cap in silent connections, and slow bodies of callers without a session.
    Flood flood(server_->port(), 400, 60, slowPushHeader({"X-Phum-Device: dev-forged.secret"}));
    std::this_thread::sleep_for(std::chrono::seconds(1));  // let it reach the server
    const auto first = syncUntilDone(*sokha.client);
    EXPECT_TRUE(first.complete) << first.error;
    EXPECT_EQ(first.sent, 120) << first.error;
    const auto second = syncUntilDone(*vanna.client);
    EXPECT_TRUE(second.complete) << second.error;
    EXPECT_EQ(second.sent, 80) << second.error;
    const auto pulled = sokha.client->pullChanges();
    EXPECT_TRUE(pulled.error.empty()) << pulled.error;
    server_->expectRunning();
  }
  EXPECT_EQ(countStoredRecords(dataDir()), 200);
}

// Holds the database's lock against the server (another process's long write): the SQLite write
// lock, or a PostgreSQL table lock in `mode`.
class DatabaseLock {
 public:
  DatabaseLock(const std::string& dataDir, const std::string& table, const std::string& mode) {
    if (onPostgres()) {
      postgres_ = std::make_unique<server::pg::Connection>(tools::postgresConninfoFor(dataDir));
      postgres_->script("BEGIN");
      postgres_->script("LOCK TABLE " + table + " IN " + mode + " MODE");
      return;
    }
    sqlite_ = std::make_unique<sqlite::Database>(dataDir + "/phum-server.sqlite");
    write_ = std::make_unique<sqlite::WriteTransaction>(*sqlite_);
  }
  ~DatabaseLock() {
    if (postgres_) postgres_->script("ROLLBACK");
  }

 private:
  std::unique_ptr<server::pg::Connection> postgres_;
  std::unique_ptr<sqlite::Database> sqlite_;
  std::unique_ptr<sqlite::WriteTransaction> write_;
};

TEST_F(FloodTest, HealthAndBadEnrolmentCodesDoNotWaitForTheDatabase) {
  const std::string used = enrollmentCode("used");
  {
    phum::v1::EnrollRequest request;
    request.set_enrollment_code(used);
    ASSERT_EQ(post("/v1/devices/enroll", request.SerializeAsString()).status, 200);
  }
  {
    // Another writer holds the lock an enrolment takes to use a code: codes that cannot be used
    // are refused without it.
    DatabaseLock lock(dataDir(), "enrollment_codes", "EXCLUSIVE");
    for (const std::string& code : std::vector<std::string>{"not a code", "ABCD-EFGH-JKMN", used}) {
      SCOPED_TRACE(code);
      phum::v1::EnrollRequest request;
      request.set_enrollment_code(code);
      const auto answer =
          httpRequest("POST", server_->url() + "/v1/devices/enroll", request.SerializeAsString(),
                      {"Content-Type: application/x-protobuf"}, 20);
      EXPECT_EQ(answer.status, 401) << answer.body << answer.error;
      EXPECT_NE(answer.body.find("enrollment_code_invalid"), std::string::npos) << answer.body;
    }
  }
  // Pushes stuck behind a lock on the records take every storage thread; health still answers.
  const Device device = enroll("tablet");
  const std::string session = token(device, "sokha");
  std::optional<DatabaseLock> lock;
  lock.emplace(dataDir(), "records", "ACCESS EXCLUSIVE");
  std::vector<std::thread> stuck;
  for (int i = 0; i < 3; ++i) {
    stuck.emplace_back([&, i] {
      post("/v1/push", makeBatch(i * 10, 1).SerializeAsString(), {device.header(), session});
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let them reach the lock
  const auto health = httpRequest("GET", server_->url() + "/v1/health", {}, {}, 5);
  EXPECT_EQ(health.status, 200) << health.error;
  lock.reset();
  for (auto& thread : stuck) thread.join();
}

TEST(DescriptorFlood, RunningOutOfFileDescriptorsBacksOffAndKeepsServing) {
  TempDir dir;
  const std::string dataDir = (dir.path() / "data").string();
  // The server inherits an open-file limit far below its connection cap.
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = 64;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  std::unique_ptr<ServerProcess> server;
  try {
    server = std::make_unique<ServerProcess>(dataDir, std::vector<std::string>{"--open"});
  } catch (...) {
    ::setrlimit(RLIMIT_NOFILE, &saved);
    throw;
  }
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
  ensureDescriptorsForTheFlood();
  EXPECT_NE(server->log().find("\"event\":\"open_file_limit_low\""), std::string::npos)
      << server->log();
  const auto floodStarted = std::chrono::steady_clock::now();
  {
    Flood flood(server->port(), 200, 0, "");
    std::this_thread::sleep_for(std::chrono::seconds(2));  // let it run into the limit
    for (int i = 0; i < 5; ++i) {
      const auto pushed =
          httpRequest("POST", server->url() + "/v1/push", makeBatch(i * 10, 10).SerializeAsString(),
                      {"Content-Type: application/x-protobuf"});
      EXPECT_EQ(pushed.status, 200) << pushed.body << pushed.error;
    }
    server->expectRunning();
  }
  const std::string log = server->log();
  std::size_t failures = 0;
  for (auto at = log.find("\"event\":\"accept_failed\""); at != std::string::npos;
       at = log.find("\"event\":\"accept_failed\"", at + 1)) {
    ++failures;
  }
  EXPECT_GT(failures, 0u) << "the flood never ran into the limit";
  // Each failure waits at least 10 ms, so at most 100 a second; retrying at once would log tens
  // of thousands a second, however loaded the machine.
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::steady_clock::now() - floodStarted)
                           .count();
  EXPECT_LT(failures, 200u * static_cast<std::size_t>(seconds + 1)) << seconds << " s";
  EXPECT_EQ(countStoredRecords(dataDir), 50);
}

}  // namespace
}  // namespace phum::testing
