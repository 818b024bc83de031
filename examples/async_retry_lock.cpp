// Scenario: the distributed-lock case in a coroutine. Every session on one
// io_context thread refreshes a shared record under a lock, and the refresh
// awaits the network. Written by hand with a std::mutex, the lock is polled
// with a blocking sleep (the whole thread stops, every other session with
// it) and then held across co_await: a second session resumed on this
// thread spins forever on a mutex its own thread holds, and a std::mutex
// must be unlocked by the thread that locked it, which a coroutine resumed
// elsewhere is not. The fixed version waits between attempts on a timer and
// releases the lease on every path, through raii::async_with.
//
// Needs C++20 and standalone Asio (libasio-dev); build and run:
//   g++ -std=c++20 -Iruntime/include examples/async_retry_lock.cpp -pthread
// Asio 1.22 enables co_await under Clang only for the Coroutines TS
// (__cpp_coroutines); Clang 17+ has C++20 coroutines, so say so.
#if defined(__clang__) && !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#endif
#include <asio.hpp>
#include <raii/async.hpp>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

using namespace std::chrono_literals;
using asio::awaitable;
using asio::use_awaitable;

// Stands for a round trip to the server that owns the record.
awaitable<int> fetch_version() {
  asio::steady_timer rtt(co_await asio::this_coro::executor, 5ms);
  co_await rtt.async_wait(use_awaitable);
  co_return 7;
}

std::mutex record_mutex;
int record_version;

// By hand: blocks the thread while polling, then suspends with the mutex
// locked.
awaitable<void> refresh_by_hand() {
  while (!record_mutex.try_lock())
    std::this_thread::sleep_for(10ms); // the io_context's thread sleeps
  std::lock_guard<std::mutex> hold(record_mutex, std::adopt_lock);
  record_version = co_await fetch_version(); // raii-lock-across-suspend warns here
}

// A lease on the record, as a lock service grants it: try_lock() asks for
// it, unlock() gives it back. Owned by whoever holds it, not by a thread.
class lease {
public:
  bool try_lock() {
    if (taken_)
      return false;
    taken_ = true;
    return true;
  }
  void unlock() { taken_ = false; }

private:
  bool taken_ = false;
};

lease record_lease;

// The retry wait: a timer on the caller's executor, so the thread runs
// other sessions meanwhile.
awaitable<void> timer_sleep(std::chrono::steady_clock::duration d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(use_awaitable);
}

// Fixed: poll every 10 ms for at most 2 s (raii::lock_timeout after), the
// lease released when the body completes or throws.
awaitable<void> refresh(int session) {
  raii::async_retry_lock guard(record_lease, &timer_sleep, 2s, 10ms);
  co_await raii::async_with(guard, [&]() -> awaitable<void> {
    record_version = co_await fetch_version();
    std::printf("session %d: version %d after %zu attempt(s)\n", session,
                record_version, guard.attempts());
  });
}

int main() {
  asio::io_context ctx;
  // Two sessions on one thread: with refresh_by_hand the second would
  // spin on the mutex the first holds while suspended, forever.
  for (int session = 1; session <= 2; ++session)
    asio::co_spawn(ctx, refresh(session), asio::detached);
  ctx.run();
}
