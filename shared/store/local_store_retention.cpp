// Records leave the tablet once the server has had them long enough: a lost tablet then holds
// only the last weeks' work. What the user may still need stays: records returned for correction,
// records with an open draft, and anything the server has not confirmed (record or attachment).
// What must not stay does not: the clear copy of a photo sealed at finalize, and the unfinished
// writes ("*.part", a sealed photo's among them) an app killed meanwhile left.
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "crypto/data_key.h"
#include "crypto/protected_file.h"
#include "phum/v1/changes.pb.h"
#include "store/sqlite_local_store.h"

namespace phum::store {
namespace {

// The records removeConfirmedRecords may remove, as 16-byte uuids.
std::vector<std::string> expiredRecords(const sqlite::Database& db, std::int64_t confirmedBefore) {
  auto stmt = db.prepare(
      "SELECT r.uuid FROM records r JOIN outbox o ON o.uuid = r.uuid AND o.revision = r.revision "
      "WHERE r.state = 'sent' AND o.state = 'sent' AND o.sent_at_ms > 0 AND o.sent_at_ms <= ?1 "
      "AND r.review_outcome <> ?2 "
      "AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.record_uuid = r.uuid) "
      "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.record_uuid = r.uuid "
      "AND a.state <> 'confirmed') "
      "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.uuid = r.uuid "
      "AND p.state IN ('queued', 'sending', 'failed'))");
  stmt.bind(1, confirmedBefore).bind(2, std::int64_t{phum::v1::REVIEW_OUTCOME_RETURNED});
  std::vector<std::string> uuids;
  while (stmt.step()) uuids.push_back(stmt.blob(0));
  return uuids;
}

constexpr std::string_view kSealedSuffix = ".sealed";

// Whether the file at `path` holds bytes of SHA-256 `sha256` (read through the data key).
bool holds(const std::string& path, const std::string& sha256) {
  if (sodium_init() < 0) return false;
  const std::string bytes = crypto::readProtectedFile(path);
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return digest == sha256;
}

// Finalize seals a sensitive photo into "<photo>.sealed", stores the record naming it, then
// removes the clear (data-key encrypted) "<photo>". Killed in between, the app leaves that clear
// copy: it goes here, once the sealed file the record names is whole. A missing or damaged sealed
// file keeps it, so the photo is never lost.
void removeClearCopiesOfSealedPhotos(const sqlite::Database& db, RetentionReport& report) {
  std::vector<std::pair<std::string, std::string>> sealed;  // local path, SHA-256
  {
    auto stmt = db.prepare("SELECT local_path, sha256 FROM attachments WHERE local_path LIKE ?1");
    stmt.bind(1, "%" + std::string(kSealedSuffix));
    while (stmt.step()) sealed.emplace_back(stmt.text(0), stmt.blob(1));
  }
  for (const auto& [path, sha256] : sealed) {
    const std::string clear = path.substr(0, path.size() - kSealedSuffix.size());
    std::error_code error;
    if (!std::filesystem::exists(clear, error)) continue;  // the usual case
    try {
      if (!holds(path, sha256)) {
        report.problems.push_back(clear + ": kept, its sealed copy " + path + " is damaged");
        continue;
      }
    } catch (const crypto::LockedError&) {
      return;  // locked meanwhile: the next sync or unlock sweeps again
    } catch (const std::exception& e) {
      report.problems.push_back(clear + ": kept, its sealed copy cannot be read: " + e.what());
      continue;
    }
    if (std::filesystem::remove(clear, error)) {
      ++report.clearCopies;
    } else if (error) {
      report.problems.push_back(clear + ": " + error.message());
    }
  }
}

// A file is written as "<name>.part", flushed, then renamed (crypto/protected_file.cpp): a
// "<name>.part" is an unfinished write. One older than this is no write in progress (a finalize
// writes and renames its sealed photo within seconds) but what an app killed meanwhile left.
constexpr std::chrono::minutes kStalePartAge{15};
constexpr std::string_view kPartSuffix = ".part";

// The folders the tablet keeps photos in: the one beside the database (the app's "<name>-photos")
// and any an attachment row names.
std::set<std::filesystem::path> photoFolders(const sqlite::Database& db) {
  const std::filesystem::path database(db.path());
  std::set<std::filesystem::path> folders{database.parent_path() /
                                          (database.stem().string() + "-photos")};
  auto stmt = db.prepare("SELECT DISTINCT local_path FROM attachments");
  while (stmt.step()) folders.insert(std::filesystem::path(stmt.text(0)).parent_path());
  return folders;
}

// Removes the "*.part" files (a sealed photo's "<photo>.sealed.part" among them) that a crash left
// in the photo folders. The sweep runs after a sync and at unlock, possibly while someone
// finalizes a form: a part file written in the last kStalePartAge stays. Were a slow write's part
// file removed all the same, its rename fails and finalize reports the error: nothing is lost.
void removeStalePartFiles(const sqlite::Database& db, std::int64_t nowMs, RetentionReport& report) {
  namespace fs = std::filesystem;
  const auto staleBefore =
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(nowMs)) -
      kStalePartAge;
  for (const auto& folder : photoFolders(db)) {
    std::error_code error;
    if (folder.empty() || !fs::is_directory(folder, error)) continue;
    for (fs::directory_iterator entry(folder, error), end; !error && entry != end;
         entry.increment(error)) {
      const std::string name = entry->path().filename().string();
      if (!name.ends_with(kPartSuffix) || !entry->is_regular_file(error)) continue;
      const auto written = fs::last_write_time(entry->path(), error);
      if (error) {
        report.problems.push_back(entry->path().string() + ": " + error.message());
        error.clear();
        continue;
      }
      if (std::chrono::file_clock::to_sys(written) > staleBefore) continue;  // maybe being written
      if (fs::remove(entry->path(), error)) {
        ++report.partFiles;
      } else if (error) {
        report.problems.push_back(entry->path().string() + ": " + error.message());
        error.clear();
      }
    }
    if (error) report.problems.push_back(folder.string() + ": " + error.message());
  }
}

}  // namespace

RetentionReport SqliteLocalStore::removeConfirmedRecords(std::int64_t nowMs,
                                                         std::int64_t retentionMs) {
  RetentionReport report;
  std::vector<std::string> files;
  {
    sqlite::WriteTransaction tx(db_);
    const auto uuids = expiredRecords(db_, nowMs - retentionMs);
    auto paths = db_.prepare("SELECT local_path FROM attachments WHERE record_uuid = ?1");
    auto reviews = db_.prepare("DELETE FROM review_decisions WHERE record_uuid = ?1");
    // Outbox and attachment rows go with the record (ON DELETE CASCADE).
    auto records = db_.prepare("DELETE FROM records WHERE uuid = ?1");
    for (const auto& uuid : uuids) {
      paths.reset();
      paths.bindBlob(1, uuid);
      while (paths.step()) files.push_back(paths.text(0));
      reviews.reset();
      reviews.bindBlob(1, uuid).run();
      records.reset();
      records.bindBlob(1, uuid).run();
    }
    tx.commit();
    report.records = static_cast<int>(uuids.size());
  }
  // After the commit: a crash in between leaves files no row names (encrypted), never a row
  // whose file is gone.
  for (const auto& file : files) {
    std::error_code error;
    if (std::filesystem::remove(file, error)) {
      ++report.files;
    } else if (error) {
      report.problems.push_back(file + ": " + error.message());
    }
  }
  removeClearCopiesOfSealedPhotos(db_, report);
  removeStalePartFiles(db_, nowMs, report);
  return report;
}

}  // namespace phum::store
