#pragma once
// Which attachment names the server accepts, whatever backend stores the bytes. The SQLite backend
// uses the name as a file name, so anything that could leave the attachment folder is refused.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace phum::server {

inline constexpr std::size_t kMaxAttachmentNameBytes = 200;

// Why `name` may not be used as an attachment name (empty, too long, '/', '\', "..", control
// characters, a leading dot, or ending in ".part"); nullopt when it is fine.
std::optional<std::string> attachmentNameProblem(std::string_view name);

}  // namespace phum::server
