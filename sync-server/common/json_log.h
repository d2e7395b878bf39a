#pragma once
// Structured logs: one JSON object per line on stderr, so that a log shipper or `jq` can read them.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace phum::server {

std::string jsonEscape(std::string_view text);  // with the surrounding quotes

using LogValue = std::variant<std::string, std::int64_t>;
using LogField = std::pair<std::string_view, LogValue>;

// Writes {"ts":...,"level":...,"event":...,<fields>} and flushes. Thread-safe. Text values pass
// through redactSecrets (redaction.h) first.
void logEvent(std::string_view level, std::string_view event,
              std::initializer_list<LogField> fields);

}  // namespace phum::server
