#include "services/zip_pipeline.h"

#include <utility>

namespace phum::server {

ZipPipeline::ZipPipeline() : thread_([this] { run(); }) {}

ZipPipeline::~ZipPipeline() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ZipPipeline::beginEntry(const std::string& name, std::int64_t modifiedAtMs) {
  push({Step::Kind::Begin, name, modifiedAtMs});
}

void ZipPipeline::write(std::string bytes) {
  if (!bytes.empty()) push({Step::Kind::Write, std::move(bytes)});
}

void ZipPipeline::endEntry() { push({Step::Kind::End, {}}); }

void ZipPipeline::finish() { push({Step::Kind::Finish, {}}); }

std::string ZipPipeline::buffer() {
  std::lock_guard lock(mutex_);
  if (spare_.empty()) return {};
  std::string bytes = std::move(spare_.back());
  spare_.pop_back();
  bytes.clear();
  return bytes;
}

std::string ZipPipeline::take(bool all) {
  std::unique_lock lock(mutex_);
  if (all) changed_.wait(lock, [&] { return (steps_.empty() && !busy_) || error_; });
  if (error_) std::rethrow_exception(error_);
  return std::exchange(out_, {});
}

void ZipPipeline::push(Step step) {
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return steps_.size() < kMaxPending || error_; });
    if (error_) std::rethrow_exception(error_);
    steps_.push_back(std::move(step));
  }
  changed_.notify_all();
}

void ZipPipeline::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stop_ || (!steps_.empty() && !error_); });
    if (stop_) return;
    Step step = std::move(steps_.front());
    steps_.pop_front();
    busy_ = true;
    lock.unlock();
    std::exception_ptr error;
    try {
      perform(step);
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (error) error_ = error;
    out_.append(zip_.output());
    zip_.output().clear();
    if (step.kind == Step::Kind::Write && spare_.size() < kMaxPending) {
      spare_.push_back(std::move(step.bytes));
    }
    changed_.notify_all();
  }
}

void ZipPipeline::perform(Step& step) {
  switch (step.kind) {
    case Step::Kind::Begin:
      zip_.beginEntry(step.bytes, step.modifiedAtMs);
      break;
    case Step::Kind::Write:
      zip_.write(step.bytes);
      break;
    case Step::Kind::End:
      zip_.endEntry();
      break;
    case Step::Kind::Finish:
      zip_.finish();
      break;
  }
}

}  // namespace phum::server
