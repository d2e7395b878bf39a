#pragma once
// The server's database as the services see it. A Database runs a piece of work with the access
// it asks for (plain reads, one snapshot, or one write transaction) and hands it the tables of each
// concern. An adapter (storage/sqlite, storage/postgres) implements these interfaces with SQL and
// nothing else: which rows to write, in which order, and what a result means is decided by the
// services. Every method may block on disk or network: callers run on the storage pool, never on
// the I/O loop. Failures throw phum::StorageError.
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>

#include "core/errors.h"
#include "storage/account_storage.h"
#include "storage/attachment_storage.h"
#include "storage/audit_storage.h"
#include "storage/catalog_storage.h"
#include "storage/feed_storage.h"
#include "storage/record_storage.h"
#include "storage/report_storage.h"
#include "storage/review_storage.h"

namespace phum::server::storage {

// The tables of one transaction (or, for Access::Read, of one connection without a transaction).
// Valid only inside the Database::run call that handed it out.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual RecordStorage& records() = 0;
  virtual FeedStorage& feed() = 0;
  virtual AccountStorage& accounts() = 0;
  virtual CatalogStorage& catalog() = 0;
  virtual AttachmentStorage& attachments() = 0;
  virtual ReviewStorage& reviews() = 0;
  virtual ReportStorage& reports() = 0;
  virtual AuditStorage& audit() = 0;
};

// How a piece of work reaches the database.
enum class Access {
  // Separate statements, each seeing the newest committed data, without a transaction: single
  // lookups (authentication, listings) that must not wait for a writer.
  Read,
  // Several reads that see one moment of the database (SQLite: a read transaction; PostgreSQL:
  // REPEATABLE READ READ ONLY).
  Snapshot,
  // One write transaction, durable before run() returns and rolled back if the work throws.
  // What the work read stays as read until COMMIT: SQLite holds the database's write lock
  // (phum-admin in another process waits too); PostgreSQL locks the rows that the read methods
  // marked "locks it in a Write" return, and unique keys decide races between server instances.
  Write,
};

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` with `access`. With PostgreSQL, a Write or Snapshot may run `work` again from the
  // start when the database reports a deadlock or a serialization failure (several instances on
  // one database), so `work` decides only from what it reads through the transaction and builds
  // its results anew each time. `work` must not call run() again.
  virtual void run(Access access, const std::function<void(Transaction&)>& work) = 0;
};

// Database::run returning what `work` returns.
template <typename Work>
auto run(Database& db, Access access, Work&& work) {
  using Result = std::invoke_result_t<Work&, Transaction&>;
  if constexpr (std::is_void_v<Result>) {
    db.run(access, [&](Transaction& tx) { work(tx); });
  } else {
    std::optional<Result> result;  // emplaced again when PostgreSQL retries the work
    db.run(access, [&](Transaction& tx) { result.emplace(work(tx)); });
    return std::move(*result);
  }
}

template <typename Work>
auto read(Database& db, Work&& work) {
  return run(db, Access::Read, std::forward<Work>(work));
}

template <typename Work>
auto snapshot(Database& db, Work&& work) {
  return run(db, Access::Snapshot, std::forward<Work>(work));
}

template <typename Work>
auto write(Database& db, Work&& work) {
  return run(db, Access::Write, std::forward<Work>(work));
}

}  // namespace phum::server::storage
