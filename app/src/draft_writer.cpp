#include "draft_writer.h"

#include <algorithm>
#include <exception>
#include <memory>

namespace phum::app {

DraftWriter::DraftWriter(std::string dataPath, QObject* parent)
    : QObject(parent), dataPath_(std::move(dataPath)), thread_([this] { run(); }) {}

DraftWriter::~DraftWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::uint64_t DraftWriter::submit(store::Draft draft) {
  std::uint64_t sequence = 0;
  {
    std::lock_guard lock(mutex_);
    sequence = nextSequence_++;
    auto same = std::find_if(pending_.begin(), pending_.end(),
                             [&](const Pending& p) { return p.draft.id == draft.id; });
    if (same != pending_.end()) {
      same->draft = std::move(draft);
      same->sequence = sequence;
    } else {
      pending_.push_back({std::move(draft), sequence});
    }
  }
  wake_.notify_all();
  return sequence;
}

void DraftWriter::flush() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return (pending_.empty() || stopping_) && !writing_; });
}

void DraftWriter::discard(const Uuid& draftId) {
  std::unique_lock lock(mutex_);
  std::erase_if(pending_, [&](const Pending& p) { return p.draft.id == draftId; });
  idle_.wait(lock, [this] { return !writing_; });
}

std::optional<DraftWriter::Pending> DraftWriter::takeNext() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
  if (pending_.empty()) return std::nullopt;  // stopping with nothing left to write
  Pending next = std::move(pending_.front());
  pending_.pop_front();
  writing_ = true;
  return next;
}

void DraftWriter::run() {
  std::unique_ptr<store::LocalStore> store;
  while (auto next = takeNext()) {
    QString error;
    try {
      if (!store) store = store::LocalStore::open(dataPath_);
      store->saveDraft(next->draft);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
    }
    idle_.notify_all();
    if (error.isEmpty())
      emit written(next->sequence);
    else
      emit failed(next->sequence, error);
  }
  idle_.notify_all();
}

}  // namespace phum::app
