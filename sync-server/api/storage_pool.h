#pragma once
// Runs blocking storage work (SQLite commits, Argon2id) on a small fixed thread pool and resumes
// the calling coroutine on its own executor, so the I/O loop never waits for a disk.
//
// Callers build `work` as a named local before co_await: with GCC 12, a lambda temporary created
// inside a co_await expression can be copied bitwise into the coroutine frame, which corrupts
// captured std::strings (seen as "free(): invalid pointer").
// clang-format off
#include <utility>  // before Asio: GCC 12 + Boost 1.74 coroutines need std::exchange
// clang-format on
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <functional>

namespace phum::server {

template <typename Result>
boost::asio::awaitable<Result> onStoragePool(boost::asio::thread_pool& pool,
                                             std::function<Result()>& work) {
  // Only trivially copyable captures (a reference, a raw pointer) appear inside the co_await
  // expression: GCC 12 mishandles non-trivial temporaries there (double destruction, bitwise
  // copies). The coroutine's `job` keeps the state alive until it resumes.
  struct Job {
    std::function<Result()> work;
    Result result{};
    std::exception_ptr error;
    boost::asio::any_io_executor executor;
  };
  auto job = std::make_shared<Job>();
  job->work = std::move(work);  // `work` is the caller's named local (see above)
  job->executor = co_await boost::asio::this_coro::executor;
  Job* const state = job.get();
  co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void()>(
      [&pool, state](auto handler) {
        // The guard keeps the I/O loop alive (e.g. during shutdown) until the result is back.
        auto guard = boost::asio::make_work_guard(state->executor);
        boost::asio::post(
            pool, [handler = std::move(handler), state, guard = std::move(guard)]() mutable {
              try {
                state->result = state->work();
              } catch (...) {
                state->error = std::current_exception();
              }
              state->work = nullptr;  // release captures on the pool thread, before resuming
              auto executor = state->executor;
              // From here on the coroutine may resume and free `state`.
              boost::asio::post(executor, std::move(handler));
              guard.reset();
            });
      },
      boost::asio::use_awaitable);
  if (job->error) std::rethrow_exception(job->error);
  co_return std::move(job->result);
}

}  // namespace phum::server
