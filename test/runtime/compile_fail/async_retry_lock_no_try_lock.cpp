// async_retry_lock polls try_lock(): a lockable without it is rejected.
// RAII_CF_STD: 20
// RAII_CF_EXPECT: must have try_lock\(\)
#include <raii/async.hpp>

#include <chrono>

#include "../support/task.hpp"

struct lockable {
#ifdef RAII_CF_OK
  bool try_lock() { return true; }
#endif
  void lock() {}
  void unlock() {}
};

int main() {
  lockable l;
  auto sleep = [](std::chrono::steady_clock::duration) -> raii_test::task<void> {
    co_return;
  };
  raii::async_retry_lock guard(l, sleep, std::chrono::seconds(1));
  (void)guard.owns_lock();
}
