#pragma once
// Uploads attachments (photos and other files) after their records were pushed, in chunks, tus
// style (docs/sync-protocol.md, Attachments): HEAD for the server's confirmed offset (so a drop or
// an app restart resumes there), PATCH chunk by chunk, then POST .../complete with the size and
// SHA-256. A 409 re-asks HEAD; a 422 hash_mismatch restarts the upload at 0 (once per run). A 422
// unknown_sealing_key (a photo sealed to a key the server lost) holds that photo back, not sent
// again, until the sealing keys the tablet receives through the feed change.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/uuid.h"
#include "store/local_store.h"
#include "sync/sync_client.h"

namespace phum::sync {

struct AttachmentAnswer;  // attachment_uploader.cpp
struct ChunkResult;       // attachment_uploader.cpp
class HttpClient;         // http_client.h: the sync library's one HTTP client

struct AttachmentReport {
  int confirmed = 0;            // attachments the server verified during this run
  int waiting = 0;              // still pending afterwards (of records the server has)
  std::uint64_t bytesSent = 0;  // chunk bytes put on the wire, resends included
  int restarts = 0;             // uploads restarted at 0 after a hash mismatch
  int held = 0;                 // photos sealed to a key the server lacks, not offered this run
  std::string error;            // empty on success; the last error otherwise
  bool retryable = true;
};

// Describes a file for LocalStore::addAttachment: size and SHA-256 read from disk now, so the
// upload is checked against the file as it was when attached. Throws StorageError naming the file.
store::AttachmentInfo describeAttachmentFile(const Uuid& recordUuid, const std::string& name,
                                             const std::string& localPath);

class AttachmentUploader {
 public:
  AttachmentUploader(store::LocalStore& store, const SyncConfig& config);
  ~AttachmentUploader();

  // Uploads pending attachments until none is left or an error stops the run. Never throws for
  // network or server errors (they are in the report and in the store's last_error); throws
  // StorageError if the local database fails.
  AttachmentReport uploadPending();

  // Called after each chunk the server confirmed, with the new confirmed offset. Returning false
  // stops the run there, like a dropped connection (progress display; tests use it to cut).
  std::function<bool(const store::AttachmentInfo&, std::uint64_t confirmedOffset)> onChunk;

 private:
  enum class Outcome { Confirmed, Waiting, StopRun };
  Outcome uploadOne(const store::AttachmentInfo& info, AttachmentReport& report);
  Outcome uploadRounds(const store::AttachmentInfo& info, std::uint64_t& offset,
                       AttachmentReport& report);
  ChunkResult sendChunks(const store::AttachmentInfo& info, const std::string& url,
                         std::uint64_t& offset, AttachmentReport& report);
  Outcome refused(const store::AttachmentInfo& info, const AttachmentAnswer& answer,
                  std::uint64_t offset, AttachmentReport& report);
  AttachmentAnswer request(const std::string& method, const std::string& url,
                           std::vector<std::string> headers, const std::string& body);

  store::LocalStore& store_;
  const SyncConfig config_;  // a copy: callers may pass a temporary
  std::string sealingKeys_;  // fingerprint of the sealing keys the tablet has (this run)
  std::unique_ptr<HttpClient> http_;
};

// What SyncClient runs after its push: uploads pending attachments unless the push already hit a
// network or server error, and folds the outcome into `report`. With `progress`, fills in its
// attachment counts and bytes and hands it to `onProgress` after each confirmed chunk.
void uploadAttachmentsAfterPush(store::LocalStore& store, const SyncConfig& config,
                                SyncReport& report, SyncProgress* progress = nullptr,
                                const std::function<void(const SyncProgress&)>& onProgress = {});

}  // namespace phum::sync
