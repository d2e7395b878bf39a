#pragma once
// A ZipStream fed from one thread and run on a second: the export writes the CSV of the next
// page while the previous one is being deflated, the CRC and deflate being a fifth of its work.
// At most kMaxPending pieces wait for the second thread (a writer that gets ahead blocks), and
// the archive bytes wait only until the next take(), so memory stays flat.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/zip_stream.h"

namespace phum::server {

class ZipPipeline {
 public:
  static constexpr std::size_t kMaxPending = 4;

  ZipPipeline();
  // Stops the second thread, dropping what it has not done (the archive is being abandoned).
  ~ZipPipeline();
  ZipPipeline(const ZipPipeline&) = delete;
  ZipPipeline& operator=(const ZipPipeline&) = delete;

  // As ZipStream's, done in order on the second thread. A failure there (zlib) is thrown by the
  // next call.
  void beginEntry(const std::string& name, std::int64_t modifiedAtMs);
  void write(std::string bytes);
  void endEntry();
  void finish();

  // An empty string to write into, with the capacity of one already written: pages of CSV are
  // put together without growing a new buffer each time.
  std::string buffer();
  // The archive bytes produced since the last take; with `all`, after everything handed over so
  // far is done.
  std::string take(bool all);

 private:
  struct Step {
    enum class Kind { Begin, Write, End, Finish } kind;
    std::string bytes;  // Begin: the name; Write: the bytes
    std::int64_t modifiedAtMs = 0;
  };
  void push(Step step);
  void run();
  void perform(Step& step);

  ZipStream zip_;  // used by the second thread only
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Step> steps_;
  bool busy_ = false;  // the second thread is performing a step
  bool stop_ = false;
  std::exception_ptr error_;
  std::string out_;
  std::vector<std::string> spare_;  // written buffers, for buffer()
  std::thread thread_;
};

}  // namespace phum::server
