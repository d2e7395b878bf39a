// shared/crypto and the store's encryption at rest: values and files open only with their key and
// context, wraps open only with their secret, and a protected store keeps no answer, title or
// draft in clear in its file, while lists, title search and the outbox work as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/errors.h"
#include "crypto/data_key.h"
#include "crypto/encrypted_value.h"
#include "crypto/key_wrap.h"
#include "crypto/protected_file.h"
#include "sqlite/sqlite_db.h"
#include "store/local_store.h"
#include "store/schema.h"
#include "store/store_encryption.h"

namespace phum {
namespace {

namespace fs = std::filesystem;

class TempFolder {
 public:
  TempFolder() {
    path_ = fs::temp_directory_path() /
            ("phum-crypto-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempFolder() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string fileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every byte of every file in `folder` (database, WAL, shared memory, attachments).
std::string allBytesUnder(const fs::path& folder) {
  std::string all;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) all += fileBytes(entry.path());
  return all;
}

phum::v1::Record householdRecord(const std::string& name, const std::string& phone) {
  phum::v1::Record record;
  record.set_form_id("household");
  record.set_form_version("1");
  record.set_author("alice");
  record.set_location_code("12010203");
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("respondent_name");
  answer->mutable_value()->set_text(name);
  auto* phoneAnswer = record.mutable_answers()->add_answers();
  phoneAnswer->set_name("phone");
  phoneAnswer->mutable_value()->set_text(phone);
  return record;
}

// A store protected by a fresh key, as DeviceAccounts leaves it after a first sign-in.
std::string protect(const std::string& path) {
  const std::string keyId = crypto::newKeyId();
  crypto::rememberKey(keyId, crypto::DataKey::generate());
  sqlite::Database db(path);
  store::configureTabletConnection(db);
  store::migrate(db);
  sqlite::WriteTransaction tx(db);
  store::setDataKeyId(db, keyId);
  store::encryptPlaintextValues(db, keyId);
  tx.commit();
  store::dropOldPages(db);
  return keyId;
}

TEST(Crypto, AValueOpensOnlyWithItsKeyAndContext) {
  const std::string keyId = crypto::newKeyId();
  crypto::rememberKey(keyId, crypto::DataKey::generate());
  const std::string stored = crypto::encryptValue(keyId, "Sok Dara 012 345 678", "records.body:1");
  EXPECT_TRUE(crypto::isEncrypted(stored));
  EXPECT_EQ(stored.find("Sok Dara"), std::string::npos);
  EXPECT_EQ(crypto::keyIdOf(stored), keyId);
  EXPECT_EQ(crypto::decryptValue(stored, "records.body:1"), "Sok Dara 012 345 678");
  EXPECT_THROW(crypto::decryptValue(stored, "records.body:2"), crypto::CryptoError);
  std::string tampered = stored;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  EXPECT_THROW(crypto::decryptValue(tampered, "records.body:1"), crypto::CryptoError);
  crypto::forgetKey(keyId);
  EXPECT_THROW(crypto::decryptValue(stored, "records.body:1"), crypto::LockedError);
  EXPECT_FALSE(crypto::isEncrypted("Sok Dara"));
}

TEST(Crypto, AWrappedKeyOpensOnlyWithItsSecret) {
  const crypto::DataKey key = crypto::DataKey::generate();
  const std::string wrap = crypto::wrapKey(key, "2580");
  EXPECT_FALSE(crypto::unwrapKey(wrap, "2581"));
  const auto opened = crypto::unwrapKey(wrap, "2580");
  ASSERT_TRUE(opened);
  EXPECT_TRUE(std::equal(key.bytes(), key.bytes() + crypto::kDataKeyBytes, opened->bytes()));
  EXPECT_THROW(crypto::unwrapKey("not a wrap", "2580"), crypto::CryptoError);
}

TEST(Crypto, AProtectedFileHoldsNoPlaintextAndOpensUnderItsOwnName) {
  TempFolder folder;
  const std::string keyId = crypto::newKeyId();
  crypto::rememberKey(keyId, crypto::DataKey::generate());
  const std::string photo = "\xFF\xD8\xFF\xE0 JPEG of Sok Dara's passport";
  crypto::writeProtectedFile(folder.file("photo-1.jpg"), photo, keyId);
  EXPECT_TRUE(crypto::isProtectedFile(folder.file("photo-1.jpg")));
  EXPECT_EQ(fileBytes(folder.file("photo-1.jpg")).find("Sok Dara"), std::string::npos);
  EXPECT_EQ(crypto::readProtectedFile(folder.file("photo-1.jpg")), photo);
  fs::copy_file(folder.file("photo-1.jpg"), folder.file("photo-2.jpg"));
  EXPECT_THROW(crypto::readProtectedFile(folder.file("photo-2.jpg")), crypto::CryptoError);
  crypto::writeProtectedFile(folder.file("plain.jpg"), photo, "");  // no accounts: as it is
  EXPECT_EQ(crypto::readProtectedFile(folder.file("plain.jpg")), photo);
  EXPECT_FALSE(fs::exists(folder.file("photo-1.jpg.part")));
}

TEST(StoreEncryption, AnOlderStoreIsEncryptedInPlaceWithoutLosingARecord) {
  TempFolder folder;
  const std::string path = folder.file("tablet.sqlite");
  Uuid first;
  {
    auto store = store::LocalStore::open(path);
    first = *Uuid::fromBytes(store->saveRecord(householdRecord("Sok Dara", "012345678")).uuid());
    store->saveRecord(householdRecord("Chan Thida", "097111222"));
    store::Draft draft;
    draft.id = Uuid::generate();
    draft.recordUuid = Uuid::generate();
    draft.formId = "household";
    draft.formVersion = "1";
    draft.author = "alice";
    draft.answers = householdRecord("Keo Pisey", "088999000").answers().SerializeAsString();
    store->saveDraft(draft);
  }
  EXPECT_NE(allBytesUnder(folder.path()).find("Sok Dara"), std::string::npos);  // the old state
  protect(path);
  const std::string bytes = allBytesUnder(folder.path());
  for (const char* secret : {"Sok Dara", "012345678", "Chan Thida", "Keo Pisey", "088999000"})
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is still readable";

  auto store = store::LocalStore::open(path);
  const auto found = store->findRecord(first);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->answers().answers(0).value().text(), "Sok Dara");
  EXPECT_EQ(store->listRecords("alice").size(), 2u);
  EXPECT_EQ(store->pendingOutbox(10).size(), 2u);
  ASSERT_EQ(store->listDrafts("alice").size(), 1u);
  phum::v1::AnswerSet answers;
  ASSERT_TRUE(answers.ParseFromString(store->listDrafts("alice")[0].answers));
  EXPECT_EQ(answers.answers(0).value().text(), "Keo Pisey");
}

TEST(StoreEncryption, AProtectedStoreWritesOnlyCiphertextAndStillSearchesTitles) {
  TempFolder folder;
  const std::string path = folder.file("tablet.sqlite");
  protect(path);
  auto store = store::LocalStore::open(path);
  for (int i = 0; i < 30; ++i)
    store->saveRecord(
        householdRecord("Chan Thida " + std::to_string(i), "0971112" + std::to_string(i)));
  store->saveRecord(householdRecord("Sok Dara", "012345678"));
  store->setSyncValue(store::kDeviceSecretKey, "device-secret-abcdef");
  const std::string bytes = allBytesUnder(folder.path());
  for (const char* secret : {"Sok Dara", "012345678", "Chan Thida", "device-secret-abcdef"})
    EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " is readable in the files";
  EXPECT_EQ(store->syncValue(store::kDeviceSecretKey), "device-secret-abcdef");

  store::RecordQuery query;
  query.author = "alice";
  query.titleContains = "sok";
  const auto found = store->queryRecords(query);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].title, "Sok Dara");
  query.titleContains = "thida";
  query.limit = 10;
  EXPECT_EQ(store->queryRecords(query).size(), 10u);
  EXPECT_EQ(store->countRecords(query), 30);
}

TEST(StoreEncryption, ALockedStoreRefusesToWriteInClear) {
  TempFolder folder;
  const std::string path = folder.file("tablet.sqlite");
  const std::string keyId = protect(path);
  auto store = store::LocalStore::open(path);
  const auto saved = store->saveRecord(householdRecord("Sok Dara", "012345678"));
  crypto::forgetKey(keyId);  // the app stopped: nobody has unlocked since
  EXPECT_THROW(store->saveRecord(householdRecord("Keo Pisey", "088999000")), crypto::LockedError);
  EXPECT_THROW(store->findRecord(*Uuid::fromBytes(saved.uuid())), crypto::LockedError);
  const auto listed = store->listRecords("alice");
  ASSERT_EQ(listed.size(), 1u);  // the list works without names while locked
  EXPECT_EQ(listed[0].title, "");
  EXPECT_EQ(allBytesUnder(folder.path()).find("Keo Pisey"), std::string::npos);
}

}  // namespace
}  // namespace phum
