#pragma once
// The tablet's local store: records and their outbox in one SQLite file (WAL, versioned schema).
// A record and its outbox entry are written in the same transaction, so a power cut leaves either
// both or neither. Several LocalStore objects may open the same file (e.g. UI thread and sync
// thread); SQLite's WAL and busy timeout serialise the writers.
//
// Used by the app and the sync client.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "phum/v1/form.pb.h"
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
  int lastErrorCode = 0;  // phum::v1::AckReason of a refusal (0: none), to translate lastError
  // phum::v1::ReviewOutcome of the latest review of this revision (0: none); RETURNED means the
  // reviewer sent it back for correction.
  int reviewOutcome = 0;
};

// The records list's filters, applied in SQL (indexes of schema v7), newest first, one page at a
// time: `after` is the last row of the previous page (keyset paging, so page 100 costs what page
// 1 does).
struct RecordQuery {
  std::string author;                // "" = every author
  std::string formId;                // "" = every form
  std::vector<SyncState> states;     // empty = any state
  std::optional<int> reviewOutcome;  // e.g. phum::v1::REVIEW_OUTCOME_RETURNED
  std::string titleContains;         // "" = any title
  std::int64_t updatedFromMs = 0;    // 0 = any time
  struct Position {
    std::int64_t updatedAtMs = 0;
    Uuid uuid;
  };
  std::optional<Position> after;
  int limit = 50;
};

struct OutboxEntry {
  std::int64_t id = 0;
  phum::v1::Record record;
  int attempts = 0;
};

enum class AttachmentUploadState {
  Pending,    // not all bytes confirmed, or not yet verified by the server
  Confirmed,  // the server verified size and SHA-256
};

struct AttachmentInfo {
  Uuid recordUuid;
  std::string name;       // as in the record's attachment answer, e.g. "photo-1.jpg"
  std::string localPath;  // the file on the tablet
  std::uint64_t size = 0;
  std::string sha256;                 // 32 raw bytes
  std::uint64_t confirmedOffset = 0;  // bytes the server confirmed durable
  AttachmentUploadState state = AttachmentUploadState::Pending;
  std::string lastError;  // the last upload problem, for display
  // Refused by the server as sealed to a key it does not have (422 unknown_sealing_key): the key
  // id the photo names, and the fingerprint of the tablet's sealing_keys dataset at that moment.
  // The upload waits until that dataset changes (the administrator restored the key file).
  std::string heldForKeyId;
  std::string heldForKeys;
};

// What removeConfirmedRecords removed: records (with their outbox rows, attachment rows and review
// decisions) and attachment files; `problems` names files that could not be deleted (their rows
// are gone and what is in them is encrypted with the tablet's data key).
struct RetentionReport {
  int records = 0;
  int files = 0;
  int clearCopies = 0;  // clear copies of sealed photos removed (removeConfirmedRecords)
  int partFiles = 0;    // unfinished writes ("*.part") a crash left in the photo folders
  std::vector<std::string> problems;
};

// How long a record the server confirmed stays on the tablet by default.
inline constexpr std::int64_t kDefaultRetentionMs = 30LL * 24 * 60 * 60 * 1000;

// What waits in the outbox (queued, failed or sending), for a sync's progress: how many records
// and their encoded size.
struct OutboxSize {
  int records = 0;
  std::uint64_t bytes = 0;
};

struct OutboxCounts {
  int queued = 0;
  int sending = 0;
  int sent = 0;
  int failed = 0;
  int rejected = 0;
};

// An interview not finalized yet, saved as each answer is given so that a crash or a flat battery
// loses nothing. The answers are ONE opaque blob (a serialized phum.v1.AnswerSet, to be encrypted
// with a data key later); the other members are what lists and reopening need, never answers.
struct Draft {
  Uuid id;
  Uuid recordUuid;                     // the record it becomes (a new one) or corrects
  std::uint32_t correctsRevision = 0;  // 0: a new record; else the revision it was opened from
  std::string formId;
  std::string formVersion;  // the version it was started with, kept when a newer one arrives
  std::string author;
  std::string page;  // where the user was, as the app names its pages
  std::int64_t createdAtMs = 0;
  std::int64_t updatedAtMs = 0;
  // Serialized phum.v1.AnswerSet; the app may append its DraftNotes (proto/phum/v1/draft.proto).
  std::string answers;
};

// What this tablet's store holds and how many bytes of it, for the settings screen. Bytes are the
// stored sizes (record and draft bodies, attachment files, cached forms and reference rows), not
// the database file's pages.
struct StorageUsage {
  std::int64_t records = 0;
  std::int64_t recordBytes = 0;
  std::int64_t drafts = 0;
  std::int64_t draftBytes = 0;
  std::int64_t photos = 0;  // attachments: photos and other files
  std::int64_t photoBytes = 0;
  std::int64_t referenceRows = 0;
  std::int64_t referenceBytes = 0;  // reference data and form definitions
  std::int64_t forms = 0;
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

  // The outbox, as the sync client works through it.
  // Oldest first, at most `limit`, state Queued or Failed (never Rejected or Sent).
  virtual std::vector<OutboxEntry> pendingOutbox(int limit) const = 0;
  virtual void markSending(const std::vector<std::int64_t>& outboxIds) = 0;
  // Sent only after the server's ack for that uuid+revision.
  virtual void markSent(const Uuid& uuid, std::uint32_t revision) = 0;
  // The outcome of one server ack, for applyAcks.
  struct AckOutcome {
    Uuid uuid;
    std::uint32_t revision = 0;
    bool sent = false;  // accepted or duplicate; otherwise rejected with `reason`
    std::string reason;
    int reasonCode = 0;  // phum::v1::AckReason of a refusal (0: none given)
  };
  // Applies a whole batch's acks in ONE transaction (one fsync per batch, not per record).
  virtual void applyAcks(const std::vector<AckOutcome>& outcomes) = 0;
  virtual void markRejected(const Uuid& uuid, std::uint32_t revision,
                            const std::string& reason) = 0;
  // A retryable failure for these entries (back to the queue, attempts+1, error kept for display).
  virtual void markFailed(const std::vector<std::int64_t>& outboxIds, const std::string& error) = 0;
  virtual OutboxCounts outboxCounts() const = 0;

  virtual int schemaVersion() const = 0;
  // The id of the tablet data key this store encrypts with (shared/crypto), for files kept beside
  // it (photos); "" while the store is not protected (no user has signed in since encryption).
  virtual std::string dataKeyId() const = 0;

  // Retry scheduling, which survives an app restart.
  // In one transaction: picks up to `limit` entries like pendingOutbox, skipping Failed entries
  // whose backoff has not passed at `nowMs`, and marks them Sending. Unlike pendingOutbox followed
  // by markSending, an edit saved in between cannot slip a different body under the same revision.
  // `author` non-empty: only that user's records (the server refuses records of another author
  // than the signed-in one, so on a shared tablet each user's session sends their own).
  virtual std::vector<OutboxEntry> claimOutbox(int limit, std::int64_t nowMs,
                                               const std::string& author = {}) = 0;
  // outboxCounts() for one author's records (empty: all).
  virtual OutboxCounts outboxCountsFor(const std::string& author) const = 0;
  // markFailed that also stores when the entries may be tried again (Unix epoch ms).
  virtual void markFailed(const std::vector<std::int64_t>& outboxIds, const std::string& error,
                          std::int64_t nextAttemptAtMs) = 0;
  // Back to Queued with no backoff: the batch was refused for a reason that is not the records'
  // fault (sign-in expired, device revoked, malformed request). The error is kept for display.
  virtual void markQueued(const std::vector<std::int64_t>& outboxIds, const std::string& error) = 0;
  // Entries left in Sending by a crash or kill before `sendingBeforeMs` go back to Queued, so
  // nothing is stranded (they are re-sent and the server deduplicates). Returns how many.
  virtual int requeueInterruptedSends(std::int64_t sendingBeforeMs) = 0;
  // Earliest time a Failed entry may be retried; nullopt when none is waiting.
  virtual std::optional<std::int64_t> nextAttemptAtMs() const = 0;

  // Key/value sync state (change-feed cursor, device credentials, server quirks).
  virtual std::optional<std::string> syncValue(const std::string& key) const = 0;
  virtual void setSyncValue(const std::string& key, const std::string& value) = 0;

  // The change feed's local side (forms, reference data, reviews).
  // The server filters the feed by the signed-in user (reviews go to the record's author), so
  // each user of a shared tablet has a cursor of their own; `username` empty is the device
  // cursor, which --open mode (no user) pulls with. The device cursor also says through which
  // seq the changes every user receives (forms, reference deltas, revocations) are applied.
  //
  // Applies a page pulled from changeCursor(username) with that user's session and stores their
  // cursor = batch.next_cursor(), in ONE transaction. Changes for every user at or below the
  // device cursor were applied already and are skipped (an old reference delta never overwrites
  // a newer one); reviews are always kept. The device cursor moves to the page's end if that is
  // further. Never touches records or the outbox (downloads never overwrite unsynced edits).
  virtual void applyChanges(const phum::v1::ChangeBatch& batch,
                            const std::string& username = {}) = 0;
  // Where `username`'s next pull starts (0 for a user who never pulled on this tablet).
  virtual std::uint64_t changeCursor(const std::string& username = {}) const = 0;
  // After 412 full_refresh_required for the device cursor: drops cached forms, reference data
  // and reviews (never records) and sets the device cursor and every user's cursor to 0, in one
  // transaction (no user may keep a cursor past changes the tablet no longer has).
  virtual void resetChangeFeed() = 0;
  // After 412 for a user whose cursor is older than the retained feed while the device cursor is
  // still served: that user pulls again from 0; the caches stay (the changes for every user are
  // skipped up to the device cursor, the user's retained reviews come again).
  virtual void restartChangeCursor(const std::string& username) = 0;
  virtual std::vector<phum::v1::FormDefinition> formDefinitions() const = 0;
  virtual std::vector<phum::v1::ReferenceRow> referenceRows(const std::string& dataset) const = 0;
  virtual std::vector<phum::v1::ReviewDecision> reviewDecisions(const Uuid& recordUuid) const = 0;

  // Attachments (photos and other files), uploaded after their record.
  // The record's answer of type attachment holds `name`; the file stays at `localPath`. Adding the
  // same (record, name) again with another size or hash starts its upload again from 0. Throws
  // StorageError if the record is not in this store.
  virtual void addAttachment(const AttachmentInfo& attachment) = 0;
  virtual std::vector<AttachmentInfo> attachments(const Uuid& recordUuid) const = 0;
  // Attachments not yet confirmed whose record the server has acked (some revision Sent), oldest
  // first; `author` non-empty: only that user's records.
  virtual std::vector<AttachmentInfo> pendingAttachments(int limit,
                                                         const std::string& author = {}) const = 0;
  // Stores the offset the server confirmed (0 after a hash mismatch) and the last error if any.
  virtual void setAttachmentProgress(const Uuid& recordUuid, const std::string& name,
                                     std::uint64_t confirmedOffset, const std::string& error) = 0;
  // The server refused the photo as sealed to key `keyId`, which it does not have: the upload
  // starts again from 0 once the sealing keys (fingerprint `keysFingerprint`) change; `error`
  // stays for display. The attachment stays Pending, its record on the tablet.
  virtual void holdAttachment(const Uuid& recordUuid, const std::string& name,
                              const std::string& keyId, const std::string& keysFingerprint,
                              const std::string& error) = 0;
  // The server verified size and SHA-256: the attachment is Confirmed.
  virtual void markAttachmentConfirmed(const Uuid& recordUuid, const std::string& name) = 0;
  // A record counts as complete when the server acked it and confirmed all its attachments.
  virtual bool recordComplete(const Uuid& recordUuid) const = 0;

  // Drafts: interviews not finalized yet.
  // Inserts or replaces the draft, in one transaction. Throws StorageError.
  virtual void saveDraft(const Draft& draft) = 0;
  virtual std::optional<Draft> findDraft(const Uuid& id) const = 0;
  // `author`'s drafts, most recently changed first: on a shared tablet each user sees their own.
  virtual std::vector<Draft> listDrafts(const std::string& author) const = 0;
  // `author`'s draft correcting the record `recordUuid`, if one is open.
  virtual std::optional<Draft> draftForRecord(const Uuid& recordUuid,
                                              const std::string& author) const = 0;
  virtual bool deleteDraft(const Uuid& id) = 0;  // false when there was no such draft
  // saveRecord(record) and the removal of the draft in ONE transaction: a crash leaves either the
  // draft or the queued record, never both and never neither. Returns the stored record.
  virtual phum::v1::Record finalizeDraft(const Uuid& draftId, phum::v1::Record record) = 0;

  // The records list (local_store_queries.cpp).
  // Titles come from the form's instance_name when the app gives one (finalizeDraft with a
  // title); otherwise the store derives one from the usual name fields.
  // The record's attachments (their recordUuid taken from the stored record) are added in the same
  // transaction: a tablet that dies while finalizing never keeps a record without its photos' rows.
  virtual phum::v1::Record finalizeDraft(const Uuid& draftId, phum::v1::Record record,
                                         const std::string& title,
                                         std::vector<AttachmentInfo> attachments) = 0;
  // One page of `query`, newest first (updated time, then uuid).
  virtual std::vector<RecordSummary> queryRecords(const RecordQuery& query) const = 0;
  // How many records match `query` (its `after` and `limit` ignored).
  virtual int countRecords(const RecordQuery& query) const = 0;

  // Everything on this tablet, all users together (local_store_usage.cpp).
  virtual StorageUsage storageUsage() const = 0;
  // The outbox entries a sync would send for `author` (empty: all), Failed ones included.
  virtual OutboxSize outboxSizeFor(const std::string& author) const = 0;

  // Retention (local_store_retention.cpp). Removes every record whose current revision the server
  // confirmed at least `retentionMs` before `nowMs` and whose attachments the server all verified,
  // except records returned for correction, records with an open draft, and records with any
  // revision still to send. Rows go in one transaction, then the attachment files. Then removes
  // the clear copy "<photo>" of every sealed photo "<photo>.sealed" a record names once that
  // sealed file is whole (its SHA-256 is the row's): an app killed between storing a finalized
  // record and removing the clear photo leaves it behind.
  virtual RetentionReport removeConfirmedRecords(std::int64_t nowMs, std::int64_t retentionMs) = 0;
};

// sync_state keys shared by the app and the sync client.
// The device's change-feed cursor (decimal text); a user's is changeCursorKey(username).
inline constexpr const char* kChangeCursorKey = "changes.cursor";
inline constexpr const char* kUserChangeCursorPrefix = "changes.cursor/";
inline std::string changeCursorKey(const std::string& username) {
  return username.empty() ? std::string(kChangeCursorKey) : kUserChangeCursorPrefix + username;
}
inline constexpr const char* kDeviceIdKey = "device.id";  // from enrolment
// Kept encrypted with the tablet's data key once a user has signed in (store_encryption.h).
inline constexpr const char* kDeviceSecretKey = "device.secret";

}  // namespace phum::store
