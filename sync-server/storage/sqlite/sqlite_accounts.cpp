// Devices, accounts, sessions and the change feed of the SQLite backend.
#include <algorithm>
#include <stdexcept>

#include "core/clock.h"
#include "core/errors.h"
#include "services/account_service.h"
#include "common/secrets.h"
#include "storage/sqlite/sqlite_database.h"

namespace phum::server {

std::string SqliteStore::createEnrollmentCode(const std::string& deviceName,
                                              std::int64_t validForMs) {
  const std::string code = randomEnrollmentCode();
  const std::int64_t now = nowMillis();
  std::lock_guard lock(mutex_);
  sqlite::Statement insert(db_,
                           "INSERT INTO enrollment_codes (code_hash, device_name, created_at_ms,"
                           " expires_at_ms) VALUES (?, ?, ?, ?)");
  insert.bindBlob(1, tokenHash(normalizeEnrollmentCode(code))).bind(2, deviceName);
  insert.bind(3, now).bind(4, now + validForMs).run();
  return code;
}

namespace {

// The stored state of an enrolment code (and the device name given with it), or nullopt.
std::optional<EnrollmentCodeState> readEnrollmentCode(sqlite::Database& db,
                                                      const std::string& codeHash,
                                                      std::string& deviceName) {
  sqlite::Statement query(db,
                          "SELECT device_name, expires_at_ms, used_at_ms FROM enrollment_codes"
                          " WHERE code_hash = ?");
  query.bindBlob(1, codeHash);
  if (!query.step()) return std::nullopt;
  deviceName = query.text(0);
  return EnrollmentCodeState{query.int64(1), !query.isNull(2)};
}

}  // namespace

phum::v1::EnrollResponse SqliteStore::enrollDevice(const std::string& code,
                                                   const std::string& deviceName) {
  const std::int64_t now = nowMillis();
  const std::string codeHash = tokenHash(normalizeEnrollmentCode(code));
  std::string storedName;
  std::lock_guard lock(mutex_);
  // A plain read first: an unknown, used or expired code never takes the database's write lock.
  if (auto problem = enrollmentCodeProblem(readEnrollmentCode(db_, codeHash, storedName), now)) {
    throw AuthError(*problem);
  }
  sqlite::WriteTransaction tx(db_);
  // Read again under the write lock: phum-admin in another process shares the file.
  if (auto problem = enrollmentCodeProblem(readEnrollmentCode(db_, codeHash, storedName), now)) {
    throw AuthError(*problem);
  }
  const std::string name = deviceName.empty() ? storedName : deviceName;
  sqlite::Statement use(db_, "UPDATE enrollment_codes SET used_at_ms = ? WHERE code_hash = ?");
  use.bind(1, now).bindBlob(2, codeHash).run();
  phum::v1::EnrollResponse response;
  response.set_device_id("dev-" + randomHex(8));
  response.set_device_secret(randomHex(32));
  sqlite::Statement insert(db_,
                           "INSERT INTO devices (device_id, name, secret_hash, enrolled_at_ms)"
                           " VALUES (?, ?, ?, ?)");
  insert.bind(1, response.device_id()).bind(2, name);
  insert.bindBlob(3, tokenHash(response.device_secret())).bind(4, now).run();
  tx.commit();
  return response;
}

DeviceCheck SqliteStore::checkDevice(const std::string& deviceId, const std::string& secret) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT secret_hash, revoked_at_ms FROM devices WHERE device_id = ?");
  query.bind(1, deviceId);
  if (!query.step() || !sameHash(query.blob(0), tokenHash(secret))) return DeviceCheck::Unknown;
  return query.isNull(1) ? DeviceCheck::Valid : DeviceCheck::Revoked;
}

bool SqliteStore::revokeDevice(const std::string& deviceId) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement exists(db_, "SELECT revoked_at_ms FROM devices WHERE device_id = ?");
  exists.bind(1, deviceId);
  if (!exists.step()) return false;
  if (exists.isNull(0)) {
    sqlite::Statement revoke(db_, "UPDATE devices SET revoked_at_ms = ? WHERE device_id = ?");
    revoke.bind(1, nowMillis()).bind(2, deviceId).run();
    sqlite::Statement sessions(db_, "DELETE FROM sessions WHERE device_id = ?");
    sessions.bind(1, deviceId).run();
    phum::v1::Change change;
    change.mutable_revocation()->set_device_id(deviceId);
    appendChangeLocked(change, {});
  }
  tx.commit();
  return true;
}

std::vector<DeviceInfo> SqliteStore::listDevices() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT device_id, name, enrolled_at_ms, revoked_at_ms FROM devices"
                          " ORDER BY enrolled_at_ms, device_id");
  std::vector<DeviceInfo> devices;
  while (query.step()) {
    DeviceInfo device{query.text(0), query.text(1), query.int64(2), std::nullopt};
    if (!query.isNull(3)) device.revokedAtMs = query.int64(3);
    devices.push_back(std::move(device));
  }
  return devices;
}

void SqliteStore::addAccount(const phum::v1::Account& account, const std::string& password) {
  checkNewAccount(account, password);
  const std::string hash = hashPassword(password);  // slow: outside the lock
  std::lock_guard lock(mutex_);
  sqlite::Statement exists(db_, "SELECT 1 FROM accounts WHERE username = ?");
  exists.bind(1, account.username());
  if (exists.step()) {
    throw std::invalid_argument("user '" + account.username() + "' already exists");
  }
  sqlite::Statement insert(db_,
                           "INSERT INTO accounts (username, display_name, role, scope_code,"
                           " password_hash, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, account.username()).bind(2, account.display_name());
  insert.bind(3, std::int64_t{account.role()}).bind(4, account.scope_code()).bind(5, hash);
  insert.bind(6, nowMillis()).run();
}

std::vector<AccountRecord> SqliteStore::listAccounts() const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT username, display_name, role, scope_code, disabled FROM accounts"
                          " ORDER BY username");
  std::vector<AccountRecord> accounts;
  while (query.step()) {
    AccountRecord record;
    record.account.set_username(query.text(0));
    record.account.set_display_name(query.text(1));
    record.account.set_role(static_cast<phum::v1::Role>(query.int64(2)));
    record.account.set_scope_code(query.text(3));
    record.disabled = query.int64(4) != 0;
    accounts.push_back(std::move(record));
  }
  return accounts;
}

phum::v1::SignInResponse SqliteStore::signIn(const std::string& username,
                                             const std::string& password,
                                             const std::string& deviceId,
                                             std::int64_t sessionLifetimeMs) {
  phum::v1::SignInResponse response;
  std::string passwordHash;
  {
    std::lock_guard lock(mutex_);
    sqlite::Statement query(db_,
                            "SELECT display_name, role, scope_code, password_hash FROM accounts"
                            " WHERE username = ? AND disabled = 0");
    query.bind(1, username);
    if (query.step()) {
      auto* account = response.mutable_account();
      account->set_username(username);
      account->set_display_name(query.text(0));
      account->set_role(static_cast<phum::v1::Role>(query.int64(1)));
      account->set_scope_code(query.text(2));
      passwordHash = query.text(3);
    }
  }
  // Argon2id takes a fraction of a second and 64 MiB: never under the store lock.
  if (passwordHash.empty() || !verifyPassword(passwordHash, password)) {
    throw AuthError("wrong user name or password");
  }
  const std::int64_t now = nowMillis();
  response.set_session_token(randomHex(32));
  response.set_expires_at_ms(now + sessionLifetimeMs);
  std::lock_guard lock(mutex_);
  sqlite::Statement insert(db_,
                           "INSERT INTO sessions (token_hash, username, device_id, created_at_ms,"
                           " expires_at_ms) VALUES (?, ?, ?, ?, ?)");
  insert.bindBlob(1, tokenHash(response.session_token())).bind(2, username).bind(3, deviceId);
  insert.bind(4, now).bind(5, response.expires_at_ms()).run();
  return response;
}

std::optional<SessionInfo> SqliteStore::findSession(const std::string& token) const {
  std::lock_guard lock(mutex_);
  sqlite::Statement query(db_,
                          "SELECT s.username, s.device_id, s.expires_at_ms, a.display_name, a.role,"
                          " a.scope_code FROM sessions s JOIN accounts a ON a.username = s.username"
                          " WHERE s.token_hash = ? AND a.disabled = 0");
  query.bindBlob(1, tokenHash(token));
  if (!query.step() || query.int64(2) < nowMillis()) return std::nullopt;
  SessionInfo session;
  session.account.set_username(query.text(0));
  session.deviceId = query.text(1);
  session.expiresAtMs = query.int64(2);
  session.account.set_display_name(query.text(3));
  session.account.set_role(static_cast<phum::v1::Role>(query.int64(4)));
  session.account.set_scope_code(query.text(5));
  return session;
}

std::uint64_t SqliteStore::appendChange(const phum::v1::Change& change,
                                        const std::string& audience) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  const auto seq = appendChangeLocked(change, audience);
  tx.commit();
  return seq;
}

std::uint64_t SqliteStore::appendChangeLocked(const phum::v1::Change& change,
                                              const std::string& audience) {
  phum::v1::Change stored = change;
  stored.clear_seq();  // the row's seq is the authority
  sqlite::Statement insert(db_,
                           "INSERT INTO changes (audience, body, created_at_ms) VALUES (?, ?, ?)");
  insert.bind(1, audience).bindBlob(2, stored.SerializeAsString()).bind(3, nowMillis()).run();
  return static_cast<std::uint64_t>(db_.lastInsertRowId());
}

ChangesResult SqliteStore::changesSince(std::uint64_t cursor, int limit,
                                        const std::string& username) const {
  limit = std::max(limit, 1);
  std::lock_guard lock(mutex_);
  // One read transaction, so the rows and the newest seq describe the same moment.
  sqlite::ReadTransaction read(db_);
  sqlite::Statement bounds(
      db_,
      "SELECT coalesce((SELECT value FROM feed_state WHERE key = 'pruned_through'),"
      " 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)");
  bounds.step();
  const auto prunedThrough = static_cast<std::uint64_t>(bounds.int64(0));
  const auto newest = static_cast<std::uint64_t>(bounds.int64(1));
  bounds.reset();
  ChangesResult result;
  // Cursor 0 asks for everything retained, so it is always served (that is the full refresh).
  if ((cursor != 0 && cursor < prunedThrough) || cursor > newest) {
    result.fullRefreshRequired = true;
    read.finish();
    return result;
  }
  sqlite::Statement query(
      db_,
      "SELECT seq, body FROM changes WHERE seq > ? AND (audience = '' OR audience = ?)"
      " ORDER BY seq LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(cursor))
      .bind(2, username)
      .bind(3, std::int64_t{limit} + 1);
  auto& batch = result.batch;
  while (query.step()) {
    if (batch.changes_size() == limit) {
      batch.set_has_more(true);
      break;
    }
    auto* change = batch.add_changes();
    if (!change->ParseFromString(query.blob(1))) {
      throw StorageError("server database " + db_.path() + ": change " +
                         std::to_string(query.int64(0)) + " is corrupt");
    }
    change->set_seq(static_cast<std::uint64_t>(query.int64(0)));
  }
  // Past the last change for this user, the cursor may skip changes meant for others.
  batch.set_next_cursor(batch.has_more() ? batch.changes(batch.changes_size() - 1).seq() : newest);
  query.reset();
  read.finish();
  return result;
}

void SqliteStore::pruneChanges(std::uint64_t throughSeq) {
  std::lock_guard lock(mutex_);
  sqlite::WriteTransaction tx(db_);
  sqlite::Statement remove(db_, "DELETE FROM changes WHERE seq <= ?");
  remove.bind(1, static_cast<std::int64_t>(throughSeq)).run();
  sqlite::Statement mark(db_,
                         "INSERT INTO feed_state (key, value) VALUES ('pruned_through', ?)"
                         " ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)");
  mark.bind(1, static_cast<std::int64_t>(throughSeq)).run();
  tx.commit();
}

}  // namespace phum::server
