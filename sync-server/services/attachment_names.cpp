#include "services/attachment_names.h"

namespace phum::server {

std::optional<std::string> attachmentNameProblem(std::string_view name) {
  if (name.empty()) return "the attachment name is empty";
  if (name.size() > kMaxAttachmentNameBytes) {
    return "the attachment name is longer than " + std::to_string(kMaxAttachmentNameBytes) +
           " bytes";
  }
  if (name.front() == '.') return "the attachment name may not start with '.'";
  if (name.find("..") != std::string_view::npos) return "the attachment name may not contain '..'";
  if (name.ends_with(".part")) return "the attachment name may not end in '.part'";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\') return "the attachment name may not contain '/' or '\\'";
    if (byte < 0x20 || byte == 0x7f) {
      return "the attachment name may not contain control characters";
    }
  }
  return std::nullopt;
}

}  // namespace phum::server
