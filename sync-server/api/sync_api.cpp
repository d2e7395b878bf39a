#include "api/sync_api.h"

#include <google/protobuf/arena.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

#include <charconv>
#include <vector>

#include "api/body_codec.h"
#include "api/endpoints.h"
#include "api/storage_pool.h"
#include "common/json_log.h"
#include "http/client_address.h"

namespace phum::server {

namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

constexpr const char* kProtobuf = "application/x-protobuf";
constexpr int kDefaultChangeLimit = 100;
constexpr int kMaxChangeLimit = 1000;
constexpr std::size_t kArenaStartBlock = 64 * 1024;
constexpr std::size_t kArenaMaxBlock = 1024 * 1024;

bool acceptsProtobuf(const HttpRequest& request) {
  return std::string_view(request[http::field::accept]).find(kProtobuf) != std::string_view::npos;
}

bool hasProtobufBody(const HttpRequest& request) {
  const std::string_view type = request[http::field::content_type];
  return type.substr(0, type.find(';')) == kProtobuf;
}

Reply protobufReply(const google::protobuf::Message& message) {
  Reply reply;
  reply.contentType = kProtobuf;
  reply.body = message.SerializeAsString();
  return reply;
}

std::string_view pathOf(const HttpRequest& request) {
  const std::string_view target = request.target();
  return target.substr(0, target.find('?'));
}

// Value of `name` in the query string, or empty.
std::string queryParameter(const HttpRequest& request, std::string_view name) {
  const std::string_view target = request.target();
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (pair.substr(0, equals) == name && equals != std::string_view::npos) {
      return std::string(pair.substr(equals + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

std::optional<std::uint64_t> parseUnsigned(const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Same answer as ByteSizeLong() == 0, from the top-level fields only: ByteSizeLong walks every
// nested message, and for a push that was a whole extra pass over tens of thousands of them.
bool serialisesToNothing(const google::protobuf::Message& message) {
  const auto* reflection = message.GetReflection();
  if (!reflection->GetUnknownFields(message).empty()) return false;
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  return fields.empty();
}

// Decodes the body (Content-Encoding) and parses it as `message`; an error reply otherwise.
std::optional<Reply> decodeMessage(const HttpRequest& request, std::size_t maxBytes,
                                   google::protobuf::Message& message, const char* code) {
  const auto encoding = parseContentEncoding(request[http::field::content_encoding]);
  if (!encoding) {
    return errorReply(request, http::status::unsupported_media_type, "unsupported_encoding",
                      "Content-Encoding '" + std::string(request[http::field::content_encoding]) +
                          "' is not supported; send zstd, gzip or no encoding",
                      false);
  }
  // An identity body is parsed where it lies; only a compressed one is inflated into a copy.
  std::string_view body = request.body();
  std::string inflated;
  if (*encoding != Encoding::Identity || body.size() > maxBytes) {
    DecodeError error{};
    auto decoded = decodeBody(*encoding, body, maxBytes, error);
    if (!decoded) {
      if (error.kind == DecodeError::TooLarge) {
        return errorReply(request, http::status::payload_too_large, "batch_too_large",
                          error.message, false);
      }
      return errorReply(request, http::status::bad_request, code, error.message, false);
    }
    inflated = std::move(*decoded);
    body = inflated;
  }
  // Garbage can parse as a message made only of unknown fields; a real one has known fields.
  const bool parsed = message.ParseFromArray(body.data(), static_cast<int>(body.size()));
  const bool empty = parsed && !body.empty() && serialisesToNothing(message);
  if (!parsed || empty) {
    return errorReply(request, http::status::bad_request, code,
                      message.GetDescriptor()->name() + " could not be parsed (" +
                          std::to_string(body.size()) +
                          " bytes): the body is truncated or is not a Phum protobuf " +
                          message.GetDescriptor()->name(),
                      false);
  }
  return std::nullopt;
}

}  // namespace

Reply errorReply(const HttpRequest& request, http::status status, const std::string& code,
                 const std::string& message, bool retryable) {
  Reply reply;
  reply.status = status;
  if (acceptsProtobuf(request)) {
    phum::v1::ErrorBody error;
    error.set_code(code);
    error.set_message(message);
    error.set_retryable(retryable);
    reply.contentType = kProtobuf;
    reply.body = error.SerializeAsString();
  } else {
    reply.body = "{\"code\":" + jsonEscape(code) + ",\"message\":" + jsonEscape(message) +
                 ",\"retryable\":" + (retryable ? "true" : "false") + "}";
  }
  return reply;
}

SyncApi::SyncApi(Services& services, boost::asio::thread_pool& pool, const ServerOptions& options)
    : services_(services),
      pool_(pool),
      options_(options),
      signInLimits_(services.database(), options.signInLimits) {}

namespace {

// DeviceOrEscrow: as Device, except that a request without X-Phum-Device goes on to the handler,
// which asks for the escrow path's credentials itself (SyncApi::signIn).
enum class Auth { None, Device, DeviceOrEscrow, User };

}  // namespace

std::optional<Reply> notAnEndpoint(const HttpRequest& header) {
  const std::string_view path = pathOf(header);
  const EndpointMatch match = findEndpoint(header.method(), path);
  if (match.endpoint != nullptr) return std::nullopt;
  if (match.pathKnown) {
    return errorReply(header, http::status::method_not_allowed, "method_not_allowed",
                      std::string(path) + " does not accept " + std::string(header.method_string()),
                      false);
  }
  const bool console = path.starts_with("/v1/console/");
  return errorReply(header, http::status::not_found, "not_found",
                    (console ? "there is no console endpoint " : "there is no endpoint ") +
                        std::string(header.method_string()) + " " + std::string(path) +
                        " on this Phum server",
                    false);
}

// Not a coroutine: hands over the coroutine of the console's endpoints or of the sync protocol's.
// (One coroutine awaiting the other trips GCC 12's -Wmismatched-new-delete on the frames.)
awaitable<SyncApi::Admission> SyncApi::admit(const HttpRequest& header) {
  // The console authenticates with its session cookie and CSRF header, from the header alone.
  if (pathOf(header).starts_with("/v1/console/")) return admitConsole(header);
  return admitSync(header);
}

awaitable<SyncApi::Admission> SyncApi::admitSync(const HttpRequest& header) {
  struct Route {
    std::string_view path;
    http::verb method;
    Auth auth;
    BodyKind body;
    Handler handler;
  };
  static const Route kRoutes[] = {
      {"/v1/health", http::verb::get, Auth::None, BodyKind::Small, &SyncApi::health},
      {"/v1/push", http::verb::post, Auth::User, BodyKind::Batch, &SyncApi::push},
      {"/v1/devices/enroll", http::verb::post, Auth::None, BodyKind::Small, &SyncApi::enroll},
      {"/v1/sessions", http::verb::post, Auth::DeviceOrEscrow, BodyKind::Small, &SyncApi::signIn},
      {"/v1/sessions", http::verb::delete_, Auth::User, BodyKind::Small, &SyncApi::signOut},
      {"/v1/changes", http::verb::get, Auth::User, BodyKind::Small, &SyncApi::changes},
  };
  Admission admission;
  admission.refusal = notAnEndpoint(header);
  if (admission.refusal) co_return admission;
  const std::string_view path = pathOf(header);
  const auto method = header.method();
  Auth auth = Auth::User;
  if (isConsolePage(path)) {
    if (method != http::verb::get) {
      admission.refusal = errorReply(header, http::status::method_not_allowed, "method_not_allowed",
                                     "console pages are read with GET", false);
      co_return admission;
    }
    admission.handler = &SyncApi::consolePage;
    auth = Auth::None;
  } else if (path.starts_with("/v1/attachments/")) {
    admission.refusal = attachmentHeaderProblem(header);
    if (admission.refusal) co_return admission;
    admission.handler = &SyncApi::attachments;
    admission.bodyKind = method == http::verb::patch ? BodyKind::Chunk : BodyKind::Small;
  } else {
    const Route* route = nullptr;
    for (const auto& candidate : kRoutes) {
      if (candidate.path == path && (route == nullptr || candidate.method == method)) {
        route = &candidate;
      }
    }
    if (route == nullptr) {
      admission.refusal =
          errorReply(header, http::status::not_found, "not_found",
                     "there is no endpoint " + std::string(path) + " on this Phum server", false);
      co_return admission;
    }
    if (route->method != method) {
      admission.refusal = errorReply(
          header, http::status::method_not_allowed, "method_not_allowed",
          std::string(path) + " does not accept " + std::string(header.method_string()), false);
      co_return admission;
    }
    admission.handler = route->handler;
    admission.bodyKind = route->body;
    auth = route->auth;
  }
  const bool escrowRequest = auth == Auth::DeviceOrEscrow && header["X-Phum-Device"].empty();
  if (auth != Auth::None && !escrowRequest) {
    admission.refusal = co_await authenticate(header, auth == Auth::User, admission.caller);
    if (admission.refusal) co_return admission;
  }
  if (admission.handler == &SyncApi::push && !hasProtobufBody(header)) {
    admission.refusal =
        errorReply(header, http::status::unsupported_media_type, "unsupported_media_type",
                   "a push must be sent as application/x-protobuf, not '" +
                       std::string(header[http::field::content_type]) + "'",
                   false);
    co_return admission;
  }
  const auto& session = admission.caller.session;
  if (admission.handler == &SyncApi::attachments && session && method != http::verb::head) {
    if (auto refusal = whyNotSendAttachments(session->account)) {
      admission.refusal =
          errorReply(header, http::status::forbidden, "role_not_allowed", *refusal, false);
      co_return admission;
    }
  }
  admission.bodyLimit = admission.bodyKind == BodyKind::Batch   ? options_.maxBodyBytes
                        : admission.bodyKind == BodyKind::Chunk ? kMaxAttachmentChunkBytes
                                                                : kMaxSmallBodyBytes;
  co_return admission;
}

Reply SyncApi::bodyTooLarge(const HttpRequest& request, const Admission& admission) const {
  const std::string limit = std::to_string(admission.bodyLimit);
  switch (admission.bodyKind) {
    case BodyKind::Batch:
      return errorReply(request, http::status::payload_too_large, "batch_too_large",
                        "the request body is larger than the limit of " + limit +
                            " bytes; send fewer records per batch",
                        false);
    case BodyKind::Chunk:
      return errorReply(request, http::status::payload_too_large, "chunk_too_large",
                        "a chunk may be at most " + limit + " bytes; send smaller chunks", false);
    case BodyKind::Small:
      break;
  }
  return errorReply(request, http::status::payload_too_large, "request_too_large",
                    "the body of this request may be at most " + limit + " bytes", false);
}

awaitable<Reply> SyncApi::handle(const HttpRequest& request, const Admission& admission) {
  co_return co_await (this->*admission.handler)(request, admission.caller);
}

awaitable<Reply> SyncApi::health(const HttpRequest&, const Caller&) {
  // No storage: a health check must answer at once however busy the database is, and must not
  // give anyone a way to make the server scan its tables.
  Reply reply;
  reply.body = "{\"status\":\"ok\",\"version\":\"" PHUM_SERVER_VERSION "\"}";
  co_return reply;
}

awaitable<Reply> SyncApi::push(const HttpRequest& request, const Caller& caller) {
  PushContext context;
  context.deviceId = caller.deviceId;
  if (caller.session) {
    context.username = caller.session->account.username();
    context.scopeCode = caller.session->account.scope_code();
  }
  // Decompressing and parsing up to 16 MiB is CPU work: keep it off the I/O loop too.
  std::function<Reply()> work = [this, &request, context] {
    // A batch is tens of thousands of small messages (answers, values): allocated from one arena
    // and freed at once instead of one by one.
    google::protobuf::ArenaOptions sizing;
    sizing.start_block_size = kArenaStartBlock;
    sizing.max_block_size = kArenaMaxBlock;
    google::protobuf::Arena arena(sizing);
    auto& batch = *google::protobuf::Arena::CreateMessage<phum::v1::PushBatch>(&arena);
    if (auto error = decodeMessage(request, options_.maxBodyBytes, batch, "malformed_batch")) {
      return std::move(*error);
    }
    Reply reply = protobufReply(services_.ingest().push(batch, context));
    reply.records = batch.records_size();
    return reply;
  };
  co_return co_await onStoragePool(pool_, work);
}

awaitable<Reply> SyncApi::enroll(const HttpRequest& request, const Caller& caller) {
  std::function<Reply()> work = [this, &request, &caller] {
    phum::v1::EnrollRequest enrollment;
    if (auto error =
            decodeMessage(request, options_.maxBodyBytes, enrollment, "malformed_request")) {
      return std::move(*error);
    }
    try {
      const auto enrolled = services_.accounts().enrollDevice(
          enrollment.enrollment_code(), enrollment.device_name(), auditOrigin(request, caller));
      return protobufReply(enrolled);
    } catch (const AuthError& e) {
      // Logged, not audited: a refused code must not wait for (or write to) the database, or a
      // flood of guesses would queue behind every enrolment (FloodTest).
      logEvent("warn", "enrolment_refused",
               {{"client", std::string(request[kClientAddressHeader])}, {"error", e.what()}});
      return errorReply(request, http::status::unauthorized, "enrollment_code_invalid", e.what(),
                        false);
    }
  };
  co_return co_await onStoragePool(pool_, work);
}

awaitable<Reply> SyncApi::signIn(const HttpRequest& request, const Caller& caller) {
  std::function<Reply()> work = [this, &request, caller] {
    phum::v1::SignInRequest signIn;
    if (auto error = decodeMessage(request, options_.maxBodyBytes, signIn, "malformed_request")) {
      return std::move(*error);
    }
    const bool escrow = caller.deviceId.empty() && !options_.open;
    if (escrow && signIn.device_id().empty()) {
      return errorReply(request, http::status::unauthorized, "device_not_enrolled",
                        "this tablet has not identified itself (X-Phum-Device is missing); enrol "
                        "it with a code from the administrator",
                        false);
    }
    if (auto refusal = tooManySignIns(request, signIn.username())) return std::move(*refusal);
    // The escrow path's audit entries name the tablet it asked for.
    Caller who = caller;
    if (escrow) who.deviceId = signIn.device_id();
    const char* action = escrow ? "escrow_sign_in" : "sign_in";
    const auto origin = auditOrigin(request, who);
    try {
      if (escrow) {
        auto opened = services_.accounts().escrowSignIn(signIn.username(), signIn.password(),
                                                        signIn.device_id(), origin);
        signInAttempt(request, who, signIn.username(), true, action);
        return protobufReply(opened);
      }
      auto signedIn =
          services_.accounts().signIn(signIn.username(), signIn.password(), caller.deviceId,
                                      options_.sessionLifetimeMs, signIn.want_escrow_key(), origin);
      signInAttempt(request, who, signIn.username(), true, action);
      return protobufReply(signedIn);
    } catch (const RevokedDevice& e) {
      signInAttempt(request, who, signIn.username(), false, action);
      return errorReply(request, http::status::forbidden, "device_revoked", e.what(), false);
    } catch (const UnknownDevice& e) {
      signInAttempt(request, who, signIn.username(), false, action);
      return errorReply(request, http::status::unauthorized, "device_not_enrolled", e.what(),
                        false);
    } catch (const AuthError& e) {
      signInAttempt(request, who, signIn.username(), false, action);
      return errorReply(request, http::status::unauthorized, "sign_in_failed", e.what(), false);
    }
  };
  co_return co_await onStoragePool(pool_, work);
}

awaitable<Reply> SyncApi::signOut(const HttpRequest& request, const Caller& caller) {
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view header = request[http::field::authorization];
  const std::string token(header.starts_with(kBearer) ? header.substr(kBearer.size()) : "");
  std::function<Reply()> work = [this, &request, &caller, token] {
    services_.accounts().signOut(token, auditOrigin(request, caller));
    Reply reply;
    reply.status = http::status::no_content;
    return reply;
  };
  co_return co_await onStoragePool(pool_, work);
}

awaitable<Reply> SyncApi::changes(const HttpRequest& request, const Caller& caller) {
  const std::string cursorText = queryParameter(request, "cursor");
  const std::string limitText = queryParameter(request, "limit");
  const auto cursor =
      cursorText.empty() ? std::optional<std::uint64_t>(0) : parseUnsigned(cursorText);
  const auto limit = limitText.empty() ? std::optional<std::uint64_t>(kDefaultChangeLimit)
                                       : parseUnsigned(limitText);
  if (!cursor || !limit || *limit == 0) {
    co_return errorReply(request, http::status::bad_request, "bad_cursor",
                         "cursor and limit must be whole numbers (limit at least 1)", false);
  }
  const std::string username = caller.session ? caller.session->account.username() : "";
  const int boundedLimit = static_cast<int>(std::min<std::uint64_t>(*limit, kMaxChangeLimit));
  std::function<ChangesResult()> work = [this, cursor, boundedLimit, username] {
    return services_.feed().changesSince(*cursor, boundedLimit, username);
  };
  const auto result = co_await onStoragePool(pool_, work);
  if (result.fullRefreshRequired) {
    co_return errorReply(request, http::status::precondition_failed, "full_refresh_required",
                         "the server no longer has the changes after cursor " +
                             std::to_string(*cursor) +
                             "; drop cached forms and reference data and pull from cursor 0",
                         false);
  }
  co_return protobufReply(result.batch);
}

}  // namespace phum::server
