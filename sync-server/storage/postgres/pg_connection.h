#pragma once
// A thin RAII layer over libpq for the PostgreSQL server store. Every failing call throws
// PgError (a StorageError) naming the statement and PostgreSQL's message, so no error is ignored.
// Parameters go as text, except byte strings which go as binary; results come back in binary.
#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/errors.h"

namespace phum::server::pg {

class PgError : public StorageError {
 public:
  PgError(const std::string& message, std::string sqlState)
      : StorageError(message, transientState(sqlState)), sqlState_(std::move(sqlState)) {}
  const std::string& sqlState() const { return sqlState_; }
  // Serialization failure or deadlock: running the whole transaction again is safe.
  bool retryable() const { return sqlState_ == "40001" || sqlState_ == "40P01"; }
  // Conditions a client may wait out: connection problems (class 08), serialization failure,
  // deadlock, too many connections, the server shutting down or starting.
  static bool transientState(const std::string& sqlState) {
    return sqlState.starts_with("08") || sqlState == "40001" || sqlState == "40P01" ||
           sqlState == "53300" || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03";
  }

 private:
  std::string sqlState_;
};

// Query parameters in order ($1, $2, ...).
class Params {
 public:
  Params& text(std::string_view value);
  Params& bytes(std::string_view value);
  Params& integer(std::int64_t value);
  Params& null();
  // One-dimensional arrays in PostgreSQL's binary array format, for `unnest($1::bytea[], ...)`:
  // a whole batch of rows in one statement instead of one round trip per row.
  Params& byteArray(const std::vector<std::string_view>& values);
  Params& textArray(const std::vector<std::string_view>& values);
  Params& integerArray(const std::vector<std::int64_t>& values);

 private:
  Params& binary(std::string value);
  friend class Connection;
  std::vector<std::string> values_;
  std::vector<int> formats_;
  std::vector<bool> nulls_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool isNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::int64_t int64(int row, int column) const;  // int2/int4/int8 columns
  bool boolean(int row, int column) const;
  std::string bytes(int row, int column) const;  // bytea or text, raw
  // The same bytes without a copy, valid as long as this Result.
  std::string_view bytesView(int row, int column) const;
  std::string text(int row, int column) const { return bytes(row, column); }

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

class Connection {
 public:
  // Connects with a libpq connection string ("" uses the PG* environment variables).
  explicit Connection(const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement (prepared once per connection). Throws PgError on failure.
  Result exec(const std::string& sql, const Params& params = {});
  // Runs one statement as libpq's unnamed statement: planned with these values every time. For
  // a statement whose best plan depends on them (the queue's filters), which a prepared
  // statement may swap for a generic plan, blind to the values, after five runs.
  Result execPlannedWithValues(const std::string& sql, const Params& params);
  // Runs a script of statements without parameters (migrations); returns the command tag of
  // the last one (e.g. "COMMIT", or "ROLLBACK" when PostgreSQL had already aborted).
  std::string script(const std::string& sql);
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  std::string describe() const;  // "PostgreSQL database D on H:P" for error messages

 private:
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql -> statement name
};

// Connections shared by the storage threads. The mutex only hands connections out; correctness
// between server instances rests on PostgreSQL's constraints and transactions.
class Pool {
 public:
  explicit Pool(std::string conninfo) : conninfo_(std::move(conninfo)) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() { pool_.giveBack(std::move(connection_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  Lease acquire();

 private:
  void giveBack(std::unique_ptr<Connection> connection);
  std::string conninfo_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// BEGIN .. COMMIT on one connection; rolls back if destroyed before commit().
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

// Runs `body` in a transaction, again (a few times) if PostgreSQL reports a deadlock or a
// serialization failure, which two server instances on one database can cause.
template <typename Body>
auto inTransaction(Pool& pool, Body&& body) {
  for (int attempt = 1;; ++attempt) {
    auto connection = pool.acquire();
    try {
      Transaction tx(*connection);
      if constexpr (std::is_void_v<decltype(body(*connection))>) {
        body(*connection);
        tx.commit();
        return;
      } else {
        auto result = body(*connection);
        tx.commit();
        return result;
      }
    } catch (const PgError& e) {
      if (!e.retryable() || attempt >= 5) throw;
    }
  }
}

}  // namespace phum::server::pg
