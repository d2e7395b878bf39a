// Retention on a real SQLite file: records the server confirmed leave the tablet once the period
// has passed (with their attachment files), and nothing the user may still need does. The clock
// is the `nowMs` the caller passes; the confirmation time is bracketed by reading the wall clock
// around the ack, so no test waits or depends on timing.
#include <gtest/gtest.h>
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/clock.h"
#include "store/local_store.h"
#include "support/sample_records.h"
#include "support/scratch_dir.h"

namespace phum::store {
namespace {

constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kRetention = 30 * kDay;

class RetentionTest : public ::testing::Test {
 protected:
  // A record saved and confirmed by the server now.
  Uuid confirmedRecord(const std::string& head) {
    const auto saved = store->saveRecord(test::householdSurvey("sokha", head));
    const auto uuid = *Uuid::fromBytes(saved.uuid());
    store->markSent(uuid, saved.revision());
    return uuid;
  }

  std::string photoFile(const Uuid& record, const std::string& name, bool confirmed) {
    const std::string path = dir.file(name);
    std::ofstream(path) << "encrypted photo bytes";
    AttachmentInfo photo;
    photo.recordUuid = record;
    photo.name = name;
    photo.localPath = path;
    photo.size = 21;
    photo.sha256 = std::string(32, 'x');
    store->addAttachment(photo);
    if (confirmed) store->markAttachmentConfirmed(record, name);
    return path;
  }

  void returnForCorrection(const Uuid& record) {
    phum::v1::ChangeBatch batch;
    auto* change = batch.add_changes();
    change->set_seq(1);
    change->mutable_review()->set_record_uuid(record.toBytes());
    change->mutable_review()->set_revision(1);
    change->mutable_review()->set_outcome(phum::v1::REVIEW_OUTCOME_RETURNED);
    change->mutable_review()->set_comment("Check the age");
    batch.set_next_cursor(1);
    store->applyChanges(batch, "sokha");
  }

  test::ScratchDir dir;
  std::unique_ptr<LocalStore> store = LocalStore::open(dir.file("tablet.db"));
  const std::int64_t before = nowMillis();  // every ack below happens after this
};

TEST_F(RetentionTest, AConfirmedRecordStaysForThePeriodThenGoesWithItsPhotoAndReviews) {
  const Uuid record = confirmedRecord("Chan Dara");
  const std::string photo = photoFile(record, "photo-1.jpg", true);
  phum::v1::ChangeBatch batch;  // an approval arrived for it
  auto* change = batch.add_changes();
  change->set_seq(1);
  change->mutable_review()->set_record_uuid(record.toBytes());
  change->mutable_review()->set_revision(1);
  change->mutable_review()->set_outcome(phum::v1::REVIEW_OUTCOME_APPROVED);
  batch.set_next_cursor(1);
  store->applyChanges(batch, "sokha");
  const std::int64_t after = nowMillis();

  auto kept = store->removeConfirmedRecords(before + kRetention - 1, kRetention);
  EXPECT_EQ(kept.records, 0);
  EXPECT_TRUE(store->findRecord(record));
  EXPECT_TRUE(std::filesystem::exists(photo));

  const auto removed = store->removeConfirmedRecords(after + kRetention, kRetention);
  EXPECT_EQ(removed.records, 1);
  EXPECT_EQ(removed.files, 1);
  EXPECT_TRUE(removed.problems.empty());
  EXPECT_FALSE(store->findRecord(record));
  EXPECT_TRUE(store->listRecords().empty());
  EXPECT_TRUE(store->attachments(record).empty());
  EXPECT_TRUE(store->reviewDecisions(record).empty());
  EXPECT_FALSE(std::filesystem::exists(photo));
  EXPECT_EQ(store->outboxCounts().sent, 0);
  // Nothing more to do the next time.
  EXPECT_EQ(store->removeConfirmedRecords(after + 2 * kRetention, kRetention).records, 0);
}

TEST_F(RetentionTest, ReturnedUnsentDraftedAndUnverifiedRecordsStay) {
  const Uuid returned = confirmedRecord("Returned");
  returnForCorrection(returned);

  const auto unsent = store->saveRecord(test::householdSurvey("sokha", "Not sent"));
  const auto refused = store->saveRecord(test::householdSurvey("sokha", "Refused"));
  store->markRejected(*Uuid::fromBytes(refused.uuid()), refused.revision(), "bad village code");

  const Uuid drafted = confirmedRecord("Being corrected");
  Draft draft;
  draft.id = Uuid::generate();
  draft.recordUuid = drafted;
  draft.correctsRevision = 1;
  draft.formId = "household_migration";
  draft.formVersion = "2026.1";
  draft.author = "sokha";
  draft.answers = "opaque";
  store->saveDraft(draft);

  const Uuid photoPending = confirmedRecord("Photo not verified");
  const std::string photo = photoFile(photoPending, "photo-2.jpg", false);

  // A newer revision waits to go: the confirmed older one does not make the record removable.
  const Uuid revised = confirmedRecord("Revised");
  auto second = *store->findRecord(revised);
  second.mutable_answers()->mutable_answers(1)->mutable_value()->set_integer(6);
  store->saveRecord(second);

  const Uuid expired = confirmedRecord("Expired");
  const std::int64_t after = nowMillis();

  const auto report = store->removeConfirmedRecords(after + 10 * kRetention, kRetention);
  EXPECT_EQ(report.records, 1);
  EXPECT_FALSE(store->findRecord(expired));
  for (const auto& uuid : {returned, drafted, photoPending, revised,
                           *Uuid::fromBytes(unsent.uuid()), *Uuid::fromBytes(refused.uuid())})
    EXPECT_TRUE(store->findRecord(uuid)) << uuid.toString();
  EXPECT_TRUE(std::filesystem::exists(photo));
  EXPECT_TRUE(store->findDraft(draft.id));
  EXPECT_EQ(store->outboxCounts().queued, 2);
}

TEST_F(RetentionTest, TheAgeCountsFromTheFirstConfirmationNotALaterDuplicateAck) {
  const Uuid record = confirmedRecord("Chan Dara");
  const std::int64_t after = nowMillis();
  // The same revision acked again (a re-sent batch answered "duplicate") much later.
  store->markSent(record, 1);
  EXPECT_EQ(store->removeConfirmedRecords(after + kRetention, kRetention).records, 1);
}

TEST_F(RetentionTest, AMissingPhotoFileIsNotAProblemAndAnUndeletableOneIsNamed) {
  const Uuid gone = confirmedRecord("Gone");
  const std::string missing = photoFile(gone, "photo-3.jpg", true);
  std::filesystem::remove(missing);
  const Uuid stuck = confirmedRecord("Stuck");
  // A folder where the file should be: remove() on a non-empty folder fails.
  const std::string folder = dir.file("photo-4.jpg");
  AttachmentInfo photo;
  photo.recordUuid = stuck;
  photo.name = "photo-4.jpg";
  photo.localPath = folder;
  photo.size = 1;
  photo.sha256 = std::string(32, 'x');
  store->addAttachment(photo);
  store->markAttachmentConfirmed(stuck, "photo-4.jpg");
  std::filesystem::create_directories(folder + "/inside");
  const std::int64_t after = nowMillis();

  const auto report = store->removeConfirmedRecords(after + kRetention, kRetention);
  EXPECT_EQ(report.records, 2);
  EXPECT_EQ(report.files, 0);
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("photo-4.jpg"), std::string::npos) << report.problems[0];
}

std::string sha256Of(const std::string& bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return digest;
}

// The app killed between storing a finalized record (naming "<photo>.sealed") and removing the
// clear "<photo>": the next sweep removes the clear copy once the sealed one is whole, and keeps
// it (the only readable copy) when the sealed one is damaged. Photos not sealed are not touched.
TEST_F(RetentionTest, TheClearCopyOfAPhotoSealedAtFinalizeGoesOnceTheSealedOneIsWhole) {
  ASSERT_GE(sodium_init(), 0);
  const auto sealedPhoto = [&](const std::string& name, const std::string& stored) {
    const auto saved = store->saveRecord(test::householdSurvey("sokha", name));
    const std::string sealed = dir.file(name + ".sealed");
    std::ofstream(sealed, std::ios::binary) << stored;
    std::ofstream(dir.file(name), std::ios::binary) << "the clear photo";
    AttachmentInfo photo;
    photo.recordUuid = *Uuid::fromBytes(saved.uuid());
    photo.name = name;
    photo.localPath = sealed;
    photo.size = 26;
    photo.sha256 = sha256Of("phum-sealed-photo-v1 bytes");
    store->addAttachment(photo);
    return photo.recordUuid;
  };
  const Uuid whole = sealedPhoto("photo-5.jpg", "phum-sealed-photo-v1 bytes");
  sealedPhoto("photo-6.jpg", "phum-sealed-photo-v1 by");  // cut short
  const Uuid plain = confirmedRecord("Not sealed");
  const std::string clearPhoto = photoFile(plain, "photo-7.jpg", false);
  std::ofstream(dir.file("photo-7.jpg.sealed")) << "not named by any record";

  const auto report = store->removeConfirmedRecords(nowMillis(), kRetention);
  EXPECT_EQ(report.records, 0);
  EXPECT_EQ(report.clearCopies, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.file("photo-5.jpg")));
  EXPECT_TRUE(std::filesystem::exists(dir.file("photo-5.jpg.sealed")));
  EXPECT_TRUE(store->findRecord(whole));
  EXPECT_EQ(store->attachments(whole).size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(dir.file("photo-6.jpg")));
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].find("photo-6.jpg"), std::string::npos) << report.problems[0];
  EXPECT_TRUE(std::filesystem::exists(clearPhoto));
  // Nothing more to do the next time.
  EXPECT_EQ(store->removeConfirmedRecords(nowMillis(), kRetention).clearCopies, 0);
}

// The app killed while finalize wrote "<photo>.sealed.part" (or any file's ".part") leaves it in
// the photos folder beside the database: the sweep removes those older than a few minutes and
// keeps a recent one, which a finalize may be writing now, and every other file.
TEST_F(RetentionTest, PartFilesACrashLeftInThePhotosFolderGoAndARecentOneStays) {
  namespace fs = std::filesystem;
  const fs::path photos = fs::path(dir.file("tablet-photos"));
  fs::create_directories(photos);
  const std::int64_t now = nowMillis();
  const auto writtenAt = [&](const std::string& name, std::int64_t atMs) {
    const fs::path path = photos / name;
    std::ofstream(path, std::ios::binary) << "half a sealed photo";
    fs::last_write_time(
        path, std::chrono::file_clock::from_sys(std::chrono::sys_time<std::chrono::milliseconds>(
                  std::chrono::milliseconds(atMs))));
    return path;
  };
  const auto leftSealed = writtenAt("photo-8.jpg.sealed.part", now - 60 * 60 * 1000);
  const auto leftScaled = writtenAt("photo-9.jpg.part", now - kDay);
  const auto beingWritten = writtenAt("photo-10.jpg.sealed.part", now - 60 * 1000);
  const auto photo = writtenAt("photo-8.jpg", now - kDay);

  const auto report = store->removeConfirmedRecords(now, kRetention);
  EXPECT_EQ(report.partFiles, 2);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_FALSE(fs::exists(leftSealed));
  EXPECT_FALSE(fs::exists(leftScaled));
  EXPECT_TRUE(fs::exists(beingWritten));
  EXPECT_TRUE(fs::exists(photo));
  // Once that write is old too (its app killed), the next sweep removes it.
  EXPECT_EQ(store->removeConfirmedRecords(now + 60 * 60 * 1000, kRetention).partFiles, 1);
  EXPECT_FALSE(fs::exists(beingWritten));
}

}  // namespace
}  // namespace phum::store
