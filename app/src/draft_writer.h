#pragma once
// Writes drafts to the tablet's SQLite file on a worker thread with its own LocalStore, so an
// answer is on disk (synchronous=FULL, one transaction per write) moments after it is given and
// the UI never waits for the flash storage. Writes of the same draft coalesce: while one is being
// written, later snapshots replace each other and only the newest is written next, so a burst of
// answers costs two writes, not one per answer. Nothing submitted is dropped except by discard().
#include <QObject>
#include <QString>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "store/local_store.h"

namespace phum::app {

class DraftWriter : public QObject {
  Q_OBJECT

 public:
  explicit DraftWriter(std::string dataPath, QObject* parent = nullptr);
  // Writes what is still pending, then stops the thread.
  ~DraftWriter() override;
  DraftWriter(const DraftWriter&) = delete;
  DraftWriter& operator=(const DraftWriter&) = delete;

  // Queues a snapshot of the draft; returns its sequence number (see written()).
  std::uint64_t submit(store::Draft draft);
  // Waits until everything submitted so far is written (or failed).
  void flush();
  // Forgets snapshots of `draftId` not written yet and waits for a write under way to end, so
  // the caller may finalize or delete the draft without a late write bringing it back.
  void discard(const Uuid& draftId);

 signals:
  // Every snapshot up to `sequence` is on disk. Emitted from the worker thread (queued).
  void written(quint64 sequence);
  // A write failed (the storage is full or broken). Every snapshot holds the whole draft, so the
  // caller submits the draft again to retry.
  void failed(quint64 sequence, const QString& error);

 private:
  struct Pending {
    store::Draft draft;
    std::uint64_t sequence = 0;
  };
  void run();
  std::optional<Pending> takeNext();

  std::string dataPath_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Pending> pending_;  // at most one per draft id
  bool writing_ = false;
  bool stopping_ = false;
  std::uint64_t nextSequence_ = 1;
  std::thread thread_;
};

}  // namespace phum::app
