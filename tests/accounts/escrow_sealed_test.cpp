// The escrow key at rest on the server (issue 14): sealed to the server's sealing key, so neither
// the SQLite file and its WAL nor the PostgreSQL devices table hold its bytes; a key rotation does
// not lose it (the old key still opens it); escrow keys a server kept in clear before it had a key
// file are sealed by `phum-admin keys create`. Real phum-server and phum-admin, each test with
// its own server folder, on both backends.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "accounts_server.h"
#include "crypto/data_key.h"
#include "storage_backend.h"

namespace phum::accounts::testing {
namespace {

constexpr const char* kPassword = "dara's long passphrase";

std::string fileBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::string hex(const std::string& raw) {
  constexpr const char* kDigits = "0123456789abcdef";
  std::string text;
  for (const unsigned char byte : raw) {
    text += kDigits[byte >> 4];
    text += kDigits[byte & 0xf];
  }
  return text;
}

// Whether the server's storage of `dataDir` holds `key` anywhere: every byte of the SQLite file
// and its WAL, or any row of the PostgreSQL devices table.
bool serverStorageHas(const std::string& dataDir, const std::string& key) {
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    const auto rows = tools::queryPostgres(tools::postgresConninfoFor(dataDir),
                                           "SELECT count(*) FROM devices WHERE position('\\x" +
                                               hex(key) + "'::bytea in escrow_key) > 0");
    return rows.at(0).at(0) != "0";
  }
  const std::string db = dataDir + "/phum-server.sqlite";
  return (fileBytes(db) + fileBytes(db + "-wal")).find(key) != std::string::npos;
}

class EscrowSealedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.file("server");
    tablet_ = dir_.file("tablet.sqlite");
    store_ = store::LocalStore::open(tablet_);
  }

  void startServer() {
    if (!server_) {
      server_ = std::make_unique<tools::ServerProcess>(
          tools::phumServerBinary(), data_, std::vector<std::string>{}, tools::ServerMode::AsGiven);
    }
    server_->start();
  }
  void stopServer() { server_->kill(SIGTERM); }

  std::unique_ptr<sync::SyncClient> client(bool withSecret) {
    sync::SyncConfig config;
    config.serverUrl = server_->url();
    config.deviceId = store_->syncValue(store::kDeviceIdKey).value_or("");
    if (withSecret) config.deviceSecret = store_->syncValue(store::kDeviceSecretKey).value_or("");
    config.connectTimeout = std::chrono::milliseconds(5000);
    config.requestTimeout = std::chrono::milliseconds(20000);
    return std::make_unique<sync::SyncClient>(*store_, config);
  }

  // Enrols the tablet, dara signs in and the app stops: the data key opens again only with a
  // PIN wrap or the escrow key.
  void enrolAndStop(DeviceAccounts& accounts) {
    runAdmin(data_, {"users", "add", "--username", "dara", "--role", "enumerator", "--scope", "12",
                     "--password", kPassword});
    std::string code = runAdmin(data_, {"devices", "enroll-code", "--name", "sealed tablet"});
    code = code.substr(0, code.find('\n'));
    accounts.enroll(*client(true), code, "sealed tablet");
    accounts.firstSignIn(*client(true), "dara", kPassword, "2580");
    accounts.signOut();
    crypto::forgetAllKeys();
  }

  // The escrow key as the server hands it to a tablet that cannot read its secret.
  std::string escrowKey() {
    auto escrow = client(false);
    const std::string key = escrow->signIn("dara", kPassword).escrow_key();
    EXPECT_EQ(key.size(), 32u);
    return key;
  }

  // A user new to the tablet opens its records through the escrow key.
  void expectEscrowSignInWorks(DeviceAccounts& accounts) {
    crypto::forgetAllKeys();
    ASSERT_TRUE(accounts.dataLocked());
    auto escrow = client(false);
    accounts.openDataKey(*escrow, "dara", kPassword, "4826");
    EXPECT_FALSE(accounts.dataLocked());
  }

  tools::TempDir dir_{"phum-escrow-sealed"};
  std::string data_;
  std::string tablet_;
  std::unique_ptr<store::LocalStore> store_;
  std::unique_ptr<tools::ServerProcess> server_;
};

TEST_F(EscrowSealedTest, TheServerKeepsTheEscrowKeySealedAndOpensItAfterARotation) {
  runAdmin(data_, {"keys", "create"});
  startServer();
  DeviceAccounts accounts(tablet_);
  enrolAndStop(accounts);
  const std::string key = escrowKey();
  EXPECT_FALSE(serverStorageHas(data_, key)) << "the escrow key is in the server's storage";
  stopServer();
  EXPECT_FALSE(serverStorageHas(data_, key)) << "the escrow key is in the server's storage";

  // The server restarted after a rotation seals to the new key and opens with the old one.
  runAdmin(data_, {"keys", "rotate"});
  startServer();
  expectEscrowSignInWorks(accounts);
  EXPECT_EQ(escrowKey(), key);
  EXPECT_FALSE(serverStorageHas(data_, key));
}

TEST_F(EscrowSealedTest, EscrowKeysKeptInClearAreSealedWhenTheKeyFileIsCreated) {
  startServer();  // no key file: escrow keys are kept as they are
  DeviceAccounts accounts(tablet_);
  enrolAndStop(accounts);
  const std::string key = escrowKey();
  stopServer();
  ASSERT_TRUE(serverStorageHas(data_, key)) << "the scan would not see the key";

  const std::string created = runAdmin(data_, {"keys", "create"});
  EXPECT_NE(created.find("sealed the escrow keys of 1 tablet(s)"), std::string::npos) << created;
  EXPECT_FALSE(serverStorageHas(data_, key)) << "the escrow key is still in clear";
  startServer();
  expectEscrowSignInWorks(accounts);
  EXPECT_EQ(escrowKey(), key);
}

}  // namespace
}  // namespace phum::accounts::testing
