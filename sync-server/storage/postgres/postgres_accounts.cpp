// Devices, accounts, sessions and the change feed of the PostgreSQL backend.
#include <algorithm>
#include <stdexcept>

#include "core/clock.h"
#include "storage/postgres/postgres_database.h"
#include "services/account_service.h"
#include "common/secrets.h"

namespace phum::server {
namespace {

// Change-feed appends take this lock until COMMIT, so seq order is commit order even with two
// server instances: a reader's cursor can then never skip a change that commits late.
constexpr const char* kFeedLock = "SELECT pg_advisory_xact_lock(7068756002)";

}  // namespace

std::string PostgresStore::createEnrollmentCode(const std::string& deviceName,
                                                std::int64_t validForMs) {
  const std::string code = randomEnrollmentCode();
  const std::int64_t now = nowMillis();
  auto db = pool_.acquire();
  db->exec(
      "INSERT INTO enrollment_codes (code_hash, device_name, created_at_ms, expires_at_ms)"
      " VALUES ($1, $2, $3, $4)",
      pg::Params()
          .bytes(tokenHash(normalizeEnrollmentCode(code)))
          .text(deviceName)
          .integer(now)
          .integer(now + validForMs));
  return code;
}

namespace {

// The stored state of an enrolment code (and the device name given with it), or nullopt.
// `lock`: FOR UPDATE, inside the transaction that uses the code.
std::optional<EnrollmentCodeState> readEnrollmentCode(pg::Connection& db,
                                                      const std::string& codeHash, bool lock,
                                                      std::string& deviceName) {
  const pg::Result rows =
      db.exec(lock ? "SELECT device_name, expires_at_ms, used_at_ms FROM enrollment_codes"
                     " WHERE code_hash = $1 FOR UPDATE"
                   : "SELECT device_name, expires_at_ms, used_at_ms FROM enrollment_codes"
                     " WHERE code_hash = $1",
              pg::Params().bytes(codeHash));
  if (rows.rows() == 0) return std::nullopt;
  deviceName = rows.text(0, 0);
  return EnrollmentCodeState{rows.int64(0, 1), !rows.isNull(0, 2)};
}

}  // namespace

phum::v1::EnrollResponse PostgresStore::enrollDevice(const std::string& code,
                                                     const std::string& deviceName) {
  const std::int64_t now = nowMillis();
  const std::string codeHash = tokenHash(normalizeEnrollmentCode(code));
  std::string storedName;
  {
    // A plain read first: an unknown, used or expired code takes no row lock or transaction.
    auto db = pool_.acquire();
    if (auto problem =
            enrollmentCodeProblem(readEnrollmentCode(*db, codeHash, false, storedName), now)) {
      throw AuthError(*problem);
    }
  }
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    // FOR UPDATE: two instances given the same code at once enrol only one device.
    if (auto problem =
            enrollmentCodeProblem(readEnrollmentCode(db, codeHash, true, storedName), now)) {
      throw AuthError(*problem);
    }
    const std::string name = deviceName.empty() ? storedName : deviceName;
    db.exec("UPDATE enrollment_codes SET used_at_ms = $1 WHERE code_hash = $2",
            pg::Params().integer(now).bytes(codeHash));
    phum::v1::EnrollResponse response;
    response.set_device_id("dev-" + randomHex(8));
    response.set_device_secret(randomHex(32));
    db.exec(
        "INSERT INTO devices (device_id, name, secret_hash, enrolled_at_ms)"
        " VALUES ($1, $2, $3, $4)",
        pg::Params()
            .text(response.device_id())
            .text(name)
            .bytes(tokenHash(response.device_secret()))
            .integer(now));
    return response;
  });
}

DeviceCheck PostgresStore::checkDevice(const std::string& deviceId,
                                       const std::string& secret) const {
  auto db = pool_.acquire();
  const pg::Result rows =
      db->exec("SELECT secret_hash, revoked_at_ms FROM devices WHERE device_id = $1",
               pg::Params().text(deviceId));
  if (rows.rows() == 0 || !sameHash(rows.bytes(0, 0), tokenHash(secret))) {
    return DeviceCheck::Unknown;
  }
  return rows.isNull(0, 1) ? DeviceCheck::Valid : DeviceCheck::Revoked;
}

bool PostgresStore::revokeDevice(const std::string& deviceId) {
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    const pg::Result rows =
        db.exec("SELECT revoked_at_ms FROM devices WHERE device_id = $1 FOR UPDATE",
                pg::Params().text(deviceId));
    if (rows.rows() == 0) return false;
    if (rows.isNull(0, 0)) {
      db.exec("UPDATE devices SET revoked_at_ms = $1 WHERE device_id = $2",
              pg::Params().integer(nowMillis()).text(deviceId));
      db.exec("DELETE FROM sessions WHERE device_id = $1", pg::Params().text(deviceId));
      phum::v1::Change change;
      change.mutable_revocation()->set_device_id(deviceId);
      appendChangeIn(db, change, {});
    }
    return true;
  });
}

std::vector<DeviceInfo> PostgresStore::listDevices() const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT device_id, name, enrolled_at_ms, revoked_at_ms FROM devices"
      " ORDER BY enrolled_at_ms, device_id");
  std::vector<DeviceInfo> devices;
  for (int row = 0; row < rows.rows(); ++row) {
    DeviceInfo device{rows.text(row, 0), rows.text(row, 1), rows.int64(row, 2), std::nullopt};
    if (!rows.isNull(row, 3)) device.revokedAtMs = rows.int64(row, 3);
    devices.push_back(std::move(device));
  }
  return devices;
}

void PostgresStore::addAccount(const phum::v1::Account& account, const std::string& password) {
  checkNewAccount(account, password);
  const std::string hash = hashPassword(password);
  auto db = pool_.acquire();
  const pg::Result inserted = db->exec(
      "INSERT INTO accounts (username, display_name, role, scope_code, password_hash,"
      " created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING"
      " RETURNING username",
      pg::Params()
          .text(account.username())
          .text(account.display_name())
          .integer(account.role())
          .text(account.scope_code())
          .text(hash)
          .integer(nowMillis()));
  if (inserted.rows() == 0) {
    throw std::invalid_argument("user '" + account.username() + "' already exists");
  }
}

std::vector<AccountRecord> PostgresStore::listAccounts() const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT username, display_name, role, scope_code, disabled FROM accounts"
      " ORDER BY username");
  std::vector<AccountRecord> accounts;
  for (int row = 0; row < rows.rows(); ++row) {
    AccountRecord record;
    record.account.set_username(rows.text(row, 0));
    record.account.set_display_name(rows.text(row, 1));
    record.account.set_role(static_cast<phum::v1::Role>(rows.int64(row, 2)));
    record.account.set_scope_code(rows.text(row, 3));
    record.disabled = rows.boolean(row, 4);
    accounts.push_back(std::move(record));
  }
  return accounts;
}

phum::v1::SignInResponse PostgresStore::signIn(const std::string& username,
                                               const std::string& password,
                                               const std::string& deviceId,
                                               std::int64_t sessionLifetimeMs) {
  phum::v1::SignInResponse response;
  std::string passwordHash;
  {
    auto db = pool_.acquire();
    const pg::Result rows = db->exec(
        "SELECT display_name, role, scope_code, password_hash FROM accounts"
        " WHERE username = $1 AND NOT disabled",
        pg::Params().text(username));
    if (rows.rows() == 1) {
      auto* account = response.mutable_account();
      account->set_username(username);
      account->set_display_name(rows.text(0, 0));
      account->set_role(static_cast<phum::v1::Role>(rows.int64(0, 1)));
      account->set_scope_code(rows.text(0, 2));
      passwordHash = rows.text(0, 3);
    }
  }
  // Argon2id is slow on purpose: no connection is held while it runs.
  if (passwordHash.empty() || !verifyPassword(passwordHash, password)) {
    throw AuthError("wrong user name or password");
  }
  const std::int64_t now = nowMillis();
  response.set_session_token(randomHex(32));
  response.set_expires_at_ms(now + sessionLifetimeMs);
  auto db = pool_.acquire();
  db->exec(
      "INSERT INTO sessions (token_hash, username, device_id, created_at_ms, expires_at_ms)"
      " VALUES ($1, $2, $3, $4, $5)",
      pg::Params()
          .bytes(tokenHash(response.session_token()))
          .text(username)
          .text(deviceId)
          .integer(now)
          .integer(response.expires_at_ms()));
  return response;
}

std::optional<SessionInfo> PostgresStore::findSession(const std::string& token) const {
  auto db = pool_.acquire();
  const pg::Result rows = db->exec(
      "SELECT s.username, s.device_id, s.expires_at_ms, a.display_name, a.role, a.scope_code"
      " FROM sessions s JOIN accounts a ON a.username = s.username"
      " WHERE s.token_hash = $1 AND NOT a.disabled",
      pg::Params().bytes(tokenHash(token)));
  if (rows.rows() == 0 || rows.int64(0, 2) < nowMillis()) return std::nullopt;
  SessionInfo session;
  session.account.set_username(rows.text(0, 0));
  session.deviceId = rows.text(0, 1);
  session.expiresAtMs = rows.int64(0, 2);
  session.account.set_display_name(rows.text(0, 3));
  session.account.set_role(static_cast<phum::v1::Role>(rows.int64(0, 4)));
  session.account.set_scope_code(rows.text(0, 5));
  return session;
}

std::uint64_t PostgresStore::appendChange(const phum::v1::Change& change,
                                          const std::string& audience) {
  return pg::inTransaction(
      pool_, [&](pg::Connection& db) { return appendChangeIn(db, change, audience); });
}

std::uint64_t PostgresStore::appendChangeIn(pg::Connection& db, const phum::v1::Change& change,
                                            const std::string& audience) {
  phum::v1::Change stored = change;
  stored.clear_seq();  // the row's seq is the authority
  db.exec(kFeedLock);
  const pg::Result rows = db.exec(
      "INSERT INTO changes (audience, body, created_at_ms) VALUES ($1, $2, $3) RETURNING seq",
      pg::Params().text(audience).bytes(stored.SerializeAsString()).integer(nowMillis()));
  return static_cast<std::uint64_t>(rows.int64(0, 0));
}

ChangesResult PostgresStore::changesSince(std::uint64_t cursor, int limit,
                                          const std::string& username) const {
  limit = std::max(limit, 1);
  // REPEATABLE READ: the rows and the newest seq describe the same moment.
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    db.script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const pg::Result bounds = db.exec(
        "SELECT coalesce((SELECT value FROM feed_state WHERE key = 'pruned_through'), 0)::bigint,"
        " coalesce((SELECT max(seq) FROM changes), 0)::bigint");
    const auto prunedThrough = static_cast<std::uint64_t>(bounds.int64(0, 0));
    const auto newest = std::max(prunedThrough, static_cast<std::uint64_t>(bounds.int64(0, 1)));
    ChangesResult result;
    // Cursor 0 asks for everything retained, so it is always served (that is the full refresh).
    if ((cursor != 0 && cursor < prunedThrough) || cursor > newest) {
      result.fullRefreshRequired = true;
      return result;
    }
    const pg::Result rows = db.exec(
        "SELECT seq, body FROM changes WHERE seq > $1 AND (audience = '' OR audience = $2)"
        " ORDER BY seq LIMIT $3",
        pg::Params()
            .integer(static_cast<std::int64_t>(cursor))
            .text(username)
            .integer(std::int64_t{limit} + 1));
    auto& batch = result.batch;
    for (int row = 0; row < rows.rows(); ++row) {
      if (batch.changes_size() == limit) {
        batch.set_has_more(true);
        break;
      }
      auto* change = batch.add_changes();
      if (!change->ParseFromString(rows.bytes(row, 1))) {
        throw StorageError(db.describe() + ": change " + std::to_string(rows.int64(row, 0)) +
                           " is corrupt");
      }
      change->set_seq(static_cast<std::uint64_t>(rows.int64(row, 0)));
    }
    batch.set_next_cursor(batch.has_more() ? batch.changes(batch.changes_size() - 1).seq()
                                           : newest);
    return result;
  });
}

void PostgresStore::pruneChanges(std::uint64_t throughSeq) {
  pg::inTransaction(pool_, [&](pg::Connection& db) {
    db.exec("DELETE FROM changes WHERE seq <= $1",
            pg::Params().integer(static_cast<std::int64_t>(throughSeq)));
    db.exec(
        "INSERT INTO feed_state (key, value) VALUES ('pruned_through', $1)"
        " ON CONFLICT (key) DO UPDATE SET value = greatest(feed_state.value, excluded.value)",
        pg::Params().integer(static_cast<std::int64_t>(throughSeq)));
  });
}

}  // namespace phum::server
