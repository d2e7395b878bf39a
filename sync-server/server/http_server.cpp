#include "server/http_server.h"

// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <memory>
#include <set>

#include "core/clock.h"
#include "server/body_codec.h"
#include "server/json_log.h"
#include "server/storage_pool.h"
#include "server/sync_api.h"

namespace phum::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kCompressAbove = 1024;
constexpr std::chrono::seconds kWriteTimeout{120};

struct Connection {
  beast::tcp_stream stream;
  bool idle = true;  // waiting for the next request: may be closed at shutdown
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
};

struct ServerState {
  const ServerOptions& options;
  SyncApi& api;
  tcp::acceptor acceptor;
  std::set<std::shared_ptr<Connection>> connections;
  bool stopping = false;
  std::uint64_t nextRequestId = 1;
  asio::steady_timer* grace = nullptr;  // bounds how long shutdown waits for in-flight requests
  asio::steady_timer* sweep = nullptr;  // next sweep of abandoned attachment uploads
};

http::response<http::string_body> buildResponse(const HttpRequest& request, Reply reply,
                                                bool keepAlive, const std::string& requestId) {
  http::response<http::string_body> response{reply.status, request.version()};
  response.set(http::field::server, "phum-server/" PHUM_SERVER_VERSION);
  response.set(http::field::content_type, reply.contentType);
  response.set("X-Request-Id", requestId);
  for (const auto& [name, value] : reply.headers) response.set(name, value);
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
awaitable<void> lingeringClose(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  char sink[16 * 1024];
  std::size_t drained = 0;
  while (!ec && drained < 4 * 1024 * 1024) {
    stream.expires_after(std::chrono::seconds(2));
    drained += co_await stream.async_read_some(asio::buffer(sink),
                                               asio::redirect_error(use_awaitable, ec));
  }
  stream.socket().close(ec);
}

struct ReadOutcome {
  std::optional<Reply> earlyReply;  // an error to send instead of handling the request
  bool close = false;               // the connection cannot be reused
};

// Reads the body chunk by chunk so that each chunk has its own idle deadline.
awaitable<ReadOutcome> readBody(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                http::request_parser<http::string_body>& parser,
                                const ServerOptions& options) {
  const auto& request = parser.get();
  if (request[http::field::expect] == "100-continue") {
    http::response<http::empty_body> proceed{http::status::continue_, request.version()};
    stream.expires_after(kWriteTimeout);
    co_await http::async_write(stream, proceed, use_awaitable);
  }
  const auto deadline = std::chrono::steady_clock::now() + options.bodyTotalTimeout;
  beast::error_code ec;
  while (!parser.is_done()) {
    stream.expires_after(options.bodyIdleTimeout);
    co_await http::async_read_some(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (ec == http::error::body_limit) {
      co_return ReadOutcome{
          errorReply(request, http::status::payload_too_large, "batch_too_large",
                     "the request body is larger than " + std::to_string(options.maxBodyBytes) +
                         " bytes; send fewer records per batch",
                     false),
          true};
    }
    if (ec == beast::error::timeout || std::chrono::steady_clock::now() > deadline) {
      co_return ReadOutcome{errorReply(request, http::status::request_timeout, "body_timeout",
                                       "the request body stopped arriving; try again on a better "
                                       "connection",
                                       true),
                            true};
    }
    if (ec) co_return ReadOutcome{std::nullopt, true};
  }
  co_return ReadOutcome{};
}

awaitable<void> writeReply(ServerState& state, Connection& connection, const HttpRequest& request,
                           Reply& reply, bool keepAlive, const std::string& requestId,
                           std::chrono::steady_clock::time_point started) {
  const auto status = static_cast<std::int64_t>(reply.status);
  const auto records = reply.records;
  auto response = buildResponse(request, std::move(reply), keepAlive, requestId);
  connection.stream.expires_after(kWriteTimeout);
  beast::error_code ec;
  co_await http::async_write(connection.stream, response, asio::redirect_error(use_awaitable, ec));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  logEvent(status >= 500 ? "error" : "info", "request",
           {{"request_id", requestId},
            {"method", std::string(request.method_string())},
            {"path", std::string(request.target().substr(0, request.target().find('?')))},
            {"status", status},
            {"ms", static_cast<std::int64_t>(ms)},
            {"records", records},
            {"write_error", ec ? ec.message() : std::string()}});
  (void)state;
}

awaitable<void> serveConnection(ServerState& state, std::shared_ptr<Connection> connection) {
  beast::flat_buffer buffer;
  auto& stream = connection->stream;
  for (bool keepAlive = true; keepAlive && !state.stopping;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    // No limit while reading the header (Beast would fail it without an answer); checked below.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    connection->idle = true;
    stream.expires_after(state.options.headerTimeout);
    beast::error_code ec;
    co_await http::async_read_header(stream, buffer, parser,
                                     asio::redirect_error(use_awaitable, ec));
    if (ec) break;  // closed, timed out, shut down, or not HTTP: nothing to answer
    connection->idle = false;
    const auto started = std::chrono::steady_clock::now();
    const std::string requestId = std::to_string(state.nextRequestId++);
    const auto length = parser.content_length();
    ReadOutcome outcome;
    if (length && *length > state.options.maxBodyBytes) {
      outcome =
          ReadOutcome{errorReply(parser.get(), http::status::payload_too_large, "batch_too_large",
                                 "the request body (" + std::to_string(*length) +
                                     " bytes) is larger than the limit of " +
                                     std::to_string(state.options.maxBodyBytes) +
                                     " bytes; send fewer records per batch",
                                 false),
                      true};
    } else {
      parser.body_limit(state.options.maxBodyBytes);  // chunked bodies are cut off while reading
      outcome = co_await readBody(stream, buffer, parser, state.options);
    }
    if (outcome.close && !outcome.earlyReply) break;
    const HttpRequest& request = parser.get();
    Reply reply;
    if (outcome.earlyReply) {
      reply = std::move(*outcome.earlyReply);
    } else {
      try {
        reply = co_await state.api.handle(request);
      } catch (const std::exception& e) {
        logEvent("error", "handler_failed", {{"request_id", requestId}, {"error", e.what()}});
        reply =
            errorReply(request, http::status::service_unavailable, "storage_error",
                       std::string("the server could not store or read data: ") + e.what(), true);
      }
    }
    keepAlive = request.keep_alive() && !outcome.close && !state.stopping;
    co_await writeReply(state, *connection, request, reply, keepAlive, requestId, started);
    if (outcome.close) {
      co_await lingeringClose(stream);
      break;
    }
  }
  beast::error_code ignored;  // the peer may already be gone; nothing left to tell it
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  stream.socket().close(ignored);
  state.connections.erase(connection);
  if (state.stopping && state.connections.empty()) state.grace->cancel();
}

awaitable<void> acceptLoop(ServerState& state) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await state.acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
    if (state.stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      logEvent("warn", "accept_failed", {{"error", ec.message()}});
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    state.connections.insert(connection);
    asio::co_spawn(state.acceptor.get_executor(), serveConnection(state, connection),
                   asio::detached);
  }
}

// Removes attachment uploads no client advanced for options.abandonedUploadAge, every
// options.uploadSweepInterval, on the storage pool (the I/O loop never waits for it). The first
// sweep waits one interval: at start it would hold the store's write lock just when tablets that
// waited for the restart push again. A failed sweep is logged and tried again next time.
awaitable<void> sweepAbandonedUploads(ServerState& state, ServerStore& store,
                                      asio::thread_pool& pool) {
  const std::int64_t ageMs = state.options.abandonedUploadAge.count();
  while (!state.stopping) {
    state.sweep->expires_after(state.options.uploadSweepInterval);
    beast::error_code ec;
    co_await state.sweep->async_wait(asio::redirect_error(use_awaitable, ec));
    if (state.stopping) break;
    std::function<PrunedUploads()> work = [&store, ageMs] {
      return store.attachments().pruneAbandoned(nowMillis() - ageMs);
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

int runHttpServer(const ServerOptions& options, ServerStore& store,
                  const std::function<void(unsigned short port)>& onListening) {
  asio::io_context io(1);
  asio::thread_pool pool(static_cast<std::size_t>(options.storageThreads));
  SyncApi api(store, pool, options);
  const auto address = asio::ip::make_address(options.host);
  asio::steady_timer grace(io);
  ServerState state{options, api, tcp::acceptor(io, tcp::endpoint(address, options.port)), {}};
  state.grace = &grace;
  asio::steady_timer sweep(io);
  state.sweep = &sweep;
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
            {"open", std::int64_t{options.open ? 1 : 0}}});
  onListening(port);
  asio::co_spawn(io, sweepAbandonedUploads(state, store, pool), asio::detached);
  io.run();
  pool.join();
  logEvent("info", "shutdown_complete", {});
  return 0;
}

}  // namespace phum::server
