#include "services/audit_log.h"

#include <sodium.h>

#include "core/clock.h"

namespace phum::server {
namespace {

constexpr std::size_t kHashBytes = 32;
constexpr int kVerifyPage = 2000;

void absorbNumber(crypto_generichash_state& state, std::int64_t value) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i)
    bytes[i] = static_cast<unsigned char>(static_cast<std::uint64_t>(value) >> (8 * i));
  crypto_generichash_update(&state, bytes, sizeof bytes);
}

// Length first, so that no two different field lists hash the same bytes.
void absorbText(crypto_generichash_state& state, const std::string& text) {
  absorbNumber(state, static_cast<std::int64_t>(text.size()));
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                            text.size());
}

std::string hex(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

}  // namespace

std::string auditEntryHash(const storage::AuditRow& row) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, kHashBytes);
  absorbText(state, "phum-audit-v1");
  absorbText(state, row.previousHash);
  absorbNumber(state, row.seq);
  absorbNumber(state, row.atMs);
  for (const std::string* field :
       {&row.actor, &row.deviceId, &row.action, &row.subject, &row.remoteAddress, &row.detail}) {
    absorbText(state, *field);
  }
  std::string hash(kHashBytes, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(hash.data()), kHashBytes);
  return hash;
}

void AuditLog::record(const AuditEvent& event) {
  storage::write(db_, [&](storage::Transaction& tx) { append(tx, event); });
}

void AuditLog::append(storage::Transaction& tx, const AuditEvent& event) {
  const storage::AuditTail tail = tx.audit().tail();
  storage::AuditRow row{
      tail.seq + 1,  nowMillis(),         event.actor,  event.deviceId, event.action,
      event.subject, event.remoteAddress, event.detail, tail.hash,      {}};
  row.hash = auditEntryHash(row);
  tx.audit().append(row);
}

AuditCheck AuditLog::verify() {
  return storage::snapshot(db_, [](storage::Transaction& tx) {
    AuditCheck check;
    std::string previous(kHashBytes, '\0');
    std::int64_t expectedSeq = 1;
    for (;;) {
      storage::AuditFilter page;
      page.afterSeq = expectedSeq - 1;
      page.limit = kVerifyPage;
      const auto rows = tx.audit().entries(page);
      for (const auto& row : rows) {
        if (row.seq != expectedSeq) {
          check.brokenAt = row.seq;
          check.problem = "entries " + std::to_string(expectedSeq) + " to " +
                          std::to_string(row.seq - 1) + " are missing";
        } else if (row.previousHash != previous) {
          check.brokenAt = row.seq;
          check.problem =
              "it does not follow the entry before it (that one was changed, or "
              "this one's link was)";
        } else if (auditEntryHash(row) != row.hash) {
          check.brokenAt = row.seq;
          check.problem = "its content was changed after it was written";
        }
        if (check.brokenAt) return check;
        ++check.entries;
        previous = row.hash;
        ++expectedSeq;
      }
      if (static_cast<int>(rows.size()) < kVerifyPage) break;
    }
    check.lastHash = hex(previous);
    return check;
  });
}

std::vector<storage::AuditRow> AuditLog::list(const storage::AuditFilter& filter) {
  return storage::read(db_, [&](storage::Transaction& tx) { return tx.audit().entries(filter); });
}

}  // namespace phum::server
