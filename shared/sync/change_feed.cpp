// SyncClient::pullChanges: the change feed (docs/sync-protocol.md, "Change feed").
#include <string>

#include "phum/v1/changes.pb.h"
#include "sync/sync_internal.h"

namespace phum::sync {
namespace {

// Enough pages for any real feed; a server that keeps saying has_more cannot loop us forever.
constexpr int kMaxPagesPerPull = 10000;

std::uint64_t storedCursor(const store::LocalStore& store) {
  auto text = store.syncValue(store::kChangeCursorKey);
  if (!text || text->empty()) return 0;
  try {
    return std::stoull(*text);
  } catch (const std::exception&) {
    return 0;  // a damaged cursor costs a full download, never data
  }
}

}  // namespace

PullReport SyncClient::pullChanges() {
  PullReport report;
  std::uint64_t cursor = storedCursor(store_);
  for (int page = 0; page < kMaxPagesPerPull; ++page) {
    std::string url = config_.serverUrl + "/v1/changes?cursor=" + std::to_string(cursor) +
                      "&limit=" + std::to_string(config_.changesPageSize);
    HttpResponse response;
    try {
      response = impl_->http.perform("GET", url, baseHeaders(config_), {});
    } catch (const TransportError& e) {
      report.error = e.what();
      break;
    }
    if (response.status == 412 && !report.fullRefresh) {
      // The server no longer holds changes after our cursor: rebuild the caches from 0.
      store_.resetChangeFeed();
      cursor = 0;
      report.fullRefresh = true;
      continue;
    }
    if (response.status != 200) {
      report.error = serverErrorMessage(response);
      report.retryable = isRetryableStatus(response.status);
      break;
    }
    phum::v1::ChangeBatch batch;
    auto body = decodedBody(response);
    if (response.contentType != kProtobufType || !body || !batch.ParseFromString(*body)) {
      report.error =
          "The answer to the download was not from the sync server (a Wi-Fi login page?). "
          "Sign in to the network if asked; sync will try again.";
      break;
    }
    // The cursor never moves backwards, whatever the server says.
    if (batch.next_cursor() < cursor) batch.set_next_cursor(cursor);
    store_.applyChanges(batch);
    report.applied += batch.changes_size();
    cursor = batch.next_cursor();
    if (!batch.has_more()) {
      report.complete = true;
      break;
    }
  }
  report.cursor = cursor;
  return report;
}

}  // namespace phum::sync
