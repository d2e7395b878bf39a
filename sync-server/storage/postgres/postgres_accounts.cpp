// Accounts, sessions, devices and enrolment codes of the PostgreSQL adapter. In a Write, the rows
// a service reads to decide (a code, a device, an account) are locked FOR UPDATE: two instances
// given the same code, or revoking the same device, then take turns.
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {
namespace {

std::string lockedIf(bool writing, const char* sql) {
  return writing ? std::string(sql) + " FOR UPDATE" : std::string(sql);
}

void readAccount(const pg::Result& rows, int row, int first, phum::v1::Account& account) {
  account.set_username(rows.text(row, first));
  account.set_display_name(rows.text(row, first + 1));
  account.set_role(static_cast<phum::v1::Role>(rows.int64(row, first + 2)));
  account.set_scope_code(rows.text(row, first + 3));
}

}  // namespace

void PostgresAccounts::insertEnrollmentCode(std::string_view codeHash, std::string_view deviceName,
                                            std::int64_t createdAtMs, std::int64_t expiresAtMs) {
  db_.exec(
      "INSERT INTO enrollment_codes (code_hash, device_name, created_at_ms, expires_at_ms)"
      " VALUES ($1, $2, $3, $4)",
      pg::Params().bytes(codeHash).text(deviceName).integer(createdAtMs).integer(expiresAtMs));
}

std::optional<EnrollmentCodeRow> PostgresAccounts::enrollmentCode(std::string_view codeHash) {
  const pg::Result rows =
      db_.exec(lockedIf(writing_,
                        "SELECT device_name, expires_at_ms, used_at_ms FROM enrollment_codes"
                        " WHERE code_hash = $1"),
               pg::Params().bytes(codeHash));
  if (rows.rows() == 0) return std::nullopt;
  return EnrollmentCodeRow{rows.text(0, 0), rows.int64(0, 1), !rows.isNull(0, 2)};
}

void PostgresAccounts::markEnrollmentCodeUsed(std::string_view codeHash, std::int64_t usedAtMs) {
  db_.exec("UPDATE enrollment_codes SET used_at_ms = $1 WHERE code_hash = $2",
           pg::Params().integer(usedAtMs).bytes(codeHash));
}

void PostgresAccounts::insertDevice(std::string_view deviceId, std::string_view name,
                                    std::string_view secretHash, std::int64_t enrolledAtMs) {
  db_.exec(
      "INSERT INTO devices (device_id, name, secret_hash, enrolled_at_ms)"
      " VALUES ($1, $2, $3, $4)",
      pg::Params().text(deviceId).text(name).bytes(secretHash).integer(enrolledAtMs));
}

std::optional<DeviceRow> PostgresAccounts::device(std::string_view deviceId) {
  const pg::Result rows =
      db_.exec(lockedIf(writing_,
                        "SELECT secret_hash, revoked_at_ms, last_contact_at_ms FROM devices"
                        " WHERE device_id = $1"),
               pg::Params().text(deviceId));
  if (rows.rows() == 0) return std::nullopt;
  DeviceRow device{rows.bytes(0, 0), std::nullopt, std::nullopt};
  if (!rows.isNull(0, 1)) device.revokedAtMs = rows.int64(0, 1);
  if (!rows.isNull(0, 2)) device.lastContactAtMs = rows.int64(0, 2);
  return device;
}

void PostgresAccounts::markDeviceRevoked(std::string_view deviceId, std::int64_t revokedAtMs) {
  db_.exec("UPDATE devices SET revoked_at_ms = $1 WHERE device_id = $2",
           pg::Params().integer(revokedAtMs).text(deviceId));
}

void PostgresAccounts::markDeviceContact(std::string_view deviceId, std::int64_t atMs) {
  db_.exec("UPDATE devices SET last_contact_at_ms = $1 WHERE device_id = $2",
           pg::Params().integer(atMs).text(deviceId));
}

std::string PostgresAccounts::escrowKey(std::string_view deviceId) {
  const pg::Result rows =
      db_.exec("SELECT escrow_key FROM devices WHERE device_id = $1", pg::Params().text(deviceId));
  return rows.rows() == 0 ? std::string() : rows.bytes(0, 0);
}

void PostgresAccounts::setEscrowKey(std::string_view deviceId, std::string_view key) {
  db_.exec("UPDATE devices SET escrow_key = $1 WHERE device_id = $2",
           pg::Params().bytes(key).text(deviceId));
}

std::vector<std::string> PostgresAccounts::devicesWithEscrowKeyOf(std::size_t bytes) {
  const pg::Result rows = db_.exec(
      "SELECT device_id FROM devices WHERE octet_length(escrow_key) = $1 ORDER BY device_id",
      pg::Params().integer(static_cast<std::int64_t>(bytes)));
  std::vector<std::string> ids;
  for (int i = 0; i < rows.rows(); ++i) ids.push_back(rows.text(i, 0));
  return ids;
}

std::vector<DeviceInfo> PostgresAccounts::devices() {
  const pg::Result rows = db_.exec(
      "SELECT device_id, name, enrolled_at_ms, revoked_at_ms, last_contact_at_ms FROM devices"
      " ORDER BY enrolled_at_ms, device_id");
  std::vector<DeviceInfo> devices;
  for (int row = 0; row < rows.rows(); ++row) {
    DeviceInfo device{rows.text(row, 0), rows.text(row, 1), rows.int64(row, 2), std::nullopt,
                      std::nullopt};
    if (!rows.isNull(row, 3)) device.revokedAtMs = rows.int64(row, 3);
    if (!rows.isNull(row, 4)) device.lastContactAtMs = rows.int64(row, 4);
    devices.push_back(std::move(device));
  }
  return devices;
}

bool PostgresAccounts::insertAccountIfAbsent(const phum::v1::Account& account,
                                             std::string_view passwordHash,
                                             std::int64_t createdAtMs) {
  const pg::Result inserted = db_.exec(
      "INSERT INTO accounts (username, display_name, role, scope_code, password_hash,"
      " created_at_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING"
      " RETURNING username",
      pg::Params()
          .text(account.username())
          .text(account.display_name())
          .integer(account.role())
          .text(account.scope_code())
          .text(passwordHash)
          .integer(createdAtMs));
  return inserted.rows() == 1;
}

std::optional<AccountRow> PostgresAccounts::account(std::string_view username) {
  const pg::Result rows =
      db_.exec(lockedIf(writing_,
                        "SELECT username, display_name, role, scope_code, password_hash, disabled"
                        " FROM accounts WHERE username = $1"),
               pg::Params().text(username));
  if (rows.rows() == 0) return std::nullopt;
  AccountRow row;
  readAccount(rows, 0, 0, row.account);
  row.passwordHash = rows.text(0, 4);
  row.disabled = rows.boolean(0, 5);
  return row;
}

void PostgresAccounts::markAccountDisabled(std::string_view username) {
  db_.exec("UPDATE accounts SET disabled = true WHERE username = $1", pg::Params().text(username));
}

void PostgresAccounts::markAccountEnabled(std::string_view username) {
  db_.exec("UPDATE accounts SET disabled = false WHERE username = $1", pg::Params().text(username));
}

void PostgresAccounts::updateAccount(const phum::v1::Account& account) {
  db_.exec("UPDATE accounts SET display_name = $1, role = $2, scope_code = $3 WHERE username = $4",
           pg::Params()
               .text(account.display_name())
               .integer(account.role())
               .text(account.scope_code())
               .text(account.username()));
}

void PostgresAccounts::setPasswordHash(std::string_view username, std::string_view passwordHash) {
  db_.exec("UPDATE accounts SET password_hash = $1 WHERE username = $2",
           pg::Params().text(passwordHash).text(username));
}

std::vector<AccountRecord> PostgresAccounts::accounts() {
  const pg::Result rows = db_.exec(
      "SELECT username, display_name, role, scope_code, disabled FROM accounts"
      " ORDER BY username");
  std::vector<AccountRecord> accounts;
  for (int row = 0; row < rows.rows(); ++row) {
    AccountRecord record;
    readAccount(rows, row, 0, record.account);
    record.disabled = rows.boolean(row, 4);
    accounts.push_back(std::move(record));
  }
  return accounts;
}

void PostgresAccounts::insertSession(std::string_view tokenHash, std::string_view username,
                                     std::string_view deviceId, std::int64_t createdAtMs,
                                     std::int64_t expiresAtMs) {
  db_.exec(
      "INSERT INTO sessions (token_hash, username, device_id, created_at_ms, expires_at_ms)"
      " VALUES ($1, $2, $3, $4, $5)",
      pg::Params()
          .bytes(tokenHash)
          .text(username)
          .text(deviceId)
          .integer(createdAtMs)
          .integer(expiresAtMs));
}

std::optional<SessionRow> PostgresAccounts::session(std::string_view tokenHash) {
  const pg::Result rows = db_.exec(
      "SELECT a.username, a.display_name, a.role, a.scope_code, a.disabled, s.device_id,"
      " s.expires_at_ms FROM sessions s JOIN accounts a ON a.username = s.username"
      " WHERE s.token_hash = $1",
      pg::Params().bytes(tokenHash));
  if (rows.rows() == 0) return std::nullopt;
  SessionRow row;
  readAccount(rows, 0, 0, row.account);
  row.accountDisabled = rows.boolean(0, 4);
  row.deviceId = rows.text(0, 5);
  row.expiresAtMs = rows.int64(0, 6);
  return row;
}

void PostgresAccounts::deleteSessionsOfDevice(std::string_view deviceId) {
  db_.exec("DELETE FROM sessions WHERE device_id = $1", pg::Params().text(deviceId));
}

void PostgresAccounts::deleteSessionsOfAccount(std::string_view username) {
  db_.exec("DELETE FROM sessions WHERE username = $1", pg::Params().text(username));
}

std::optional<SignInWindow> PostgresAccounts::signInWindow(std::string_view kind,
                                                           std::string_view key) {
  const pg::Result rows = db_.exec(
      "SELECT window_start_ms, failures FROM sign_in_failures WHERE kind = $1 AND key = $2",
      pg::Params().text(kind).text(key));
  if (rows.rows() == 0) return std::nullopt;
  return SignInWindow{rows.int64(0, 0), static_cast<int>(rows.int64(0, 1))};
}

void PostgresAccounts::countSignInFailure(std::string_view kind, std::string_view key,
                                          std::int64_t nowMs, std::int64_t windowMs) {
  db_.exec("DELETE FROM sign_in_failures WHERE window_start_ms <= $1",
           pg::Params().integer(nowMs - windowMs));
  db_.exec(
      "INSERT INTO sign_in_failures (kind, key, window_start_ms, failures) VALUES ($1, $2, $3, 1) "
      "ON CONFLICT (kind, key) DO UPDATE SET "
      "  failures = CASE WHEN sign_in_failures.window_start_ms + $4 <= excluded.window_start_ms "
      "             THEN 1 ELSE sign_in_failures.failures + 1 END, "
      "  window_start_ms = CASE WHEN sign_in_failures.window_start_ms + $4 <= "
      "excluded.window_start_ms "
      "                    THEN excluded.window_start_ms ELSE sign_in_failures.window_start_ms END",
      pg::Params().text(kind).text(key).integer(nowMs).integer(windowMs));
}

void PostgresAccounts::clearSignInFailures(std::string_view kind, std::string_view key) {
  db_.exec("DELETE FROM sign_in_failures WHERE kind = $1 AND key = $2",
           pg::Params().text(kind).text(key));
}

}  // namespace phum::server::storage
