// An async exit() whose awaitable yields int is rejected, as with() rejects
// an int exit(): is 0 "ok" or "do not suppress"?
// RAII_CF_STD: 20
// RAII_CF_EXPECT: must yield void or bool
#include <raii/async.hpp>

#include <exception>

#include "../support/task.hpp"

using raii_test::task;

struct cm {
  task<void> enter() { co_return; }
#ifdef RAII_CF_OK
  task<bool> exit(std::exception_ptr) { co_return false; }
#else
  task<int> exit(std::exception_ptr) { co_return 0; }
#endif
};

int main() {
  cm c;
  auto t = raii::async_with(c, []() -> task<void> { co_return; });
  (void)t;
}
