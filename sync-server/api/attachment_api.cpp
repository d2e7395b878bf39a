// /v1/attachments/{uuid}/{name}[/complete]: tus-style resumable uploads (docs/sync-protocol.md).
// HEAD tells the confirmed offset, PATCH appends a chunk at exactly that offset (durable before
// it is answered), POST .../complete checks size and SHA-256 over the bytes the server holds. The
// rules are the AttachmentService's (services/attachment_service.h); this file parses the request
// and turns each outcome into its status and error code. Authentication is the same as /v1/push.
// A record not on the server yet, or another author's, is 404 record_not_found, and the tablet
// keeps the attachment until the record is stored.
#include <charconv>
#include <variant>

#include "api/storage_pool.h"
#include "api/sync_api.h"
#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "services/attachment_names.h"

namespace phum::server {

namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

constexpr std::string_view kPrefix = "/v1/attachments/";

struct AttachmentTarget {
  std::string uuidBytes;
  std::string name;
  bool complete = false;  // the .../complete sub-resource
};

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes a path segment; nullopt for a broken escape.
std::optional<std::string> percentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hexValue(text[i + 1]);
    const int low = hexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

// Parses the path, or says what is wrong with it.
std::variant<AttachmentTarget, std::string> parseTarget(std::string_view path) {
  path.remove_prefix(kPrefix.size());
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return std::string("the path needs a record id and a name");
  const auto uuid = Uuid::parse(path.substr(0, slash));
  if (!uuid) return "'" + std::string(path.substr(0, slash)) + "' is not a record id";
  std::string_view rest = path.substr(slash + 1);
  AttachmentTarget target{uuid->toBytes(), {}, false};
  if (const auto next = rest.find('/'); next != std::string_view::npos) {
    if (rest.substr(next + 1) != "complete") {
      return std::string("an attachment name may not contain '/'");
    }
    target.complete = true;
    rest = rest.substr(0, next);
  }
  const auto name = percentDecoded(rest);
  if (!name) return std::string("the attachment name has a broken %-escape");
  if (auto problem = attachmentNameProblem(*name)) return *problem;
  target.name = *name;
  return target;
}

std::optional<std::uint64_t> offsetHeader(const HttpRequest& request) {
  const std::string_view text = request["Upload-Offset"];
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Reply withOffset(Reply reply, std::uint64_t offset) {
  reply.headers.emplace_back("Upload-Offset", std::to_string(offset));
  return reply;
}

Reply noContent(std::uint64_t offset) {
  Reply reply;
  reply.status = http::status::no_content;
  return withOffset(std::move(reply), offset);
}

// The HTTP answer to an upload request's outcome (attachment_service.h).
Reply replyTo(const HttpRequest& request, const UploadAnswer& answer) {
  using Outcome = UploadAnswer::Outcome;
  const auto refusal = [&](http::status status, const char* code) {
    return errorReply(request, status, code, answer.message, false);
  };
  switch (answer.outcome) {
    case Outcome::Ok:
      break;
    case Outcome::RecordNotFound:
      return refusal(http::status::not_found, "record_not_found");
    case Outcome::OffsetMismatch:
      return withOffset(refusal(http::status::conflict, "offset_mismatch"), answer.offset);
    case Outcome::TooLarge:
      return refusal(http::status::payload_too_large, "attachment_too_large");
    case Outcome::DifferentFileExists:
      return refusal(http::status::conflict, "attachment_exists");
    case Outcome::Incomplete:
      return withOffset(refusal(http::status::conflict, "upload_incomplete"), answer.offset);
    case Outcome::HashMismatch:
      return withOffset(refusal(http::status::unprocessable_entity, "hash_mismatch"),
                        answer.offset);
    case Outcome::UnknownSealingKey:
      return refusal(http::status::unprocessable_entity, "unknown_sealing_key");
  }
  if (request.method() != http::verb::head) return noContent(answer.offset);
  Reply reply = withOffset(Reply{}, answer.offset);
  if (answer.complete) reply.headers.emplace_back("Upload-Complete", "true");
  return reply;
}

// Checks what can be checked without the database, so a bad request never takes the lock.
std::optional<Reply> badChunk(const HttpRequest& request, std::optional<std::uint64_t> offset) {
  if (!offset) {
    return errorReply(request, http::status::bad_request, "bad_offset",
                      "a chunk needs an Upload-Offset header with a whole number", false);
  }
  if (request.body().size() > kMaxAttachmentChunkBytes) {  // also refused before reading it
    return errorReply(request, http::status::payload_too_large, "chunk_too_large",
                      "a chunk may be at most " + std::to_string(kMaxAttachmentChunkBytes) +
                          " bytes; send smaller chunks",
                      false);
  }
  return std::nullopt;
}

std::optional<Reply> badClaim(const HttpRequest& request, phum::v1::AttachmentComplete& claim) {
  if (!claim.ParseFromString(request.body()) || claim.sha256().size() != 32) {
    return errorReply(request, http::status::bad_request, "malformed_request",
                      "completing an upload needs an AttachmentComplete with a 32-byte sha256",
                      false);
  }
  return std::nullopt;
}

// The answer to one attachment request; runs on the storage pool.
Reply answerAttachment(const HttpRequest& request, AttachmentService& attachments,
                       const AttachmentRequest& target) {
  const auto method = request.method();
  if (method == http::verb::head) return replyTo(request, attachments.state(target));
  if (method == http::verb::patch) {
    const auto offset = offsetHeader(request);
    if (auto refused = badChunk(request, offset)) return std::move(*refused);
    return replyTo(request, attachments.append(target, *offset, request.body()));
  }
  phum::v1::AttachmentComplete claim;
  if (auto refused = badClaim(request, claim)) return std::move(*refused);
  return replyTo(request, attachments.complete(target, claim.size(), claim.sha256()));
}

}  // namespace

std::optional<Reply> SyncApi::attachmentHeaderProblem(const HttpRequest& request) const {
  const std::string_view target = request.target();
  auto parsed = parseTarget(target.substr(0, target.find('?')));
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    return errorReply(request, http::status::bad_request, "bad_attachment_name", *problem, false);
  }
  const auto method = request.method();
  const bool allowed = std::get<AttachmentTarget>(parsed).complete
                           ? method == http::verb::post
                           : (method == http::verb::head || method == http::verb::patch);
  if (!allowed) {
    return errorReply(request, http::status::method_not_allowed, "method_not_allowed",
                      "attachments take HEAD and PATCH, and POST on .../complete", false);
  }
  return std::nullopt;
}

awaitable<Reply> SyncApi::attachments(const HttpRequest& request, const Caller& caller) {
  const std::string username = caller.session ? caller.session->account.username() : "";
  std::function<Reply()> work = [this, &request, username] {
    return attachmentRequest(request, username);
  };
  co_return co_await onStoragePool(pool_, work);
}

// Runs on the storage pool; the path was checked when the request was admitted.
Reply SyncApi::attachmentRequest(const HttpRequest& request, const std::string& username) {
  const std::string_view target = request.target();
  auto where = std::get<AttachmentTarget>(parseTarget(target.substr(0, target.find('?'))));
  const AttachmentRequest attachment{std::move(where.uuidBytes), std::move(where.name), username};
  return answerAttachment(request, services_.attachments(), attachment);
}

}  // namespace phum::server
