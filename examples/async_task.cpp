// Scenario: an async task that holds a mutex across co_await. Another task
// resumed on this thread while this one is suspended can deadlock on it, and
// the task may resume on another thread, which then unlocks a mutex it does
// not own. raii-lock-across-suspend reports the co_await in refresh_cache();
// refresh_cache_scoped() is the fix: the guard's scope ends before the task
// suspends, so the lock is never held while suspended.
#include <coroutine>
#include <mutex>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

struct Tick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

std::mutex cache_mutex;
int cache_hits;

Task refresh_cache() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  co_await Tick{}; // suspended while holding cache_mutex
  ++cache_hits;
}

Task refresh_cache_scoped() {
  co_await Tick{}; // wait first, holding nothing
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    ++cache_hits;
  }
}
