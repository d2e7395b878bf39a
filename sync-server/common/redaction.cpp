#include "common/redaction.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace phum::server {
namespace {

constexpr std::string_view kHidden = "***";
// Shorter remembered passwords are not replaced wherever they appear (a one-letter password
// would blank every such letter); connection strings still lose them by their structure.
constexpr std::size_t kShortestRemembered = 4;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Where libpq stops looking for the user:password@ of the URI starting at `schemeEnd` (just past
// "://"): at the first '/'. Whitespace and quotes end a URI quoted inside a message.
std::size_t authorityEnd(std::string_view text, std::size_t schemeEnd) {
  std::size_t end = schemeEnd;
  while (end < text.size() && !isSpace(text[end]) && text[end] != '/' && text[end] != '"' &&
         text[end] != '\'') {
    ++end;
  }
  return end;
}

struct Span {
  std::size_t begin;
  std::size_t end;
};

// user:password@ in every URI: the span of the password, without the user.
void addUriPasswords(std::string_view text, std::vector<Span>& spans) {
  for (std::size_t at = text.find("://"); at != std::string_view::npos;
       at = text.find("://", at + 3)) {
    const std::size_t start = at + 3;
    const std::size_t end = authorityEnd(text, start);
    if (end == start) continue;
    const std::size_t userEnd = text.rfind('@', end - 1);
    if (userEnd == std::string_view::npos || userEnd < start) continue;
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos || colon >= userEnd) continue;
    spans.push_back({colon + 1, userEnd});
  }
}

// Where a key=value value starting at `at` ends: a quoted value at its closing quote (with \'
// escapes), a bare one at whitespace or, in a URI query, at '&'.
std::size_t valueEnd(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '\'') {
    std::size_t end = at + 1;
    while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
    return std::min(end + 1, text.size());
  }
  std::size_t end = at;
  while (end < text.size() && !isSpace(text[end]) && text[end] != '&' && text[end] != '"') ++end;
  return end;
}

// password=... (key=value strings, URI query parameters): the span of the value.
void addKeywordPasswords(std::string_view text, std::vector<Span>& spans) {
  constexpr std::string_view kKeyword = "password";
  for (std::size_t at = text.find(kKeyword); at != std::string_view::npos;
       at = text.find(kKeyword, at + kKeyword.size())) {
    std::size_t equals = at + kKeyword.size();
    while (equals < text.size() && isSpace(text[equals])) ++equals;
    if (equals >= text.size() || text[equals] != '=') continue;
    std::size_t value = equals + 1;
    while (value < text.size() && isSpace(text[value])) ++value;
    const std::size_t end = valueEnd(text, value);
    if (end > value) spans.push_back({value, end});
  }
}

// The passwords of every connection string in `text`, in order, not overlapping.
std::vector<Span> passwordSpans(std::string_view text) {
  std::vector<Span> spans;
  addUriPasswords(text, spans);
  addKeywordPasswords(text, spans);
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> merged;
  for (const Span span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
        hexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

struct Remembered {
  std::mutex mutex;
  std::vector<std::string> secrets;
};

Remembered& remembered() {
  static Remembered instance;
  return instance;
}

void remember(std::string secret) {
  if (secret.size() >= 2 && secret.front() == '\'' && secret.back() == '\'') {
    secret = secret.substr(1, secret.size() - 2);
  }
  if (secret.size() < kShortestRemembered) return;
  auto& store = remembered();
  std::lock_guard lock(store.mutex);
  for (const auto& known : store.secrets) {
    if (known == secret) return;
  }
  store.secrets.push_back(std::move(secret));
}

}  // namespace

std::string redactConnectionStrings(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for (const Span span : passwordSpans(text)) {
    out.append(text.substr(copied, span.begin - copied));
    out.append(kHidden);
    copied = span.end;
  }
  out.append(text.substr(copied));
  return out;
}

void rememberSecretsOf(std::string_view conninfo) {
  for (const Span span : passwordSpans(conninfo)) {
    const std::string_view password = conninfo.substr(span.begin, span.end - span.begin);
    remember(percentDecoded(password));
    remember(std::string(password));
  }
  if (const char* environment = std::getenv("PGPASSWORD")) remember(environment);
}

std::string redactSecrets(std::string_view text) {
  std::string out = redactConnectionStrings(text);
  auto& store = remembered();
  std::lock_guard lock(store.mutex);
  for (const auto& secret : store.secrets) {
    for (std::size_t at = out.find(secret); at != std::string::npos;
         at = out.find(secret, at + kHidden.size())) {
      out.replace(at, secret.size(), kHidden);
    }
  }
  return out;
}

}  // namespace phum::server
