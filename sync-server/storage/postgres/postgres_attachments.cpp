// Attachments of the PostgreSQL adapter: upload state in `attachments`, bytes in
// `attachment_chunks` (one row per confirmed chunk, written in the same transaction as the offset
// that confirms it, so a confirmed offset never points past stored bytes and a cut request leaves
// nothing behind).
//
// Several server instances share the database, so an in-process mutex would protect nothing. An
// upload's lock is taken inside its transaction: a transaction-level advisory lock on the
// attachment's key (it also covers the first chunk, when no row exists yet to lock), then the
// row itself FOR UPDATE, which is what the sweep's DELETE waits on. Both end with COMMIT.
#include <sodium.h>

#include "core/clock.h"
#include "storage/postgres/postgres_tables.h"

namespace phum::server::storage {

UploadState PostgresAttachments::upload(std::string_view uuid, std::string_view name) {
  if (writing_) {
    // hashtextextended spreads (uuid, name) over the 64-bit advisory key space; a collision only
    // makes two unrelated uploads take turns.
    db_.exec("SELECT pg_advisory_xact_lock(hashtextextended(encode($1, 'hex') || '/' || $2, 1))",
             pg::Params().bytes(uuid).text(name));
  }
  const std::string query =
      "SELECT confirmed_offset, complete, size, sha256, mask_nonce FROM attachments"
      " WHERE uuid = $1 AND name = $2" +
      std::string(writing_ ? " FOR UPDATE" : "");
  const pg::Result upload = db_.exec(query, pg::Params().bytes(uuid).text(name));
  UploadState state;
  if (upload.rows() == 1) {
    state.offset = static_cast<std::uint64_t>(upload.int64(0, 0));
    state.complete = upload.boolean(0, 1);
    state.size = static_cast<std::uint64_t>(upload.int64(0, 2));
    if (!upload.isNull(0, 3)) state.sha256 = upload.bytes(0, 3);
    if (!upload.isNull(0, 4)) state.maskNonce = upload.bytes(0, 4);
  }
  return state;
}

void PostgresAttachments::recordOffset(std::string_view uuid, std::string_view name,
                                       std::uint64_t offset) {
  db_.exec(
      "INSERT INTO attachments (uuid, name, confirmed_offset, updated_at_ms)"
      " VALUES ($1, $2, $3, $4) ON CONFLICT (uuid, name) DO UPDATE SET"
      " confirmed_offset = excluded.confirmed_offset, complete = false, size = 0,"
      " sha256 = NULL, updated_at_ms = excluded.updated_at_ms",
      pg::Params()
          .bytes(uuid)
          .text(name)
          .integer(static_cast<std::int64_t>(offset))
          .integer(nowMillis()));
}

void PostgresAttachments::append(std::string_view uuid, std::string_view name, std::uint64_t offset,
                                 std::string_view bytes) {
  recordOffset(uuid, name, offset + bytes.size());
  // Nothing unconfirmed can lie past the offset (chunks commit with it), but a restart or an
  // earlier bug must never leave a stale chunk to be counted twice.
  db_.exec("DELETE FROM attachment_chunks WHERE uuid = $1 AND name = $2 AND chunk_offset >= $3",
           pg::Params().bytes(uuid).text(name).integer(static_cast<std::int64_t>(offset)));
  if (!bytes.empty()) {
    db_.exec(
        "INSERT INTO attachment_chunks (uuid, name, chunk_offset, data) VALUES ($1, $2, $3, $4)",
        pg::Params()
            .bytes(uuid)
            .text(name)
            .integer(static_cast<std::int64_t>(offset))
            .bytes(bytes));
  }
}

HeldBytes PostgresAttachments::measure(std::string_view uuid, std::string_view name) {
  HeldBytes held;
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);
  // A few chunks per round trip keeps memory bounded for a 50 MiB photo.
  for (;;) {
    const pg::Result chunks = db_.exec(
        "SELECT data FROM attachment_chunks WHERE uuid = $1 AND name = $2"
        " AND chunk_offset >= $3 ORDER BY chunk_offset LIMIT 8",
        pg::Params().bytes(uuid).text(name).integer(static_cast<std::int64_t>(held.size)));
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

void PostgresAttachments::markComplete(std::string_view uuid, std::string_view name,
                                       const HeldBytes& verified) {
  db_.exec(
      "UPDATE attachments SET confirmed_offset = $3, complete = true, size = $3, sha256 = $4,"
      " updated_at_ms = $5 WHERE uuid = $1 AND name = $2",
      pg::Params()
          .bytes(uuid)
          .text(name)
          .integer(static_cast<std::int64_t>(verified.size))
          .bytes(verified.sha256)
          .integer(nowMillis()));
}

void PostgresAttachments::setMaskNonce(std::string_view uuid, std::string_view name,
                                       std::string_view nonce) {
  db_.exec("UPDATE attachments SET mask_nonce = $3 WHERE uuid = $1 AND name = $2",
           pg::Params().bytes(uuid).text(name).bytes(nonce));
}

void PostgresAttachments::restart(std::string_view uuid, std::string_view name) {
  db_.exec("DELETE FROM attachment_chunks WHERE uuid = $1 AND name = $2",
           pg::Params().bytes(uuid).text(name));
  recordOffset(uuid, name, 0);
  setMaskNonce(uuid, name, {});
}

PrunedUploads PostgresAttachments::pruneAbandoned(std::int64_t notAdvancedSinceMs) {
  // A concurrent upload holds its row FOR UPDATE: the DELETE waits for it, then re-checks
  // updated_at_ms on the row as committed and keeps it. Chunks go with ON DELETE CASCADE.
  const pg::Result removed = db_.exec(
      "WITH gone AS (DELETE FROM attachments WHERE NOT complete AND updated_at_ms < $1"
      " RETURNING confirmed_offset) SELECT count(*), coalesce(sum(confirmed_offset), 0)::bigint"
      " FROM gone",
      pg::Params().integer(notAdvancedSinceMs));
  return PrunedUploads{removed.int64(0, 0), static_cast<std::uint64_t>(removed.int64(0, 1))};
}

std::optional<std::string> PostgresAttachments::completeBytes(std::string_view uuid,
                                                              std::string_view name) {
  const pg::Result state =
      db_.exec("SELECT complete FROM attachments WHERE uuid = $1 AND name = $2",
               pg::Params().bytes(uuid).text(name));
  if (state.rows() == 0 || !state.boolean(0, 0)) return std::nullopt;
  return heldBytes(uuid, name);
}

std::string PostgresAttachments::heldBytes(std::string_view uuid, std::string_view name) {
  const pg::Result chunks = db_.exec(
      "SELECT data FROM attachment_chunks WHERE uuid = $1 AND name = $2 ORDER BY chunk_offset",
      pg::Params().bytes(uuid).text(name));
  std::string bytes;
  for (int row = 0; row < chunks.rows(); ++row) bytes += chunks.bytes(row, 0);
  return bytes;
}

}  // namespace phum::server::storage
