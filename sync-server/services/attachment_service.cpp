#include "services/attachment_service.h"

#include <sodium.h>

#include <algorithm>

#include "core/uuid.h"
#include "sealing/sealed_photo.h"

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

std::string sha256Of(std::string_view bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return digest;
}

// Whether `sealed` is a sealed photo that opens to a file of `size` bytes and SHA-256 `sha256`.
bool opensTo(SensitivePhotos& photos, const std::string& sealed, std::uint64_t size,
             const std::string& sha256) {
  if (!sealing::isSealedPhoto(sealed)) return false;
  try {
    std::string photo = photos.open(sealed);
    const bool same = photo.size() == size && sha256Of(photo) == sha256;
    sodium_memzero(photo.data(), photo.size());
    return same;
  } catch (const sealing::SealingError&) {
    return false;
  }
}

// The refusal of a photo sealed by the tablet to key `keyId`, which this server does not have. Its
// bytes are dropped; the tablet keeps its copy and the record until the key is back.
UploadAnswer sealedToAnUnknownKey(storage::AttachmentStorage& attachments,
                                  const AttachmentRequest& request, const std::string& keyId) {
  attachments.restart(request.uuidBytes, request.name);
  return refused(Outcome::UnknownSealingKey,
                 "the tablet sealed " + request.name + " to the server key " + keyId +
                     ", which this server does not have, so nobody could open it here; the "
                     "tablet keeps the photo and its record. Ask the administrator to restore "
                     "the server's key file (phum-admin keys), then sync again");
}

// Whether an upload's chunks are masked under the fixed (zero) nonce of uploads begun before
// upload nonces existed: resuming it would mask more bytes with that shared key stream.
bool maskedUnderTheOldNonce(const storage::UploadState& state) {
  return std::all_of(state.maskNonce.begin(), state.maskNonce.end(),
                     [](char byte) { return byte == '\0'; });
}

// Bytes of a file enough to hold a sealed photo's header (sealed_photo.h).
constexpr std::size_t kSealedHeaderBytes = 512;

// Replaces what storage holds for an upload by `bytes` (in chunks of at most 1 MiB, as uploads
// are stored) and records it complete.
storage::HeldBytes storeComplete(storage::AttachmentStorage& attachments,
                                 const AttachmentRequest& request, std::string_view bytes) {
  constexpr std::size_t kPiece = 1024 * 1024;
  attachments.restart(request.uuidBytes, request.name);
  for (std::size_t at = 0; at < bytes.size(); at += kPiece) {
    attachments.append(request.uuidBytes, request.name, at, bytes.substr(at, kPiece));
  }
  const storage::HeldBytes held = attachments.measure(request.uuidBytes, request.name);
  attachments.markComplete(request.uuidBytes, request.name, held);
  return held;
}

}  // namespace

// A photo the tablet sealed is refused as soon as its header names a key this server does not
// have: the first chunk holds the header, so the rest is never sent over a slow link for nothing.
std::optional<UploadAnswer> AttachmentService::unknownSealingKey(
    storage::Transaction& tx, const AttachmentRequest& request, const storage::UploadState& state,
    std::uint64_t offset, std::string_view chunk, const SealingKeyring* ring) {
  if (!photos_ || offset >= kSealedHeaderBytes) return std::nullopt;
  auto& attachments = tx.attachments();
  std::string head;
  if (offset > 0) {
    head = attachments.heldBytes(request.uuidBytes, request.name);
    if (ring) {
      sealing::maskUpload(head.data(), head.size(), 0, request.uuidBytes, request.name,
                          state.maskNonce, ring->keys().front());
    }
  }
  head += chunk.substr(0, kSealedHeaderBytes);
  const std::string keyId = photos_->unknownSealingKey(head);
  sodium_memzero(head.data(), head.size());
  if (keyId.empty()) return std::nullopt;
  return sealedToAnUnknownKey(attachments, request, keyId);
}

UploadAnswer AttachmentService::appendLocked(storage::Transaction& tx,
                                             const AttachmentRequest& request, std::uint64_t offset,
                                             std::string_view chunk) {
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
  const auto ring = photos_ ? photos_->sealingFor(tx, request.uuidBytes, request.name) : nullptr;
  if (ring && offset > 0 && maskedUnderTheOldNonce(state)) {
    // Begun before upload nonces (or before this server had keys): start again at 0 under a new
    // nonce of its own, as after any offset mismatch the tablet asks where to go on and gets 0.
    attachments.restart(request.uuidBytes, request.name);
    return refused(Outcome::OffsetMismatch,
                   "the server starts the upload of " + request.name +
                       " again from the beginning (begun before this server version); send it "
                       "from byte 0",
                   0);
  }
  if (auto problem = unknownSealingKey(tx, request, state, offset, chunk, ring.get())) {
    return std::move(*problem);
  }
  if (ring) {
    // A sensitive photo sent in clear: storage holds it masked until it is complete and sealed.
    // An upload begun (or begun again) at 0 gets a new nonce, so other bytes at the same offsets
    // are never masked with the same key stream; resuming keeps the upload's nonce.
    const std::string nonce = offset == 0 ? sealing::newUploadMaskNonce() : state.maskNonce;
    std::string masked(chunk);
    sealing::maskUpload(masked.data(), masked.size(), offset, request.uuidBytes, request.name,
                        nonce, ring->keys().front());
    attachments.append(request.uuidBytes, request.name, offset, masked);
    if (offset == 0) attachments.setMaskNonce(request.uuidBytes, request.name, nonce);
  } else {
    attachments.append(request.uuidBytes, request.name, offset, chunk);
  }
  UploadAnswer answer;
  answer.offset = offset + chunk.size();
  return answer;
}

UploadAnswer AttachmentService::completeLocked(storage::Transaction& tx,
                                               const AttachmentRequest& request, std::uint64_t size,
                                               const std::string& sha256) {
  auto& attachments = tx.attachments();
  const auto state = attachments.upload(request.uuidBytes, request.name);
  if (auto problem = recordProblem(tx, request)) return std::move(*problem);
  const auto ring = photos_ ? photos_->sealingFor(tx, request.uuidBytes, request.name) : nullptr;
  if (ring) return completeSealed(tx, request, state, size, sha256, *ring);
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

UploadAnswer AttachmentService::completeSealed(storage::Transaction& tx,
                                               const AttachmentRequest& request,
                                               const storage::UploadState& state,
                                               std::uint64_t size, const std::string& sha256,
                                               const SealingKeyring& ring) {
  auto& attachments = tx.attachments();
  if (state.complete) {
    // Sealed here, it is stored as other bytes than the tablet's: the claim is checked against
    // the photo the seal holds, so completing again is still answered as the first time.
    if (state.size == size && state.sha256 == sha256) return confirmed(state);
    const auto stored = attachments.completeBytes(request.uuidBytes, request.name);
    if (stored && opensTo(*photos_, *stored, size, sha256)) return confirmed(state);
    return refused(Outcome::DifferentFileExists,
                   "a different file was already received under the name " + request.name);
  }
  if (state.offset != size) {
    return refused(Outcome::Incomplete,
                   "the server holds " + std::to_string(state.offset) + " of " +
                       std::to_string(size) + " bytes; send the rest before completing",
                   state.offset);
  }
  const std::string raw = attachments.heldBytes(request.uuidBytes, request.name);
  std::string held = raw;
  sealing::maskUpload(held.data(), held.size(), 0, request.uuidBytes, request.name, state.maskNonce,
                      ring.keys().front());
  std::string sealed;
  if (held.size() == size && sha256Of(held) == sha256) {
    // Sealed by the tablet (kept as sent), or in clear (sealed now, the same way each time).
    sealed =
        sealing::isSealedPhoto(held)
            ? held
            : sealing::sealPhotoOnReceipt(held, request.uuidBytes, request.name, ring.current());
  } else if ((raw.size() == size && sha256Of(raw) == sha256 && sealing::isSealedPhoto(raw)) ||
             opensTo(*photos_, raw, size, sha256)) {
    // Already sealed in storage: chunks stored before the server had keys, or (SQLite) a crash
    // after the sealed file was put in place and before it was recorded.
    sealed = raw;
  }
  sodium_memzero(held.data(), held.size());
  if (const std::string keyId = photos_->unknownSealingKey(sealed); !keyId.empty()) {
    return sealedToAnUnknownKey(attachments, request, keyId);
  }
  if (sealed.empty()) {
    attachments.restart(request.uuidBytes, request.name);
    return refused(Outcome::HashMismatch,
                   "the received bytes of " + request.name +
                       " do not match the file's SHA-256 (damaged on the way); the upload starts "
                       "again from the beginning",
                   0);
  }
  const storage::HeldBytes stored = storeComplete(attachments, request, sealed);
  UploadAnswer answer;
  answer.offset = stored.size;
  answer.complete = true;
  return answer;
}

AttachmentService::AttachmentService(storage::Database& db, SensitivePhotos* photos)
    : db_(db), photos_(photos) {}

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
