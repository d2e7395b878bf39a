#pragma once
// The tablet's local store: records and their outbox in one SQLite file (WAL, versioned schema).
// A record and its outbox entry are written in the same transaction, so a power cut leaves either
// both or neither. Several LocalStore objects may open the same file (e.g. UI thread and sync
// thread); SQLite's WAL and busy timeout serialise the writers.
//
// CONTRACT (used by the app, the sync client and tests). Extend, don't break.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/uuid.h"
#include "phum/v1/record.pb.h"

namespace phum::store {

// Where a record stands in its journey to the server.
enum class SyncState {
  Queued,    // saved, waiting in the outbox
  Sending,   // in a batch on the wire; a crash here leaves it Queued-equivalent (re-sent, deduped)
  Sent,      // the server acked it (accepted or duplicate)
  Failed,    // last attempt hit a retryable error; will be retried with backoff
  Rejected,  // the server refused it permanently; kept with the reason, not retried until edited
};
const char* toString(SyncState state);

struct RecordSummary {
  Uuid uuid;
  std::string formId;
  std::string formVersion;
  std::uint32_t revision = 0;
  std::int64_t createdAtMs = 0;
  std::int64_t updatedAtMs = 0;
  std::string author;
  std::string locationCode;
  std::string title;  // short human label for lists (e.g. the respondent's or household's name)
  SyncState state = SyncState::Queued;
  std::string lastError;  // the server's reason or the network error, for display
};

struct OutboxEntry {
  std::int64_t id = 0;
  phum::v1::Record record;
  int attempts = 0;
};

struct OutboxCounts {
  int queued = 0;
  int sending = 0;
  int sent = 0;
  int failed = 0;
  int rejected = 0;
};

class LocalStore {
 public:
  // Opens (creating if needed) and migrates the database. Throws StorageError naming the path.
  static std::unique_ptr<LocalStore> open(const std::string& path);
  virtual ~LocalStore() = default;

  // Saves a new record or a new revision of an existing one, and queues it, in one transaction.
  // Fills in uuid (if empty), revision, created/updated times. Returns the stored record.
  virtual phum::v1::Record saveRecord(phum::v1::Record record) = 0;

  virtual std::optional<phum::v1::Record> findRecord(const Uuid& uuid) const = 0;
  // Newest first. `author` empty means all authors (shared tablets filter by the signed-in user).
  virtual std::vector<RecordSummary> listRecords(const std::string& author = {}) const = 0;

  // --- Outbox, used by the sync client ---
  // Oldest first, at most `limit`, state Queued or Failed (never Rejected or Sent).
  virtual std::vector<OutboxEntry> pendingOutbox(int limit) const = 0;
  virtual void markSending(const std::vector<std::int64_t>& outboxIds) = 0;
  // Sent only after the server's ack for that uuid+revision.
  virtual void markSent(const Uuid& uuid, std::uint32_t revision) = 0;
  virtual void markRejected(const Uuid& uuid, std::uint32_t revision, const std::string& reason) = 0;
  // A retryable failure for these entries (back to the queue, attempts+1, error kept for display).
  virtual void markFailed(const std::vector<std::int64_t>& outboxIds, const std::string& error) = 0;
  virtual OutboxCounts outboxCounts() const = 0;

  virtual int schemaVersion() const = 0;
};

}  // namespace phum::store
