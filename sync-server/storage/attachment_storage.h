#pragma once
// Attachment bytes and their upload state. SQLite keeps the bytes in files under
// DATA/attachments; PostgreSQL keeps them in the database, so every instance sees every upload.
// Uploads are named by the record's uuid (16 raw bytes) and the attachment's name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phum::server::storage {

// Where one upload stands in storage (offset 0 and not complete when it is unknown).
struct UploadState {
  std::uint64_t offset = 0;  // bytes confirmed durable
  bool complete = false;     // size and SHA-256 verified
  std::uint64_t size = 0;    // when complete
  std::string sha256;        // 32 raw bytes, when complete
  std::string maskNonce;     // a sensitive upload's (setMaskNonce); empty before it was kept
};

// Size and SHA-256 (32 raw bytes) of the bytes held for one upload.
struct HeldBytes {
  std::uint64_t size = 0;
  std::string sha256;
};

// What a sweep of abandoned uploads removed.
struct PrunedUploads {
  std::int64_t uploads = 0;
  std::uint64_t bytes = 0;
};

class AttachmentStorage {
 public:
  virtual ~AttachmentStorage() = default;
  // In a Write, first takes the upload's lock: no other request for the same attachment, on any
  // server instance or in phum-admin, gets past this until COMMIT.
  virtual UploadState upload(std::string_view uuid, std::string_view name) = 0;
  // Makes `bytes` durable at `offset` (dropping anything unconfirmed past it) and records
  // offset + size as confirmed.
  virtual void append(std::string_view uuid, std::string_view name, std::uint64_t offset,
                      std::string_view bytes) = 0;
  virtual HeldBytes measure(std::string_view uuid, std::string_view name) = 0;
  // Records the upload as complete with the size and hash measured.
  virtual void markComplete(std::string_view uuid, std::string_view name,
                            const HeldBytes& verified) = 0;
  // Keeps the nonce an upload's bytes are masked under, after its first append (the row exists).
  // restart() forgets it.
  virtual void setMaskNonce(std::string_view uuid, std::string_view name,
                            std::string_view nonce) = 0;
  // Drops every byte of an upload that is not complete; its offset goes back to 0.
  virtual void restart(std::string_view uuid, std::string_view name) = 0;
  // Removes the uploads that are not complete and have not advanced since `notAdvancedSinceMs`,
  // with their bytes.
  virtual PrunedUploads pruneAbandoned(std::int64_t notAdvancedSinceMs) = 0;
  // The bytes of a complete (verified) attachment; nothing while it is unknown or incomplete.
  virtual std::optional<std::string> completeBytes(std::string_view uuid,
                                                   std::string_view name) = 0;
  // Every byte held for an upload, complete or not: the bytes `measure` measures.
  virtual std::string heldBytes(std::string_view uuid, std::string_view name) = 0;
};

}  // namespace phum::server::storage
