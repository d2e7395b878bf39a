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
    const auto conflicts =
        tools::queryPostgres(tools::postgresConninfoFor(dataDir),
                             "SELECT count(*) FROM conflicts WHERE position(convert_to('" + text +
                                 "', 'UTF8') in body) > 0");
    return rows.at(0).at(0) != "0" || conflicts.at(0).at(0) != "0";
  }
  const std::string db = dataDir + "/phum-server.sqlite";
  return (fileBytes(db) + fileBytes(db + "-wal")).find(text) != std::string::npos;
}

void addConsoleUsers(const std::string& data) {
  for (const auto& [name, role] : {std::pair{"rev", "reviewer"}, {"admin1", "administrator"}}) {
    const auto added = tools::runAdmin(
        data, {"users", "add", "--username", name, "--role", role, "--scope", "national"},
        kPassword + "\n");
    ASSERT_EQ(added.exitCode, 0) << added.err;
  }
}

// The tablet's part: forms, reference data and the server's current key from the feed, then a
// record naming `name` sealed at finalize (as the app does), unless `seal` is false (a tablet
// without the key, or an old app), and sent. Returns the record's uuid
// and the key it was sealed to.
std::pair<std::string, std::string> sealAndSend(const std::string& tabletDb,
                                                const std::string& serverUrl,
                                                const std::string& name, bool seal = true) {
  auto store = store::LocalStore::open(tabletDb);
  sync::SyncConfig config;
  config.serverUrl = serverUrl;
  config.deviceId = "tablet-1";
  sync::SyncClient client(*store, config);
  client.pullChanges();
  const auto keyRows = store->referenceRows(sealing::kSealingKeysDataset);
  EXPECT_FALSE(keyRows.empty());
  auto record = tools::makeHouseholdRecord(0, false);
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == "respondent_name") answer.mutable_value()->set_text(name);
  }
  std::optional<phum::v1::FormDefinition> form;
  for (const auto& definition : store->formDefinitions()) {
    if (definition.form_id() == record.form_id() && definition.version() == record.form_version())
      form = definition;
  }
  EXPECT_TRUE(form);
  if (!form) return {};
  if (seal) {
    EXPECT_TRUE(sealing::sealForServer(record, *form, keyRows));
  }
  const auto saved = store->saveRecord(record);
  const auto report = client.syncOnce();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(store->outboxCounts().rejected, 0);
  return {Uuid::fromBytes(saved.uuid())->toString(), sealing::sealingKeyId(record)};
}

// The record as `user` sees it in the console.
HttpResponse viewRecord(const std::string& serverUrl, const std::string& user,
                        const std::string& uuid) {
  const auto signedIn =
      httpRequest("POST", serverUrl + "/v1/console/session",
                  R"({"username":")" + user + R"(","password":")" + kPassword + R"("})",
                  {"Content-Type: application/json"});
  EXPECT_EQ(signedIn.status, 200) << signedIn.body;
  const std::string cookie = signedIn.headers.at("set-cookie");
  return httpRequest("GET", serverUrl + "/v1/console/records/" + uuid, {},
                     {"Cookie: " + cookie.substr(0, cookie.find(';'))});
}

// The console's record view of `uuid` shows `answer` to the reviewer "rev" and not to the
// administrator "admin1" (whose role may not see sensitive answers).
void expectOnlyTheReviewerReads(const std::string& serverUrl, const std::string& uuid,
                                const std::string& answer) {
  const auto reviewer = viewRecord(serverUrl, "rev", uuid);
  ASSERT_EQ(reviewer.status, 200) << reviewer.body;
  EXPECT_NE(reviewer.body.find(answer), std::string::npos) << reviewer.body;
  const auto administrator = viewRecord(serverUrl, "admin1", uuid);
  ASSERT_EQ(administrator.status, 200) << administrator.body;
  EXPECT_EQ(administrator.body.find(answer), std::string::npos);
}

TEST(SealedAnswers, SealedOnTheTabletOpenedOnlyForAReviewer) {
  TempDir dir;  // the tablet's files and the server's data folder
  const std::string data = (dir.path() / "server").string();
  const auto keys = tools::runAdmin(data, {"keys", "create"});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  tools::ServerProcess server(tools::phumServerBinary(), data);  // --open, mission forms
  server.start();
  addConsoleUsers(data);

  const std::string tabletDb = (dir.path() / "tablet.sqlite").string();
  const auto [uuid, keyId] = sealAndSend(tabletDb, server.url(), kName);
  ASSERT_FALSE(uuid.empty());
  EXPECT_EQ(tools::countServerRows(data, "records"), 1);

  EXPECT_EQ((fileBytes(tabletDb) + fileBytes(tabletDb + "-wal")).find(kName), std::string::npos);
  EXPECT_FALSE(serverStorageHas(data, kName));

  expectOnlyTheReviewerReads(server.url(), uuid, kName);
}

// A tablet that sends the sensitive answers in clear (it never received the server's key, or an
// old app): the server seals them on receipt, so its storage never holds them in clear; a reviewer
// reads them as if the tablet had sealed them, an administrator does not; and the same record
// revision sent again (a tablet restored from before the ack arrived, so in a new batch) is a
// DUPLICATE, not a conflict.
TEST(SealedAnswers, SentInClearSealedOnReceipt) {
  TempDir dir;
  const std::string data = (dir.path() / "server").string();
  const auto keys = tools::runAdmin(data, {"keys", "create"});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  tools::ServerProcess server(tools::phumServerBinary(), data);
  server.start();
  addConsoleUsers(data);

  const std::string tabletDb = (dir.path() / "tablet.sqlite").string();
  const std::string before = (dir.path() / "before-ack.sqlite").string();
  std::string uuid;
  {
    auto store = store::LocalStore::open(tabletDb);
    auto record = tools::makeHouseholdRecord(0, false);
    for (auto& answer : *record.mutable_answers()->mutable_answers()) {
      if (answer.name() == "respondent_name") answer.mutable_value()->set_text(kName);
    }
    uuid = Uuid::fromBytes(store->saveRecord(record).uuid())->toString();
  }
  for (const std::string suffix : {"", "-wal"}) {
    if (std::filesystem::exists(tabletDb + suffix)) {
      std::filesystem::copy_file(tabletDb + suffix, before + suffix);
    }
  }
  sync::SyncConfig config;
  config.serverUrl = server.url();
  config.deviceId = "tablet-1";
  for (const auto& path : {tabletDb, before}) {
    auto store = store::LocalStore::open(path);
    sync::SyncClient client(*store, config);
    const auto report = client.syncOnce();
    EXPECT_TRUE(report.complete) << report.error;
    const auto counts = store->outboxCounts();
    EXPECT_EQ(counts.sent, 1);
    EXPECT_EQ(counts.rejected, 0);
  }
  EXPECT_EQ(tools::countServerRows(data, "records"), 1);
  EXPECT_EQ(tools::countServerRows(data, "conflicts"), 0);
  EXPECT_FALSE(serverStorageHas(data, kName));

  expectOnlyTheReviewerReads(server.url(), uuid, kName);
}

// A key rotation between a push and its re-push: the tablet sent the sensitive answers in clear,
// the server sealed them on receipt to its key then; after `phum-admin keys rotate` and a restart
// the same revision sent again (a tablet restored from before the ack) seals to the new key, so
// its bytes differ from the stored copy's. It is still a DUPLICATE: nothing new is stored, no
// conflict for a reviewer.
TEST(SealedAnswers, ARePushAfterAKeyRotationIsADuplicate) {
  TempDir dir;
  const std::string data = (dir.path() / "server").string();
  const auto keys = tools::runAdmin(data, {"keys", "create"});
  ASSERT_EQ(keys.exitCode, 0) << keys.err;
  tools::ServerProcess server(tools::phumServerBinary(), data);
  server.start();
  addConsoleUsers(data);

  const std::string tabletDb = (dir.path() / "tablet.sqlite").string();
  const std::string before = (dir.path() / "before-ack.sqlite").string();
  std::string uuid;
  {
    auto store = store::LocalStore::open(tabletDb);
    auto record = tools::makeHouseholdRecord(0, false);
    for (auto& answer : *record.mutable_answers()->mutable_answers()) {
      if (answer.name() == "respondent_name") answer.mutable_value()->set_text(kName);
    }
    uuid = Uuid::fromBytes(store->saveRecord(record).uuid())->toString();
  }
  for (const std::string suffix : {"", "-wal"}) {
    if (std::filesystem::exists(tabletDb + suffix)) {
      std::filesystem::copy_file(tabletDb + suffix, before + suffix);
    }
  }
  sync::SyncConfig config;
  config.deviceId = "tablet-1";
  const auto pushFrom = [&](const std::string& path) {
    config.serverUrl = server.url();
    auto store = store::LocalStore::open(path);
    sync::SyncClient client(*store, config);
    const auto report = client.syncOnce();
    EXPECT_TRUE(report.complete) << report.error;
    const auto counts = store->outboxCounts();
    EXPECT_EQ(counts.sent, 1);
    EXPECT_EQ(counts.rejected, 0);
  };
  pushFrom(tabletDb);
  const auto rotated = tools::runAdmin(data, {"keys", "rotate"});
  ASSERT_EQ(rotated.exitCode, 0) << rotated.err;
  server.kill(SIGTERM);
  server.start();  // reads the key file: the rotated key is the one it seals to now
  pushFrom(before);
  EXPECT_EQ(tools::countServerRows(data, "records"), 1);
  EXPECT_EQ(tools::countServerRows(data, "conflicts"), 0);
  EXPECT_FALSE(serverStorageHas(data, kName));
  expectOnlyTheReviewerReads(server.url(), uuid, kName);
}

// `phum-admin keys rotate` while the server runs: the server has never read the new key, the
// tablet seals to it from the feed, and the server reads its (passphrase-wrapped) key file again
// when the record names a key it does not know, so the record is accepted and opens for a
// reviewer without a restart; the record sealed to the old key still opens.
TEST(SealedAnswers, AKeyRotatedWhileTheServerRunsOpensWithoutARestart) {
  TempDir dir;
  const std::string data = (dir.path() / "server").string();
  const std::string passphrase = "a long passphrase for rotation";
  const auto created =
      tools::runAdmin(data, {"keys", "create", "--passphrase-stdin"}, passphrase + "\n");
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string passphraseFile = (dir.path() / "passphrase").string();
  std::ofstream(passphraseFile) << passphrase << "\n";
  std::filesystem::permissions(
      passphraseFile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  tools::ServerProcess server(tools::phumServerBinary(), data,
                              {"--key-passphrase-file", passphraseFile});
  server.start();
  addConsoleUsers(data);

  const std::string tabletDb = (dir.path() / "tablet.sqlite").string();
  const std::string oldName = "Sealed Before Rotation Sophal 1182";
  const auto [oldUuid, oldKey] = sealAndSend(tabletDb, server.url(), oldName);
  ASSERT_FALSE(oldUuid.empty());

  const auto rotated =
      tools::runAdmin(data, {"keys", "rotate", "--passphrase-stdin"}, passphrase + "\n");
  ASSERT_EQ(rotated.exitCode, 0) << rotated.err;
  const auto [newUuid, newKey] = sealAndSend(tabletDb, server.url(), kName);
  ASSERT_FALSE(newUuid.empty());
  EXPECT_NE(newKey, oldKey);  // the tablet sealed to the rotated key
  EXPECT_EQ(tools::countServerRows(data, "records"), 2);
  EXPECT_FALSE(serverStorageHas(data, kName));

  const auto fresh = viewRecord(server.url(), "rev", newUuid);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_NE(fresh.body.find(kName), std::string::npos) << fresh.body;
  const auto old = viewRecord(server.url(), "rev", oldUuid);
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_NE(old.body.find(oldName), std::string::npos) << old.body;
  const auto administrator = viewRecord(server.url(), "admin1", newUuid);
  EXPECT_EQ(administrator.body.find(kName), std::string::npos);
}

// A correction that answers one sealed question again (the counsellor fixes the respondent's name)
// after a key rotation: the tablet cannot read the other sealed answers, so it sends the earlier
// envelope (old key) and a box with the new name (rotated key). The server validates the union
// (the required member names are in the earlier box), stores it sealed, and the console's view
// and diff open both: the name new, the member's name and the GPS as before.
TEST(SealedAnswers, ACorrectionOfOneSealedAnswerKeepsTheOthers) {
  TempDir dir;
  const std::string data = (dir.path() / "server").string();
  ASSERT_EQ(tools::runAdmin(data, {"keys", "create"}).exitCode, 0);
  tools::ServerProcess server(tools::phumServerBinary(), data);
  server.start();
  addConsoleUsers(data);
  const std::string member = "Kept Member Rathana 6621";
  const std::string corrected = "Corrected Respondent Sreypov 3390";

  auto store = store::LocalStore::open((dir.path() / "tablet.sqlite").string());
  sync::SyncConfig config;
  config.serverUrl = server.url();
  config.deviceId = "tablet-1";
  sync::SyncClient client(*store, config);
  client.pullChanges();
  auto record = tools::makeHouseholdRecord(0, false);
  for (auto& answer : *record.mutable_answers()->mutable_answers()) {
    if (answer.name() == "respondent_name") answer.mutable_value()->set_text(kName);
  }
  auto& firstMember = record.mutable_answers()->mutable_repeats(0)->mutable_instances()->at(0);
  for (auto& answer : *firstMember.mutable_answers()) {
    if (answer.name() == "member_name") answer.mutable_value()->set_text(member);
  }
  const auto form = tools::householdForm();
  ASSERT_TRUE(
      sealing::sealForServer(record, form, store->referenceRows(sealing::kSealingKeysDataset)));
  const auto first = store->saveRecord(record);
  ASSERT_TRUE(client.syncOnce().complete);

  ASSERT_EQ(tools::runAdmin(data, {"keys", "rotate"}).exitCode, 0);
  client.pullChanges();  // the rotated key; the server reads it when a record names it
  auto fix = first;      // the correction form: the plain answers, and the name answered again
  fix.clear_sealed_answers();
  auto* name = fix.mutable_answers()->add_answers();
  name->set_name("respondent_name");
  name->mutable_value()->set_text(corrected);
  const auto rows = store->referenceRows(sealing::kSealingKeysDataset);
  ASSERT_TRUE(sealing::sealCorrection(fix, sealing::sensitiveFieldNames(form),
                                      first.sealed_answers(), {}, sealing::currentKey(rows)));
  ASSERT_EQ(sealing::sealingKeyIds(fix).size(), 2u);
  EXPECT_NE(sealing::sealingKeyIds(fix)[0], sealing::sealingKeyIds(fix)[1]);
  EXPECT_EQ(store->saveRecord(fix).revision(), 2u);
  const auto report = client.syncOnce();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_EQ(store->outboxCounts().rejected, 0);
  EXPECT_FALSE(serverStorageHas(data, corrected));
  EXPECT_FALSE(serverStorageHas(data, member));

  const std::string uuid = Uuid::fromBytes(first.uuid())->toString();
  const auto view = viewRecord(server.url(), "rev", uuid);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_NE(view.body.find(corrected), std::string::npos) << view.body;
  EXPECT_NE(view.body.find(member), std::string::npos) << view.body;
  EXPECT_EQ(view.body.find(kName), std::string::npos) << "the replaced name is shown";
  EXPECT_NE(view.body.find("11.5"), std::string::npos) << "the GPS is gone";
  expectOnlyTheReviewerReads(server.url(), uuid, corrected);
  const auto signedIn = httpRequest("POST", server.url() + "/v1/console/session",
                                    R"({"username":"rev","password":")" + kPassword + R"("})",
                                    {"Content-Type: application/json"});
  const std::string cookie = signedIn.headers.at("set-cookie");
  const auto diff =
      httpRequest("GET", server.url() + "/v1/console/records/" + uuid + "/diff?from=1&to=2", {},
                  {"Cookie: " + cookie.substr(0, cookie.find(';'))});
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_NE(diff.body.find(kName), std::string::npos) << diff.body;  // before
  EXPECT_NE(diff.body.find(corrected), std::string::npos) << diff.body;
  EXPECT_EQ(diff.body.find(member), std::string::npos) << "an unchanged answer in the diff";
}

}  // namespace
}  // namespace phum::testing
