#include "sync/attachment_uploader.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/errors.h"
#include "crypto/data_key.h"
#include "crypto/protected_file.h"
#include "phum/v1/changes.pb.h"
#include "sealing/sealed_photo.h"
#include "sync/sync_internal.h"

namespace phum::sync {

// One answer to an attachment request.
struct AttachmentAnswer {
  HttpResponse response;
  std::optional<std::uint64_t> uploadOffset;  // the Upload-Offset header, when sent
  bool uploadComplete = false;                // Upload-Complete: true (HEAD on a finished file)
};

namespace {

constexpr int kPageSize = 50;
// HEAD/complete rounds per attachment and run: enough for a few 409s and one restart.
constexpr int kMaxRounds = 6;

// The tablet's copy of an attached file is missing or changed: that attachment waits, the run
// goes on (unlike a local database failure, which is a StorageError and stops everything).
class FileProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The tus headers of an answer: the server's confirmed offset and whether the file is complete.
AttachmentAnswer readAnswer(HttpResponse response) {
  AttachmentAnswer answer;
  if (const std::string* offset = response.header("upload-offset")) {
    std::uint64_t value = 0;
    const auto [end, error] =
        std::from_chars(offset->data(), offset->data() + offset->size(), value);
    if (error == std::errc() && end == offset->data() + offset->size()) answer.uploadOffset = value;
  }
  if (const std::string* complete = response.header("upload-complete")) {
    answer.uploadComplete = lower(*complete) == "true";
  }
  answer.response = std::move(response);
  return answer;
}

std::string attachmentUrl(const SyncConfig& config, const store::AttachmentInfo& info,
                          HttpClient& http) {
  return config.serverUrl + "/v1/attachments/" + info.recordUuid.toString() + "/" +
         http.escapePathSegment(info.name);
}

// Reads `length` bytes of the file at `offset`; throws StorageError naming the file.
// The file is read whole: it may be encrypted as one value (crypto/protected_file.h), and photos
// are a few hundred kilobytes.
std::string readChunk(const std::string& path, std::uint64_t offset, std::size_t length) {
  std::string bytes;
  try {
    bytes = crypto::readProtectedFile(path);
  } catch (const crypto::LockedError&) {
    throw;
  } catch (const std::exception& error) {
    throw FileProblem("The attached file " + path + " cannot be read: " + error.what());
  }
  if (offset + length > bytes.size()) {
    throw FileProblem("The attached file " + path + " is shorter than when it was attached.");
  }
  return bytes.substr(static_cast<std::size_t>(offset), length);
}

// A fingerprint of the server's sealing keys as the tablet last received them (the reference
// dataset sealing_keys): a held photo is offered again once it differs.
std::string sealingKeysFingerprint(const store::LocalStore& store) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  const auto add = [&state](const std::string& text) {
    const std::string length = std::to_string(text.size()) + ":";
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(length.data()),
                              length.size());
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(text.data()),
                              text.size());
  };
  // Rows come ordered by key; columns are sorted here (a protobuf map has no stable order).
  for (const auto& row : store.referenceRows(sealing::kSealingKeysDataset)) {
    add(row.key());
    add(row.deleted() ? "deleted" : "");
    const std::map<std::string, std::string> columns(row.columns().begin(), row.columns().end());
    for (const auto& [column, value] : columns) {
      add(column);
      add(value);
    }
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Whether the server refused this photo as sealed to a key it lacks, and no other keys came since.
bool heldForSameKeys(const store::AttachmentInfo& info, const std::string& sealingKeys) {
  return !info.heldForKeys.empty() && info.heldForKeys == sealingKeys;
}

// The key id the tablet's sealed photo names; empty if the file cannot say (then the hold is
// still kept: the server named the key in its refusal).
std::string sealedKeyIdOf(const std::string& path) {
  try {
    std::string bytes = crypto::readProtectedFile(path);
    std::string keyId = sealing::sealedPhotoKeyId(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return keyId;
  } catch (const crypto::LockedError&) {
    throw;
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

enum class Step { Done, Conflict, Refused, Stopped };

struct ChunkResult {
  Step step = Step::Done;
  AttachmentAnswer refusal;  // when Refused
};

// One request of the upload protocol, with the headers every sync request carries.
AttachmentAnswer AttachmentUploader::request(const std::string& method, const std::string& url,
                                             std::vector<std::string> headers,
                                             const std::string& body) {
  const auto base = baseHeaders(config_);
  headers.insert(headers.begin(), base.begin(), base.end());
  return readAnswer(http_->perform(method, url, headers, body));
}

store::AttachmentInfo describeAttachmentFile(const Uuid& recordUuid, const std::string& name,
                                             const std::string& localPath) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not initialise.");
  // Size and hash of the content the server will receive: the plaintext of an encrypted file.
  std::string bytes;
  try {
    bytes = crypto::readProtectedFile(localPath);
  } catch (const crypto::LockedError&) {
    throw;
  } catch (const std::exception& error) {
    throw StorageError("The file " + localPath +
                       " could not be read to attach it: " + error.what());
  }
  store::AttachmentInfo info;
  info.recordUuid = recordUuid;
  info.name = name;
  info.localPath = localPath;
  info.size = bytes.size();
  info.sha256.assign(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(info.sha256.data()),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return info;
}

AttachmentUploader::AttachmentUploader(store::LocalStore& store, const SyncConfig& config)
    : store_(store),
      config_(config),
      http_(std::make_unique<HttpClient>(config_.connectTimeout, config_.requestTimeout,
                                         TlsTrust{config_.caFile, config_.serverKeyPin})) {}

AttachmentUploader::~AttachmentUploader() = default;

AttachmentReport AttachmentUploader::uploadPending() {
  AttachmentReport report;
  sealingKeys_ = sealingKeysFingerprint(store_);
  std::vector<std::pair<std::string, std::string>> tried;  // each attachment once per run
  for (bool progressed = true; progressed;) {
    progressed = false;
    const int limit = static_cast<int>(tried.size()) + kPageSize;
    for (const auto& info : store_.pendingAttachments(limit, config_.author)) {
      const std::pair<std::string, std::string> key{info.recordUuid.toBytes(), info.name};
      if (std::find(tried.begin(), tried.end(), key) != tried.end()) continue;
      tried.push_back(key);
      progressed = true;
      if (heldForSameKeys(info, sealingKeys_)) {
        // Sending it would only be refused again: say why it still waits, send nothing.
        ++report.held;
        report.error = info.lastError;
        report.retryable = false;
        continue;
      }
      if (uploadOne(info, report) == Outcome::StopRun) {
        progressed = false;
        break;
      }
    }
  }
  report.waiting = static_cast<int>(
      store_.pendingAttachments(std::numeric_limits<int>::max(), config_.author).size());
  return report;
}

// Sends the file from `offset` to its end, one chunk per PATCH, storing each confirmed offset.
ChunkResult AttachmentUploader::sendChunks(const store::AttachmentInfo& info,
                                           const std::string& url, std::uint64_t& offset,
                                           AttachmentReport& report) {
  const std::size_t chunkBytes = std::max<std::size_t>(1, config_.attachmentChunkBytes);
  while (offset < info.size) {
    const auto length =
        static_cast<std::size_t>(std::min<std::uint64_t>(chunkBytes, info.size - offset));
    const std::string chunk = readChunk(info.localPath, offset, length);
    report.bytesSent += length;  // counted before sending: a cut chunk was still sent
    AttachmentAnswer answer = request("PATCH", url,
                                      {"Upload-Offset: " + std::to_string(offset),
                                       "Content-Type: application/offset+octet-stream"},
                                      chunk);
    if (answer.response.status == 409) return {Step::Conflict, {}};
    if (answer.response.status != 204) return {Step::Refused, std::move(answer)};
    offset = answer.uploadOffset.value_or(offset + length);
    store_.setAttachmentProgress(info.recordUuid, info.name, offset, {});
    if (onChunk && !onChunk(info, offset)) return {Step::Stopped, {}};
  }
  return {Step::Done, {}};
}

AttachmentUploader::Outcome AttachmentUploader::refused(const store::AttachmentInfo& info,
                                                        const AttachmentAnswer& answer,
                                                        std::uint64_t offset,
                                                        AttachmentReport& report) {
  const long status = answer.response.status;
  // A HEAD answer has no body, so a 404 there cannot say which thing was not found.
  const std::string reason = status == 404 && answer.response.body.empty()
                                 ? "its record is not on the server yet"
                                 : serverErrorMessage(answer.response);
  const std::string message = "The attachment " + info.name + " was not accepted: " + reason;
  if (status == 422 && serverErrorCode(answer.response) == "unknown_sealing_key") {
    store_.holdAttachment(info.recordUuid, info.name, sealedKeyIdOf(info.localPath), sealingKeys_,
                          message);
  } else {
    store_.setAttachmentProgress(info.recordUuid, info.name, offset, message);
  }
  report.error = message;
  report.retryable = isRetryableStatus(status);
  // Sign-in, a revoked device or a server problem stops every upload; a problem with this one
  // file (its record not on the server yet, a refused name) only holds this one back.
  const bool stopsAll = status == 401 || status == 403 || report.retryable;
  return stopsAll ? Outcome::StopRun : Outcome::Waiting;
}

AttachmentUploader::Outcome AttachmentUploader::uploadOne(const store::AttachmentInfo& info,
                                                          AttachmentReport& report) {
  std::uint64_t offset = info.confirmedOffset;
  try {
    return uploadRounds(info, offset, report);
  } catch (const TransportError& e) {
    const std::string message = std::string(e.what()) + " The upload of " + info.name +
                                " resumes from the last confirmed byte.";
    store_.setAttachmentProgress(info.recordUuid, info.name, offset, message);
    report.error = message;
    report.retryable = e.retryable();
    return Outcome::StopRun;
  } catch (const FileProblem& e) {
    store_.setAttachmentProgress(info.recordUuid, info.name, offset, e.what());
    report.error = e.what();
    return Outcome::Waiting;
  }
}

AttachmentUploader::Outcome AttachmentUploader::uploadRounds(const store::AttachmentInfo& info,
                                                             std::uint64_t& offset,
                                                             AttachmentReport& report) {
  const std::string url = attachmentUrl(config_, info, *http_);
  bool restarted = false;
  for (int round = 0; round < kMaxRounds; ++round) {
    // The server's confirmed offset is the truth: the tablet may have died after sending a chunk
    // and before hearing the answer, or the server may have restarted an upload.
    const AttachmentAnswer head = request("HEAD", url, {}, {});
    if (head.response.status != 200) return refused(info, head, offset, report);
    if (!head.uploadOffset) {
      report.error = "The answer about " + info.name +
                     " was not from the sync server (a Wi-Fi login page?); the upload will be "
                     "tried again.";
      return Outcome::StopRun;
    }
    offset = *head.uploadOffset;
    if (!head.uploadComplete) {
      const auto sent = sendChunks(info, url, offset, report);
      if (sent.step == Step::Conflict) continue;
      if (sent.step == Step::Refused) return refused(info, sent.refusal, offset, report);
      if (sent.step == Step::Stopped) {
        report.error =
            "The attachment upload was stopped; it resumes from the last confirmed byte.";
        return Outcome::StopRun;
      }
    }
    phum::v1::AttachmentComplete claim;
    claim.set_size(info.size);
    claim.set_sha256(info.sha256);
    const AttachmentAnswer done =
        request("POST", url + "/complete", {std::string("Content-Type: ") + kProtobufType},
                claim.SerializeAsString());
    if (done.response.status == 204) {
      store_.markAttachmentConfirmed(info.recordUuid, info.name);
      ++report.confirmed;
      return Outcome::Confirmed;
    }
    if (done.response.status == 409 && !head.uploadComplete) continue;  // moved meanwhile
    // Only damage on the way starts the upload again: another 422 (a photo sealed to a key the
    // server does not have) would come back the same.
    if (done.response.status != 422 || restarted ||
        serverErrorCode(done.response) != "hash_mismatch")
      return refused(info, done, offset, report);
    // Damaged on the way: the server dropped its copy; send the whole file again, once.
    restarted = true;
    ++report.restarts;
    offset = 0;
    store_.setAttachmentProgress(info.recordUuid, info.name, 0, serverErrorMessage(done.response));
  }
  store_.setAttachmentProgress(info.recordUuid, info.name, offset,
                               "The server kept disagreeing about how much of " + info.name +
                                   " it has; the upload will be tried again.");
  return Outcome::Waiting;
}

void uploadAttachmentsAfterPush(store::LocalStore& store, const SyncConfig& config,
                                SyncReport& report, SyncProgress* progress,
                                const std::function<void(const SyncProgress&)>& onProgress) {
  if (!report.error.empty()) return;      // the push already met a network or server problem
  if (!config.uploadAttachments) return;  // held for an unmetered connection
  if (store.pendingAttachments(1, config.author).empty()) return;  // the usual case: no photos
  AttachmentUploader uploader(store, config);
  if (progress) {
    // What is left of each file: an upload that resumes counts only the bytes still to go; a
    // photo held for a sealing key the server lacks is not sent.
    const std::string sealingKeys = sealingKeysFingerprint(store);
    for (const auto& info :
         store.pendingAttachments(std::numeric_limits<int>::max(), config.author)) {
      if (heldForSameKeys(info, sealingKeys)) continue;
      ++progress->attachmentsTotal;
      progress->attachmentBytesTotal += info.size - std::min(info.size, info.confirmedOffset);
    }
    if (onProgress) onProgress(*progress);
    auto confirmed =
        std::make_shared<std::map<std::pair<std::string, std::string>, std::uint64_t>>();
    uploader.onChunk = [progress, &onProgress, confirmed](const store::AttachmentInfo& info,
                                                          std::uint64_t offset) {
      const std::pair<std::string, std::string> key{info.recordUuid.toBytes(), info.name};
      const auto at = confirmed->try_emplace(key, info.confirmedOffset).first;
      const std::uint64_t before = at->second;
      if (offset > before) progress->attachmentBytesSent += offset - before;
      at->second = std::max(before, offset);
      if (offset >= info.size && before < info.size) ++progress->attachmentsSent;
      if (onProgress) onProgress(*progress);
      return true;
    };
  }
  const AttachmentReport uploaded = uploader.uploadPending();
  if (progress) {
    progress->attachmentsSent = uploaded.confirmed;
    if (onProgress) onProgress(*progress);
  }
  report.attachmentsConfirmed = uploaded.confirmed;
  report.attachmentsWaiting = uploaded.waiting;
  if (!uploaded.error.empty()) {
    report.error = uploaded.error;
    report.retryable = uploaded.retryable;
  }
  report.complete = report.complete && uploaded.waiting == 0;
}

}  // namespace phum::sync
