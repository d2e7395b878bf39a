#include "services/feed_service.h"

#include <algorithm>

#include "core/clock.h"

namespace phum::server {

FeedService::FeedService(storage::Database& db) : db_(db) {}

ChangesResult FeedService::changesSince(std::uint64_t cursor, int limit,
                                        const std::string& username) {
  limit = std::max(limit, 1);
  // One snapshot, so the page and the newest seq describe the same moment.
  return storage::snapshot(db_, [&](storage::Transaction& tx) {
    auto& feed = tx.feed();
    const storage::FeedBounds bounds = feed.bounds();
    const std::uint64_t newest = std::max(bounds.prunedThrough, bounds.newest);
    ChangesResult result;
    // Cursor 0 asks for everything retained, so it is always served (that is the full refresh).
    if ((cursor != 0 && cursor < bounds.prunedThrough) || cursor > newest) {
      result.fullRefreshRequired = true;
      return result;
    }
    auto& batch = result.batch;
    feed.changesAfter(cursor, username, std::int64_t{limit} + 1, batch);
    if (batch.changes_size() > limit) {
      batch.mutable_changes()->RemoveLast();
      batch.set_has_more(true);
    }
    // Past the last change for this user, the cursor may skip changes meant for others.
    batch.set_next_cursor(batch.has_more() ? batch.changes(batch.changes_size() - 1).seq()
                                           : newest);
    return result;
  });
}

void FeedService::prune(std::uint64_t throughSeq) {
  storage::write(db_, [&](storage::Transaction& tx) {
    const auto forms = formsOnTheFeed(tx, throughSeq);
    tx.feed().prune(throughSeq);
    republishCatalog(tx, forms, throughSeq);
  });
}

// The form versions published by changes up to `throughSeq`, read a page at a time.
std::set<std::pair<std::string, std::string>> FeedService::formsOnTheFeed(
    storage::Transaction& tx, std::uint64_t throughSeq) {
  std::set<std::pair<std::string, std::string>> forms;
  for (std::uint64_t cursor = 0; cursor < throughSeq;) {
    phum::v1::ChangeBatch page;
    tx.feed().changesAfter(cursor, "", 1000, page);  // "": the changes for every device
    if (page.changes().empty()) break;
    for (const auto& change : page.changes()) {
      if (change.seq() > throughSeq) return forms;
      if (change.has_form()) forms.insert({change.form().form_id(), change.form().version()});
    }
    cursor = page.changes(page.changes_size() - 1).seq();
  }
  return forms;
}

// A tablet set up after a prune starts from cursor 0 and finds only what the feed retained: the
// pruned forms, and each reference dataset whose last delta was pruned, go on the feed again (a
// dataset as one delta of all its current rows). Tablets already past them receive the same form
// and rows once more, which they store as they are.
void FeedService::republishCatalog(storage::Transaction& tx,
                                   const std::set<std::pair<std::string, std::string>>& forms,
                                   std::uint64_t prunedThrough) {
  auto& catalog = tx.catalog();
  for (const auto& [formId, version] : forms) {
    auto form = catalog.form(formId, version);
    if (!form) continue;
    phum::v1::Change change;
    *change.mutable_form() = std::move(*form);
    appendChange(tx, change, {});
  }
  for (const auto& dataset : catalog.datasets()) {
    if (dataset.lastChangeSeq > prunedThrough) continue;  // its last delta is still on the feed
    phum::v1::Change change;
    auto& delta = *change.mutable_reference();
    delta.set_dataset(dataset.name);
    for (auto& row : catalog.referenceRows(dataset.name)) *delta.add_rows() = std::move(row);
    catalog.markDatasetChanged(dataset.name, appendChange(tx, change, {}));
  }
}

std::uint64_t appendChange(storage::Transaction& tx, const phum::v1::Change& change,
                           const std::string& audience) {
  phum::v1::Change stored = change;
  stored.clear_seq();  // the row's seq is the authority
  return tx.feed().append(stored, audience, nowMillis());
}

}  // namespace phum::server
