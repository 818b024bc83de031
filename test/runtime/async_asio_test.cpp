// The async runtime with a real coroutine library: standalone Asio's
// asio::awaitable (which can await only Asio's own awaitables), co_spawn,
// steady_timer for the retry sleep, and Asio cancellation.
#include <raii/async.hpp>

#include <gtest/gtest.h>

#include "support/asio.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "support/asio_run.hpp"
#include "support/recorder.hpp"
#include "support/test_locks.hpp"

namespace {

using namespace std::chrono_literals;
using asio::awaitable;
using asio::use_awaitable;
using raii_test::asio_run;
using raii_test::describe_asio;
using raii_test::event_log;

// Suspends once: a round trip through the io_context.
awaitable<void> hop() {
  co_await asio::post(co_await asio::this_coro::executor, use_awaitable);
}

// An async context manager whose enter and exit suspend on the io_context.
struct asio_cm {
  event_log &log;
  std::string name = "cm";
  bool throw_in_enter = false;
  bool throw_in_exit = false;
  bool suppress = false;
  int value = 42;

  awaitable<std::reference_wrapper<int>> enter() {
    log.push_back(name + ".enter");
    co_await hop();
    if (throw_in_enter)
      throw std::runtime_error(name + ".enter failed");
    co_return std::ref(value);
  }
  awaitable<bool> exit(std::exception_ptr e) {
    log.push_back(name + ".exit(" + describe_asio(e) + ")");
    co_await hop();
    if (throw_in_exit)
      throw std::runtime_error(name + ".exit failed");
    co_return suppress;
  }
};

TEST(AsyncAsio, AsyncWithOrderAndResult) {
  asio::io_context ctx;
  event_log log;
  asio_cm cm{log};
  auto t = raii::async_with(cm, [&](int &v) -> awaitable<int> {
    log.push_back("body(" + std::to_string(v) + ")");
    co_await hop();
    co_return v + 1;
  });
  static_assert(std::is_same_v<decltype(t), awaitable<std::optional<int>>>);
  std::optional<int> r = asio_run(ctx, std::move(t));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 43);
  EXPECT_EQ(log, (event_log{"cm.enter", "body(42)", "cm.exit(null)"}));
}

TEST(AsyncAsio, BodyExceptionReachesExitAndPropagates) {
  asio::io_context ctx;
  event_log log;
  asio_cm cm{log};
  try {
    asio_run(ctx, raii::async_with(cm, [&](int &) -> awaitable<void> {
               co_await hop();
               throw std::out_of_range("body failed");
             }));
    FAIL() << "no exception";
  } catch (const std::out_of_range &e) {
    EXPECT_STREQ(e.what(), "body failed");
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "cm.exit(body failed)"}));
}

TEST(AsyncAsio, SuppressionEnterAndExitFailures) {
  asio::io_context ctx;
  event_log log;
  asio_cm swallowing{log, "s"};
  swallowing.suppress = true;
  std::optional<int> r =
      asio_run(ctx, raii::async_with(swallowing, [&](int &) -> awaitable<int> {
                 throw std::runtime_error("swallowed");
                 co_return 0;
               }));
  EXPECT_FALSE(r.has_value());

  asio_cm no_enter{log, "e"};
  no_enter.throw_in_enter = true;
  try {
    (void)asio_run(ctx, raii::async_with(no_enter, [&](int &) -> awaitable<int> {
                     log.push_back("body");
                     co_return 0;
                   }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "e.enter failed");
  }

  asio_cm bad_exit{log, "x"};
  bad_exit.throw_in_exit = true;
  try {
    (void)asio_run(ctx, raii::async_with(bad_exit, [&](int &) -> awaitable<int> {
                     throw std::invalid_argument("replaced");
                     co_return 0;
                   }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "x.exit failed");
  }
  EXPECT_EQ(log, (event_log{"s.enter", "s.exit(swallowed)", "e.enter",
                            "x.enter", "x.exit(replaced)"}));
}

TEST(AsyncAsio, ExitStackRunsAwaitedCleanupsLifo) {
  asio::io_context ctx;
  event_log log;
  using stack_t = raii::async_exit_stack<awaitable<void>>;
  auto main = [&]() -> awaitable<void> {
    stack_t stack;
    for (int i = 0; i != 3; ++i)
      stack.push_async_callback([&log, i]() -> awaitable<void> {
        co_await hop();
        log.push_back("cleanup " + std::to_string(i));
        if (i == 1)
          throw std::runtime_error("cleanup 1 failed");
      });
    asio_cm cm{log, "cm"};
    std::reference_wrapper<int> v =
        co_await stack.enter_async_context(std::move(cm));
    log.push_back("entered " + std::to_string(v.get()));
    std::exception_ptr failed;
    try {
      co_await stack.aclose();
    } catch (...) {
      failed = std::current_exception();
    }
    log.push_back("aclose: " + describe_asio(failed));
  };
  asio_run(ctx, main());
  EXPECT_EQ(log, (event_log{"cm.enter", "entered 42", "cm.exit(null)",
                            "cleanup 2", "cleanup 1", "cleanup 0",
                            "aclose: cleanup 1 failed"}));
}

TEST(AsyncAsio, ExitStackDrivenByAsyncWith) {
  asio::io_context ctx;
  event_log log;
  using stack_t = raii::async_exit_stack<awaitable<void>>;
  auto t = raii::async_with(stack_t(), [&](stack_t &stack) -> awaitable<void> {
    stack.push_async_exit([&](std::exception_ptr e) -> awaitable<bool> {
      log.push_back("handler(" + describe_asio(e) + ")");
      co_await hop();
      co_return true;
    });
    co_await hop();
    throw std::runtime_error("body failed");
  });
  EXPECT_NO_THROW(asio_run(ctx, std::move(t)));
  EXPECT_EQ(log, (event_log{"handler(body failed)"}));
}

// @asynccontextmanager over Asio: the generator awaits asio::awaitable and
// Asio operations (through the trampoline: each runs in a coroutine of the
// caller's task type).
raii::async_context_manager<awaitable<void>, std::string>
session(event_log &log, asio::any_io_executor ex) {
  co_await hop();
  co_await asio::post(ex, use_awaitable);
  log.push_back("opened");
  std::exception_ptr failed;
  try {
    co_yield std::string("session-1");
  } catch (const std::out_of_range &) {
    log.push_back("suppressing");
  } catch (...) {
    failed = std::current_exception();
  }
  co_await hop();
  log.push_back("closed(" + describe_asio(failed) + ")");
  if (failed)
    std::rethrow_exception(failed);
}

TEST(AsyncAsio, ContextManagerGenerator) {
  asio::io_context ctx;
  event_log log;
  auto ex = ctx.get_executor();
  std::optional<std::size_t> r =
      asio_run(ctx, raii::async_with(session(log, ex),
                                     [&](std::string &id) -> awaitable<std::size_t> {
                                       log.push_back("body " + id);
                                       co_await hop();
                                       co_return id.size();
                                     }));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, 9u);
  try {
    asio_run(ctx, raii::async_with(session(log, ex),
                                   [&](std::string &) -> awaitable<void> {
                                     co_await hop();
                                     throw std::runtime_error("body failed");
                                   }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "body failed");
  }
  asio_run(ctx, raii::async_with(session(log, ex),
                                 [&](std::string &) -> awaitable<void> {
                                   throw std::out_of_range("ignored");
                                   co_return;
                                 }));
  EXPECT_EQ(log, (event_log{"opened", "body session-1", "closed(null)",
                            "opened", "closed(body failed)",
                            "opened", "suppressing", "closed(null)"}));
}

// The retry sleep: a steady_timer on the caller's executor. `current`
// exposes the timer while it waits, so a test can cancel it.
struct timer_sleep {
  event_log *log;
  asio::steady_timer **current = nullptr;
  awaitable<void> operator()(std::chrono::steady_clock::duration d) const {
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    log->push_back("sleep");
    if (current)
      *current = &timer;
    co_await timer.async_wait(use_awaitable);
    if (current)
      *current = nullptr;
  }
};

// Runs \p act on \p t's executor once \p ready() holds, looking every
// millisecond: a fixed delay may end before the coroutine reaches the wait
// the test means to interrupt (a loaded machine, a sanitizer build).
void when_ready(asio::steady_timer &t, std::function<bool()> ready,
                std::function<void()> act) {
  t.expires_after(1ms);
  t.async_wait([&t, ready = std::move(ready),
                act = std::move(act)](std::error_code ec) mutable {
    if (ec)
      return;
    if (ready())
      act();
    else
      when_ready(t, std::move(ready), std::move(act));
  });
}

bool logged(const event_log &log, const char *event) {
  return std::find(log.begin(), log.end(), event) != log.end();
}

// Emits a terminal cancellation on \p signal, logged as "emit", once \p log
// records \p event.
void cancel_once_logged(asio::steady_timer &trigger, event_log &log,
                        const char *event,
                        asio::cancellation_signal &signal) {
  when_ready(
      trigger, [&log, event] { return logged(log, event); },
      [&log, &signal] {
        log.push_back("emit");
        signal.emit(asio::cancellation_type::terminal);
      });
}

TEST(AsyncAsio, RetryLockSleepsOnASteadyTimer) {
  asio::io_context ctx;
  event_log log;
  raii_test::flaky_lock lock{log, 2};
  raii::async_retry_lock guard(lock, timer_sleep{&log}, 2s, 5ms);
  static_assert(std::is_same_v<decltype(guard.enter()), awaitable<void>>);
  const auto start = std::chrono::steady_clock::now();
  asio_run(ctx, raii::async_with(guard, [&]() -> awaitable<void> {
             log.push_back(lock.held ? "body, locked" : "body, not locked");
             co_return;
           }));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 10ms);
  EXPECT_EQ(guard.attempts(), 3u);
  EXPECT_FALSE(lock.held);
  EXPECT_EQ(log, (event_log{"sleep", "sleep", "body, locked", "unlock"}));
}

TEST(AsyncAsio, RetryLockTimeoutAndNonBlocking) {
  asio::io_context ctx;
  event_log log;
  raii_test::flaky_lock lock{log, -1};
  raii::async_retry_lock guard(lock, timer_sleep{&log}, 20ms, 5ms);
  const auto start = std::chrono::steady_clock::now();
  try {
    asio_run(ctx, raii::async_with(guard, [&]() -> awaitable<void> {
               log.push_back("body");
               co_return;
             }));
    FAIL() << "no exception";
  } catch (const raii::lock_timeout &e) {
    EXPECT_STREQ(e.what(), "raii::async_retry_lock: timed out waiting for the lock");
    // One attempt at once, then one after each wait of at most 5 ms until
    // the 20 ms deadline: at least 2 (5 where each wait takes its 5 ms; a
    // loaded machine's timers fire late, and there are fewer).
    EXPECT_GE(e.attempts(), 2u);
    EXPECT_EQ(e.attempts(), static_cast<std::size_t>(lock.tries));
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_EQ(std::count(log.begin(), log.end(), "body"), 0);
  EXPECT_EQ(std::count(log.begin(), log.end(), "unlock"), 0);

  raii::async_retry_lock once(lock, timer_sleep{&log}, raii::non_blocking);
  const int tries = lock.tries;
  EXPECT_THROW(asio_run(ctx, once.enter()), raii::would_block);
  EXPECT_EQ(lock.tries, tries + 1);
}

TEST(AsyncAsio, CancelledTimerAbortsTheAcquisition) {
  asio::io_context ctx;
  event_log log;
  raii_test::flaky_lock lock{log, -1};
  asio::steady_timer *waiting = nullptr;
  raii::async_retry_lock guard(lock, timer_sleep{&log, &waiting}, 10s, 1s);
  // Another party cancels the retry timer while it runs.
  asio::steady_timer canceller(ctx);
  when_ready(
      canceller, [&] { return waiting != nullptr; },
      [&] {
        log.push_back("cancel");
        waiting->cancel();
      });
  try {
    asio_run(ctx, raii::async_with(guard, [&]() -> awaitable<void> {
               log.push_back("body");
               co_return;
             }));
    FAIL() << "no exception";
  } catch (const asio::system_error &e) {
    EXPECT_EQ(e.code(), asio::error::operation_aborted);
  }
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_EQ(guard.attempts(), 1u);
  EXPECT_EQ(log, (event_log{"sleep", "cancel"}));
}

// Terminal cancellation of the co_spawned coroutine while its body waits on
// a timer. The wait throws operation_aborted. With Asio's defaults the
// coroutine's cancellation state stays "cancelled" and every later co_await
// in it throws operation_aborted before starting — including async_with's
// co_await of exit(): the exit never runs. docs/runtime/async.md says so.
TEST(AsyncAsio, CancellationWithAsioDefaultsSkipsExit) {
  asio::io_context ctx;
  event_log log;
  asio::cancellation_signal signal;
  asio_cm cm{log};
  asio::steady_timer trigger(ctx);
  cancel_once_logged(trigger, log, "body waits", signal);
  try {
    (void)asio_run(ctx,
                   raii::async_with(cm, [&](int &) -> awaitable<void> {
                     asio::steady_timer long_wait(co_await asio::this_coro::executor, 10s);
                     log.push_back("body waits");
                     co_await long_wait.async_wait(use_awaitable);
                     log.push_back("never");
                   }),
                   signal.slot());
    FAIL() << "no exception";
  } catch (const asio::system_error &e) {
    EXPECT_EQ(e.code(), asio::error::operation_aborted);
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "body waits", "emit"}));
}

// The remedy: throw_if_cancelled(false) in the spawned coroutine. The
// cancelled operation itself still throws operation_aborted, but later
// co_awaits run, so exit() sees the exception and completes its own Asio
// operations; then the exception propagates.
TEST(AsyncAsio, CancellationRunsExitWhenThrowIfCancelledIsOff) {
  asio::io_context ctx;
  event_log log;
  asio::cancellation_signal signal;
  asio_cm cm{log};
  asio::steady_timer trigger(ctx);
  cancel_once_logged(trigger, log, "body waits", signal);
  auto main = [&]() -> awaitable<void> {
    co_await asio::this_coro::throw_if_cancelled(false);
    (void)co_await raii::async_with(cm, [&](int &) -> awaitable<void> {
      asio::steady_timer long_wait(co_await asio::this_coro::executor, 10s);
      log.push_back("body waits");
      co_await long_wait.async_wait(use_awaitable);
      log.push_back("never");
    });
  };
  try {
    asio_run(ctx, main(), signal.slot());
    FAIL() << "no exception";
  } catch (const asio::system_error &e) {
    EXPECT_EQ(e.code(), asio::error::operation_aborted);
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "body waits", "emit",
                            "cm.exit(operation_aborted)"}));
}

// A cancelled retry wait inside a cancelled coroutine: the acquisition is
// abandoned, the lock never held, the body and exit never run.
TEST(AsyncAsio, CancellationDuringTheRetryWait) {
  asio::io_context ctx;
  event_log log;
  asio::cancellation_signal signal;
  raii_test::flaky_lock lock{log, -1};
  raii::async_retry_lock guard(lock, timer_sleep{&log}, 10s, 1s);
  asio::steady_timer trigger(ctx);
  cancel_once_logged(trigger, log, "sleep", signal);
  try {
    asio_run(ctx,
             raii::async_with(guard, [&]() -> awaitable<void> {
               log.push_back("body");
               co_return;
             }),
             signal.slot());
    FAIL() << "no exception";
  } catch (const asio::system_error &e) {
    EXPECT_EQ(e.code(), asio::error::operation_aborted);
  }
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_EQ(lock.tries, 1);
  EXPECT_EQ(log, (event_log{"sleep", "emit"}));
}

TEST(AsyncAsio, FrameDestroyedWithTheIoContextRunsNoExit) {
  event_log log;
  {
    asio::io_context ctx;
    asio_cm cm{log};
    asio::co_spawn(ctx,
                   raii::async_with(cm, [&](int &) -> awaitable<void> {
                     asio::steady_timer t(co_await asio::this_coro::executor, 10s);
                     log.push_back("body waits");
                     co_await t.async_wait(use_awaitable);
                   }),
                   asio::detached);
    ctx.run_for(20ms); // the body is still waiting when ctx is destroyed
  }
  EXPECT_EQ(log, (event_log{"cm.enter", "body waits"}));
}

} // namespace
