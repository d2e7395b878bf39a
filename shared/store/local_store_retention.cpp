// Records leave the tablet once the server has had them long enough: a lost tablet then holds
// only the last weeks' work. What the user may still need stays: records returned for correction,
// records with an open draft, and anything the server has not confirmed (record or attachment).
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

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
  return report;
}

}  // namespace phum::store
