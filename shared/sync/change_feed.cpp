// SyncClient::pullChanges: the change feed (docs/sync-protocol.md, "Change feed"). The server
// filters the feed by the signed-in user, so each user of a shared tablet pulls from a cursor of
// their own (store::changeCursorKey); --open mode, with no user, pulls with the device cursor.
#include <optional>
#include <string>

#include "phum/v1/changes.pb.h"
#include "sync/sync_internal.h"

namespace phum::sync {
namespace {

// Enough pages for any real feed; a server that keeps saying has_more cannot loop us forever.
constexpr int kMaxPagesPerPull = 10000;

constexpr const char* kNotFromServer =
    "The answer to the download was not from the sync server (a Wi-Fi login page?). "
    "Sign in to the network if asked; sync will try again.";

std::optional<phum::v1::ChangeBatch> parseBatch(const HttpResponse& response) {
  phum::v1::ChangeBatch batch;
  auto body = decodedBody(response);
  if (response.contentType != kProtobufType || !body || !batch.ParseFromString(*body)) {
    return std::nullopt;
  }
  return batch;
}

enum class Recovery { RestartUser, FullRefresh, Stop };

class FeedPull {
 public:
  FeedPull(store::LocalStore& store, const SyncConfig& config, HttpClient& http, PullReport& report)
      : store_(store), config_(config), http_(http), report_(report) {}

  void run();

 private:
  // GET /v1/changes; a transport error is reported and answers nullopt.
  std::optional<HttpResponse> get(std::uint64_t cursor, int limit);
  void fail(const HttpResponse& response);
  Recovery recoverFromStaleCursor();

  store::LocalStore& store_;
  const SyncConfig& config_;
  HttpClient& http_;
  PullReport& report_;
  std::uint64_t cursor_ = 0;
};

std::optional<HttpResponse> FeedPull::get(std::uint64_t cursor, int limit) {
  const std::string url = config_.serverUrl + "/v1/changes?cursor=" + std::to_string(cursor) +
                          "&limit=" + std::to_string(limit);
  try {
    return http_.perform("GET", url, baseHeaders(config_), {});
  } catch (const TransportError& e) {
    report_.error = e.what();
    report_.retryable = e.retryable();
    return std::nullopt;
  }
}

void FeedPull::fail(const HttpResponse& response) {
  if (response.status == 200) {
    report_.error = kNotFromServer;  // retryable
    return;
  }
  report_.error = serverErrorMessage(response);
  report_.retryable = isRetryableStatus(response.status);
  report_.deviceRevoked = isDeviceRevoked(response);
}

// The server no longer has the changes after this user's cursor. When the device cursor is
// further on and still served, the tablet's caches are complete through it: only this user's
// reviews are missing, and they come again from 0. Otherwise the caches are rebuilt from 0.
Recovery FeedPull::recoverFromStaleCursor() {
  const std::uint64_t deviceCursor = store_.changeCursor();
  if (config_.author.empty() || report_.cursorRestarted || deviceCursor <= cursor_) {
    return Recovery::FullRefresh;
  }
  auto probe = get(deviceCursor, 1);
  if (!probe) return Recovery::Stop;
  if (probe->status == 412) return Recovery::FullRefresh;
  if (probe->status != 200 || !parseBatch(*probe)) {
    fail(*probe);
    return Recovery::Stop;
  }
  return Recovery::RestartUser;
}

void FeedPull::run() {
  cursor_ = store_.changeCursor(config_.author);
  for (int page = 0; page < kMaxPagesPerPull; ++page) {
    auto response = get(cursor_, config_.changesPageSize);
    if (!response) break;
    if (response->status == 412 && !report_.fullRefresh) {
      const Recovery recovery = recoverFromStaleCursor();
      if (recovery == Recovery::Stop) break;
      if (recovery == Recovery::RestartUser) {
        store_.restartChangeCursor(config_.author);
        report_.cursorRestarted = true;
      } else {
        store_.resetChangeFeed();
        report_.fullRefresh = true;
      }
      cursor_ = 0;
      continue;
    }
    auto batch = response->status == 200 ? parseBatch(*response) : std::nullopt;
    if (!batch) {
      fail(*response);
      break;
    }
    // The cursor never moves backwards, whatever the server says.
    if (batch->next_cursor() < cursor_) batch->set_next_cursor(cursor_);
    store_.applyChanges(*batch, config_.author);
    report_.applied += batch->changes_size();
    cursor_ = batch->next_cursor();
    if (!batch->has_more()) {
      report_.complete = true;
      break;
    }
  }
  report_.cursor = cursor_;
}

}  // namespace

PullReport SyncClient::pullChanges() {
  PullReport report;
  FeedPull(store_, config_, impl_->http, report).run();
  return report;
}

}  // namespace phum::sync
