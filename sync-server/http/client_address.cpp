#include "http/client_address.h"

#include <algorithm>

namespace phum::server {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool trusted(std::string_view address, const std::vector<std::string>& trustedProxies) {
  return std::find(trustedProxies.begin(), trustedProxies.end(), address) != trustedProxies.end();
}

}  // namespace

std::string clientAddress(const std::string& peer, std::string_view forwardedFor,
                          const std::vector<std::string>& trustedProxies) {
  if (!trusted(peer, trustedProxies)) return peer;
  std::string found = peer;
  while (!forwardedFor.empty()) {
    const auto comma = forwardedFor.rfind(',');
    const std::string_view hop =
        trim(comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1));
    forwardedFor =
        comma == std::string_view::npos ? std::string_view{} : forwardedFor.substr(0, comma);
    if (hop.empty()) continue;
    found = std::string(hop);
    if (!trusted(hop, trustedProxies)) break;
  }
  return found;
}

}  // namespace phum::server
