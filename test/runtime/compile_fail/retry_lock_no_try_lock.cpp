// retry_lock needs try_lock(); a type with only lock() is rejected with a
// message that says so.
// RAII_CF_EXPECT: must have try_lock\(\)
#include <raii/retry_lock.hpp>

struct only_lock {
  void lock() {}
#ifdef RAII_CF_OK
  bool try_lock() { return true; }
#endif
  void unlock() noexcept {}
};

int main() {
  only_lock l;
  raii::retry_lock<only_lock> g(l, raii::non_blocking);
}
