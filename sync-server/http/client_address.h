#pragma once
// Who is on the other end of a request: the peer's address, or, when the peer is a reverse proxy
// named by --trusted-proxy, the address that proxy put in X-Forwarded-For. A header from anyone
// else is ignored: a client could write any address there.
#include <string>
#include <string_view>
#include <vector>

namespace phum::server {

// The server sets this header on every request it admits (replacing any the client sent), so the
// API layer can read the client's address without knowing about connections or proxies.
inline constexpr std::string_view kClientAddressHeader = "X-Phum-Client-Address";

// `peer` when it is not a trusted proxy or no X-Forwarded-For came; otherwise the right-most
// address of `forwardedFor` that is not itself a trusted proxy (each proxy appends the address it
// saw, so everything left of that was written by the client and is not believed).
std::string clientAddress(const std::string& peer, std::string_view forwardedFor,
                          const std::vector<std::string>& trustedProxies);

}  // namespace phum::server
