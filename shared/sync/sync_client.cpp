#include "sync/sync_client.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <utility>

#include "core/clock.h"
#include "phum/v1/sync.pb.h"
#include "sync/attachment_uploader.h"
#include "sync/compression.h"
#include "sync/enrolment_ticket.h"
#include "sync/sync_internal.h"

namespace phum::sync {
namespace {

using Key = std::pair<std::string, std::uint32_t>;  // uuid bytes, revision

enum class Next { Continue, Stop };

std::vector<std::int64_t> idsOf(const std::vector<store::OutboxEntry>& entries) {
  std::vector<std::int64_t> ids;
  for (const auto& e : entries) ids.push_back(e.id);
  return ids;
}

int mostAttempts(const std::vector<store::OutboxEntry>& entries) {
  int most = 0;
  for (const auto& e : entries) most = std::max(most, e.attempts);
  return most;
}

// The reason shown to the user, with the server's per-field errors appended.
std::string rejectionReason(const phum::v1::RecordAck& ack) {
  std::string reason = ack.reason().empty() ? "The server refused this record." : ack.reason();
  std::string fields;
  for (const auto& fe : ack.field_errors()) {
    if (!fields.empty()) fields += "; ";
    fields += fe.field() + ": " + fe.message();
  }
  return fields.empty() ? reason : reason + " (" + fields + ")";
}

}  // namespace

namespace {

// The server key pinned at enrolment holds for every later client of this store, unless the
// caller names one itself.
SyncConfig withStoredKeyPin(const store::LocalStore& store, SyncConfig config) {
  if (config.serverKeyPin.empty()) {
    config.serverKeyPin = store.syncValue(kServerKeyPinKey).value_or("");
  }
  return config;
}

}  // namespace

SyncClient::SyncClient(store::LocalStore& store, SyncConfig config)
    : store_(store),
      config_(withStoredKeyPin(store, std::move(config))),
      impl_(std::make_unique<Impl>(config_)) {
  if (store_.syncValue(kRequestEncodingKey) == std::optional<std::string>("identity")) {
    impl_->compress = false;
  }
  // A new client means a new sync session (app start, or the app's next sync run): whatever is
  // still marked Sending was left by a run that was killed, and is sent again (the server dedups).
  store_.requeueInterruptedSends(std::numeric_limits<std::int64_t>::max());
}

SyncClient::~SyncClient() = default;

int SyncClient::currentBatchSize() const { return impl_->batchSize; }

SyncReport SyncClient::syncOnce() { return sync(false); }
SyncReport SyncClient::syncNow() { return sync(true); }

namespace {

class PushRun {
 public:
  PushRun(store::LocalStore& store, const SyncConfig& config, SyncClient::Impl& impl,
          SyncReport& report)
      : store_(store), config_(config), impl_(impl), report_(report) {}

  Next pushBatch(const std::vector<store::OutboxEntry>& entries);
  std::uint64_t ackedBytes() const { return ackedBytes_; }

 private:
  HttpResponse post(const std::string& body);
  void fail(const std::vector<store::OutboxEntry>& entries, const std::string& error);
  Next handleAck(const std::vector<store::OutboxEntry>& entries, const std::string& batchId,
                 const HttpResponse& response, bool fast);
  Next handleRefusal(const std::vector<store::OutboxEntry>& entries, const HttpResponse& response);

  store::LocalStore& store_;
  const SyncConfig& config_;
  SyncClient::Impl& impl_;
  SyncReport& report_;
  std::uint64_t ackedBytes_ = 0;  // encoded size of the records acknowledged so far
};

HttpResponse PushRun::post(const std::string& body) {
  const std::string url = config_.serverUrl + "/v1/push";
  auto headers = baseHeaders(config_);
  headers.push_back(std::string("Content-Type: ") + kProtobufType);
  if (!impl_.compress) return impl_.http.perform("POST", url, headers, body);
  auto compressed = headers;
  compressed.push_back("Content-Encoding: zstd");
  HttpResponse response = impl_.http.perform("POST", url, compressed, zstdCompress(body));
  if (response.status != 415) return response;
  // The server (or a proxy) cannot read zstd: retry once plain and remember for good.
  impl_.compress = false;
  store_.setSyncValue(kRequestEncodingKey, "identity");
  return impl_.http.perform("POST", url, headers, body);
}

void PushRun::fail(const std::vector<store::OutboxEntry>& entries, const std::string& error) {
  std::int64_t next = impl_.retry.nextAttemptAt(nowMillis(), mostAttempts(entries) + 1);
  store_.markFailed(idsOf(entries), error, next);
  report_.error = error;
  report_.retryable = true;
}

Next PushRun::pushBatch(const std::vector<store::OutboxEntry>& entries) {
  phum::v1::PushBatch batch;
  const std::string batchId = Uuid::generate().toBytes();
  batch.set_batch_id(batchId);
  batch.set_device_id(config_.deviceId);
  for (const auto& e : entries) {
    auto* record = batch.add_records();
    *record = e.record;
    if (record->device_id().empty()) record->set_device_id(config_.deviceId);
  }
  std::string body;
  if (!batch.SerializeToString(&body)) throw std::runtime_error("Could not encode the sync batch.");

  HttpResponse response;
  auto started = std::chrono::steady_clock::now();
  try {
    response = post(body);
  } catch (const TransportError& e) {
    if (!e.retryable()) {  // the address must change: the records wait, unchanged
      store_.markQueued(idsOf(entries), e.what());
      report_.error = e.what();
      report_.retryable = false;
      return Next::Stop;
    }
    // A slow or dropping link: smaller batches lose less when the next one is cut.
    if (e.failure() == TransportFailure::Timeout || e.failure() == TransportFailure::Cut) {
      impl_.batchSize = std::max(1, impl_.batchSize / 2);
    }
    fail(entries, e.what());
    return Next::Stop;
  }
  // Grow only after a quick answer: a slow success means the link is near its limit.
  bool fast = std::chrono::steady_clock::now() - started < config_.requestTimeout / 4;
  if (response.status == 200) return handleAck(entries, batchId, response, fast);
  return handleRefusal(entries, response);
}

Next PushRun::handleAck(const std::vector<store::OutboxEntry>& entries, const std::string& batchId,
                        const HttpResponse& response, bool fast) {
  phum::v1::PushAck ack;
  auto body = decodedBody(response);
  if (response.contentType != kProtobufType || !body || !ack.ParseFromString(*body) ||
      ack.batch_id() != batchId) {
    fail(entries,
         "The answer to the upload was not from the sync server (a Wi-Fi login page?). Sign in to "
         "the network if asked; the records stay on the tablet and sync will try again.");
    return Next::Stop;
  }
  std::map<Key, const store::OutboxEntry*> waiting;
  for (const auto& e : entries) waiting[{e.record.uuid(), e.record.revision()}] = &e;
  std::vector<store::LocalStore::AckOutcome> outcomes;
  for (const auto& a : ack.acks()) {
    auto it = waiting.find({a.uuid(), a.revision()});
    auto uuid = Uuid::fromBytes(a.uuid());
    if (it == waiting.end() || !uuid) continue;  // not ours: never mark on a guess
    switch (a.status()) {
      case phum::v1::RECORD_STATUS_ACCEPTED:
      case phum::v1::RECORD_STATUS_DUPLICATE:
        outcomes.push_back({*uuid, a.revision(), true, {}});
        ++report_.sent;
        break;
      case phum::v1::RECORD_STATUS_REJECTED:
      case phum::v1::RECORD_STATUS_CONFLICT:
        outcomes.push_back({*uuid, a.revision(), false, rejectionReason(a), a.reason_code()});
        ++report_.rejected;
        break;
      default:
        continue;  // an unknown status leaves the record waiting
    }
    ackedBytes_ += it->second->record.ByteSizeLong();
    waiting.erase(it);
  }
  store_.applyAcks(outcomes);
  if (!waiting.empty()) {
    std::vector<store::OutboxEntry> unacked;
    for (const auto& [key, entry] : waiting) unacked.push_back(*entry);
    fail(unacked, "The sync server did not confirm " + std::to_string(unacked.size()) +
                      " record(s); they will be sent again.");
    return Next::Stop;
  }
  if (fast) impl_.batchSize = std::min(impl_.fitsCeiling, impl_.batchSize * 2);
  return Next::Continue;
}

Next PushRun::handleRefusal(const std::vector<store::OutboxEntry>& entries,
                            const HttpResponse& response) {
  std::string message = serverErrorMessage(response);
  if (response.status == 413 && entries.size() > 1) {
    impl_.fitsCeiling = static_cast<int>(entries.size()) - 1;
    impl_.batchSize = std::max(1, static_cast<int>(entries.size()) / 2);
    store_.markQueued(idsOf(entries), message);
    return Next::Continue;
  }
  if (response.status == 413) {
    const auto& record = entries.front().record;
    store_.applyAcks({{*Uuid::fromBytes(record.uuid()), record.revision(), false,
                       "This record is too large to send (" + message + ")",
                       phum::v1::ACK_REASON_RECORD_TOO_LARGE}});
    ++report_.rejected;
    return Next::Continue;
  }
  if (isRetryableStatus(response.status)) {
    fail(entries, message);
    return Next::Stop;
  }
  // Not the records' fault (sign-in, revoked device, bad request): they wait, unchanged.
  store_.markQueued(idsOf(entries), message);
  report_.error = message;
  report_.retryable = false;
  report_.deviceRevoked = isDeviceRevoked(response);
  return Next::Stop;
}

}  // namespace

SyncReport SyncClient::sync(bool ignoreBackoff) {
  SyncReport report;
  // Whatever was mid-send longer than any request can take was cut by a crash or a kill.
  auto longest = config_.connectTimeout + config_.requestTimeout + std::chrono::seconds(5);
  store_.requeueInterruptedSends(nowMillis() - longest.count());
  PushRun run(store_, config_, *impl_, report);
  const std::int64_t dueBy = ignoreBackoff ? std::numeric_limits<std::int64_t>::max() : nowMillis();
  auto updateRemaining = [&] {
    auto counts = store_.outboxCountsFor(config_.author);
    report.remaining = counts.queued + counts.failed + counts.sending;
    report.complete = report.remaining == 0;
  };
  SyncProgress progress;
  const store::OutboxSize waiting = store_.outboxSizeFor(config_.author);
  progress.recordsTotal = waiting.records;
  progress.recordBytesTotal = waiting.bytes;
  const auto recordsProgress = [&] {
    progress.recordsSent = report.sent + report.rejected;
    progress.recordBytesSent = run.ackedBytes();
    progress.recordsTotal = std::max(progress.recordsTotal, progress.recordsSent);
    progress.recordBytesTotal = std::max(progress.recordBytesTotal, progress.recordBytesSent);
    if (onSyncProgress) onSyncProgress(progress);
  };
  recordsProgress();
  for (;;) {
    auto entries = store_.claimOutbox(impl_->batchSize, dueBy, config_.author);
    if (entries.empty()) break;
    Next next = run.pushBatch(entries);
    updateRemaining();
    if (onProgress) onProgress(report);
    recordsProgress();
    if (next == Next::Stop) break;
  }
  updateRemaining();
  // After their records, never before.
  uploadAttachmentsAfterPush(store_, config_, report, &progress, onSyncProgress);
  return report;
}

}  // namespace phum::sync
