#pragma once
// Attachment bytes of the SQLite adapter, on the server's disk: DATA/attachments/<uuid>/<name>.part
// while uploading, renamed to <name> once its size and SHA-256 are verified. Every write is
// fsynced before the caller records the new offset, so a confirmed offset never points past
// durable bytes. Callers serialise work on one attachment (the database's write transaction).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/attachment_storage.h"

namespace phum::server::storage {

class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::filesystem::path root);  // DATA/attachments

  // Cuts the .part file to `offset` (dropping bytes written but never confirmed), appends
  // `bytes`, and fsyncs. Throws StorageError naming the file.
  void append(const std::string& uuidText, const std::string& name, std::uint64_t offset,
              std::string_view bytes);
  // Size and SHA-256 of a file (0 and the hash of nothing if missing); throws StorageError if
  // unreadable.
  HeldBytes measure(const std::filesystem::path& path) const;
  // Bytes in the .part file; nullopt if there is none.
  std::optional<std::uint64_t> partSize(const std::string& uuidText, const std::string& name) const;
  // True when the file was renamed into place but the server stopped before recording it.
  bool finishedButNotRecorded(const std::string& uuidText, const std::string& name) const;
  // Removes the .part file (a failed hash check restarts the upload at 0).
  void discardPart(const std::string& uuidText, const std::string& name);
  void discardFinal(const std::string& uuidText, const std::string& name);
  // Renames the .part file to its final name and fsyncs the folder.
  void finish(const std::string& uuidText, const std::string& name);
  // Removes .part files last written before `beforeMs` for which `known(uuidText, name)` is false
  // (left by a crash before their first offset was recorded), and folders left empty. Returns
  // the bytes removed.
  std::uint64_t removeStrayParts(
      std::int64_t beforeMs,
      const std::function<bool(const std::string& uuidText, const std::string& name)>& known);
  void removeFolderIfEmpty(const std::string& uuidText);

  std::filesystem::path finalPath(const std::string& uuidText, const std::string& name) const;
  std::filesystem::path partPath(const std::string& uuidText, const std::string& name) const;

 private:
  std::filesystem::path root_;
};

}  // namespace phum::server::storage
