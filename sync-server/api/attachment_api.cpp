// /v1/attachments/{uuid}/{name}[/complete]: tus-style resumable uploads (docs/sync-protocol.md).
// HEAD tells the confirmed offset, PATCH appends a chunk at exactly that offset (durable before
// it is answered), POST .../complete checks size and SHA-256 over the bytes the store holds. Which
// storage holds the bytes (files for SQLite, the database for PostgreSQL) is the AttachmentStore's
// business; its lock makes requests for one attachment take turns across server instances.
// Authentication is the same as /v1/push. The record must already be on the server (the tablet
// uploads attachments after its record was acked) and be the caller's own: otherwise 404
// record_not_found, and the tablet keeps the attachment until the record is stored.
#include <charconv>
#include <variant>

#include "core/uuid.h"
#include "phum/v1/changes.pb.h"
#include "services/attachment_names.h"
#include "api/storage_pool.h"
#include "api/sync_api.h"

namespace phum::server {

namespace http = boost::beast::http;
using boost::asio::awaitable;

namespace {

constexpr std::uint64_t kMaxAttachmentBytes = 50ull * 1024 * 1024;
constexpr std::string_view kPrefix = "/v1/attachments/";

struct AttachmentTarget {
  std::string uuidBytes;
  std::string uuidText;
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
  AttachmentTarget target{uuid->toBytes(), uuid->toString(), {}, false};
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

// Checks the record is stored and belongs to the caller; an error reply otherwise. A record of
// another author gets exactly the answer of a record the server does not hold: whose records exist
// is nobody else's business.
std::optional<Reply> checkRecord(const HttpRequest& request, const AttachmentState& state,
                                 const std::string& username, const AttachmentTarget& target) {
  const bool othersRecord = !username.empty() && state.recordAuthor != username;
  if (!state.recordKnown || othersRecord) {
    return errorReply(request, http::status::not_found, "record_not_found",
                      "the record " + target.uuidText +
                          " is not on the server yet; send the record first, then its attachments",
                      false);
  }
  return std::nullopt;
}

// Runs with the attachment locked (AttachmentStore::withUpload).
Reply appendChunk(const HttpRequest& request, AttachmentUpload& upload,
                  const AttachmentTarget& target, const std::string& username,
                  std::uint64_t offset) {
  const auto& state = upload.state();
  if (auto refused = checkRecord(request, state, username, target)) return std::move(*refused);
  const std::uint64_t confirmed = state.complete ? state.size : state.offset;
  if (state.complete || offset != confirmed) {
    return withOffset(
        errorReply(request, http::status::conflict, "offset_mismatch",
                   "the server holds " + std::to_string(confirmed) + " bytes of this attachment" +
                       (state.complete ? " (complete)" : "") + "; continue from there",
                   false),
        confirmed);
  }
  const std::string& chunk = request.body();
  if (offset + chunk.size() > kMaxAttachmentBytes) {
    return errorReply(
        request, http::status::payload_too_large, "attachment_too_large",
        "an attachment may be at most " + std::to_string(kMaxAttachmentBytes) + " bytes", false);
  }
  upload.append(chunk);
  return noContent(upload.state().offset);
}

// Runs with the attachment locked (AttachmentStore::withUpload).
Reply completeUpload(const HttpRequest& request, AttachmentUpload& upload,
                     const AttachmentTarget& target, const std::string& username,
                     const phum::v1::AttachmentComplete& claim) {
  const auto& state = upload.state();
  if (auto refused = checkRecord(request, state, username, target)) return std::move(*refused);
  if (state.complete) {
    if (state.size == claim.size() && state.sha256 == claim.sha256()) return noContent(state.size);
    return errorReply(request, http::status::conflict, "attachment_exists",
                      "a different file was already received under the name " + target.name, false);
  }
  if (state.offset != claim.size()) {
    return withOffset(
        errorReply(request, http::status::conflict, "upload_incomplete",
                   "the server holds " + std::to_string(state.offset) + " of " +
                       std::to_string(claim.size()) + " bytes; send the rest before completing",
                   false),
        state.offset);
  }
  const HeldBytes held = upload.measure();
  if (held.size != claim.size() || held.sha256 != claim.sha256()) {
    upload.restart();
    return withOffset(errorReply(request, http::status::unprocessable_entity, "hash_mismatch",
                                 "the received bytes of " + target.name +
                                     " do not match the file's SHA-256 (damaged on the way); "
                                     "the upload starts again from the beginning",
                                 false),
                      0);
  }
  upload.complete(held);
  return noContent(held.size);
}

// Checks what can be checked without the store, so a bad request never takes the lock.
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
Reply answerAttachment(const HttpRequest& request, AttachmentStore& store,
                       const AttachmentTarget& target, const std::string& username) {
  const auto method = request.method();
  if (method == http::verb::head) {
    const auto state = store.uploadState(target.uuidBytes, target.name);
    if (auto refused = checkRecord(request, state, username, target)) return std::move(*refused);
    Reply reply = withOffset(Reply{}, state.complete ? state.size : state.offset);
    if (state.complete) reply.headers.emplace_back("Upload-Complete", "true");
    return reply;
  }
  Reply reply;
  if (method == http::verb::patch) {
    const auto offset = offsetHeader(request);
    if (auto refused = badChunk(request, offset)) return std::move(*refused);
    store.withUpload(target.uuidBytes, target.name, [&](AttachmentUpload& upload) {
      reply = appendChunk(request, upload, target, username, *offset);
    });
    return reply;
  }
  phum::v1::AttachmentComplete claim;
  if (auto refused = badClaim(request, claim)) return std::move(*refused);
  store.withUpload(target.uuidBytes, target.name, [&](AttachmentUpload& upload) {
    reply = completeUpload(request, upload, target, username, claim);
  });
  return reply;
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
  const auto where = std::get<AttachmentTarget>(parseTarget(target.substr(0, target.find('?'))));
  return answerAttachment(request, store_.attachments(), where, username);
}

}  // namespace phum::server
