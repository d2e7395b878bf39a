#include "services/attachment_service.h"

#include "core/uuid.h"

namespace phum::server {

namespace {

using Outcome = UploadAnswer::Outcome;

UploadAnswer refused(Outcome outcome, std::string message, std::uint64_t offset = 0) {
  UploadAnswer answer;
  answer.outcome = outcome;
  answer.offset = offset;
  answer.message = std::move(message);
  return answer;
}

UploadAnswer confirmed(const storage::UploadState& state) {
  UploadAnswer answer;
  answer.offset = state.complete ? state.size : state.offset;
  answer.complete = state.complete;
  return answer;
}

// The record must be stored and be the caller's own. A record of another author gets exactly the
// answer of a record the server does not hold: whose records exist is nobody else's business.
std::optional<UploadAnswer> recordProblem(storage::Transaction& tx,
                                          const AttachmentRequest& request) {
  const auto newest = tx.records().newestRevisions({request.uuidBytes});
  const auto found = newest.find(request.uuidBytes);
  const bool othersRecord = found != newest.end() && !request.username.empty() &&
                            found->second.author != request.username;
  if (found == newest.end() || othersRecord) {
    const auto uuid = Uuid::fromBytes(request.uuidBytes);
    return refused(Outcome::RecordNotFound,
                   "the record " + (uuid ? uuid->toString() : std::string("?")) +
                       " is not on the server yet; send the record first, then its attachments");
  }
  return std::nullopt;
}

UploadAnswer appendLocked(storage::Transaction& tx, const AttachmentRequest& request,
                          std::uint64_t offset, std::string_view chunk) {
  auto& attachments = tx.attachments();
  const auto state = attachments.upload(request.uuidBytes, request.name);
  if (auto problem = recordProblem(tx, request)) return std::move(*problem);
  const std::uint64_t held = state.complete ? state.size : state.offset;
  if (state.complete || offset != held) {
    return refused(Outcome::OffsetMismatch,
                   "the server holds " + std::to_string(held) + " bytes of this attachment" +
                       (state.complete ? " (complete)" : "") + "; continue from there",
                   held);
  }
  if (offset + chunk.size() > kMaxAttachmentBytes) {
    return refused(Outcome::TooLarge, "an attachment may be at most " +
                                          std::to_string(kMaxAttachmentBytes) + " bytes");
  }
  attachments.append(request.uuidBytes, request.name, offset, chunk);
  UploadAnswer answer;
  answer.offset = offset + chunk.size();
  return answer;
}

UploadAnswer completeLocked(storage::Transaction& tx, const AttachmentRequest& request,
                            std::uint64_t size, const std::string& sha256) {
  auto& attachments = tx.attachments();
  const auto state = attachments.upload(request.uuidBytes, request.name);
  if (auto problem = recordProblem(tx, request)) return std::move(*problem);
  if (state.complete) {
    if (state.size == size && state.sha256 == sha256) return confirmed(state);
    return refused(Outcome::DifferentFileExists,
                   "a different file was already received under the name " + request.name);
  }
  if (state.offset != size) {
    return refused(Outcome::Incomplete,
                   "the server holds " + std::to_string(state.offset) + " of " +
                       std::to_string(size) + " bytes; send the rest before completing",
                   state.offset);
  }
  const storage::HeldBytes held = attachments.measure(request.uuidBytes, request.name);
  if (held.size != size || held.sha256 != sha256) {
    attachments.restart(request.uuidBytes, request.name);
    return refused(Outcome::HashMismatch,
                   "the received bytes of " + request.name +
                       " do not match the file's SHA-256 (damaged on the way); the upload starts "
                       "again from the beginning",
                   0);
  }
  attachments.markComplete(request.uuidBytes, request.name, held);
  UploadAnswer answer;
  answer.offset = held.size;
  answer.complete = true;
  return answer;
}

}  // namespace

AttachmentService::AttachmentService(storage::Database& db) : db_(db) {}

UploadAnswer AttachmentService::state(const AttachmentRequest& request) {
  return storage::read(db_, [&](storage::Transaction& tx) {
    const auto state = tx.attachments().upload(request.uuidBytes, request.name);
    if (auto problem = recordProblem(tx, request)) return std::move(*problem);
    return confirmed(state);
  });
}

UploadAnswer AttachmentService::append(const AttachmentRequest& request, std::uint64_t offset,
                                       std::string_view chunk) {
  return storage::write(
      db_, [&](storage::Transaction& tx) { return appendLocked(tx, request, offset, chunk); });
}

UploadAnswer AttachmentService::complete(const AttachmentRequest& request, std::uint64_t size,
                                         const std::string& sha256) {
  return storage::write(
      db_, [&](storage::Transaction& tx) { return completeLocked(tx, request, size, sha256); });
}

PrunedUploads AttachmentService::pruneAbandoned(std::int64_t notAdvancedSinceMs) {
  return storage::write(db_, [&](storage::Transaction& tx) {
    return tx.attachments().pruneAbandoned(notAdvancedSinceMs);
  });
}

}  // namespace phum::server
