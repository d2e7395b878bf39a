#include "sync/enrolment_ticket.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>

namespace phum::sync {
namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// %XX decoded; '+' stays '+' (base64 has it, and the QR writer percent-encodes its own).
std::string percentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
        hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

void checkPin(const std::string& pin) {
  constexpr std::string_view kPrefix = "sha256//";
  const std::string_view base64 =
      std::string_view(pin).substr(std::min(pin.size(), kPrefix.size()));
  // A SHA-256 in base64 is 44 characters ending in one '='.
  const bool wellFormed = pin.starts_with(kPrefix) && base64.size() == 44 && base64.back() == '=' &&
                          base64.substr(0, 43).find_first_not_of(
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") ==
                              std::string_view::npos;
  if (!wellFormed) {
    throw std::invalid_argument(
        "The enrolment code's server key (pin) is damaged. Scan the code again, or ask your "
        "administrator for a new one.");
  }
}

}  // namespace

EnrolmentTicket parseEnrolmentTicket(const std::string& text) {
  EnrolmentTicket ticket;
  const std::string whole = trimmed(text);
  constexpr std::string_view kPrefix = "phum:enroll?";
  if (!whole.starts_with(kPrefix)) {
    ticket.code = whole;
    return ticket;
  }
  std::string_view query = std::string_view(whole).substr(kPrefix.size());
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view name = item.substr(0, equals);
    std::string value = percentDecoded(item.substr(equals + 1));
    if (name == "code") ticket.code = std::move(value);
    if (name == "server") ticket.serverUrl = std::move(value);
    if (name == "pin") ticket.keyPin = std::move(value);
  }
  if (!ticket.keyPin.empty()) checkPin(ticket.keyPin);
  return ticket;
}

}  // namespace phum::sync
