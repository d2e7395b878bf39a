#pragma once
// The /v1 endpoints of docs/sync-protocol.md, independent of connection handling. Blocking work
// (decompression, parsing, storage, password checks) runs on the storage pool.
// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <string>
#include <vector>

#include "server/record_store.h"
#include "server/server_options.h"

namespace phum::server {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct Reply {
  boost::beast::http::status status = boost::beast::http::status::ok;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t records = 0;  // records in the batch, for the log
};

// ErrorBody as protobuf when the client accepts it, JSON otherwise.
Reply errorReply(const HttpRequest& request, boost::beast::http::status status,
                 const std::string& code, const std::string& message, bool retryable);

class SyncApi {
 public:
  SyncApi(ServerStore& store, boost::asio::thread_pool& pool, const ServerOptions& options);

  boost::asio::awaitable<Reply> handle(const HttpRequest& request);

 private:
  // Who is calling, once authenticated (in --open mode: whatever the device header claims).
  struct Caller {
    std::string deviceId;
    std::optional<SessionInfo> session;
  };
  boost::asio::awaitable<Reply> health(const HttpRequest& request);
  boost::asio::awaitable<Reply> push(const HttpRequest& request);
  boost::asio::awaitable<Reply> enroll(const HttpRequest& request);
  boost::asio::awaitable<Reply> signIn(const HttpRequest& request);
  boost::asio::awaitable<Reply> changes(const HttpRequest& request);
  // attachment_api.cpp: /v1/attachments/...
  boost::asio::awaitable<Reply> attachments(const HttpRequest& request);
  boost::asio::awaitable<Reply> attachmentRequest(const HttpRequest& request);
  // Fills `caller`, or returns the 401/403 reply to send instead.
  boost::asio::awaitable<std::optional<Reply>> authenticate(const HttpRequest& request,
                                                            bool needUser, Caller& caller);

  ServerStore& store_;
  boost::asio::thread_pool& pool_;
  const ServerOptions& options_;
};

}  // namespace phum::server
