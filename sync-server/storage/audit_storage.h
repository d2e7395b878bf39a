#pragma once
// The audit log: who did what, when and from where. Append-only (the adapters refuse UPDATE and
// DELETE with triggers) and hash-chained by the service (services/audit_log.h), so an edit made
// around the triggers, with the database's own tools, is found by `phum-admin audit verify`.
#include <cstdint>
#include <string>
#include <vector>

namespace phum::server::storage {

struct AuditRow {
  std::int64_t seq = 0;  // 1, 2, 3... without gaps
  std::int64_t atMs = 0;
  std::string actor;     // the user signed in, or the user name tried, or "phum-admin (OS user)"
  std::string deviceId;  // the tablet, when a tablet sent the request
  std::string action;    // e.g. sign_in_failed, review, export
  std::string subject;   // the record, device or user acted on
  std::string remoteAddress;
  std::string detail;
  std::string previousHash;  // raw 32 bytes: the hash of entry seq - 1 (zeros for the first)
  std::string hash;          // raw 32 bytes over previousHash and every field above
};

// The newest entry's seq and hash (0 and zeros on an empty log).
struct AuditTail {
  std::int64_t seq = 0;
  std::string hash;
};

struct AuditFilter {
  std::int64_t afterSeq = 0;
  int limit = 1000;
  std::string actor;   // exact, when not empty
  std::string action;  // exact, when not empty
  std::int64_t fromMs = 0;
  std::int64_t beforeMs = 0;  // 0: no bound
};

class AuditStorage {
 public:
  virtual ~AuditStorage() = default;
  // In a Write, holds the log's append lock until COMMIT, so the entry appended next in this
  // transaction follows this tail whatever other server instances do.
  virtual AuditTail tail() = 0;
  virtual void append(const AuditRow& row) = 0;
  // Ordered by seq, after filter.afterSeq, at most filter.limit.
  virtual std::vector<AuditRow> entries(const AuditFilter& filter) = 0;
};

}  // namespace phum::server::storage
