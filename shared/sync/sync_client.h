#pragma once
// Sends the outbox to the sync server as protobuf PushBatch messages over HTTP (libcurl) and marks
// each record as sent only after the server's ack for that record.
//
// CONTRACT (used by the app, the integration tests and benchmarks). Extend, don't break.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/errors.h"
#include "store/local_store.h"

namespace phum::sync {

struct SyncConfig {
  std::string serverUrl = "http://127.0.0.1:8470";  // base URL; the client posts to /v1/push
  std::string deviceId;
  int batchSize = 200;
  std::chrono::milliseconds connectTimeout{10000};
  std::chrono::milliseconds requestTimeout{60000};
};

struct SyncReport {
  int sent = 0;        // acked accepted or duplicate
  int rejected = 0;    // acked rejected or conflict (kept on the device, flagged)
  int remaining = 0;   // still queued or failed afterwards
  bool complete = false;  // true when the outbox holds nothing sendable any more
  std::string error;   // empty on success; the last error otherwise
  bool retryable = true;
};

class SyncClient {
 public:
  SyncClient(store::LocalStore& store, SyncConfig config);
  ~SyncClient();

  // Sends batches until the outbox is empty or an error stops it. Never throws for network or
  // server errors (they are in the report and in the store); throws StorageError if the local
  // database fails.
  SyncReport syncOnce();

  // Called after each batch (for progress display); may be empty.
  std::function<void(const SyncReport&)> onProgress;

 private:
  store::LocalStore& store_;
  SyncConfig config_;
};

}  // namespace phum::sync
