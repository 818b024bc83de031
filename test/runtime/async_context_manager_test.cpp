// async_context_manager<Task, T> with the hand-written task type: the code
// before co_yield enters, after it exits; the body's exception is rethrown
// at the co_yield; co_awaits inside the generator are awaited by the
// caller's task; misuse is reported.
#include <raii/async.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "support/loop.hpp"
#include "support/recorder.hpp"
#include "support/task.hpp"

namespace {

using raii_test::describe;
using raii_test::event_log;
using raii_test::loop;
using raii_test::task;

// An awaited step inside a generator: logs, suspends, yields a value.
task<int> fetch(event_log &log, loop &l, int v) {
  log.push_back("fetch " + std::to_string(v));
  co_await l.yield();
  co_return v;
}

// Enters by awaiting fetch(), yields a connection id; on the way out,
// awaits a close; suppresses std::out_of_range.
raii::async_context_manager<task<>, int> connection(event_log &log, loop &l) {
  int id = co_await fetch(log, l, 7);
  log.push_back("connected");
  std::exception_ptr failed;
  try {
    co_yield id;
  } catch (const std::out_of_range &) {
    log.push_back("suppressing");
  } catch (...) {
    failed = std::current_exception(); // no co_await inside a handler
  }
  (void)co_await fetch(log, l, 0);
  log.push_back("closed(" + describe(failed) + ")");
  if (failed)
    std::rethrow_exception(failed);
}

TEST(AsyncContextManager, EnterYieldBodyExit) {
  event_log log;
  loop l;
  std::optional<int> r = raii_test::run(
      l, raii::async_with(connection(log, l), [&](int &id) -> task<int> {
        log.push_back("body " + std::to_string(id));
        co_await l.yield();
        co_return id * 2;
      }));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 14);
  EXPECT_EQ(log, (event_log{"fetch 7", "connected", "body 7", "fetch 0",
                            "closed(null)"}));
}

TEST(AsyncContextManager, BodyExceptionIsRethrownAtTheYield) {
  event_log log;
  loop l;
  try {
    (void)raii_test::run(
        l, raii::async_with(connection(log, l), [&](int &) -> task<int> {
          throw std::runtime_error("body failed");
          co_return 0;
        }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "body failed");
  }
  EXPECT_EQ(log, (event_log{"fetch 7", "connected", "fetch 0",
                            "closed(body failed)"}));
}

TEST(AsyncContextManager, CatchingAtTheYieldSuppresses) {
  event_log log;
  loop l;
  std::optional<int> r = raii_test::run(
      l, raii::async_with(connection(log, l), [&](int &) -> task<int> {
        throw std::out_of_range("ignored");
        co_return 0;
      }));
  EXPECT_FALSE(r.has_value());
  EXPECT_EQ(log, (event_log{"fetch 7", "connected", "suppressing", "fetch 0",
                            "closed(null)"}));
}

raii::async_context_manager<task<>> failing_before_yield(event_log &log,
                                                         loop &l) {
  (void)co_await fetch(log, l, 1);
  throw std::runtime_error("cannot enter");
  co_yield {};
}

TEST(AsyncContextManager, ExceptionBeforeTheYieldFailsEnterAndSkipsExit) {
  event_log log;
  loop l;
  try {
    raii_test::run(l, raii::async_with(failing_before_yield(log, l),
                                       [&]() -> task<void> {
                                         log.push_back("body");
                                         co_return;
                                       }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "cannot enter");
  }
  EXPECT_EQ(log, (event_log{"fetch 1"}));
}

task<int> failing_fetch(loop &l) {
  co_await l.yield();
  throw std::invalid_argument("fetch failed");
}

raii::async_context_manager<task<>> awaits_a_failure(event_log &log, loop &l) {
  try {
    (void)co_await failing_fetch(l);
  } catch (const std::invalid_argument &e) {
    log.push_back(std::string("caught ") + e.what());
  }
  co_yield {};
  log.push_back("exit");
}

TEST(AsyncContextManager, AnAwaitedExceptionReachesTheGenerator) {
  event_log log;
  loop l;
  raii_test::run(l, raii::async_with(awaits_a_failure(log, l),
                                     [&]() -> task<void> {
                                       log.push_back("body");
                                       co_return;
                                     }));
  EXPECT_EQ(log, (event_log{"caught fetch failed", "body", "exit"}));
}

raii::async_context_manager<task<>, int> never_yields() { co_return; }
raii::async_context_manager<task<>, int> yields_twice() {
  co_yield 1;
  co_yield 2;
}

TEST(AsyncContextManager, MisuseIsReported) {
  loop l;
  try {
    (void)raii_test::run(l, never_yields().enter());
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(),
                 "raii::async_context_manager: the coroutine ended without "
                 "co_yield");
  }
  auto twice = yields_twice();
  EXPECT_EQ(raii_test::run(l, twice.enter()).get(), 1);
  try {
    (void)raii_test::run(l, twice.exit(nullptr));
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "raii::async_context_manager: the coroutine "
                           "yielded more than once");
  }
  auto unused = yields_twice();
  try {
    (void)raii_test::run(l, unused.exit(nullptr));
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "raii::async_context_manager: exit() without a "
                           "successful enter()");
  }
}

TEST(AsyncContextManager, DestroyedAfterEnterSkipsTheExitCode) {
  event_log log;
  loop l;
  {
    auto cm = connection(log, l);
    EXPECT_EQ(raii_test::run(l, cm.enter()).get(), 7);
  }
  EXPECT_EQ(log, (event_log{"fetch 7", "connected"}));
}

} // namespace
