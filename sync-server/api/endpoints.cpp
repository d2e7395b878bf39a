#include "api/endpoints.h"

namespace phum::server {
namespace {

using boost::beast::http::verb;

constexpr Endpoint kEndpoints[] = {
    // The sync protocol (docs/sync-protocol.md).
    {verb::get, "/v1/health"},
    {verb::post, "/v1/push"},
    {verb::post, "/v1/devices/enroll"},
    {verb::post, "/v1/sessions"},
    {verb::delete_, "/v1/sessions"},
    {verb::get, "/v1/changes"},
    {verb::head, "/v1/attachments/{uuid}/{name}"},
    {verb::patch, "/v1/attachments/{uuid}/{name}"},
    {verb::post, "/v1/attachments/{uuid}/{name}/complete"},
    // The console's pages (public, no data).
    {verb::get, "/"},
    {verb::get, "/console"},
    {verb::get, "/console/{file...}"},
    // The console's API: reviewers and administrators.
    {verb::post, "/v1/console/session"},
    {verb::get, "/v1/console/session"},
    {verb::delete_, "/v1/console/session"},
    {verb::get, "/v1/console/forms"},
    {verb::get, "/v1/console/places"},
    {verb::get, "/v1/console/records"},
    {verb::get, "/v1/console/records/{uuid}"},
    {verb::get, "/v1/console/records/{uuid}/diff"},
    {verb::post, "/v1/console/records/{uuid}/reviews"},
    {verb::get, "/v1/console/records/{uuid}/attachments/{name}"},
    {verb::get, "/v1/console/export"},
    {verb::get, "/v1/console/reports"},
    {verb::get, "/v1/console/reports/chart.js"},
    {verb::get, "/v1/console/reports/{key}"},
    {verb::get, "/v1/console/reports/agencies/watch"},
    {verb::post, "/v1/console/reports/agencies/{licence}/watch"},
    {verb::get, "/v1/console/duplicates"},
    {verb::post, "/v1/console/duplicates/{id}/decision"},
    // The console's API: administrators only.
    {verb::get, "/v1/console/users"},
    {verb::post, "/v1/console/users"},
    {verb::patch, "/v1/console/users/{username}"},
    {verb::get, "/v1/console/devices"},
    {verb::post, "/v1/console/devices/enrolment-codes"},
    {verb::post, "/v1/console/devices/{id}/revoke"},
    {verb::post, "/v1/console/forms/check"},
    {verb::post, "/v1/console/forms"},
    {verb::get, "/v1/console/refdata"},
    {verb::post, "/v1/console/refdata/{dataset}"},
};

}  // namespace

std::string Endpoint::name() const {
  return std::string(boost::beast::http::to_string(method)) + " " + std::string(pattern);
}

std::span<const Endpoint> endpoints() { return kEndpoints; }

bool matchesPattern(std::string_view pattern, std::string_view path) {
  while (!pattern.empty()) {
    const auto open = pattern.find('{');
    const std::string_view literal = pattern.substr(0, open);
    if (!path.starts_with(literal)) return false;
    path.remove_prefix(literal.size());
    if (open == std::string_view::npos) return path.empty();
    const auto close = pattern.find('}', open);
    const std::string_view placeholder = pattern.substr(open, close - open + 1);
    pattern.remove_prefix(close + 1);
    if (placeholder.ends_with("...}")) return pattern.empty();  // the rest, whatever it is
    const auto slash = path.find('/');
    if (slash == 0 || path.empty()) return false;  // a segment is never empty
    path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
  }
  return path.empty();
}

EndpointMatch findEndpoint(boost::beast::http::verb method, std::string_view path) {
  EndpointMatch match;
  for (const auto& endpoint : kEndpoints) {
    if (!matchesPattern(endpoint.pattern, path)) continue;
    if (endpoint.method == method) {
      match.endpoint = &endpoint;
      return match;
    }
    match.pathKnown = true;
  }
  return match;
}

}  // namespace phum::server
