#pragma once
// Private to phum_sync_client: state shared by the push (sync_client.cpp) and pull
// (change_feed.cpp) halves of SyncClient.
#include <optional>
#include <string>
#include <vector>

#include "sync/http_client.h"
#include "sync/retry_policy.h"
#include "sync/sync_client.h"

namespace phum::sync {

inline constexpr const char* kProtobufType = "application/x-protobuf";
// sync_state key set after a 415, so request compression stays off across restarts.
inline constexpr const char* kRequestEncodingKey = "push.request_encoding";

struct SyncClient::Impl {
  Impl(const SyncConfig& config);

  HttpClient http;
  RetryPolicy retry;
  int batchSize;
  // Largest batch size known to fit: growth stops below a size the server answered 413 to.
  int fitsCeiling;
  bool compress;
};

// Headers every request carries: accepted types and encodings, and the credentials when set.
std::vector<std::string> baseHeaders(const SyncConfig& config);

// What went wrong in a non-2xx answer, in the server's words when it sent an ErrorBody
// (protobuf or JSON), else a plain description of the status.
std::string serverErrorMessage(const HttpResponse& response);
// The machine-readable code of the server's error body ("" when none).
std::string serverErrorCode(const HttpResponse& response);
// 403 with the code device_revoked: an administrator revoked this tablet.
bool isDeviceRevoked(const HttpResponse& response);
// Per docs/sync-protocol.md: 408, 429 and 5xx may succeed later; other 4xx will not.
bool isRetryableStatus(long status);
// The decoded body, or nullopt if its Content-Encoding is unknown or damaged.
std::optional<std::string> decodedBody(const HttpResponse& response);

}  // namespace phum::sync
