// enter_async_context takes ownership: an lvalue manager is rejected (the
// stack would hold a reference that could dangle).
// RAII_CF_STD: 20
// RAII_CF_EXPECT: pass the context manager as an rvalue
#include <raii/async.hpp>

#include <exception>
#include <utility>

#include "../support/task.hpp"

using raii_test::task;

struct cm {
  task<int> enter() { co_return 1; }
  task<void> exit(std::exception_ptr) { co_return; }
};

int main() {
  raii::async_exit_stack<task<>> stack;
  cm c;
#ifdef RAII_CF_OK
  auto t = stack.enter_async_context(std::move(c));
#else
  auto t = stack.enter_async_context(c);
#endif
  (void)t;
}
