// In transit (issue 14): a real phum-server terminating TLS with a test CA on 127.0.0.1, and the
// tablet's real SyncClient. Sync works when the server is who the tablet was told; a wrong pin, a
// certificate of an untrusted CA, and plain http:// to a network address are refused, the last
// before any connection is tried. The records stay on the tablet, queued, each time.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "server_fixture.h"
#include "store/local_store.h"
#include "sync/enrolment_ticket.h"
#include "sync/http_client.h"
#include "sync/sync_client.h"
#include "test_pki.h"

namespace phum::testing {
namespace {

constexpr int kRecords = 3;

class TlsTransitTest : public ::testing::Test {
 protected:
  std::string dataDir() const { return (dir_.path() / "server").string(); }
  std::vector<std::string> tlsArgs(std::vector<std::string> more = {}) const {
    std::vector<std::string> args = {"--tls-cert", pki_.serverCertFile, "--tls-key",
                                     pki_.serverKeyFile};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
  std::unique_ptr<store::LocalStore> tabletWithRecords(const std::string& name) {
    auto store = store::LocalStore::open((tabletDir_.path() / name).string());
    for (int i = 0; i < kRecords; ++i) {
      auto record = makeRecord(i);
      record.clear_uuid();
      record.set_revision(0);
      store->saveRecord(record);
    }
    return store;
  }
  static sync::SyncConfig config(const std::string& url) {
    sync::SyncConfig config;
    config.serverUrl = url;
    config.deviceId = "tablet-1";
    config.connectTimeout = std::chrono::milliseconds(10000);
    config.requestTimeout = std::chrono::milliseconds(30000);
    return config;
  }
  // The push fails with the client's words about trust, nothing is stored, nothing is lost.
  void expectRefused(const sync::SyncConfig& config, const std::string& name) {
    auto store = tabletWithRecords(name);
    sync::SyncClient client(*store, config);
    const auto report = client.syncOnce();
    EXPECT_FALSE(report.complete);
    EXPECT_NE(report.error.find("could not prove it is the Phum sync server"), std::string::npos)
        << report.error;
    EXPECT_EQ(report.sent, 0);
    const auto counts = store->outboxCounts();
    EXPECT_EQ(counts.queued + counts.failed, kRecords);
    EXPECT_EQ(countStoredRecords(dataDir()), 0);
  }

  TempDir dir_;
  TempDir tabletDir_;
  TestPki pki_{dir_.str()};
};

TEST_F(TlsTransitTest, SyncOverTlsWithTheTestCaSendsEverything) {
  ServerProcess server(dataDir(), tlsArgs({"--open"}));
  ASSERT_TRUE(server.url().starts_with("https://")) << server.url();
  auto store = tabletWithRecords("ca.sqlite");
  auto settings = config(server.url());
  settings.caFile = pki_.caFile;
  sync::SyncClient client(*store, settings);
  const auto report = client.syncOnce();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(report.sent, kRecords);
  const auto pulled = client.pullChanges();
  EXPECT_TRUE(pulled.error.empty()) << pulled.error;
  EXPECT_EQ(countStoredRecords(dataDir()), kRecords);
}

TEST_F(TlsTransitTest, ThePinnedKeyAloneIdentifiesTheServer) {
  ServerProcess server(dataDir(), tlsArgs({"--open"}));
  auto store = tabletWithRecords("pin.sqlite");
  auto settings = config(server.url());
  settings.serverKeyPin = pki_.serverPin;  // no CA: the tablet knows only the key
  sync::SyncClient client(*store, settings);
  const auto report = client.syncOnce();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(countStoredRecords(dataDir()), kRecords);
}

TEST_F(TlsTransitTest, AWrongPinIsRefusedEvenWithATrustedCertificate) {
  ServerProcess server(dataDir(), tlsArgs({"--open"}));
  auto settings = config(server.url());
  settings.caFile = pki_.caFile;
  settings.serverKeyPin = pki_.otherPin;
  expectRefused(settings, "wrong-pin-with-ca.sqlite");
  settings.caFile.clear();
  expectRefused(settings, "wrong-pin.sqlite");
}

TEST_F(TlsTransitTest, ACertificateOfAnUntrustedCaIsRefused) {
  ServerProcess server(dataDir(), tlsArgs({"--open"}));
  auto settings = config(server.url());
  settings.caFile = pki_.otherCaFile;
  expectRefused(settings, "other-ca.sqlite");
  settings.caFile.clear();  // the system's store does not know the test CA either
  expectRefused(settings, "system-store.sqlite");
}

TEST_F(TlsTransitTest, TheEnrolmentQrCarriesThePinAndTheTabletKeepsIt) {
  ServerProcess server(dataDir(), tlsArgs());
  const auto issued = runAdmin({"devices", "enroll-code", "--name", "pinned tablet", "--data",
                                dataDir(), "--tls-cert", pki_.serverCertFile});
  ASSERT_EQ(issued.exitCode, 0) << issued.err;
  EXPECT_NE(issued.err.find("Server key pin in the QR: " + pki_.serverPin), std::string::npos)
      << issued.err;
  const std::string code = issued.out.substr(0, issued.out.find('\n'));
  std::string encodedPin;
  for (const char c : pki_.serverPin) {
    encodedPin += c == '/'   ? std::string("%2F")
                  : c == '+' ? "%2B"
                  : c == '=' ? "%3D"
                             : std::string(1, c);
  }
  const std::string qrText = "phum:enroll?code=" + code + "&pin=" + encodedPin;

  // A QR whose pin is not the server's: the code is not even sent.
  auto otherStore = store::LocalStore::open((tabletDir_.path() / "misled.sqlite").string());
  sync::SyncClient misled(*otherStore, config(server.url()));
  try {
    misled.enrollDevice("phum:enroll?code=" + code + "&pin=" + pki_.otherPin, "misled tablet");
    ADD_FAILURE() << "enrolled with a wrong pin";
  } catch (const SyncError& e) {
    EXPECT_NE(std::string(e.what()).find("could not prove"), std::string::npos) << e.what();
  }

  auto store = store::LocalStore::open((tabletDir_.path() / "enrolled.sqlite").string());
  sync::SyncClient client(*store, config(server.url()));  // no CA, no pin: only the QR's
  const auto enrolled = client.enrollDevice(qrText, "pinned tablet");
  EXPECT_FALSE(enrolled.device_id().empty());
  EXPECT_EQ(store->syncValue(sync::kServerKeyPinKey).value_or(""), pki_.serverPin);
  // A later client of this tablet uses the kept pin: a user signs in and reads the feed, no CA.
  const auto added =
      runAdmin({"users", "add", "--username", "sokha", "--role", "enumerator", "--scope", "01",
                "--display-name", "Sokha", "--password", "pinned-pass-2026", "--data", dataDir()});
  ASSERT_EQ(added.exitCode, 0) << added.err;
  auto later = config(server.url());
  later.deviceId = enrolled.device_id();
  later.deviceSecret = enrolled.device_secret();
  sync::SyncClient next(*store, later);
  next.signIn("sokha", "pinned-pass-2026");
  const auto pulled = next.pullChanges();
  EXPECT_TRUE(pulled.error.empty()) << pulled.error;
}

TEST_F(TlsTransitTest, PlainHttpToANetworkAddressIsRefusedBeforeConnecting) {
  // 192.0.2.0/24 is reserved for documentation: nothing answers there, and nothing is tried.
  const std::string url = "http://192.0.2.10:8470";
  auto store = tabletWithRecords("plain.sqlite");
  sync::SyncClient client(*store, config(url));
  const auto report = client.syncOnce();
  EXPECT_NE(report.error.find("plain http://"), std::string::npos) << report.error;
  EXPECT_FALSE(report.retryable);
  EXPECT_EQ(store->outboxCounts().queued, kRecords);  // waiting, not failed
  const auto pulled = client.pullChanges();
  EXPECT_NE(pulled.error.find("plain http://"), std::string::npos) << pulled.error;
  EXPECT_FALSE(pulled.retryable);
  try {
    client.enrollDevice("ABCD-EFGH", "tablet");
    ADD_FAILURE() << "enrolment went over plain http";
  } catch (const SyncError& e) {
    EXPECT_FALSE(e.retryable());
    EXPECT_NE(std::string(e.what()).find("plain http://"), std::string::npos) << e.what();
  }
}

TEST(TransportRules, OnlyHttpsOrLoopbackHttpIsAllowed) {
  for (const char* allowed :
       {"https://phum.example.org", "https://10.1.2.3:8470", "http://127.0.0.1:8470",
        "http://127.9.8.7", "http://localhost:1", "http://LOCALHOST", "http://[::1]:8470"}) {
    EXPECT_EQ(sync::insecureUrlProblem(allowed), "") << allowed;
  }
  for (const char* refused :
       {"http://phum.example.org", "http://10.1.2.3:8470", "http://127.0.0.1.example.org",
        "http://128.0.0.1", "http://[::2]", "ftp://127.0.0.1", "file:///etc/passwd", "127.0.0.1",
        "http://localhost.example.org"}) {
    EXPECT_NE(sync::insecureUrlProblem(refused), "") << refused;
  }
}

TEST(EnrolmentTickets, CodesWithAndWithoutAPin) {
  EXPECT_EQ(sync::parseEnrolmentTicket("  ABCD-1234 \n").code, "ABCD-1234");
  EXPECT_EQ(sync::parseEnrolmentTicket("ABCD-1234").keyPin, "");
  const std::string pin = "sha256//" + std::string(43, 'A') + "=";
  const auto ticket = sync::parseEnrolmentTicket(
      "phum:enroll?code=ABCD-1234&server=https://phum.example.org&pin=sha256%2F%2F" +
      std::string(43, 'A') + "%3D");
  EXPECT_EQ(ticket.code, "ABCD-1234");
  EXPECT_EQ(ticket.serverUrl, "https://phum.example.org");
  EXPECT_EQ(ticket.keyPin, pin);
  EXPECT_THROW(sync::parseEnrolmentTicket("phum:enroll?code=X&pin=sha256//short"),
               std::invalid_argument);
}

TEST_F(TlsTransitTest, TheServerRefusesPlainHttpOnANetworkAddress) {
  try {
    shellOutput(std::string(tools::phumServerBinary()) + " --listen 0.0.0.0:0 --data '" +
                dataDir() + "' 2>&1");
    ADD_FAILURE() << "phum-server listened on 0.0.0.0 in plain HTTP";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is not a loopback address"), std::string::npos)
        << e.what();
  }
  // Plain HTTP spoken to the TLS port gets no answer.
  ServerProcess server(dataDir(), tlsArgs({"--open"}));
  const auto plain = httpRequest(
      "GET", "http://127.0.0.1:" + std::to_string(server.port()) + "/v1/health", {}, {}, 20);
  EXPECT_EQ(plain.status, 0) << plain.body;
}

// Waits (on the condition, up to a generous bound) for the server's log to hold `text`.
bool logShows(ServerProcess& server, const std::string& text) {
  for (int i = 0; i < 200; ++i) {
    if (server.log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_F(TlsTransitTest, XForwardedForIsBelievedOnlyFromATrustedProxy) {
  const std::vector<std::string> forged = {"X-Forwarded-For: 203.0.113.7"};
  {
    ServerProcess direct(dataDir(), {"--open"});
    ASSERT_EQ(httpRequest("GET", direct.url() + "/v1/health", {}, forged).status, 200);
    EXPECT_TRUE(logShows(direct, "\"client\":\"127.0.0.1\"")) << direct.log();
    EXPECT_EQ(direct.log().find("203.0.113.7"), std::string::npos) << direct.log();
  }
  ServerProcess proxied(dataDir(), {"--open", "--trusted-proxy", "127.0.0.1"});
  ASSERT_EQ(httpRequest("GET", proxied.url() + "/v1/health", {}, forged).status, 200);
  EXPECT_TRUE(logShows(proxied, "\"client\":\"203.0.113.7\"")) << proxied.log();
}

}  // namespace
}  // namespace phum::testing
