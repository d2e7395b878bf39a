#pragma once
// Every endpoint of phum-server, method and path: the route table. SyncApi::admit answers 404 (or
// 405 for a known path) to any request that matches no entry before any handler or credential
// check runs, so a handler's new branch is unreachable until its entry is here; and the
// authorization matrix (tests/attack/authorization_matrix_test.cpp) fails for an entry without
// a row there. Add the endpoint here and its row there together.
#include <boost/beast/http/verb.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange

namespace phum::server {

struct Endpoint {
  boost::beast::http::verb method;
  // "{name}" stands for one non-empty path segment, a final "{name...}" for the rest of the path
  // (possibly empty).
  std::string_view pattern;

  // "GET /v1/changes": how the authorization matrix names its rows.
  std::string name() const;
};

std::span<const Endpoint> endpoints();

// Whether `path` (without its query) matches `pattern`.
bool matchesPattern(std::string_view pattern, std::string_view path);

struct EndpointMatch {
  const Endpoint* endpoint = nullptr;  // the entry for this method and path, if any
  bool pathKnown = false;              // some entry serves this path, with another method
};
EndpointMatch findEndpoint(boost::beast::http::verb method, std::string_view path);

}  // namespace phum::server
