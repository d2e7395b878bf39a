// Helpers shared by push and pull: request headers and reading the server's error answers.
#include <algorithm>
#include <string>

#include "phum/v1/sync.pb.h"
#include "sync/compression.h"
#include "sync/sync_internal.h"

namespace phum::sync {
namespace {

// The string value of `"key": "..."` in a small JSON object; enough for ErrorBody's JSON form
// without a JSON dependency. Returns empty when absent.
std::string jsonString(const std::string& json, const std::string& key) {
  auto at = json.find("\"" + key + "\"");
  if (at == std::string::npos) return {};
  at = json.find(':', at);
  if (at == std::string::npos) return {};
  at = json.find('"', at);
  if (at == std::string::npos) return {};
  std::string out;
  for (std::size_t i = at + 1; i < json.size(); ++i) {
    char c = json[i];
    if (c == '"') return out;
    if (c == '\\' && i + 1 < json.size()) c = json[++i];
    out.push_back(c);
  }
  return {};
}

std::string statusWords(long status) {
  switch (status) {
    case 400:
      return "the request was malformed";
    case 401:
      return "sign-in is missing or expired; sign in again";
    case 403:
      return "this user or tablet is not allowed to do this (revoked or out of scope)";
    case 404:
      return "the sync address was not found; check the server address";
    case 408:
      return "the server timed out waiting for the request";
    case 413:
      return "the batch was too large";
    case 415:
      return "the server does not accept this compression";
    case 429:
      return "the server is busy";
    default:
      return status >= 500 ? "the server had a problem" : "unexpected answer";
  }
}

}  // namespace

SyncClient::Impl::Impl(const SyncConfig& config)
    : http(config.connectTimeout, config.requestTimeout, {config.caFile, config.serverKeyPin}),
      batchSize(std::max(1, config.batchSize)),
      fitsCeiling(std::max(1, config.maxBatchSize)),
      compress(config.compressRequests) {}

std::vector<std::string> baseHeaders(const SyncConfig& config) {
  std::vector<std::string> headers{
      std::string("Accept: ") + kProtobufType, "Accept-Encoding: zstd, gzip",
      "Expect:",  // no 100-continue round trip on slow links
  };
  if (!config.deviceSecret.empty()) {
    headers.push_back("X-Phum-Device: " + config.deviceId + "." + config.deviceSecret);
  }
  if (!config.sessionToken.empty()) {
    headers.push_back("Authorization: Bearer " + config.sessionToken);
  }
  return headers;
}

bool isRetryableStatus(long status) { return status == 408 || status == 429 || status >= 500; }

std::optional<std::string> decodedBody(const HttpResponse& response) {
  return decodeBody(response.contentEncoding, response.body);
}

std::string serverErrorCode(const HttpResponse& response) {
  auto body = decodedBody(response);
  if (body && response.contentType == kProtobufType) {
    phum::v1::ErrorBody error;
    if (error.ParseFromString(*body)) return error.code();
  } else if (body && response.contentType == "application/json") {
    return jsonString(*body, "code");
  }
  return {};
}

bool isDeviceRevoked(const HttpResponse& response) {
  return response.status == 403 && serverErrorCode(response) == kDeviceRevokedCode;
}

std::string serverErrorMessage(const HttpResponse& response) {
  std::string prefix = "The sync server answered HTTP " + std::to_string(response.status) + " (";
  auto body = decodedBody(response);
  std::string message;
  std::string code;
  if (body && response.contentType == kProtobufType) {
    phum::v1::ErrorBody error;
    if (error.ParseFromString(*body)) {
      message = error.message();
      code = error.code();
    }
  } else if (body && response.contentType == "application/json") {
    message = jsonString(*body, "message");
    code = jsonString(*body, "code");
  }
  if (code.empty()) code = statusWords(response.status);
  if (message.empty()) return prefix + code + ").";
  return prefix + code + "): " + message;
}

}  // namespace phum::sync
