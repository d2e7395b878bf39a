#pragma once
// The audit trail: sign-ins (failed ones too), enrolments, revocations, reviews, views of
// sensitive answers and exports, each with who, when and from where. Entries form a hash chain
// (BLAKE2b-256 over the previous entry's hash and the entry's own fields), so `phum-admin audit
// verify` finds an entry edited or removed with the database's own tools, and says which.
// It does not find the newest entries removed from the end: keep the last hash `verify` prints
// somewhere else (a ticket, a mail) to check that too.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace phum::server {

struct AuditEvent {
  std::string action;
  std::string actor;
  std::string deviceId;
  std::string subject;
  std::string remoteAddress;
  std::string detail;
};

// Who acts and from where. The services that change accounts, devices and reviews take one and
// append their audit entry in the action's own write transaction (AuditLog::append), so the
// action and its entry are stored together or not at all. Left empty, the entry still records
// the action, with no actor.
struct AuditOrigin {
  std::string actor;
  std::string deviceId;
  std::string remoteAddress;

  AuditEvent event(std::string action, std::string subject = {}, std::string detail = {}) const {
    return {std::move(action),  actor,         deviceId,
            std::move(subject), remoteAddress, std::move(detail)};
  }
};

struct AuditCheck {
  std::int64_t entries = 0;              // checked
  std::optional<std::int64_t> brokenAt;  // seq of the first entry that does not chain
  std::string problem;                   // what is wrong with it
  std::string lastHash;                  // hex, of the newest entry
};

// The hash an entry must carry (raw 32 bytes).
std::string auditEntryHash(const storage::AuditRow& row);

class AuditLog {
 public:
  explicit AuditLog(storage::Database& db) : db_(db) {}
  // Appends `event` in a write transaction of its own.
  void record(const AuditEvent& event);
  // Appends `event` inside the caller's write transaction: with what it audits, or not at all.
  static void append(storage::Transaction& tx, const AuditEvent& event);
  AuditCheck verify();
  std::vector<storage::AuditRow> list(const storage::AuditFilter& filter);

 private:
  storage::Database& db_;
};

}  // namespace phum::server
