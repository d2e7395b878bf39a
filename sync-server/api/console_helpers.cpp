#include <charconv>
#include <chrono>

#include "api/console_api.h"
#include "common/secrets.h"

namespace phum::server {

namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64Url(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

std::optional<std::string> fromBase64Url(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const auto index = kBase64Url.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

template <typename Number>
std::optional<Number> parseNumber(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string consoleCookieToken(std::string_view header) {
  const std::string prefix = std::string(kConsoleCookie) + "=";
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    std::string_view pair = header.substr(0, semicolon);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair.starts_with(prefix)) return std::string(pair.substr(prefix.size()));
    if (semicolon == std::string_view::npos) break;
    header.remove_prefix(semicolon + 1);
  }
  return {};
}

std::string consoleCsrfToken(std::string_view sessionToken) {
  return base64Url(tokenHash("phum-console-csrf:" + std::string(sessionToken)));
}

std::string encodeQueueCursor(const storage::QueueKey& key) {
  return base64Url("v1:" + std::to_string(key.receivedAtMs) + ":" + std::to_string(key.seq));
}

std::optional<storage::QueueKey> decodeQueueCursor(std::string_view cursor) {
  const auto text = fromBase64Url(cursor);
  if (!text || !text->starts_with("v1:")) return std::nullopt;
  const std::string_view rest = std::string_view(*text).substr(3);
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const auto time = parseNumber<std::int64_t>(rest.substr(0, colon));
  const auto seq = parseNumber<std::uint64_t>(rest.substr(colon + 1));
  if (!time || !seq) return std::nullopt;
  return storage::QueueKey{*time, *seq};
}

std::optional<std::int64_t> cambodianMidnightMs(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const auto year = parseNumber<int>(date.substr(0, 4));
  const auto month = parseNumber<unsigned>(date.substr(5, 2));
  const auto day = parseNumber<unsigned>(date.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*year), std::chrono::month(*month),
                                        std::chrono::day(*day)};
  if (!ymd.ok()) return std::nullopt;
  const auto utcMidnight = std::chrono::sys_days(ymd).time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(utcMidnight - std::chrono::hours(7))
      .count();
}

}  // namespace phum::server
