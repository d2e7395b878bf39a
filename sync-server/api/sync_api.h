#pragma once
// The /v1 endpoints of docs/sync-protocol.md, independent of connection handling. A request is
// admitted from its header alone (route, method, credentials, body limit) before any body byte is
// read, so a caller without credentials never makes the server hold a body. Blocking work
// (decompression, parsing, storage, password checks) runs on the storage pool.
// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server_options.h"
#include "services/services.h"

namespace phum::server {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Body limits decided from the header: an attachment chunk, and every request that carries only a
// small message (enrolment, sign-in, completing an upload, GETs). A push may be up to
// ServerOptions::maxBodyBytes.
inline constexpr std::uint64_t kMaxAttachmentChunkBytes = 1024 * 1024;
inline constexpr std::uint64_t kMaxSmallBodyBytes = 16 * 1024;

// A body too big to hold, produced piece by piece on the storage pool while it is sent (chunked).
class StreamedBody {
 public:
  virtual ~StreamedBody() = default;
  // The next piece, or nothing at the end. A throw ends the response early: the client sees an
  // incomplete transfer, never a short file that looks whole.
  virtual std::optional<std::string> next() = 0;
};

struct Reply {
  boost::beast::http::status status = boost::beast::http::status::ok;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t records = 0;              // records in the batch, for the log
  std::shared_ptr<StreamedBody> stream;  // when set, sent instead of `body`
};

// ErrorBody as protobuf when the client accepts it, JSON otherwise.
Reply errorReply(const HttpRequest& request, boost::beast::http::status status,
                 const std::string& code, const std::string& message, bool retryable);

// The answer when handling `request` threw `error` (failure_reply.cpp): 503 storage_busy
// (retryable) for a transient storage condition, else 500 internal_error with an error id. The
// detail goes only to the log, under the same request id (and error id).
Reply failureReply(const HttpRequest& request, const std::exception& error,
                   const std::string& requestId);
bool isTransientFailure(const std::exception& error);

// The 404 (or 405, for a path served with other methods) of a request that no entry of the route
// table (api/endpoints.h) matches; nothing for an endpoint.
std::optional<Reply> notAnEndpoint(const HttpRequest& header);

// "/", "/console" and "/console/..." (console_static.cpp).
bool isConsolePage(std::string_view path);

class SyncApi {
 public:
  SyncApi(Services& services, boost::asio::thread_pool& pool, const ServerOptions& options);

  // Who is calling, once authenticated (in --open mode: whatever the device header claims).
  struct Caller {
    std::string deviceId;
    std::optional<SessionInfo> session;
    std::string consoleToken;  // the console's session cookie, once checked
  };
  using Handler = boost::asio::awaitable<Reply> (SyncApi::*)(const HttpRequest&, const Caller&);
  // Which limit a body is measured against, and how a body over it is answered.
  enum class BodyKind { Small, Batch, Chunk };

  // What the header decides, before the body is read.
  struct Admission {
    std::optional<Reply> refusal;  // send this instead, without reading the body
    Handler handler = nullptr;
    Caller caller;
    BodyKind bodyKind = BodyKind::Small;
    std::uint64_t bodyLimit = 0;  // the longest body this request may send
  };

  // Routes and authenticates `header` (a request whose body has not been read).
  boost::asio::awaitable<Admission> admit(const HttpRequest& header);
  // The 413 for a body longer than admission.bodyLimit, in the words of its endpoint.
  Reply bodyTooLarge(const HttpRequest& request, const Admission& admission) const;
  // Answers an admitted request once its body is complete.
  boost::asio::awaitable<Reply> handle(const HttpRequest& request, const Admission& admission);

 private:
  boost::asio::awaitable<Admission> admitSync(const HttpRequest& header);
  boost::asio::awaitable<Reply> health(const HttpRequest& request, const Caller& caller);
  boost::asio::awaitable<Reply> push(const HttpRequest& request, const Caller& caller);
  boost::asio::awaitable<Reply> enroll(const HttpRequest& request, const Caller& caller);
  boost::asio::awaitable<Reply> signIn(const HttpRequest& request, const Caller& caller);
  // DELETE /v1/sessions: ends the session of the bearer token (the user signs out on the tablet).
  boost::asio::awaitable<Reply> signOut(const HttpRequest& request, const Caller& caller);
  boost::asio::awaitable<Reply> changes(const HttpRequest& request, const Caller& caller);
  // console_api.cpp: /v1/console/... (docs/console-api.md). The session cookie and, on every
  // call that is not a GET, the CSRF header are checked from the header.
  boost::asio::awaitable<Admission> admitConsole(const HttpRequest& header);
  boost::asio::awaitable<Reply> console(const HttpRequest& request, const Caller& caller);
  Reply consoleCall(const HttpRequest& request, const Caller& caller);
  Reply consoleRecordCall(const HttpRequest& request, const Caller& caller,
                          const std::string& path);
  Reply consoleAdminCall(const HttpRequest& request, const Caller& caller, const std::string& path);
  // console_duplicates_api.cpp: /duplicates and /duplicates/{id}/decision.
  Reply consoleDuplicatesCall(const HttpRequest& request, const Caller& caller,
                              const std::string& path);
  // console_export_api.cpp: /export and /records/{uuid}/attachments/{name}; nothing when the
  // path is not one of them.
  std::optional<Reply> consoleExportCall(const HttpRequest& request, const Caller& caller,
                                         const std::string& path);
  // console_static.cpp: the console's pages.
  boost::asio::awaitable<Reply> consolePage(const HttpRequest& request, const Caller& caller);
  // attachment_api.cpp: /v1/attachments/...
  // The 400/405 of an attachment request that its path and method alone decide.
  std::optional<Reply> attachmentHeaderProblem(const HttpRequest& request) const;
  boost::asio::awaitable<Reply> attachments(const HttpRequest& request, const Caller& caller);
  Reply attachmentRequest(const HttpRequest& request, const std::string& username);
  // audit_calls.cpp: appends `event` to the audit log, with the caller's user (unless the event
  // names one), device and address filled in. Blocks: call it on the storage pool.
  void audit(const HttpRequest& request, const Caller& caller, AuditEvent event);
  // Who and from where, for the services that audit an action in its own transaction.
  static AuditOrigin auditOrigin(const HttpRequest& request, const Caller& caller);
  // The 429 (with Retry-After) to send instead of checking `username`'s password when the
  // sign-in limits are reached (services/sign_in_limits.h), or nothing.
  std::optional<Reply> tooManySignIns(const HttpRequest& request, const std::string& username);
  // Counts a sign-in attempt against the limits; a failure is audited as `action` + "_failed" in
  // the transaction of its count (a success is audited in its session's transaction).
  void signInAttempt(const HttpRequest& request, const Caller& caller, const std::string& username,
                     bool succeeded, const std::string& action);
  // Fills `caller`, or returns the 401/403 reply to send instead.
  boost::asio::awaitable<std::optional<Reply>> authenticate(const HttpRequest& request,
                                                            bool needUser, Caller& caller);

  Services& services_;
  boost::asio::thread_pool& pool_;
  const ServerOptions& options_;
  SignInLimits signInLimits_;
};

}  // namespace phum::server
