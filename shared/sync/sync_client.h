#pragma once
// Sends the outbox to the sync server as protobuf PushBatch messages over HTTP (libcurl) and marks
// each record as sent only after the server's ack for that record.
//
// CONTRACT (used by the app, the integration tests and benchmarks). Extend, don't break.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/errors.h"
#include "phum/v1/account.pb.h"
#include "store/local_store.h"

namespace phum::sync {

struct SyncConfig {
  // Base URL; the client posts to /v1/push. https://, or http:// only to this machine (loopback):
  // any other http:// address is refused before connecting (http_client.h insecureUrlProblem).
  std::string serverUrl = "http://127.0.0.1:8470";
  // Who the server must be over HTTPS: a private CA file and/or the key pin an enrolment code
  // carries (http_client.h TlsTrust).
  std::string caFile;
  std::string serverKeyPin;
  std::string deviceId;
  // The first batch's size (docs/sync-protocol.md: start at 50, double after a fast success up to
  // maxBatchSize, halve after a timeout or a cut). Small on purpose: nothing is known about the
  // link yet, and 50 household records are ~25 KB of zstd, a few seconds on 2G, where 200 could
  // run into requestTimeout and be re-sent whole after a cut; a good link reaches 500 in 4 batches.
  int batchSize = 50;
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::milliseconds requestTimeout{60000};

  // Device credential from enrolment and session token from sign-in; each header is sent only when
  // set: `X-Phum-Device: <deviceId>.<deviceSecret>`, `Authorization: Bearer <sessionToken>`.
  std::string deviceSecret;
  std::string sessionToken;
  // The signed-in user. When set, only their records are pushed: the server refuses records whose
  // author is not the signed-in user, and on a shared tablet those must wait for their own author.
  // It also names whose change-feed cursor pullChanges reads and stores (the server filters the
  // feed by the signed-in user); empty: the device cursor (--open mode).
  std::string author;
  int maxBatchSize = 500;  // adaptive batch size never grows past this (batchSize is the start)
  bool compressRequests = true;  // zstd request bodies; turned off for good after a 415
  int changesPageSize = 500;     // `limit` for GET /v1/changes
  // Attachment upload chunk size (the server takes at most 1 MiB). Small chunks lose little when a
  // slow link drops mid-chunk.
  std::size_t attachmentChunkBytes = 64 * 1024;
  // False holds photos back (the user keeps them for unmetered connections and the link is
  // metered); records still go at once, and the photos wait in the store for a later sync.
  bool uploadAttachments = true;
};

// Result of pullChanges().
// The server's error code for a revoked tablet (HTTP 403): permanent; the app erases its data.
inline constexpr const char* kDeviceRevokedCode = "device_revoked";

// Thrown by enrollDevice/signIn when the server says this tablet was revoked.
class DeviceRevokedError : public SyncError {
 public:
  explicit DeviceRevokedError(std::string message)
      : SyncError(ErrorClass::Permanent, std::move(message), 403) {}
};

struct PullReport {
  int applied = 0;           // changes applied to the local caches
  std::uint64_t cursor = 0;  // the stored cursor afterwards
  bool fullRefresh = false;  // the server answered 412 and the caches were rebuilt from 0
  // The server answered 412 for this user's cursor only (the device cursor is still served): the
  // user pulled again from 0 and the caches were kept.
  bool cursorRestarted = false;
  bool complete = false;  // true when the feed was read to its end
  std::string error;      // empty on success
  bool retryable = true;
  bool deviceRevoked = false;  // the server answered 403 device_revoked (permanent)
};

struct SyncReport {
  int sent = 0;           // acked accepted or duplicate
  int rejected = 0;       // acked rejected or conflict (kept on the device, flagged)
  int remaining = 0;      // still queued or failed afterwards (of config.author's, when set)
  bool complete = false;  // true when the outbox holds nothing sendable any more
  std::string error;      // empty on success; the last error otherwise
  bool retryable = true;
  // Attachments uploaded after the push (complete also needs these all confirmed).
  int attachmentsConfirmed = 0;
  int attachmentsWaiting = 0;
  // The server answered 403 device_revoked: an administrator revoked this tablet. Permanent; the
  // app erases the tablet's data and keys and goes back to enrolment.
  bool deviceRevoked = false;
};

// Where a sync run stands, for a progress display. Records: counted and measured as they are
// acknowledged (accepted, duplicate or refused), bytes being their encoded size before
// compression; the totals are what waited when the run started (more saved meanwhile grows
// them). Attachments (photos): their totals are known once the records are through (an
// attachment waits for its record), bytes are those the server confirmed.
struct SyncProgress {
  int recordsSent = 0;
  int recordsTotal = 0;
  std::uint64_t recordBytesSent = 0;
  std::uint64_t recordBytesTotal = 0;
  int attachmentsSent = 0;
  int attachmentsTotal = 0;
  std::uint64_t attachmentBytesSent = 0;
  std::uint64_t attachmentBytesTotal = 0;
  bool operator==(const SyncProgress&) const = default;
};

// Use one SyncClient per database at a time. Constructing one takes over sends that an earlier
// run left marked Sending (it was killed or crashed): they go back to the queue.
class SyncClient {
 public:
  SyncClient(store::LocalStore& store, SyncConfig config);
  ~SyncClient();

  // Sends batches until the outbox is empty or an error stops it. Never throws for network or
  // server errors (they are in the report and in the store); throws StorageError if the local
  // database fails.
  SyncReport syncOnce();

  // Like syncOnce, but also sends Failed records whose backoff has not passed (the user asked).
  SyncReport syncNow();
  // Reads the change feed from config.author's stored cursor to its end (forms, reference data,
  // their reviews, revocations); the cursor is stored with each applied page. Same error rules
  // as syncOnce.
  PullReport pullChanges();
  // The adaptive batch size the next push will use.
  int currentBatchSize() const;

  // POST /v1/devices/enroll with the one-time code, typed or as the enrolment QR's text
  // (enrolment_ticket.h): a pin in it is used for this call already. On success the device id and
  // secret (and the pin) are kept in sync_state (store::kDeviceIdKey, kDeviceSecretKey,
  // kServerKeyPinKey) and used by this client and every later one on this store.
  // Throws SyncError (retryable or not) carrying the server's message.
  // KeepCredential::ByCaller: only the pin is stored here; the caller stores the device id and
  // secret itself (DeviceAccounts::enroll, in one transaction with the data key, so the secret is
  // never written in clear, not even for a moment in the write-ahead log).
  enum class KeepCredential { InStore, ByCaller };
  phum::v1::EnrollResponse enrollDevice(const std::string& enrollmentCode,
                                        const std::string& deviceName,
                                        KeepCredential keep = KeepCredential::InStore);
  // POST /v1/sessions (needs the device credential). On success this client sends the new session
  // token from then on and pushes only this user's records (config.author); the caller keeps the
  // account for offline sign-in. `wantEscrowKey`: the answer carries the device's escrow key.
  // A client whose config has a device id and no device secret gets the escrow key alone, and no
  // session (the tablet cannot read its secret yet; docs/sync-protocol.md "Escrow key").
  // Throws SyncError (DeviceRevokedError for a revoked tablet).
  phum::v1::SignInResponse signIn(const std::string& username, const std::string& password,
                                  bool wantEscrowKey = false);

  struct Impl;  // opaque: libcurl handle, adaptive batch size, retry policy

  // Called after each batch (for progress display); may be empty.
  std::function<void(const SyncReport&)> onProgress;
  // Called when a run starts, after each batch of records and after each attachment chunk the
  // server confirmed; may be empty.
  std::function<void(const SyncProgress&)> onSyncProgress;

 private:
  SyncReport sync(bool ignoreBackoff);

  store::LocalStore& store_;
  SyncConfig config_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phum::sync
