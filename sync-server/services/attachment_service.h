#pragma once
// Resumable attachment uploads (photos), tus-style (docs/sync-protocol.md, Attachments): the
// confirmed offset, chunks appended at exactly that offset, completion checked against size and
// SHA-256 over the bytes the storage holds. The record must already be on the server and be the
// caller's own. Requests for one attachment take turns under its lock, on every server instance.
// A file answering a sensitive question is never held in clear: its chunks are masked as they
// arrive, and at completion it is stored sealed (as the tablet sealed it, or sealed here).
#include <cstdint>
#include <string>
#include <string_view>

#include "services/sensitive_photos.h"
#include "storage/database.h"

namespace phum::server {

using storage::PrunedUploads;

inline constexpr std::uint64_t kMaxAttachmentBytes = 50ull * 1024 * 1024;

// Who asks about which attachment. Empty username: --open mode, any record.
struct AttachmentRequest {
  std::string uuidBytes;  // the record's uuid, 16 bytes
  std::string name;       // checked with attachmentNameProblem
  std::string username;
};

// The outcome of one upload request, with the offset the client continues from.
struct UploadAnswer {
  enum class Outcome {
    Ok,
    RecordNotFound,       // not stored, or another author's (the same answer for both)
    OffsetMismatch,       // the chunk is not at the confirmed offset (or the upload is complete)
    TooLarge,             // the attachment would pass kMaxAttachmentBytes
    DifferentFileExists,  // complete, with another size or hash than claimed
    Incomplete,           // completing before every byte arrived
    HashMismatch,         // the bytes held do not match the claim: the upload starts again
    UnknownSealingKey,    // sealed by the tablet to a key this server does not have
  };
  Outcome outcome = Outcome::Ok;
  std::uint64_t offset = 0;  // confirmed bytes (the size once complete)
  bool complete = false;
  std::string message;  // why it was refused, in words the tablet shows
};

class AttachmentService {
 public:
  // Without `photos`, every file is stored as sent (phum-admin's pruning, tests of the storage).
  explicit AttachmentService(storage::Database& db, SensitivePhotos* photos = nullptr);

  // Where the upload stands (HEAD), read without its lock.
  UploadAnswer state(const AttachmentRequest& request);
  // Appends `chunk` if `offset` is the confirmed offset; durable before it returns.
  UploadAnswer append(const AttachmentRequest& request, std::uint64_t offset,
                      std::string_view chunk);
  // Verifies the bytes held against the claimed size and SHA-256 (32 raw bytes).
  UploadAnswer complete(const AttachmentRequest& request, std::uint64_t size,
                        const std::string& sha256);
  // Removes uploads not complete and not advanced since `notAdvancedSinceMs`, with their bytes.
  // Never removes a complete attachment.
  PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs);

 private:
  UploadAnswer appendLocked(storage::Transaction& tx, const AttachmentRequest& request,
                            std::uint64_t offset, std::string_view chunk);
  UploadAnswer completeLocked(storage::Transaction& tx, const AttachmentRequest& request,
                              std::uint64_t size, const std::string& sha256);
  std::optional<UploadAnswer> unknownSealingKey(storage::Transaction& tx,
                                                const AttachmentRequest& request,
                                                const storage::UploadState& state,
                                                std::uint64_t offset, std::string_view chunk,
                                                const SealingKeyring* ring);
  UploadAnswer completeSealed(storage::Transaction& tx, const AttachmentRequest& request,
                              const storage::UploadState& state, std::uint64_t size,
                              const std::string& sha256, const SealingKeyring& ring);

  storage::Database& db_;
  SensitivePhotos* photos_;
};

}  // namespace phum::server
