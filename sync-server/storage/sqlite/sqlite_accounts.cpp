// Accounts, sessions, devices and enrolment codes of the SQLite adapter. In a Write the database's
// write lock covers every row read, so reads need no row locks.
#include "storage/sqlite/sqlite_tables.h"

namespace phum::server::storage {

void SqliteAccounts::insertEnrollmentCode(std::string_view codeHash, std::string_view deviceName,
                                          std::int64_t createdAtMs, std::int64_t expiresAtMs) {
  phum::sqlite::Statement insert(db_,
                                 "INSERT INTO enrollment_codes (code_hash, device_name,"
                                 " created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?)");
  insert.bindBlob(1, codeHash).bind(2, deviceName).bind(3, createdAtMs).bind(4, expiresAtMs).run();
}

std::optional<EnrollmentCodeRow> SqliteAccounts::enrollmentCode(std::string_view codeHash) {
  phum::sqlite::Statement query(db_,
                                "SELECT device_name, expires_at_ms, used_at_ms FROM"
                                " enrollment_codes WHERE code_hash = ?");
  query.bindBlob(1, codeHash);
  if (!query.step()) return std::nullopt;
  return EnrollmentCodeRow{query.text(0), query.int64(1), !query.isNull(2)};
}

void SqliteAccounts::markEnrollmentCodeUsed(std::string_view codeHash, std::int64_t usedAtMs) {
  phum::sqlite::Statement use(db_,
                              "UPDATE enrollment_codes SET used_at_ms = ? WHERE code_hash = ?");
  use.bind(1, usedAtMs).bindBlob(2, codeHash).run();
}

void SqliteAccounts::insertDevice(std::string_view deviceId, std::string_view name,
                                  std::string_view secretHash, std::int64_t enrolledAtMs) {
  phum::sqlite::Statement insert(db_,
                                 "INSERT INTO devices (device_id, name, secret_hash,"
                                 " enrolled_at_ms) VALUES (?, ?, ?, ?)");
  insert.bind(1, deviceId).bind(2, name).bindBlob(3, secretHash).bind(4, enrolledAtMs).run();
}

std::optional<DeviceRow> SqliteAccounts::device(std::string_view deviceId) {
  phum::sqlite::Statement query(
      db_,
      "SELECT secret_hash, revoked_at_ms, last_contact_at_ms FROM devices WHERE device_id = ?");
  query.bind(1, deviceId);
  if (!query.step()) return std::nullopt;
  DeviceRow device{query.blob(0), std::nullopt, std::nullopt};
  if (!query.isNull(1)) device.revokedAtMs = query.int64(1);
  if (!query.isNull(2)) device.lastContactAtMs = query.int64(2);
  return device;
}

void SqliteAccounts::markDeviceRevoked(std::string_view deviceId, std::int64_t revokedAtMs) {
  phum::sqlite::Statement revoke(db_, "UPDATE devices SET revoked_at_ms = ? WHERE device_id = ?");
  revoke.bind(1, revokedAtMs).bind(2, deviceId).run();
}

void SqliteAccounts::markDeviceContact(std::string_view deviceId, std::int64_t atMs) {
  phum::sqlite::Statement mark(db_,
                               "UPDATE devices SET last_contact_at_ms = ? WHERE device_id = ?");
  mark.bind(1, atMs).bind(2, deviceId).run();
}

std::string SqliteAccounts::escrowKey(std::string_view deviceId) {
  phum::sqlite::Statement query(db_, "SELECT escrow_key FROM devices WHERE device_id = ?");
  query.bind(1, deviceId);
  return query.step() ? query.blob(0) : std::string();
}

void SqliteAccounts::setEscrowKey(std::string_view deviceId, std::string_view key) {
  phum::sqlite::Statement set(db_, "UPDATE devices SET escrow_key = ? WHERE device_id = ?");
  set.bindBlob(1, key).bind(2, deviceId).run();
}

std::vector<std::string> SqliteAccounts::devicesWithEscrowKeyOf(std::size_t bytes) {
  phum::sqlite::Statement query(
      db_, "SELECT device_id FROM devices WHERE length(escrow_key) = ? ORDER BY device_id");
  query.bind(1, static_cast<std::int64_t>(bytes));
  std::vector<std::string> ids;
  while (query.step()) ids.push_back(query.text(0));
  return ids;
}

std::vector<DeviceInfo> SqliteAccounts::devices() {
  phum::sqlite::Statement query(
      db_,
      "SELECT device_id, name, enrolled_at_ms, revoked_at_ms,"
      " last_contact_at_ms FROM devices ORDER BY enrolled_at_ms, device_id");
  std::vector<DeviceInfo> devices;
  while (query.step()) {
    DeviceInfo device{query.text(0), query.text(1), query.int64(2), std::nullopt, std::nullopt};
    if (!query.isNull(3)) device.revokedAtMs = query.int64(3);
    if (!query.isNull(4)) device.lastContactAtMs = query.int64(4);
    devices.push_back(std::move(device));
  }
  return devices;
}

bool SqliteAccounts::insertAccountIfAbsent(const phum::v1::Account& account,
                                           std::string_view passwordHash,
                                           std::int64_t createdAtMs) {
  phum::sqlite::Statement insert(
      db_,
      "INSERT INTO accounts (username, display_name, role, scope_code, password_hash,"
      " created_at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING");
  insert.bind(1, account.username()).bind(2, account.display_name());
  insert.bind(3, std::int64_t{account.role()}).bind(4, account.scope_code());
  insert.bind(5, passwordHash).bind(6, createdAtMs).run();
  return db_.changes() == 1;
}

namespace {

void readAccount(const phum::sqlite::Statement& query, int first, phum::v1::Account& account) {
  account.set_username(query.text(first));
  account.set_display_name(query.text(first + 1));
  account.set_role(static_cast<phum::v1::Role>(query.int64(first + 2)));
  account.set_scope_code(query.text(first + 3));
}

}  // namespace

std::optional<AccountRow> SqliteAccounts::account(std::string_view username) {
  phum::sqlite::Statement query(db_,
                                "SELECT username, display_name, role, scope_code, password_hash,"
                                " disabled FROM accounts WHERE username = ?");
  query.bind(1, username);
  if (!query.step()) return std::nullopt;
  AccountRow row;
  readAccount(query, 0, row.account);
  row.passwordHash = query.text(4);
  row.disabled = query.int64(5) != 0;
  return row;
}

void SqliteAccounts::markAccountDisabled(std::string_view username) {
  phum::sqlite::Statement disable(db_, "UPDATE accounts SET disabled = 1 WHERE username = ?");
  disable.bind(1, username).run();
}

void SqliteAccounts::markAccountEnabled(std::string_view username) {
  phum::sqlite::Statement enable(db_, "UPDATE accounts SET disabled = 0 WHERE username = ?");
  enable.bind(1, username).run();
}

void SqliteAccounts::updateAccount(const phum::v1::Account& account) {
  phum::sqlite::Statement update(
      db_, "UPDATE accounts SET display_name = ?, role = ?, scope_code = ? WHERE username = ?");
  update.bind(1, account.display_name()).bind(2, std::int64_t{account.role()});
  update.bind(3, account.scope_code()).bind(4, account.username()).run();
}

void SqliteAccounts::setPasswordHash(std::string_view username, std::string_view passwordHash) {
  phum::sqlite::Statement update(db_, "UPDATE accounts SET password_hash = ? WHERE username = ?");
  update.bind(1, passwordHash).bind(2, username).run();
}

std::vector<AccountRecord> SqliteAccounts::accounts() {
  phum::sqlite::Statement query(db_,
                                "SELECT username, display_name, role, scope_code, disabled FROM"
                                " accounts ORDER BY username");
  std::vector<AccountRecord> accounts;
  while (query.step()) {
    AccountRecord record;
    readAccount(query, 0, record.account);
    record.disabled = query.int64(4) != 0;
    accounts.push_back(std::move(record));
  }
  return accounts;
}

void SqliteAccounts::insertSession(std::string_view tokenHash, std::string_view username,
                                   std::string_view deviceId, std::int64_t createdAtMs,
                                   std::int64_t expiresAtMs) {
  phum::sqlite::Statement insert(db_,
                                 "INSERT INTO sessions (token_hash, username, device_id,"
                                 " created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)");
  insert.bindBlob(1, tokenHash).bind(2, username).bind(3, deviceId);
  insert.bind(4, createdAtMs).bind(5, expiresAtMs).run();
}

std::optional<SessionRow> SqliteAccounts::session(std::string_view tokenHash) {
  phum::sqlite::Statement query(
      db_,
      "SELECT a.username, a.display_name, a.role, a.scope_code, a.disabled, s.device_id,"
      " s.expires_at_ms FROM sessions s JOIN accounts a ON a.username = s.username"
      " WHERE s.token_hash = ?");
  query.bindBlob(1, tokenHash);
  if (!query.step()) return std::nullopt;
  SessionRow row;
  readAccount(query, 0, row.account);
  row.accountDisabled = query.int64(4) != 0;
  row.deviceId = query.text(5);
  row.expiresAtMs = query.int64(6);
  return row;
}

void SqliteAccounts::deleteSessionsOfDevice(std::string_view deviceId) {
  phum::sqlite::Statement remove(db_, "DELETE FROM sessions WHERE device_id = ?");
  remove.bind(1, deviceId).run();
}

void SqliteAccounts::deleteSessionsOfAccount(std::string_view username) {
  phum::sqlite::Statement remove(db_, "DELETE FROM sessions WHERE username = ?");
  remove.bind(1, username).run();
}

std::optional<SignInWindow> SqliteAccounts::signInWindow(std::string_view kind,
                                                         std::string_view key) {
  phum::sqlite::Statement query(
      db_, "SELECT window_start_ms, failures FROM sign_in_failures WHERE kind = ? AND key = ?");
  query.bind(1, kind).bind(2, key);
  if (!query.step()) return std::nullopt;
  return SignInWindow{query.int64(0), static_cast<int>(query.int64(1))};
}

void SqliteAccounts::countSignInFailure(std::string_view kind, std::string_view key,
                                        std::int64_t nowMs, std::int64_t windowMs) {
  phum::sqlite::Statement prune(db_, "DELETE FROM sign_in_failures WHERE window_start_ms <= ?");
  prune.bind(1, nowMs - windowMs).run();
  phum::sqlite::Statement count(
      db_,
      "INSERT INTO sign_in_failures (kind, key, window_start_ms, failures) VALUES (?1, ?2, ?3, 1) "
      "ON CONFLICT (kind, key) DO UPDATE SET "
      "  failures = CASE WHEN sign_in_failures.window_start_ms + ?4 <= excluded.window_start_ms "
      "             THEN 1 ELSE sign_in_failures.failures + 1 END, "
      "  window_start_ms = CASE WHEN sign_in_failures.window_start_ms + ?4 <= "
      "excluded.window_start_ms "
      "                    THEN excluded.window_start_ms ELSE sign_in_failures.window_start_ms "
      "END");
  count.bind(1, kind).bind(2, key).bind(3, nowMs).bind(4, windowMs).run();
}

void SqliteAccounts::clearSignInFailures(std::string_view kind, std::string_view key) {
  phum::sqlite::Statement clear(db_, "DELETE FROM sign_in_failures WHERE kind = ? AND key = ?");
  clear.bind(1, kind).bind(2, key).run();
}

}  // namespace phum::server::storage
