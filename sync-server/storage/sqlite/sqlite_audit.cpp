// The audit log of the SQLite adapter. The database's one write transaction serialises appends.
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

AuditTail SqliteAudit::tail() {
  phum::sqlite::Statement query(db_, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!query.step()) return AuditTail{0, std::string(32, '\0')};
  return AuditTail{query.int64(0), query.blob(1)};
}

void SqliteAudit::append(const AuditRow& row) {
  phum::sqlite::Statement insert(
      db_,
      "INSERT INTO audit_log (seq, at_ms, actor, device_id, action, subject, remote_address,"
      " detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, row.seq)
      .bind(2, row.atMs)
      .bind(3, row.actor)
      .bind(4, row.deviceId)
      .bind(5, row.action)
      .bind(6, row.subject)
      .bind(7, row.remoteAddress)
      .bind(8, row.detail)
      .bindBlob(9, row.previousHash)
      .bindBlob(10, row.hash)
      .run();
}

std::vector<AuditRow> SqliteAudit::entries(const AuditFilter& filter) {
  phum::sqlite::Statement query(
      db_,
      "SELECT seq, at_ms, actor, device_id, action, subject, remote_address, detail,"
      " previous_hash, hash FROM audit_log WHERE seq > ? AND (? = '' OR actor = ?)"
      " AND (? = '' OR action = ?) AND at_ms >= ? AND (? = 0 OR at_ms < ?) ORDER BY seq LIMIT ?");
  query.bind(1, filter.afterSeq)
      .bind(2, filter.actor)
      .bind(3, filter.actor)
      .bind(4, filter.action)
      .bind(5, filter.action)
      .bind(6, filter.fromMs)
      .bind(7, filter.beforeMs)
      .bind(8, filter.beforeMs)
      .bind(9, static_cast<std::int64_t>(filter.limit));
  std::vector<AuditRow> rows;
  while (query.step()) {
    rows.push_back(AuditRow{query.int64(0), query.int64(1), query.text(2), query.text(3),
                            query.text(4), query.text(5), query.text(6), query.text(7),
                            query.blob(8), query.blob(9)});
  }
  return rows;
}

}  // namespace phum::server::storage
