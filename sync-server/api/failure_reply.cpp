// What a request whose handler threw is answered. Only conditions that pass by themselves (the
// database busy or locked, the connection to PostgreSQL lost, a serialization failure, memory
// short) are a retryable 503. Anything else is a fault that the same request will hit again: a
// 500 with an error id that the administrator finds in the log, next to the detail. Neither answer
// carries the exception's text, which may name server paths or SQL.
#include <new>

#include "core/errors.h"
#include "common/json_log.h"
#include "common/secrets.h"
#include "api/sync_api.h"

namespace phum::server {

namespace http = boost::beast::http;

bool isTransientFailure(const std::exception& error) {
  if (const auto* storage = dynamic_cast<const StorageError*>(&error)) return storage->transient();
  return dynamic_cast<const std::bad_alloc*>(&error) != nullptr;
}

Reply failureReply(const HttpRequest& request, const std::exception& error,
                   const std::string& requestId) {
  if (isTransientFailure(error)) {
    logEvent("warn", "storage_busy", {{"request_id", requestId}, {"error", error.what()}});
    Reply reply = errorReply(request, http::status::service_unavailable, "storage_busy",
                             "the server's database is busy or briefly out of reach; the records "
                             "stay on the tablet and are sent again shortly",
                             true);
    reply.headers.emplace_back("Retry-After", "5");
    return reply;
  }
  const std::string errorId = randomHex(8);
  logEvent("error", "handler_failed",
           {{"request_id", requestId}, {"error_id", errorId}, {"error", error.what()}});
  return errorReply(request, http::status::internal_server_error, "internal_error",
                    "the server hit an unexpected problem (error id " + errorId +
                        "); tell the administrator this id, which the server log explains",
                    false);
}

}  // namespace phum::server
