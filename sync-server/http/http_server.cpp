#include "http/http_server.h"

// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <limits>
#include <memory>
#include <set>

#include "api/body_codec.h"
#include "api/storage_pool.h"
#include "api/sync_api.h"
#include "common/json_log.h"
#include "core/clock.h"
#include "http/client_address.h"
#include "http/tls_context.h"

namespace phum::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;
// HTTPS: TLS over the connection's own tcp_stream, so timeouts and closing work the same way.
using TlsStream = beast::ssl_stream<beast::tcp_stream&>;

namespace {

constexpr std::size_t kCompressAbove = 1024;
constexpr std::chrono::seconds kWriteTimeout{120};
// After an early error reply: how long and how much of the rest of the request is read and
// dropped, so the client sees the answer instead of a reset. Bounded, or a client trickling a
// body could keep the connection forever.
constexpr std::chrono::seconds kLingerTotal{5};
constexpr std::chrono::seconds kLingerIdle{2};
constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;
// A failed accept (no file descriptor left) waits before the next one, doubling up to a second.
constexpr std::chrono::milliseconds kFirstAcceptBackoff{10};
constexpr std::chrono::milliseconds kLongestAcceptBackoff{1000};
// Descriptors the server needs besides its connections (database, WAL, attachment files,
// PostgreSQL connections, logs).
constexpr rlim_t kDescriptorsBesidesConnections = 64;

using Clock = std::chrono::steady_clock;

struct Connection {
  beast::tcp_stream stream;
  // Waiting for the next request's header (a new connection, a kept-alive one, or one lingering
  // after an early error): it may be closed at shutdown, or for a new connection at the cap.
  bool idle = true;
  Clock::time_point idleSince = Clock::now();
  bool counted = true;  // still counted against the cap (until it ends or is closed for another)
  std::string peer;     // the remote address, as accepted
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {
    beast::error_code ec;  // a peer already gone has no address; its reads fail at once
    const auto endpoint = stream.socket().remote_endpoint(ec);
    if (!ec) peer = endpoint.address().to_string();
  }
  void markIdle() {
    idle = true;
    idleSince = Clock::now();
  }
};

struct ServerState {
  const ServerOptions& options;
  SyncApi& api;
  tcp::acceptor acceptor;
  std::set<std::shared_ptr<Connection>> connections;
  std::size_t counted = 0;  // connections counted against options.maxConnections
  bool stopping = false;
  std::uint64_t nextRequestId = 1;
  asio::steady_timer* grace = nullptr;     // bounds how long shutdown waits for in-flight requests
  asio::steady_timer* sweep = nullptr;     // next sweep of abandoned attachment uploads
  asio::steady_timer* slotFree = nullptr;  // the accept loop waits on it while at the cap
  asio::thread_pool* pool = nullptr;       // produces streamed bodies (exports)
  asio::ssl::context* tls = nullptr;       // set when the server speaks HTTPS
};

// The connection no longer counts against the cap; the accept loop may go on.
void release(ServerState& state, Connection& connection) {
  if (!connection.counted) return;
  connection.counted = false;
  --state.counted;
  state.slotFree->cancel();
}

// Closes the connection that has waited longest for a request header, to make room for a new
// one. False if every connection is in the middle of a request.
bool closeLongestIdle(ServerState& state) {
  Connection* oldest = nullptr;
  for (const auto& connection : state.connections) {
    if (!connection->idle || !connection->counted) continue;
    if (!oldest || connection->idleSince < oldest->idleSince) oldest = connection.get();
  }
  if (!oldest) return false;
  release(state, *oldest);
  beast::error_code ignored;  // its coroutine sees the read fail and ends
  oldest->stream.socket().close(ignored);
  return true;
}

http::response<http::string_body> buildResponse(const HttpRequest& request, Reply reply,
                                                bool keepAlive, const std::string& requestId) {
  http::response<http::string_body> response{reply.status, request.version()};
  response.set(http::field::server, "phum-server/" PHUM_SERVER_VERSION);
  response.set(http::field::content_type, reply.contentType);
  response.set("X-Request-Id", requestId);
  for (const auto& [name, value] : reply.headers) response.set(name, value);
  // An answer to HEAD has no body (it would be read as the next answer on a kept connection);
  // the status says what went wrong.
  if (request.method() == http::verb::head) reply.body.clear();
  const Encoding encoding = chooseResponseEncoding(request[http::field::accept_encoding]);
  if (encoding != Encoding::Identity && reply.body.size() > kCompressAbove) {
    reply.body = encodeBody(encoding, reply.body);
    response.set(http::field::content_encoding, encodingName(encoding));
  }
  response.body() = std::move(reply.body);
  response.keep_alive(keepAlive);
  response.prepare_payload();
  return response;
}

// After an early error reply the client may still be sending: read and drop a little so that
// closing does not reset the connection before the client has read the answer.
template <class Stream>
awaitable<void> lingeringClose(Stream& stream) {
  beast::error_code ec;
  auto& tcpStream = beast::get_lowest_layer(stream);
  tcpStream.socket().shutdown(tcp::socket::shutdown_send, ec);
  char sink[16 * 1024];
  std::size_t drained = 0;
  const auto deadline = Clock::now() + kLingerTotal;
  while (!ec && drained < kLingerBytes && Clock::now() < deadline) {
    tcpStream.expires_after(std::min<Clock::duration>(kLingerIdle, deadline - Clock::now()));
    drained += co_await stream.async_read_some(asio::buffer(sink),
                                               asio::redirect_error(use_awaitable, ec));
  }
  tcpStream.socket().close(ec);
}

enum class BodyRead { Complete, TooLarge, TimedOut, Broken };

// Reads the body chunk by chunk so that each chunk has its own idle deadline; the parser's body
// limit is the one the request was admitted with.
template <class Stream>
awaitable<BodyRead> readBody(Stream& stream, beast::flat_buffer& buffer,
                             http::request_parser<http::string_body>& parser,
                             const ServerOptions& options) {
  const auto& request = parser.get();
  if (request[http::field::expect] == "100-continue") {
    http::response<http::empty_body> proceed{http::status::continue_, request.version()};
    beast::get_lowest_layer(stream).expires_after(kWriteTimeout);
    beast::error_code ec;
    co_await http::async_write(stream, proceed, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return BodyRead::Broken;
  }
  const auto deadline = Clock::now() + options.bodyTotalTimeout;
  beast::error_code ec;
  while (!parser.is_done()) {
    beast::get_lowest_layer(stream).expires_after(options.bodyIdleTimeout);
    co_await http::async_read_some(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (ec == http::error::body_limit) co_return BodyRead::TooLarge;
    if (ec == beast::error::timeout || Clock::now() > deadline) co_return BodyRead::TimedOut;
    if (ec) co_return BodyRead::Broken;
  }
  co_return BodyRead::Complete;
}

// Sends a streamed body as chunks, each produced on the storage pool: the server holds one piece
// at a time, however long the body. A piece that fails ends the connection without the last
// chunk, so the client knows the body is incomplete. Returns what went wrong, or "".
template <class Stream>
awaitable<std::string> writeStreamed(ServerState& state, Connection& connection, Stream& stream,
                                     const HttpRequest& request, Reply& reply, bool keepAlive,
                                     const std::string& requestId) {
  http::response<http::buffer_body> response{reply.status, request.version()};
  response.set(http::field::server, "phum-server/" PHUM_SERVER_VERSION);
  response.set(http::field::content_type, reply.contentType);
  response.set("X-Request-Id", requestId);
  for (const auto& [name, value] : reply.headers) response.set(name, value);
  response.keep_alive(keepAlive);
  response.chunked(true);
  response.body().data = nullptr;
  response.body().more = true;
  http::response_serializer<http::buffer_body> serializer{response};
  beast::error_code ec;
  connection.stream.expires_after(kWriteTimeout);
  co_await http::async_write_header(stream, serializer, asio::redirect_error(use_awaitable, ec));
  std::shared_ptr<StreamedBody> body = reply.stream;
  while (!ec) {
    std::function<std::optional<std::string>()> work = [body] { return body->next(); };
    std::optional<std::string> piece;
    try {
      piece = co_await onStoragePool(*state.pool, work);
    } catch (const std::exception& e) {
      beast::error_code ignored;
      connection.stream.socket().close(ignored);
      co_return std::string("streamed body failed: ") + e.what();
    }
    response.body().data = piece ? piece->data() : nullptr;
    response.body().size = piece ? piece->size() : 0;
    response.body().more = piece.has_value();
    connection.stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, serializer, asio::redirect_error(use_awaitable, ec));
    if (ec == http::error::need_buffer) ec = {};
    if (!piece) break;
  }
  co_return ec ? ec.message() : std::string();
}

template <class Stream>
awaitable<void> writeReply(ServerState& state, Connection& connection, Stream& stream,
                           const HttpRequest& request, Reply& reply, bool keepAlive,
                           const std::string& requestId,
                           std::chrono::steady_clock::time_point started) {
  const auto status = static_cast<std::int64_t>(reply.status);
  const auto records = reply.records;
  beast::error_code ec;
  std::string streamError;
  if (reply.stream && request.method() != http::verb::head) {
    streamError =
        co_await writeStreamed(state, connection, stream, request, reply, keepAlive, requestId);
  } else {
    auto response = buildResponse(request, std::move(reply), keepAlive, requestId);
    connection.stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, response, asio::redirect_error(use_awaitable, ec));
  }
  if (ec) streamError = ec.message();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  logEvent(status >= 500 ? "error" : "info", "request",
           {{"request_id", requestId},
            {"method", std::string(request.method_string())},
            {"path", std::string(request.target().substr(0, request.target().find('?')))},
            {"client", std::string(request[kClientAddressHeader])},
            {"status", status},
            {"ms", static_cast<std::int64_t>(ms)},
            {"records", records},
            {"write_error", streamError}});
}

// One request's answer, and whether the connection must close after it.
struct Exchange {
  std::optional<Reply> reply;  // none: the connection broke, nothing can be answered
  bool close = false;          // the rest of the request was not read: linger, then close
};

// Admits the request from its header (nothing more is read from a caller that is refused), then
// reads its body and answers it.
template <class Stream>
awaitable<Exchange> answer(ServerState& state, Stream& stream, beast::flat_buffer& buffer,
                           http::request_parser<http::string_body>& parser,
                           const std::string& requestId) {
  const HttpRequest& request = parser.get();
  const bool bodyPending = parser.chunked() || parser.content_length().value_or(0) > 0;
  SyncApi::Admission admission;
  try {
    admission = co_await state.api.admit(request);
  } catch (const std::exception& e) {
    co_return Exchange{failureReply(request, e, requestId), bodyPending};
  }
  if (admission.refusal) co_return Exchange{std::move(admission.refusal), bodyPending};
  const auto length = parser.content_length();
  if (length && *length > admission.bodyLimit) {
    co_return Exchange{state.api.bodyTooLarge(request, admission), true};
  }
  parser.body_limit(admission.bodyLimit);  // a chunked body is cut off while it is read
  const BodyRead read = co_await readBody(stream, buffer, parser, state.options);
  if (read == BodyRead::Broken) co_return Exchange{std::nullopt, true};
  if (read == BodyRead::TooLarge)
    co_return Exchange{state.api.bodyTooLarge(request, admission), true};
  if (read == BodyRead::TimedOut) {
    co_return Exchange{errorReply(request, http::status::request_timeout, "body_timeout",
                                  "the request body stopped arriving; try again on a better "
                                  "connection",
                                  true),
                       true};
  }
  try {
    Reply reply = co_await state.api.handle(request, admission);
    co_return Exchange{std::move(reply), false};
  } catch (const std::exception& e) {
    co_return Exchange{failureReply(request, e, requestId), false};
  }
}

// Replaces whatever the client sent as the client address with what the server knows.
void setClientAddress(const ServerState& state, const Connection& connection,
                      HttpRequest& request) {
  const std::string forwarded(request["X-Forwarded-For"]);
  request.set(kClientAddressHeader,
              clientAddress(connection.peer, forwarded, state.options.trustedProxies));
}

template <class Stream>
awaitable<void> serveRequests(ServerState& state, Connection* connection, Stream& stream) {
  beast::flat_buffer buffer;
  for (bool keepAlive = true; keepAlive && !state.stopping;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    // No limit while reading the header (Beast would fail it without an answer); the admission
    // sets the request's own.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    connection->markIdle();
    connection->stream.expires_after(state.options.headerTimeout);
    beast::error_code ec;
    co_await http::async_read_header(stream, buffer, parser,
                                     asio::redirect_error(use_awaitable, ec));
    if (ec) break;  // closed, timed out, shut down, or not HTTP: nothing to answer
    connection->idle = false;
    setClientAddress(state, *connection, parser.get());
    const auto started = Clock::now();
    const std::string requestId = std::to_string(state.nextRequestId++);
    Exchange exchange = co_await answer(state, stream, buffer, parser, requestId);
    if (!exchange.reply) break;
    const HttpRequest& request = parser.get();
    keepAlive = request.keep_alive() && !exchange.close && !state.stopping;
    co_await writeReply(state, *connection, stream, request, *exchange.reply, keepAlive, requestId,
                        started);
    if (exchange.close) {
      connection->markIdle();  // nothing left to answer: it may give way to a new connection
      co_await lingeringClose(stream);
      break;
    }
  }
}

// HTTPS: the handshake must finish within the header timeout (a client that opens a connection
// and stays silent is dropped like one that never sends its header). The connection counts as
// idle meanwhile, so a flood of silent handshakes gives way to real requests.
awaitable<void> serveTls(ServerState& state, Connection* connection) {
  TlsStream tls(connection->stream, *state.tls);
  connection->stream.expires_after(state.options.headerTimeout);
  beast::error_code ec;
  co_await tls.async_handshake(asio::ssl::stream_base::server,
                               asio::redirect_error(use_awaitable, ec));
  if (ec) {
    logEvent("info", "tls_handshake_failed",
             {{"client", connection->peer}, {"error", ec.message()}});
    co_return;
  }
  co_await serveRequests(state, connection, tls);
}

awaitable<void> serveConnection(ServerState& state, std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  if (state.tls) {
    co_await serveTls(state, connection.get());
  } else {
    co_await serveRequests(state, connection.get(), stream);
  }
  beast::error_code ignored;  // the peer may already be gone; nothing left to tell it
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.socket().close(ignored);
  release(state, *connection);
  state.connections.erase(connection);
  if (state.stopping && state.connections.empty()) state.grace->cancel();
}

bool outOfDescriptors(const beast::error_code& ec) {
  return ec == boost::system::errc::too_many_files_open ||
         ec == boost::system::errc::too_many_files_open_in_system;
}

// Waits until a connection counted against the cap ends (or a second passes).
awaitable<void> waitForAFreeSlot(ServerState& state) {
  state.slotFree->expires_after(std::chrono::seconds(1));
  beast::error_code ignored;  // cancelled when a connection ends: that is the point
  co_await state.slotFree->async_wait(asio::redirect_error(use_awaitable, ignored));
}

awaitable<void> acceptLoop(ServerState& state) {
  asio::steady_timer pause(state.acceptor.get_executor());
  auto backoff = kFirstAcceptBackoff;
  const auto cap = static_cast<std::size_t>(state.options.maxConnections);
  for (;;) {
    if (state.counted >= cap && !closeLongestIdle(state)) {
      co_await waitForAFreeSlot(state);  // every connection is in the middle of a request
      if (state.stopping) co_return;
      continue;
    }
    beast::error_code ec;
    tcp::socket socket =
        co_await state.acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (state.stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of file descriptors, or a network error: retrying at once would spin. The longest
      // idle connection gives its descriptor up, and the loop waits a little, longer each time.
      logEvent("warn", "accept_failed",
               {{"error", ec.message()},
                {"retry_in_ms", static_cast<std::int64_t>(backoff.count())},
                {"connections", static_cast<std::int64_t>(state.counted)}});
      if (outOfDescriptors(ec)) closeLongestIdle(state);
      pause.expires_after(backoff);
      co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
      backoff = std::min(backoff * 2, kLongestAcceptBackoff);
      continue;
    }
    backoff = kFirstAcceptBackoff;
    auto connection = std::make_shared<Connection>(std::move(socket));
    state.connections.insert(connection);
    ++state.counted;
    asio::co_spawn(state.acceptor.get_executor(), serveConnection(state, connection),
                   asio::detached);
  }
}

// Each connection is a file descriptor: below the cap plus what the server needs besides, a
// flood runs out of descriptors before it reaches the cap (accept then backs off).
void warnIfTooFewDescriptors(const ServerOptions& options) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return;
  const rlim_t needed =
      static_cast<rlim_t>(options.maxConnections) + kDescriptorsBesidesConnections;
  if (limit.rlim_cur >= needed) return;
  logEvent("warn", "open_file_limit_low",
           {{"open_file_limit", static_cast<std::int64_t>(limit.rlim_cur)},
            {"max_connections", std::int64_t{options.maxConnections}},
            {"advice", "raise the limit (ulimit -n, systemd LimitNOFILE=) to at least " +
                           std::to_string(needed) + " or lower --max-connections"}});
}

// Removes attachment uploads no client advanced for options.abandonedUploadAge, every
// options.uploadSweepInterval, on the storage pool (the I/O loop never waits for it). The first
// sweep waits one interval: at start it would hold the database's write lock just when tablets that
// waited for the restart push again. A failed sweep is logged and tried again next time.
awaitable<void> sweepAbandonedUploads(ServerState& state, AttachmentService& attachments,
                                      asio::thread_pool& pool) {
  const std::int64_t ageMs = state.options.abandonedUploadAge.count();
  while (!state.stopping) {
    state.sweep->expires_after(state.options.uploadSweepInterval);
    beast::error_code ec;
    co_await state.sweep->async_wait(asio::redirect_error(use_awaitable, ec));
    if (state.stopping) break;
    std::function<PrunedUploads()> work = [&attachments, ageMs] {
      return attachments.pruneAbandoned(nowMillis() - ageMs);
    };
    try {
      const PrunedUploads pruned = co_await onStoragePool(pool, work);
      if (pruned.uploads > 0 || pruned.bytes > 0) {
        logEvent("info", "abandoned_uploads_removed",
                 {{"uploads", pruned.uploads},
                  {"bytes", static_cast<std::int64_t>(pruned.bytes)},
                  {"not_advanced_for_ms", ageMs}});
      }
    } catch (const std::exception& e) {
      logEvent("error", "upload_sweep_failed", {{"error", e.what()}});
    }
  }
}

void beginShutdown(ServerState& state, asio::io_context& io) {
  if (state.stopping) return;
  state.stopping = true;
  state.sweep->cancel();
  state.slotFree->cancel();
  logEvent("info", "shutdown_started",
           {{"in_flight", static_cast<std::int64_t>(
                              std::count_if(state.connections.begin(), state.connections.end(),
                                            [](const auto& c) { return !c->idle; }))}});
  beast::error_code ignored;  // closing a listening socket cannot fail in a way we could act on
  state.acceptor.close(ignored);
  for (const auto& connection : state.connections) {
    if (connection->idle) connection->stream.socket().close(ignored);
  }
  if (state.connections.empty()) return;
  state.grace->expires_after(state.options.shutdownGrace);
  state.grace->async_wait([&io, &state](beast::error_code ec) {
    if (ec) return;
    logEvent("warn", "shutdown_forced",
             {{"in_flight", static_cast<std::int64_t>(state.connections.size())}});
    io.stop();
  });
}

}  // namespace

int runHttpServer(const ServerOptions& options, Services& services,
                  const std::function<void(unsigned short port)>& onListening) {
  asio::io_context io(1);
  asio::thread_pool pool(static_cast<std::size_t>(options.storageThreads));
  SyncApi api(services, pool, options);
  const auto address = asio::ip::make_address(options.host);
  asio::steady_timer grace(io);
  ServerState state{options, api, tcp::acceptor(io, tcp::endpoint(address, options.port)), {}};
  state.grace = &grace;
  asio::steady_timer sweep(io);
  state.sweep = &sweep;
  asio::steady_timer slotFree(io);
  state.slotFree = &slotFree;
  state.pool = &pool;
  std::unique_ptr<asio::ssl::context> tls;
  if (!options.tlsCertFile.empty()) {
    tls = makeServerTlsContext(options.tlsCertFile, options.tlsKeyFile);
    state.tls = tls.get();
  }
  warnIfTooFewDescriptors(options);
  asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code ec, int signal) {
    if (ec) return;
    logEvent("info", "signal", {{"signal", std::int64_t{signal}}});
    beginShutdown(state, io);
  });
  asio::co_spawn(io, acceptLoop(state), [&](std::exception_ptr error) {
    if (error) std::rethrow_exception(error);
    // Accepting stopped: once the last connection is done, nothing keeps run() going but these.
    signals.cancel();
  });
  const unsigned short port = state.acceptor.local_endpoint().port();
  logEvent("info", "listening",
           {{"host", options.host},
            {"port", std::int64_t{port}},
            {"tls", std::int64_t{state.tls ? 1 : 0}},
            {"open", std::int64_t{options.open ? 1 : 0}},
            {"max_connections", std::int64_t{options.maxConnections}}});
  onListening(port);
  asio::co_spawn(io, sweepAbandonedUploads(state, services.attachments(), pool), asio::detached);
  io.run();
  pool.join();
  logEvent("info", "shutdown_complete", {});
  return 0;
}

}  // namespace phum::server
