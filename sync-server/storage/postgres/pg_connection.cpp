#include "storage/postgres/pg_connection.h"

#include <endian.h>

#include <cstring>

#include "common/redaction.h"

namespace phum::server::pg {
namespace {

// Type OIDs from PostgreSQL's pg_type.h (stable since forever).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kByteaOid = 17;
constexpr Oid kTextOid = 25;

void appendInt32(std::string& out, std::uint32_t value) {
  const std::uint32_t big = htobe32(value);
  out.append(reinterpret_cast<const char*>(&big), sizeof big);
}

// Header of a one-dimensional array without NULLs (PostgreSQL's array_recv format).
std::string arrayHeader(Oid elementType, std::size_t count) {
  std::string out;
  appendInt32(out, count == 0 ? 0 : 1);  // dimensions: an empty array has none
  appendInt32(out, 0);                   // no NULL elements
  appendInt32(out, elementType);
  if (count > 0) {
    appendInt32(out, static_cast<std::uint32_t>(count));
    appendInt32(out, 1);  // lower bound
  }
  return out;
}

std::string rawArray(Oid elementType, const std::vector<std::string_view>& values) {
  std::string out = arrayHeader(elementType, values.size());
  for (const auto value : values) {
    appendInt32(out, static_cast<std::uint32_t>(value.size()));
    out.append(value);
  }
  return out;
}

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string firstWords(const std::string& sql) {
  const std::string flat = sql.substr(0, 60);
  return flat.size() < sql.size() ? flat + "..." : flat;
}

void checkResult(PGconn* conn, PGresult* result, const std::string& sql) {
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  PQclear(result);
  // A lost connection has no SQLSTATE from the server: name it as one (class 08).
  std::string sqlState = state ? state : "";
  if (sqlState.empty() && PQstatus(conn) == CONNECTION_BAD) sqlState = "08006";
  throw PgError("PostgreSQL refused \"" + firstWords(sql) + "\": " + message, sqlState);
}

}  // namespace

Params& Params::text(std::string_view value) {
  values_.emplace_back(value);
  formats_.push_back(0);
  nulls_.push_back(false);
  return *this;
}

Params& Params::bytes(std::string_view value) {
  values_.emplace_back(value);
  formats_.push_back(1);
  nulls_.push_back(false);
  return *this;
}

Params& Params::integer(std::int64_t value) { return text(std::to_string(value)); }

Params& Params::binary(std::string value) {
  values_.push_back(std::move(value));
  formats_.push_back(1);
  nulls_.push_back(false);
  return *this;
}

Params& Params::byteArray(const std::vector<std::string_view>& values) {
  return binary(rawArray(kByteaOid, values));
}

Params& Params::textArray(const std::vector<std::string_view>& values) {
  return binary(rawArray(kTextOid, values));
}

Params& Params::integerArray(const std::vector<std::int64_t>& values) {
  std::string out = arrayHeader(kInt8Oid, values.size());
  for (const std::int64_t value : values) {
    appendInt32(out, 8);
    const std::uint64_t big = htobe64(static_cast<std::uint64_t>(value));
    out.append(reinterpret_cast<const char*>(&big), sizeof big);
  }
  return binary(std::move(out));
}

Params& Params::null() {
  values_.emplace_back();
  formats_.push_back(0);
  nulls_.push_back(true);
  return *this;
}

std::int64_t Result::int64(int row, int column) const {
  const char* value = PQgetvalue(result_.get(), row, column);
  switch (PQftype(result_.get(), column)) {
    case kInt8Oid: {
      std::uint64_t raw = 0;
      std::memcpy(&raw, value, sizeof raw);
      return static_cast<std::int64_t>(be64toh(raw));
    }
    case kInt4Oid: {
      std::uint32_t raw = 0;
      std::memcpy(&raw, value, sizeof raw);
      return static_cast<std::int32_t>(be32toh(raw));
    }
    case kInt2Oid: {
      std::uint16_t raw = 0;
      std::memcpy(&raw, value, sizeof raw);
      return static_cast<std::int16_t>(be16toh(raw));
    }
    default:
      throw StorageError("PostgreSQL column " + std::to_string(column) +
                         " is not an integer (a bug in the server's SQL)");
  }
}

bool Result::boolean(int row, int column) const {
  if (PQftype(result_.get(), column) != kBoolOid) {
    throw StorageError("PostgreSQL column " + std::to_string(column) +
                       " is not a boolean (a bug in the server's SQL)");
  }
  return PQgetvalue(result_.get(), row, column)[0] != 0;
}

std::string Result::bytes(int row, int column) const { return std::string(bytesView(row, column)); }

std::string_view Result::bytesView(int row, int column) const {
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

Connection::Connection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (conn_ == nullptr) throw StorageError("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    // The connection string may hold a password, and libpq's message may quote parts of it.
    throw PgError(
        redactSecrets("cannot connect to PostgreSQL (" +
                      (conninfo.empty() ? std::string("PG* environment variables") : conninfo) +
                      "): " + message),
        "08001");
  }
  // Our own messages name the problem; PostgreSQL's NOTICEs would only clutter the server log.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

std::string Connection::describe() const {
  return std::string("PostgreSQL database ") + PQdb(conn_) + " on " + PQhost(conn_) + ":" +
         PQport(conn_);
}

Result Connection::exec(const std::string& sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    checkResult(conn_, PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql);
    found = prepared_.emplace(sql, name).first;
  }
  const std::size_t count = params.values_.size();
  std::vector<const char*> values(count);
  std::vector<int> lengths(count);
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = params.nulls_[i] ? nullptr : params.values_[i].data();
    lengths[i] = static_cast<int>(params.values_[i].size());
  }
  PGresult* result =
      PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(count), values.data(),
                     lengths.data(), params.formats_.data(), /*resultFormat=*/1);
  checkResult(conn_, result, sql);
  return Result(result);
}

Result Connection::execPlannedWithValues(const std::string& sql, const Params& params) {
  const std::size_t count = params.values_.size();
  std::vector<const char*> values(count);
  std::vector<int> lengths(count);
  for (std::size_t i = 0; i < count; ++i) {
    values[i] = params.nulls_[i] ? nullptr : params.values_[i].data();
    lengths[i] = static_cast<int>(params.values_[i].size());
  }
  PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(count), nullptr,
                                  values.data(), lengths.data(), params.formats_.data(),
                                  /*resultFormat=*/1);
  checkResult(conn_, result, sql);
  return Result(result);
}

std::string Connection::script(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  checkResult(conn_, result, sql);
  const std::string tag = PQcmdStatus(result);
  PQclear(result);
  return tag;
}

Pool::Lease Pool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
  }
  return Lease(*this, std::make_unique<Connection>(conninfo_));
}

void Pool::giveBack(std::unique_ptr<Connection> connection) {
  if (!connection || !connection->healthy()) return;  // a broken connection is dropped
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.script("BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    connection_.script("ROLLBACK");
  } catch (const StorageError&) {
    // The connection is broken; the pool drops it and PostgreSQL aborts the transaction itself.
  }
}

void Transaction::commit() {
  open_ = false;
  if (connection_.script("COMMIT") != "COMMIT") {
    throw PgError("PostgreSQL rolled the transaction back instead of committing it", "40000");
  }
}

}  // namespace phum::server::pg
