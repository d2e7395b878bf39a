#pragma once
// Attachment bytes on the server's disk: DATA/attachments/<uuid>/<name>.part while uploading,
// renamed to <name> once its size and SHA-256 are verified. Every write is fsynced before the
// caller records the new offset, so a confirmed offset never points past durable bytes.
#include <array>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace phum::server {

inline constexpr std::size_t kMaxAttachmentNameBytes = 200;

// Why `name` may not be used as an attachment file name (empty, too long, '/', '\', "..",
// control characters, a leading dot, or ending in ".part"); nullopt when it is fine.
std::optional<std::string> attachmentNameProblem(std::string_view name);

class AttachmentFiles {
 public:
  explicit AttachmentFiles(const std::string& dataDir);

  // Serialises work on one attachment (two requests for the same file must not interleave).
  std::mutex& lockFor(const std::string& uuidText, const std::string& name);

  // Cuts the .part file to `offset` (dropping bytes written but never confirmed), appends
  // `bytes`, and fsyncs. Throws StorageError naming the file.
  void append(const std::string& uuidText, const std::string& name, std::uint64_t offset,
              std::string_view bytes);
  // SHA-256 (32 raw bytes) and size of a file (empty if missing); throws StorageError if
  // unreadable.
  std::string sha256Of(const std::filesystem::path& path, std::uint64_t& size);
  // True when the file was renamed into place but the server stopped before recording it.
  bool finishedButNotRecorded(const std::string& uuidText, const std::string& name) const;
  // Removes the .part file (a failed hash check restarts the upload at 0).
  void discardPart(const std::string& uuidText, const std::string& name);
  void discardFinal(const std::string& uuidText, const std::string& name);
  // Renames the .part file to its final name and fsyncs the folder.
  void finish(const std::string& uuidText, const std::string& name);

  std::filesystem::path finalPath(const std::string& uuidText, const std::string& name) const;
  std::filesystem::path partPath(const std::string& uuidText, const std::string& name) const;

 private:
  std::filesystem::path root_;
  std::array<std::mutex, 32> locks_;
};

}  // namespace phum::server
