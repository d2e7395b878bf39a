// The server's keys for sealed sensitive answers: the key file (only the server user may read it,
// or phum-server refuses to start), its passphrase wrapping, and rotation that keeps old records
// readable. Real files, the real phum-server and phum-admin.
#include "common/sealing_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "phum_processes.h"
#include "sealing/sealed_photo.h"
#include "sealing/sealing.h"

namespace phum::testing {
namespace {

using server::KeyFileError;
using server::SealingKeyring;

std::string readAll(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

phum::v1::Record recordWithName(const std::string& name) {
  phum::v1::Record record;
  record.set_form_id("household_survey");
  auto* answer = record.mutable_answers()->add_answers();
  answer->set_name("respondent_name");
  answer->mutable_value()->set_text(name);
  auto* other = record.mutable_answers()->add_answers();
  other->set_name("sex");
  other->mutable_value()->set_text("female");
  return record;
}

template <typename Work>
std::string errorOf(Work&& work) {
  try {
    work();
  } catch (const KeyFileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SealingKeys, RotationKeepsOldRecordsReadable) {
  tools::TempDir dir("phum-keys");
  const std::string path = dir.file("sealing.keys");
  const std::string first = server::addSealingKey(path, std::nullopt);
  struct stat status {};
  ASSERT_EQ(::stat(path.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);

  auto old = recordWithName("Sok Dara");
  ASSERT_TRUE(sealing::sealSensitiveAnswers(old, {"respondent_name"},
                                            SealingKeyring::load(path, {}).currentPublic()));
  EXPECT_EQ(old.SerializeAsString().find("Sok Dara"), std::string::npos);
  EXPECT_EQ(sealing::sealingKeyId(old), first);

  const std::string second = server::addSealingKey(path, std::nullopt);
  const auto ring = SealingKeyring::load(path, {});
  ASSERT_EQ(ring.keys().size(), 2u);
  EXPECT_EQ(ring.current().keyId, second);
  const auto* key = ring.find(sealing::sealingKeyId(old));
  ASSERT_NE(key, nullptr);
  sealing::unsealAnswers(old, *key);
  EXPECT_NE(old.SerializeAsString().find("Sok Dara"), std::string::npos);
  // A record sealed to the new key does not open with the old one.
  auto fresh = recordWithName("Keo Vanna");
  ASSERT_TRUE(sealing::sealSensitiveAnswers(fresh, {"respondent_name"}, ring.currentPublic()));
  EXPECT_THROW(sealing::unsealAnswers(fresh, ring.keys().front()), sealing::SealingError);
}

TEST(SealingKeys, AFileOthersCanReadIsRefused) {
  tools::TempDir dir("phum-keys");
  const std::string path = dir.file("sealing.keys");
  server::addSealingKey(path, std::nullopt);
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  EXPECT_NE(errorOf([&] { SealingKeyring::load(path, {}); }).find("chmod 600"), std::string::npos);
}

TEST(SealingKeys, APassphraseWrapsTheSecretKeys) {
  tools::TempDir dir("phum-keys");
  const std::string path = dir.file("sealing.keys");
  server::addSealingKey(path, std::string("correct horse battery"));
  EXPECT_NE(readAll(path).find("argon2id"), std::string::npos);
  EXPECT_NE(errorOf([&] { SealingKeyring::load(path, {}); }).find("protected by a passphrase"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { SealingKeyring::load(path, std::string("wrong")); }).find("wrong"),
            std::string::npos);
  const auto ring = SealingKeyring::load(path, std::string("correct horse battery"));
  auto record = recordWithName("Chan Sreymom");
  ASSERT_TRUE(sealing::sealSensitiveAnswers(record, {"respondent_name"}, ring.currentPublic()));
  sealing::unsealAnswers(record, ring.current());
  EXPECT_EQ(record.answers().answers_size(), 2);
}

TEST(SealingKeys, PhumServerRefusesAKeyFileOthersCanRead) {
  tools::TempDir dir("phum-keys");
  const std::string data = dir.file("server");
  const auto created = tools::runAdmin(data, {"keys", "create"});
  ASSERT_EQ(created.exitCode, 0) << created.err;
  const std::string path = data + "/sealing.keys";
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  tools::ServerProcess server(tools::phumServerBinary(), data, {"--open"},
                              tools::ServerMode::AsGiven);
  try {
    server.start();
    FAIL() << "phum-server started with a key file others can read";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("may be read by other users"), std::string::npos)
        << e.what();
  }
}

TEST(SealingKeys, PhumAdminRotatesAndPublishesThePublicKeys) {
  tools::TempDir dir("phum-keys");
  const std::string data = dir.file("server");
  ASSERT_EQ(tools::runAdmin(data, {"keys", "create", "--passphrase-stdin"}, "a long passphrase\n")
                .exitCode,
            0);
  const auto refused = tools::runAdmin(data, {"keys", "rotate", "--passphrase-stdin"}, "wrong\n");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.err.find("passphrase is wrong"), std::string::npos) << refused.err;
  const auto rotated =
      tools::runAdmin(data, {"keys", "rotate", "--passphrase-stdin"}, "a long passphrase\n");
  ASSERT_EQ(rotated.exitCode, 0) << rotated.err;
  const auto listed =
      tools::runAdmin(data, {"keys", "list", "--passphrase-stdin"}, "a long passphrase\n");
  ASSERT_EQ(listed.exitCode, 0) << listed.err;
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 2) << listed.out;
  EXPECT_NE(listed.out.find("current"), std::string::npos);
  const auto datasets = tools::runAdmin(data, {"refdata", "list"});
  EXPECT_NE(datasets.out.find("sealing_keys"), std::string::npos) << datasets.out;
  // The server starts with the passphrase from a file of its own.
  const std::string passphraseFile = dir.file("passphrase");
  std::ofstream(passphraseFile) << "a long passphrase\n";
  ASSERT_EQ(::chmod(passphraseFile.c_str(), 0600), 0);
  tools::ServerProcess server(tools::phumServerBinary(), data,
                              {"--open", "--key-passphrase-file", passphraseFile},
                              tools::ServerMode::AsGiven);
  EXPECT_NO_THROW(server.start());
}

TEST(SealingKeys, TheTabletSealsToTheCurrentKeyOfThePublishedDataset) {
  tools::TempDir dir("phum-keys");
  const std::string path = dir.file("sealing.keys");
  server::addSealingKey(path, std::nullopt);
  server::addSealingKey(path, std::nullopt);
  const auto ring = SealingKeyring::load(path, {});
  // The rows as publishSealingKeys writes them, in the tablet's copy of the dataset.
  std::vector<phum::v1::ReferenceRow> rows;
  for (const auto& key : ring.keys()) {
    phum::v1::ReferenceRow row;
    row.set_key(key.keyId);
    std::string hex;
    for (unsigned char c : key.publicKey) {
      constexpr const char* kDigits = "0123456789abcdef";
      hex += kDigits[c >> 4];
      hex += kDigits[c & 15];
    }
    (*row.mutable_columns())["public_key"] = hex;
    (*row.mutable_columns())["current"] = &key == &ring.current() ? "1" : "0";
    rows.push_back(row);
  }
  phum::v1::FormDefinition form;
  auto* name = form.add_fields();
  name->set_name("respondent_name");
  name->set_sensitive(true);
  form.add_fields()->set_name("sex");
  auto record = recordWithName("Sok Dara");
  ASSERT_TRUE(sealing::sealForServer(record, form, rows));
  EXPECT_EQ(sealing::sealingKeyId(record), ring.current().keyId);
  EXPECT_EQ(record.answers().answers_size(), 1);  // sex stays readable for review
  EXPECT_EQ(record.SerializeAsString().find("Sok Dara"), std::string::npos);
  // No key yet (a server without sealing): the record stays as it is.
  auto unsealed = recordWithName("Sok Dara");
  EXPECT_FALSE(sealing::sealForServer(unsealed, form, {}));
}

// A sealed photo opens to the same bytes with the server's key only, and not once cut, changed or
// reordered; the server's seal of the same photo of the same attachment is the same bytes; the
// upload mask undoes itself at any offset, so chunks masked where they land read back whole.
TEST(SealedPhotos, OpenOnlyWhenWholeAndTheServersSealIsTheSameEachTime) {
  const auto key = sealing::newKeyPair();
  const auto other = sealing::newKeyPair();
  std::string photo;
  for (int i = 0; photo.size() < 200'000; ++i) photo += "photo byte run " + std::to_string(i);
  const std::string sealed = sealing::sealPhoto(photo, {key.keyId, key.publicKey});
  EXPECT_TRUE(sealing::isSealedPhoto(sealed));
  EXPECT_EQ(sealing::sealedPhotoKeyId(sealed), key.keyId);
  EXPECT_EQ(sealed.find("photo byte run 4"), std::string::npos);
  EXPECT_TRUE(sealing::openPhoto(sealed, key) == photo);
  EXPECT_THROW(sealing::openPhoto(sealed, other), sealing::SealingError);
  const std::size_t header = sealed.size() - photo.size() - 4 * 16;  // four 64 KiB chunks
  EXPECT_THROW(sealing::openPhoto(sealed.substr(0, header + 65536 + 16), key),
               sealing::SealingError);  // cut at a chunk's end
  std::string changed = sealed;
  changed[sealed.size() - 100] ^= 1;
  EXPECT_THROW(sealing::openPhoto(changed, key), sealing::SealingError);
  EXPECT_TRUE(sealing::openPhoto(sealing::sealPhoto("", {key.keyId, key.publicKey}), key).empty());

  const std::string once = sealing::sealPhotoOnReceipt(photo, "uuid-16-bytes---", "a.jpg", key);
  EXPECT_EQ(once, sealing::sealPhotoOnReceipt(photo, "uuid-16-bytes---", "a.jpg", key));
  EXPECT_NE(once, sealing::sealPhotoOnReceipt(photo, "uuid-16-bytes---", "b.jpg", key));
  EXPECT_TRUE(sealing::openPhoto(once, key) == photo);

  const std::string nonce = sealing::newUploadMaskNonce();
  std::string masked = photo;
  for (std::size_t at = 0; at < masked.size(); at += 1000 + at % 77) {
    const std::size_t length = std::min<std::size_t>(1000 + at % 77, masked.size() - at);
    sealing::maskUpload(masked.data() + at, length, at, "uuid", "a.jpg", nonce, key);
  }
  EXPECT_EQ(masked.find("photo byte run 4"), std::string::npos);
  // Another upload of the same attachment gets another nonce: another key stream.
  std::string again = photo;
  sealing::maskUpload(again.data(), again.size(), 0, "uuid", "a.jpg", sealing::newUploadMaskNonce(),
                      key);
  EXPECT_FALSE(again == masked);
  sealing::maskUpload(masked.data(), masked.size(), 0, "uuid", "a.jpg", nonce, key);
  EXPECT_TRUE(masked == photo);
}

}  // namespace
}  // namespace phum::testing
