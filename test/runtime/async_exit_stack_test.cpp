// async_exit_stack<Task> with the hand-written task type: LIFO order,
// every entry runs, the first exception propagates and later ones are
// kept, exit handlers suppress, owned async context managers, the stack as
// async_with()'s manager, pop_all, and what the destructor does not run.
#include <raii/async.hpp>

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "support/loop.hpp"
#include "support/recorder.hpp"
#include "support/task.hpp"

namespace {

using raii_test::describe;
using raii_test::event_log;
using raii_test::loop;
using raii_test::recorder;
using raii_test::task;
using stack_t = raii::async_exit_stack<task<>>;

// An awaitable cleanup that logs, suspends on the loop, and may throw.
auto step(event_log &log, loop &l, std::string name, bool fail = false) {
  return [&log, &l, name, fail]() -> task<void> {
    log.push_back(name);
    co_await l.yield();
    if (fail)
      throw std::runtime_error(name + " failed");
  };
}

// An async exit handler that logs what it sees and yields `suppress`.
auto handler(event_log &log, loop &l, std::string name, bool suppress) {
  return [&log, &l, name, suppress](std::exception_ptr e) -> task<bool> {
    log.push_back(name + "(" + describe(e) + ")");
    co_await l.yield();
    co_return suppress;
  };
}

TEST(AsyncExitStack, RunsEntriesLastInFirstOut) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_callback(step(log, l, "first"));
  stack.callback([&] { log.push_back("sync second"); });
  stack.push_async_callback(step(log, l, "third"));
  stack.push_exit([&](const std::exception_ptr &e) {
    log.push_back("sync exit(" + describe(e) + ")");
  });
  EXPECT_EQ(stack.size(), 4u);
  raii_test::run(l, stack.aclose());
  EXPECT_TRUE(stack.empty());
  EXPECT_EQ(log, (event_log{"sync exit(null)", "third", "sync second", "first"}));
}

TEST(AsyncExitStack, EveryEntryRunsAndTheFirstFailurePropagates) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_callback(step(log, l, "a", true));
  stack.push_async_callback(step(log, l, "b"));
  stack.push_async_callback(step(log, l, "c", true));
  try {
    raii_test::run(l, stack.aclose());
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "c failed"); // the most recently pushed one
  }
  EXPECT_EQ(log, (event_log{"c", "b", "a"}));
  ASSERT_EQ(stack.suppressed().size(), 1u);
  EXPECT_EQ(describe(stack.suppressed()[0]), "a failed");
}

TEST(AsyncExitStack, ExitHandlersSeeThePendingExceptionAndMaySuppressIt) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_exit(handler(log, l, "h0", false));
  stack.push_async_exit(handler(log, l, "h1", true));
  stack.push_async_exit(handler(log, l, "h2", false));
  stack.push_async_callback(step(log, l, "c", true));
  EXPECT_NO_THROW(raii_test::run(l, stack.aclose()));
  // h1 suppressed "c failed": h0, pushed before it, sees none.
  EXPECT_EQ(log, (event_log{"c", "h2(c failed)", "h1(c failed)", "h0(null)"}));
  EXPECT_TRUE(stack.suppressed().empty());
}

TEST(AsyncExitStack, AFailureWhileOneIsPendingIsKeptNotSwapped) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_exit(handler(log, l, "h", false));
  stack.push_async_callback(step(log, l, "b", true));
  stack.push_async_callback(step(log, l, "a", true));
  EXPECT_THROW(raii_test::run(l, stack.aclose()), std::runtime_error);
  // The handler sees exactly what the stack then throws: "a failed".
  EXPECT_EQ(log, (event_log{"a", "b", "h(a failed)"}));
  ASSERT_EQ(stack.suppressed().size(), 1u);
  EXPECT_EQ(describe(stack.suppressed()[0]), "b failed");
}

TEST(AsyncExitStack, EnterAsyncContextOwnsTheManager) {
  event_log log;
  loop l;
  stack_t stack;
  auto body = [&]() -> task<int> {
    stack.push_async_callback(step(log, l, "callback"));
    // Named first: GCC 12 mis-moves class temporaries of a co_await
    // expression into the frame (see docs/runtime/async.md, Caveats).
    recorder cm{log, l, "cm"};
    std::reference_wrapper<int> v =
        co_await stack.enter_async_context(std::move(cm));
    v.get() += 1;
    co_return v.get();
  };
  EXPECT_EQ(raii_test::run(l, body()), 43);
  EXPECT_EQ(stack.size(), 2u);
  raii_test::run(l, stack.aclose());
  EXPECT_EQ(log, (event_log{"cm.enter", "cm.exit(null)", "callback"}));
}

TEST(AsyncExitStack, EnterThatThrowsIsNotExited) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_callback(step(log, l, "callback"));
  recorder failing{log, l, "cm"};
  failing.throw_in_enter = true;
  try {
    (void)raii_test::run(l, stack.enter_async_context(std::move(failing)));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "cm.enter failed");
  }
  EXPECT_EQ(stack.size(), 1u);
  raii_test::run(l, stack.aclose());
  EXPECT_EQ(log, (event_log{"cm.enter", "callback"}));
}

TEST(AsyncExitStack, AsTheManagerOfAsyncWith) {
  event_log log;
  loop l;
  auto t = raii::async_with(stack_t(), [&](stack_t &stack) -> task<void> {
    stack.push_async_exit(handler(log, l, "outer", false));
    stack.push_async_exit(handler(log, l, "swallow", true));
    recorder cm{log, l, "cm"}; // named first: see above
    (void)co_await stack.enter_async_context(std::move(cm));
    log.push_back("body");
    throw std::runtime_error("from body");
  });
  static_assert(std::is_same_v<decltype(t), task<void>>);
  EXPECT_NO_THROW(raii_test::run(l, std::move(t)));
  EXPECT_EQ(log, (event_log{"cm.enter", "body", "cm.exit(from body)",
                            "swallow(from body)", "outer(null)"}));
}

TEST(AsyncExitStack, ExitReportsWhetherItSuppressed) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_exit(handler(log, l, "h", false));
  const auto e = std::make_exception_ptr(std::runtime_error("given"));
  EXPECT_FALSE(raii_test::run(l, stack.exit(e)));
  stack.push_async_exit(handler(log, l, "h", true));
  EXPECT_TRUE(raii_test::run(l, stack.exit(e)));
  // Null given, an entry throws: exit() throws it.
  stack.push_async_callback(step(log, l, "x", true));
  EXPECT_THROW((void)raii_test::run(l, stack.exit(nullptr)), std::runtime_error);
  EXPECT_EQ(log, (event_log{"h(given)", "h(given)", "x"}));
}

TEST(AsyncExitStack, PopAllHandsTheEntriesOver) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_callback(step(log, l, "a"));
  stack.push_async_callback(step(log, l, "b"));
  stack_t kept = stack.pop_all();
  EXPECT_TRUE(stack.empty());
  raii_test::run(l, stack.aclose());
  EXPECT_TRUE(log.empty());
  raii_test::run(l, kept.aclose());
  EXPECT_EQ(log, (event_log{"b", "a"}));
}

TEST(AsyncExitStack, DestructorRunsNothing) {
  event_log log;
  loop l;
  {
    stack_t stack;
    stack.push_async_callback(step(log, l, "never"));
    stack.callback([&] { log.push_back("never either"); });
  }
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(l.pending(), 0u);
}

TEST(AsyncExitStack, AddingWhileClosingFails) {
  event_log log;
  loop l;
  stack_t stack;
  stack.callback([&] { stack.callback([] {}); });
  try {
    raii_test::run(l, stack.aclose());
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "raii::async_exit_stack: cannot add entries while "
                           "the stack is closing");
  }
}

TEST(AsyncExitStack, ClosingFromAnEntryFails) {
  event_log log;
  loop l;
  stack_t stack;
  stack.push_async_callback([&]() -> task<void> { co_await stack.aclose(); });
  try {
    raii_test::run(l, stack.aclose());
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "raii::async_exit_stack: aclose() called while the "
                           "stack is closing");
  }
}

} // namespace
