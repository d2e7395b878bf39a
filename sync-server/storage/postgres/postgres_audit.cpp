// The audit log of the PostgreSQL adapter.
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {
namespace {

AuditRow auditRow(const pg::Result& rows, int row) {
  return AuditRow{rows.int64(row, 0), rows.int64(row, 1), rows.text(row, 2), rows.text(row, 3),
                  rows.text(row, 4),  rows.text(row, 5),  rows.text(row, 6), rows.text(row, 7),
                  rows.bytes(row, 8), rows.bytes(row, 9)};
}

}  // namespace

AuditTail PostgresAudit::tail() {
  // Until COMMIT: two server instances (or phum-admin) appending at once chain one after the
  // other instead of both after the same entry.
  if (writing_) db_.exec("SELECT pg_advisory_xact_lock($1)", pg::Params().integer(kAuditLock));
  const pg::Result rows = db_.exec("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (rows.rows() == 0) return AuditTail{0, std::string(32, '\0')};
  return AuditTail{rows.int64(0, 0), rows.bytes(0, 1)};
}

void PostgresAudit::append(const AuditRow& row) {
  db_.exec(
      "INSERT INTO audit_log (seq, at_ms, actor, device_id, action, subject, remote_address,"
      " detail, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      pg::Params()
          .integer(row.seq)
          .integer(row.atMs)
          .text(row.actor)
          .text(row.deviceId)
          .text(row.action)
          .text(row.subject)
          .text(row.remoteAddress)
          .text(row.detail)
          .bytes(row.previousHash)
          .bytes(row.hash));
}

std::vector<AuditRow> PostgresAudit::entries(const AuditFilter& filter) {
  const pg::Result rows = db_.exec(
      "SELECT seq, at_ms, actor, device_id, action, subject, remote_address, detail,"
      " previous_hash, hash FROM audit_log WHERE seq > $1 AND ($2 = '' OR actor = $2)"
      " AND ($3 = '' OR action = $3) AND at_ms >= $4 AND ($5 = 0 OR at_ms < $5)"
      " ORDER BY seq LIMIT $6",
      pg::Params()
          .integer(filter.afterSeq)
          .text(filter.actor)
          .text(filter.action)
          .integer(filter.fromMs)
          .integer(filter.beforeMs)
          .integer(filter.limit));
  std::vector<AuditRow> out;
  for (int row = 0; row < rows.rows(); ++row) out.push_back(auditRow(rows, row));
  return out;
}

}  // namespace phum::server::storage
