// Photos of sensitive questions sealed end to end: a real phum-server with a key file and a form
// with a sensitive and an ordinary photo question, the tablet's real LocalStore and SyncClient
// (record pushed, then its photos uploaded in chunks), the real console API. Whether the tablet
// sealed the photo at finalize or sent it in clear, the server's storage (database and WAL, the
// attachment files or PostgreSQL's attachment_chunks) never holds its bytes; a reviewer gets the
// original photo, an administrator 403 and no byte of it; the ordinary photo is stored and served
// as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "attachment_bytes.h"
#include "core/uuid.h"
#include "sealing/sealed_photo.h"
#include "sealing/sealing.h"
#include "server_fixture.h"
#include "sqlite/sqlite_db.h"
#include "storage_backend.h"
#include "store/local_store.h"
#include "sync/attachment_uploader.h"
#include "sync/sync_client.h"

namespace phum::testing {
namespace {

namespace fs = std::filesystem;

const std::string kPassword = "console-pass-2026";
const std::string kSecretPattern = "SEALED-PHOTO-PATTERN-4417";
const std::string kPlainPattern = "PLAIN-PHOTO-PATTERN-2290";

const char* const kForm = R"(# photo_check

## survey

| type | name | label | sensitive |
|---|---|---|---|
| text | person | Person | yes |
| image | secret_photo | Photo of an injury | yes |
| image | plain_photo | Photo of the house | no |

## settings

| form_id | version |
|---|---|
| photo_check | 1 |
)";

std::string fileBytes(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// A "photo" of several upload chunks and sealing chunks, its pattern repeated all through it.
std::string patternPhoto(const std::string& pattern, unsigned seed) {
  std::string photo = "\xFF\xD8\xFF\xE0";
  while (photo.size() < 600'000) photo += pattern + photoBytes(4000, seed++);
  return photo;
}

// Whether `pattern` is anywhere in the server's storage: the database file and its WAL and the
// attachment files (SQLite), or the records and attachment_chunks tables (PostgreSQL).
bool serverStorageHas(const std::string& dataDir, const std::string& pattern) {
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    const std::string conninfo = tools::postgresConninfoFor(dataDir);
    for (const auto& [table, column] :
         {std::pair{"attachment_chunks", "data"}, {"records", "body"}}) {
      const auto rows = tools::queryPostgres(
          conninfo, std::string("SELECT count(*) FROM ") + table + " WHERE position(convert_to('" +
                        pattern + "', 'UTF8') in " + column + ") > 0");
      if (rows.at(0).at(0) != "0") return true;
    }
    return false;
  }
  std::string all = fileBytes(fs::path(dataDir) / "phum-server.sqlite") +
                    fileBytes(fs::path(dataDir) / "phum-server.sqlite-wal");
  if (fs::exists(fs::path(dataDir) / "attachments")) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(dataDir) / "attachments"))
      if (entry.is_regular_file()) all += fileBytes(entry.path());
  }
  return all.find(pattern) != std::string::npos;
}

// The bytes storage holds of an upload in progress: its .part file (SQLite) or its chunks
// (PostgreSQL), as stored (masked, for a sensitive photo).
std::string heldUpload(const std::string& dataDir, const std::string& uuid,
                       const std::string& name) {
  if (tools::testStorageBackend() != tools::StorageBackend::Postgres)
    return fileBytes(fs::path(dataDir) / "attachments" / uuid / (name + ".part"));
  const auto rows = tools::queryPostgres(
      tools::postgresConninfoFor(dataDir),
      "SELECT encode(coalesce(string_agg(data, ''::bytea ORDER BY chunk_offset), ''::bytea),"
      " 'hex') FROM attachment_chunks WHERE name = '" +
          name + "'");
  const std::string& hex = rows.at(0).at(0);
  std::string bytes;
  for (std::size_t at = 0; at + 1 < hex.size(); at += 2)
    bytes += static_cast<char>(std::stoi(hex.substr(at, 2), nullptr, 16));
  return bytes;
}

std::string xorOf(const std::string& a, const std::string& b) {
  std::string out(std::min(a.size(), b.size()), '\0');
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<char>(a[i] ^ b[i]);
  return out;
}

HttpResponse patchChunk(const std::string& address, std::size_t offset, const std::string& bytes) {
  return httpRequest("PATCH", address, bytes,
                     {"Upload-Offset: " + std::to_string(offset),
                      "Content-Type: application/offset+octet-stream"});
}

class SealedPhotosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(tools::runAdmin(data(), {"keys", "create"}).exitCode, 0);
    const std::string form = (dir_.path() / "photo_check.xlsform.md").string();
    std::ofstream(form) << kForm;
    const auto published = tools::runAdmin(data(), {"forms", "publish", form});
    ASSERT_EQ(published.exitCode, 0) << published.out << published.err;
    server_.emplace(tools::phumServerBinary(), data());
    server_->start();
    for (const auto& [name, role] : {std::pair{"rev", "reviewer"}, {"admin1", "administrator"}}) {
      const auto added = tools::runAdmin(
          data(), {"users", "add", "--username", name, "--role", role, "--scope", "national"},
          kPassword + "\n");
      ASSERT_EQ(added.exitCode, 0) << added.err;
    }
  }

  std::string data() const { return (dir_.path() / "server").string(); }
  std::string url() const { return server_->url(); }

  // The tablet's part: the key from the feed, a record with both photos, pushed and its photos
  // uploaded. With `seal`, the sensitive answers and photo are sealed as the app does at
  // finalize; without, all is sent in clear (a tablet that has no key yet). Without `upload`,
  // only the record is sent. Returns the uuid.
  std::string sendRecord(bool seal, bool upload = true) {
    auto store = store::LocalStore::open((dir_.path() / "tablet.sqlite").string());
    sync::SyncConfig config;
    config.serverUrl = url();
    config.deviceId = "tablet-1";
    config.uploadAttachments = upload;
    sync::SyncClient client(*store, config);
    client.pullChanges();
    const auto keyRows = store->referenceRows(sealing::kSealingKeysDataset);
    const auto key = sealing::currentKey(keyRows);
    EXPECT_TRUE(key);
    phum::v1::Record record;
    record.set_uuid(Uuid::generate().toBytes());
    record.set_form_id("photo_check");
    record.set_form_version("1");
    record.set_author("sokha");
    record.set_device_id("tablet-1");
    record.set_location_code("01020304");
    record.set_created_at_ms(1'790'000'000'000);
    for (const auto& [name, text] : {std::pair{"person", "Sreyneang Touch"},
                                     {"secret_photo", "photo-secret.jpg"},
                                     {"plain_photo", "photo-plain.jpg"}}) {
      auto* answer = record.mutable_answers()->add_answers();
      answer->set_name(name);
      if (std::string(name) == "person")
        answer->mutable_value()->set_text(text);
      else
        answer->mutable_value()->set_attachment(text);
    }
    std::string secret = secretPhoto();
    if (seal && key) {
      for (const auto& form : store->formDefinitions()) {
        if (form.form_id() == "photo_check") {
          EXPECT_TRUE(sealing::sealForServer(record, form, keyRows));
        }
      }
      secret = sealing::sealPhoto(secret, photoKey_ ? *photoKey_ : *key);
    }
    const Uuid uuid = *Uuid::fromBytes(store->saveRecord(record).uuid());
    for (const auto& [name, bytes] :
         {std::pair{std::string("photo-secret.jpg"), secret}, {"photo-plain.jpg", plainPhoto()}}) {
      const std::string path = (dir_.path() / name).string();
      std::ofstream(path, std::ios::binary) << bytes;
      store->addAttachment(sync::describeAttachmentFile(uuid, name, path));
    }
    const auto report = client.syncOnce();
    lastReport_ = report;
    const bool allAccepted = upload && !photoKey_;
    EXPECT_TRUE(report.complete || !allAccepted) << report.error;
    for (const auto& attachment : store->attachments(uuid)) {
      if (allAccepted) {
        EXPECT_EQ(attachment.state, store::AttachmentUploadState::Confirmed) << attachment.name;
      }
    }
    return uuid.toString();
  }

  static std::string secretPhoto() { return patternPhoto(kSecretPattern, 1); }
  static std::string plainPhoto() { return patternPhoto(kPlainPattern, 9000); }

  HttpResponse consolePhoto(const std::string& user, const std::string& uuid,
                            const std::string& name) {
    const auto signedIn =
        httpRequest("POST", url() + "/v1/console/session",
                    R"({"username":")" + user + R"(","password":")" + kPassword + R"("})",
                    {"Content-Type: application/json"});
    EXPECT_EQ(signedIn.status, 200) << signedIn.body;
    const std::string cookie = signedIn.headers.at("set-cookie");
    return httpRequest("GET", url() + "/v1/console/records/" + uuid + "/attachments/" + name, {},
                       {"Cookie: " + cookie.substr(0, cookie.find(';'))});
  }

  // Storage holds the ordinary photo (the scan sees stored bytes) and never the sensitive one; a
  // reviewer gets the sensitive photo as taken, an administrator 403 without a byte of it.
  void expectSealedInStorageAndOpenedForAReviewer(const std::string& uuid) {
    EXPECT_TRUE(serverStorageHas(data(), kPlainPattern));
    EXPECT_FALSE(serverStorageHas(data(), kSecretPattern));
    EXPECT_FALSE(serverStorageHas(data(), "Sreyneang Touch"));

    const auto reviewer = consolePhoto("rev", uuid, "photo-secret.jpg");
    ASSERT_EQ(reviewer.status, 200) << reviewer.body.substr(0, 300);
    EXPECT_TRUE(reviewer.body == secretPhoto()) << "the reviewer got other bytes";
    const auto administrator = consolePhoto("admin1", uuid, "photo-secret.jpg");
    EXPECT_EQ(administrator.status, 403);
    EXPECT_EQ(administrator.body.find(kSecretPattern), std::string::npos);
    EXPECT_EQ(administrator.body.find("\xFF\xD8\xFF\xE0"), std::string::npos);
    const auto plain = consolePhoto("admin1", uuid, "photo-plain.jpg");
    ASSERT_EQ(plain.status, 200);
    EXPECT_TRUE(plain.body == plainPhoto());
  }

  TempDir dir_;
  std::optional<tools::ServerProcess> server_;
  std::optional<sealing::PublicKey> photoKey_;  // seals the photo instead of the server's key
  std::optional<sync::SyncReport> lastReport_;  // of sendRecord
};

TEST_F(SealedPhotosTest, SealedOnTheTabletStoredSealedOpenedOnlyForAReviewer) {
  const std::string uuid = sendRecord(true);
  ASSERT_FALSE(uuid.empty());
  expectSealedInStorageAndOpenedForAReviewer(uuid);
}

// A tablet without the key sends the photo in clear: the server masks its chunks as they arrive
// and seals it when it is complete; completing it again (a lost answer) is still 204.
TEST_F(SealedPhotosTest, SentInClearSealedOnReceiptAndCompletingAgainIsTheSame) {
  const std::string uuid = sendRecord(false);
  ASSERT_FALSE(uuid.empty());
  expectSealedInStorageAndOpenedForAReviewer(uuid);

  const std::string address = url() + "/v1/attachments/" + uuid + "/photo-secret.jpg";
  const auto head = httpRequest("HEAD", address);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.count("upload-complete") ? head.headers.at("upload-complete") : "",
            "true");
  const auto again = httpRequest("POST", address + "/complete", completeBody(secretPhoto()),
                                 {"Content-Type: application/x-protobuf"});
  EXPECT_EQ(again.status, 204) << again.body;
  std::string other = secretPhoto();
  other[100] ^= 1;
  const auto different = httpRequest("POST", address + "/complete", completeBody(other),
                                     {"Content-Type: application/x-protobuf"});
  EXPECT_EQ(different.status, 409) << different.body;
  EXPECT_FALSE(serverStorageHas(data(), kSecretPattern));
}

// An upload begun again (after a hash mismatch) with other bytes at the same offsets is masked
// under a new nonce, so copies of storage from before and after do not give away the XOR of the
// two files; the same upload resumed keeps its nonce and completes without starting over.
TEST_F(SealedPhotosTest, AnUploadBegunAgainIsMaskedAnewAndAResumedOneCompletes) {
  const std::string uuid = sendRecord(false, false);
  ASSERT_FALSE(uuid.empty());
  const std::string address = url() + "/v1/attachments/" + uuid + "/photo-secret.jpg";
  const std::string first = patternPhoto("FIRST-ATTEMPT-PATTERN-5521", 500);
  const std::string photo = secretPhoto();
  constexpr std::size_t kPart = 100'000;
  ASSERT_EQ(patchChunk(address, 0, first.substr(0, kPart)).status, 204);
  const std::string before = heldUpload(data(), uuid, "photo-secret.jpg");
  ASSERT_EQ(before.size(), kPart);
  EXPECT_FALSE(serverStorageHas(data(), "FIRST-ATTEMPT-PATTERN-5521"));

  // The claim does not match what is held: the server drops it and the upload starts again.
  std::string wrong = first.substr(0, kPart);
  wrong[7] ^= 1;
  const auto restarted = httpRequest("POST", address + "/complete", completeBody(wrong),
                                     {"Content-Type: application/x-protobuf"});
  ASSERT_EQ(restarted.status, 422) << restarted.body;
  ASSERT_EQ(patchChunk(address, 0, photo.substr(0, kPart)).status, 204);
  const std::string after = heldUpload(data(), uuid, "photo-secret.jpg");
  ASSERT_EQ(after.size(), kPart);
  EXPECT_FALSE(xorOf(before, after) == xorOf(first.substr(0, kPart), photo.substr(0, kPart)))
      << "the second upload reused the first one's key stream";

  // Resumed where the server stands, in two more chunks, then complete.
  const auto head = httpRequest("HEAD", address);
  ASSERT_EQ(head.status, 200);
  ASSERT_EQ(head.headers.at("upload-offset"), std::to_string(kPart));
  ASSERT_EQ(patchChunk(address, kPart, photo.substr(kPart, kPart)).status, 204);
  ASSERT_EQ(patchChunk(address, 2 * kPart, photo.substr(2 * kPart)).status, 204);
  const auto done = httpRequest("POST", address + "/complete", completeBody(photo),
                                {"Content-Type: application/x-protobuf"});
  ASSERT_EQ(done.status, 204) << done.body;
  EXPECT_FALSE(serverStorageHas(data(), kSecretPattern));
  const auto reviewer = consolePhoto("rev", uuid, "photo-secret.jpg");
  ASSERT_EQ(reviewer.status, 200) << reviewer.body.substr(0, 300);
  EXPECT_TRUE(reviewer.body == photo) << "the reviewer got other bytes";
}

// A photo the tablet sealed to a key this server does not have (its key file replaced) would never
// open: it is refused at its first chunk with a permanent error the tablet shows, the server keeps
// none of it, and the tablet keeps the photo and its record (retention too) until the key is back.
TEST_F(SealedPhotosTest, APhotoSealedToAKeyTheServerDoesNotHaveIsRefusedAndStaysOnTheTablet) {
  const sealing::KeyPair foreign = sealing::newKeyPair();
  photoKey_ = sealing::PublicKey{foreign.keyId, foreign.publicKey};
  const std::string uuid = sendRecord(true);
  ASSERT_FALSE(uuid.empty());
  ASSERT_TRUE(lastReport_);
  EXPECT_FALSE(lastReport_->complete);
  EXPECT_FALSE(lastReport_->retryable) << lastReport_->error;
  EXPECT_NE(lastReport_->error.find("unknown_sealing_key"), std::string::npos)
      << lastReport_->error;
  EXPECT_NE(lastReport_->error.find(foreign.keyId), std::string::npos) << lastReport_->error;

  auto store = store::LocalStore::open((dir_.path() / "tablet.sqlite").string());
  const Uuid record = *Uuid::parse(uuid);
  EXPECT_TRUE(store->findRecord(record));
  int held = 0;
  for (const auto& attachment : store->attachments(record)) {
    if (attachment.name != "photo-secret.jpg") {
      EXPECT_EQ(attachment.state, store::AttachmentUploadState::Confirmed);
      continue;
    }
    ++held;
    EXPECT_EQ(attachment.state, store::AttachmentUploadState::Pending);
    EXPECT_NE(attachment.lastError.find("Ask the administrator"), std::string::npos)
        << attachment.lastError;
    EXPECT_TRUE(sealing::isSealedPhoto(fileBytes(attachment.localPath)));
  }
  EXPECT_EQ(held, 1);
  EXPECT_EQ(store->removeConfirmedRecords(std::int64_t{1} << 50, 1).records, 0);
  EXPECT_TRUE(store->findRecord(record));

  const std::string address = url() + "/v1/attachments/" + uuid + "/photo-secret.jpg";
  const auto head = httpRequest("HEAD", address);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("upload-offset"), "0");
  EXPECT_EQ(consolePhoto("rev", uuid, "photo-secret.jpg").status, 404);
}

// The server lost the key a photo was sealed to (its key file replaced): after the first refusal
// the tablet does not offer the photo again at each sync (not even its first chunk), the outcome
// still says why it waits; once the administrator restores the key file, the server publishes the
// key, the tablet's sealing keys change and the photo goes.
TEST_F(SealedPhotosTest, APhotoSealedToALostKeyWaitsUntilTheKeysChangeThenGoes) {
  const std::string tabletPath = (dir_.path() / "tablet.sqlite").string();
  {
    auto store = store::LocalStore::open(tabletPath);
    sync::SyncConfig config;
    config.serverUrl = url();
    sync::SyncClient(*store, config).pullChanges();
    const auto lost = sealing::currentKey(store->referenceRows(sealing::kSealingKeysDataset));
    ASSERT_TRUE(lost);
    photoKey_ = *lost;
  }
  const fs::path keyFile = fs::path(data()) / "sealing.keys";
  const fs::path saved = dir_.path() / "sealing.keys.saved";
  fs::copy_file(keyFile, saved);
  server_.reset();  // the key file replaced by a new one: the photo's key is lost
  fs::remove(keyFile);
  ASSERT_EQ(tools::runAdmin(data(), {"keys", "create"}).exitCode, 0);
  server_.emplace(tools::phumServerBinary(), data());
  server_->start();

  const std::string uuid = sendRecord(true);
  ASSERT_TRUE(lastReport_);
  EXPECT_NE(lastReport_->error.find("unknown_sealing_key"), std::string::npos)
      << lastReport_->error;

  auto store = store::LocalStore::open(tabletPath);
  // The lost key is withdrawn from the feed: the tablet seals new answers to the server's key.
  const auto sealingTo = sealing::currentKey(store->referenceRows(sealing::kSealingKeysDataset));
  ASSERT_TRUE(sealingTo);
  EXPECT_NE(sealingTo->keyId, photoKey_->keyId);
  sync::SyncConfig config;
  config.serverUrl = url();
  config.deviceId = "tablet-1";
  const auto again = sync::SyncClient(*store, config).syncOnce();
  EXPECT_FALSE(again.complete);
  EXPECT_FALSE(again.retryable);
  EXPECT_EQ(again.attachmentsWaiting, 1);
  EXPECT_NE(again.error.find("unknown_sealing_key"), std::string::npos) << again.error;
  const auto uploaded = sync::AttachmentUploader(*store, config).uploadPending();
  EXPECT_EQ(uploaded.bytesSent, 0u) << "the photo was offered again with the same keys";
  EXPECT_EQ(uploaded.held, 1);
  EXPECT_NE(uploaded.error.find(photoKey_->keyId), std::string::npos) << uploaded.error;
  const Uuid record = *Uuid::parse(uuid);
  for (const auto& attachment : store->attachments(record)) {
    if (attachment.name == "photo-secret.jpg") {
      EXPECT_EQ(attachment.heldForKeyId, photoKey_->keyId);
    }
  }
  EXPECT_TRUE(store->findRecord(record));

  server_.reset();  // the administrator restores the key file
  fs::copy_file(saved, keyFile, fs::copy_options::overwrite_existing);
  server_.emplace(tools::phumServerBinary(), data());
  server_->start();
  config.serverUrl = url();
  sync::SyncClient client(*store, config);
  client.pullChanges();
  const auto restored = client.syncOnce();
  EXPECT_TRUE(restored.complete) << restored.error;
  for (const auto& attachment : store->attachments(record)) {
    EXPECT_EQ(attachment.state, store::AttachmentUploadState::Confirmed) << attachment.name;
  }
  const auto head = httpRequest("HEAD", url() + "/v1/attachments/" + uuid + "/photo-secret.jpg");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.count("upload-complete") ? head.headers.at("upload-complete") : "",
            "true");
  EXPECT_FALSE(serverStorageHas(data(), kSecretPattern));
}

// An upload begun before upload nonces existed holds chunks masked under the fixed (zero) nonce
// (mask_nonce empty). Resumed, it is not masked further under that shared key stream: the server
// drops it and answers 409 with offset 0, so the tablet starts again at 0 under a nonce of its own,
// and the photo arrives whole.
TEST_F(SealedPhotosTest, AnUploadBegunBeforeNoncesStartsAgainAtZeroWhenResumed) {
  const std::string uuid = sendRecord(false, false);
  ASSERT_FALSE(uuid.empty());
  const std::string address = url() + "/v1/attachments/" + uuid + "/photo-secret.jpg";
  const std::string photo = secretPhoto();
  constexpr std::size_t kPart = 100'000;
  ASSERT_EQ(patchChunk(address, 0, photo.substr(0, kPart)).status, 204);
  server_.reset();  // as an older server left it: no nonce kept for the upload
  const std::string forget = "UPDATE attachments SET mask_nonce = NULL";
  if (tools::testStorageBackend() == tools::StorageBackend::Postgres) {
    tools::queryPostgres(tools::postgresConninfoFor(data()), forget);
  } else {
    sqlite::Database((fs::path(data()) / "phum-server.sqlite").string(), {}).exec(forget);
  }
  server_.emplace(tools::phumServerBinary(), data());
  server_->start();
  const std::string resumedAt = url() + "/v1/attachments/" + uuid + "/photo-secret.jpg";

  const auto resumed = patchChunk(resumedAt, kPart, photo.substr(kPart, kPart));
  EXPECT_EQ(resumed.status, 409) << resumed.body;
  EXPECT_EQ(resumed.headers.count("upload-offset") ? resumed.headers.at("upload-offset") : "", "0");
  const auto head = httpRequest("HEAD", resumedAt);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.at("upload-offset"), "0");

  // The tablet's uploader does just that: it asks where to go on and sends the photo from 0.
  auto store = store::LocalStore::open((dir_.path() / "tablet.sqlite").string());
  sync::SyncConfig config;
  config.serverUrl = url();
  config.deviceId = "tablet-1";
  const auto report = sync::SyncClient(*store, config).syncOnce();
  EXPECT_TRUE(report.complete) << report.error;
  EXPECT_FALSE(serverStorageHas(data(), kSecretPattern));
  const auto reviewer = consolePhoto("rev", uuid, "photo-secret.jpg");
  ASSERT_EQ(reviewer.status, 200) << reviewer.body.substr(0, 300);
  EXPECT_TRUE(reviewer.body == photo) << "the reviewer got other bytes";
}

}  // namespace
}  // namespace phum::testing
