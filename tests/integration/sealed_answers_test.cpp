// Sealed sensitive answers end to end: a real phum-server with a key file, the tablet's real
// LocalStore and SyncClient (the key arrives through the change feed; the record is sealed as the
// app does at finalize), the real console API. The sensitive answers are never in clear in the
// tablet's database nor in the server's storage; a reviewer sees them, an administrator does not.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/uuid.h"
#include "household.h"
#include "sealing/sealing.h"
#include "server_fixture.h"
#include "storage_backend.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

const std::string kPassword = "console-pass-2026";
const std::string kName = "Sealed Respondent Chanthou 7431";

std::string fileBytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Whether `text` is anywhere in the server's stored data (database file and its WAL, or the
// records table of its PostgreSQL schema).
bool serverStorageHas(const std::string& dataDir, const std::string& text) {
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    const auto rows =
        tools::queryPostgres(tools::postgresConninfoFor(dataDir),
                             "SELECT count(*) FROM records WHERE position(convert_to('" + text +
                                 "', 'UTF8') in body) > 0");
    return rows.at(0).at(0) != "0";
  }
  const std::string db = dataDir + "/phum-server.sqlite";
  return (fileBytes(db) + fileBytes(db + "-wal")).find(text) != std::string::npos;
}

TEST(SealedAnswers, SealedOnTheTabletOpenedOnlyForAReviewer) {
  TempDir dir;  // the tablet's files and the server's data folder
  const std::string data = (dir.path() / "server").string();
  const auto keys = tools::runAdmin(data, {"keys", "create"});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  tools::ServerProcess server(tools::phumServerBinary(), data);  // --open, mission forms
  server.start();
  for (const auto& [name, role] : {std::pair{"rev", "reviewer"}, {"admin1", "administrator"}}) {
    const auto added = tools::runAdmin(
        data, {"users", "add", "--username", name, "--role", role, "--scope", "national"},
        kPassword + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err;
  }

  // The tablet: forms, reference data and the server's key from the feed, then a record sealed
  // at finalize and sent.
  const std::string tabletDb = (dir.path() / "tablet.sqlite").string();
  auto store = store::LocalStore::open(tabletDb);
  sync::SyncConfig config;
  config.serverUrl = server.url();
  config.deviceId = "tablet-1";
  sync::SyncClient client(*store, config);
  client.pullChanges();
  const auto keyRows = store->referenceRows(sealing::kSealingKeysDataset);
  ASSERT_EQ(keyRows.size(), 1u);
  auto record = tools::makeHouseholdRecord(0, false);
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == "respondent_name") answer.mutable_value()->set_text(kName);
  }
  std::optional<phum::v1::FormDefinition> form;
  for (const auto& definition : store->formDefinitions()) {
    if (definition.form_id() == record.form_id() && definition.version() == record.form_version())
      form = definition;
  }
  ASSERT_TRUE(form);
  ASSERT_TRUE(sealing::sealForServer(record, *form, keyRows));
  const auto saved = store->saveRecord(record);
  const auto report = client.syncOnce();
  ASSERT_TRUE(report.complete) << report.error;
  EXPECT_EQ(store->outboxCounts().sent, 1);
  EXPECT_EQ(tools::countServerRows(data, "records"), 1);

  EXPECT_EQ((fileBytes(tabletDb) + fileBytes(tabletDb + "-wal")).find(kName), std::string::npos);
  EXPECT_FALSE(serverStorageHas(data, kName));

  const std::string uuid = Uuid::fromBytes(saved.uuid())->toString();
  const auto view = [&](const std::string& user) {
    const auto signedIn =
        httpRequest("POST", server.url() + "/v1/console/session",
                    R"({"username":")" + user + R"(","password":")" + kPassword + R"("})",
                    {"Content-Type: application/json"});
    EXPECT_EQ(signedIn.status, 200) << signedIn.body;
    const std::string cookie = signedIn.headers.at("set-cookie");
    return httpRequest("GET", server.url() + "/v1/console/records/" + uuid, {},
                       {"Cookie: " + cookie.substr(0, cookie.find(';'))});
  };
  const auto reviewer = view("rev");
  ASSERT_EQ(reviewer.status, 200) << reviewer.body;
  EXPECT_NE(reviewer.body.find(kName), std::string::npos) << reviewer.body;
  const auto administrator = view("admin1");
  ASSERT_EQ(administrator.status, 200) << administrator.body;
  EXPECT_EQ(administrator.body.find(kName), std::string::npos);
}

}  // namespace
}  // namespace phum::testing
