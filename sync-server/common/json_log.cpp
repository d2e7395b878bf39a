#include "common/json_log.h"

#include <cstdio>
#include <mutex>

#include "core/clock.h"
#include "common/redaction.h"

namespace phum::server {

std::string jsonEscape(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

void logEvent(std::string_view level, std::string_view event,
              std::initializer_list<LogField> fields) {
  std::string line = "{\"ts\":" + jsonEscape(formatIsoUtc(nowMillis())) +
                     ",\"level\":" + jsonEscape(level) + ",\"event\":" + jsonEscape(event);
  for (const auto& [key, value] : fields) {
    const auto* text = std::get_if<std::string>(&value);
    if (text && text->empty()) continue;  // absent, e.g. no write error
    line += "," + jsonEscape(key) + ":";
    if (text) {
      line += jsonEscape(redactSecrets(*text));  // no password ever reaches a log line
    } else {
      line += std::to_string(std::get<std::int64_t>(value));
    }
  }
  line += "}\n";
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  // A log line that cannot be written has nowhere better to be reported; the request goes on.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace phum::server
