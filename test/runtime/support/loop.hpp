// Test support: a single-threaded event loop with a fake clock, for the
// hand-written task type. Awaiting loop.yield() or loop.sleep(d) suspends
// the coroutine and queues it; run() resumes queued coroutines in order
// until none is left. sleep(d) advances fake_clock by d when it resumes, so
// timeouts are exact and nothing really sleeps.
#ifndef RAII_TEST_SUPPORT_LOOP_HPP
#define RAII_TEST_SUPPORT_LOOP_HPP

#include <chrono>
#include <coroutine>
#include <deque>
#include <stdexcept>
#include <utility>

#include "task.hpp"

namespace raii_test {

// A chrono clock that moves only when a loop's sleep() resumes.
struct fake_clock {
  using duration = std::chrono::milliseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<fake_clock>;
  static constexpr bool is_steady = true;
  static inline time_point current{};
  static time_point now() noexcept { return current; }
};

class loop {
public:
  struct yield_awaiter {
    loop *owner;
    fake_clock::duration advance;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { owner->queue_.push_back(h); }
    void await_resume() const noexcept { fake_clock::current += advance; }
  };

  yield_awaiter yield() noexcept { return {this, fake_clock::duration::zero()}; }
  yield_awaiter sleep(fake_clock::duration d) noexcept { return {this, d}; }

  // Resumes queued coroutines until the queue is empty.
  void run() {
    while (!queue_.empty()) {
      std::coroutine_handle<> h = queue_.front();
      queue_.pop_front();
      h.resume();
    }
  }
  // Resumes the first queued coroutine; false if none was queued.
  bool run_one() {
    if (queue_.empty())
      return false;
    std::coroutine_handle<> h = queue_.front();
    queue_.pop_front();
    h.resume();
    return true;
  }
  // Forgets every queued coroutine without resuming it (their frames are
  // destroyed by whoever owns them).
  void drop() noexcept { queue_.clear(); }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size(); }

private:
  std::deque<std::coroutine_handle<>> queue_;
};

// Starts t, runs the loop until nothing is queued, and returns t's result
// (rethrowing what escaped it). Throws std::logic_error if t is still
// suspended on something nobody will resume.
template <class T> T run(loop &l, task<T> t) {
  t.start();
  l.run();
  if (!t.done())
    throw std::logic_error("raii_test::run: the task did not complete");
  return t.result();
}

} // namespace raii_test

#endif // RAII_TEST_SUPPORT_LOOP_HPP
