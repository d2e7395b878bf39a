// PostgresStore's attachments: upload state in `attachments`, bytes in `attachment_chunks` (one
// row per confirmed chunk, written in the same transaction as the offset that confirms it, so a
// confirmed offset never points past stored bytes and a cut request leaves nothing behind).
//
// Several server instances share the database, so an in-process mutex would protect nothing. An
// upload's lock is taken inside its transaction: a transaction-level advisory lock on the
// attachment's key (it also covers the first chunk, when no row exists yet to lock), then the
// row itself FOR UPDATE, which is what the sweep's DELETE waits on. Both end with COMMIT.
#include <sodium.h>

#include "core/clock.h"
#include "storage/postgres/postgres_database.h"

namespace phum::server {
namespace {

AttachmentState readState(pg::Connection& db, const std::string& uuidBytes, const std::string& name,
                          bool lockRow) {
  AttachmentState state;
  const pg::Result record =
      db.exec("SELECT author FROM records WHERE uuid = $1 ORDER BY revision DESC LIMIT 1",
              pg::Params().bytes(uuidBytes));
  if (record.rows() == 1) {
    state.recordKnown = true;
    state.recordAuthor = record.text(0, 0);
  }
  const std::string query =
      "SELECT confirmed_offset, complete, size, sha256 FROM attachments"
      " WHERE uuid = $1 AND name = $2" +
      std::string(lockRow ? " FOR UPDATE" : "");
  const pg::Result upload = db.exec(query, pg::Params().bytes(uuidBytes).text(name));
  if (upload.rows() == 1) {
    state.offset = static_cast<std::uint64_t>(upload.int64(0, 0));
    state.complete = upload.boolean(0, 1);
    state.size = static_cast<std::uint64_t>(upload.int64(0, 2));
    if (!upload.isNull(0, 3)) state.sha256 = upload.bytes(0, 3);
  }
  return state;
}

void recordOffset(pg::Connection& db, const std::string& uuidBytes, const std::string& name,
                  std::uint64_t offset) {
  db.exec(
      "INSERT INTO attachments (uuid, name, confirmed_offset, updated_at_ms)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT (uuid, name) DO UPDATE SET"
      " confirmed_offset = excluded.confirmed_offset, complete = false, size = 0,"
      " sha256 = NULL, updated_at_ms = excluded.updated_at_ms",
      pg::Params()
          .bytes(uuidBytes)
          .text(name)
          .integer(static_cast<std::int64_t>(offset))
          .integer(nowMillis()));
}

// One upload inside PostgresStore::withUpload's transaction.
class PostgresUpload : public AttachmentUpload {
 public:
  PostgresUpload(pg::Connection& db, const std::string& uuidBytes, const std::string& name)
      : db_(db), uuidBytes_(uuidBytes), name_(name) {
    // hashtextextended spreads (uuid, name) over the 64-bit advisory key space; a collision only
    // makes two unrelated uploads take turns.
    db_.exec("SELECT pg_advisory_xact_lock(hashtextextended(encode($1, 'hex') || '/' || $2, 1))",
             pg::Params().bytes(uuidBytes_).text(name_));
    state_ = readState(db_, uuidBytes_, name_, true);
  }

  const AttachmentState& state() const override { return state_; }

  void append(std::string_view bytes) override {
    recordOffset(db_, uuidBytes_, name_, state_.offset + bytes.size());
    // Nothing unconfirmed can lie past the offset (chunks commit with it), but a restart or an
    // earlier bug must never leave a stale chunk to be counted twice.
    db_.exec("DELETE FROM attachment_chunks WHERE uuid = $1 AND name = $2 AND chunk_offset >= $3",
             pg::Params()
                 .bytes(uuidBytes_)
                 .text(name_)
                 .integer(static_cast<std::int64_t>(state_.offset)));
    if (!bytes.empty()) {
      db_.exec(
          "INSERT INTO attachment_chunks (uuid, name, chunk_offset, data) VALUES ($1, $2, $3, $4)",
          pg::Params()
              .bytes(uuidBytes_)
              .text(name_)
              .integer(static_cast<std::int64_t>(state_.offset))
              .bytes(bytes));
    }
    state_.offset += bytes.size();
  }

  HeldBytes measure() override {
    HeldBytes held;
    crypto_hash_sha256_state hash;
    crypto_hash_sha256_init(&hash);
    // A few chunks per round trip keeps memory bounded for a 50 MiB photo.
    for (;;) {
      const pg::Result chunks = db_.exec(
          "SELECT data FROM attachment_chunks WHERE uuid = $1 AND name = $2"
          " AND chunk_offset >= $3 ORDER BY chunk_offset LIMIT 8",
          pg::Params().bytes(uuidBytes_).text(name_).integer(static_cast<std::int64_t>(held.size)));
      for (int row = 0; row < chunks.rows(); ++row) {
        const std::string data = chunks.bytes(row, 0);
        crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(data.data()),
                                  data.size());
        held.size += data.size();
      }
      if (chunks.rows() < 8) break;
    }
    held.sha256.assign(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256_final(&hash, reinterpret_cast<unsigned char*>(held.sha256.data()));
    return held;
  }

  void complete(const HeldBytes& verified) override {
    db_.exec(
        "UPDATE attachments SET confirmed_offset = $3, complete = true, size = $3, sha256 = $4,"
        " updated_at_ms = $5 WHERE uuid = $1 AND name = $2",
        pg::Params()
            .bytes(uuidBytes_)
            .text(name_)
            .integer(static_cast<std::int64_t>(verified.size))
            .bytes(verified.sha256)
            .integer(nowMillis()));
    state_.offset = state_.size = verified.size;
    state_.sha256 = verified.sha256;
    state_.complete = true;
  }

  void restart() override {
    db_.exec("DELETE FROM attachment_chunks WHERE uuid = $1 AND name = $2",
             pg::Params().bytes(uuidBytes_).text(name_));
    recordOffset(db_, uuidBytes_, name_, 0);
    state_.offset = 0;
  }

 private:
  pg::Connection& db_;
  std::string uuidBytes_;
  std::string name_;
  AttachmentState state_;
};

}  // namespace

AttachmentStore& PostgresStore::attachments() { return *this; }

AttachmentState PostgresStore::uploadState(const std::string& uuidBytes,
                                           const std::string& name) const {
  auto db = pool_.acquire();
  return readState(*db, uuidBytes, name, false);
}

void PostgresStore::withUpload(const std::string& uuidBytes, const std::string& name,
                               const std::function<void(AttachmentUpload&)>& work) {
  pg::inTransaction(pool_, [&](pg::Connection& db) {
    PostgresUpload upload(db, uuidBytes, name);
    work(upload);
  });
}

PrunedUploads PostgresStore::pruneAbandoned(std::int64_t notAdvancedSinceMs) {
  // A concurrent upload holds its row FOR UPDATE: the DELETE waits for it, then re-checks
  // updated_at_ms on the row as committed and keeps it. Chunks go with ON DELETE CASCADE.
  return pg::inTransaction(pool_, [&](pg::Connection& db) {
    const pg::Result removed = db.exec(
        "WITH gone AS (DELETE FROM attachments WHERE NOT complete AND updated_at_ms < $1"
        " RETURNING confirmed_offset) SELECT count(*), coalesce(sum(confirmed_offset), 0)::bigint"
        " FROM gone",
        pg::Params().integer(notAdvancedSinceMs));
    return PrunedUploads{removed.int64(0, 0), static_cast<std::uint64_t>(removed.int64(0, 1))};
  });
}

}  // namespace phum::server
