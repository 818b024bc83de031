// async_retry_lock with the hand-written task type and a fake clock that
// only the awaited sleep advances: attempts, waits and timeouts are exact.
// Timeout, forever, non-blocking and try_to_lock modes; synchronous and
// awaitable lockables; use with async_with; exceptions from the body and
// from the sleep; a frame destroyed while the lock is held.
#include <raii/async.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>

#include "support/loop.hpp"
#include "support/recorder.hpp"
#include "support/task.hpp"
#include "support/test_locks.hpp"

namespace {

using namespace std::chrono_literals;
using raii_test::async_flaky_lock;
using raii_test::event_log;
using raii_test::fake_clock;
using raii_test::flaky_lock;
using raii_test::loop;
using raii_test::task;

// The awaited sleep: logs the wait and advances the fake clock by it.
struct fake_sleep {
  event_log *log;
  loop *l;
  int fail_at = 0; // throw on this call (1-based); 0: never
  int calls = 0;
  task<void> operator()(fake_clock::duration d) {
    ++calls;
    log->push_back("sleep " + std::to_string(d.count()) + "ms");
    co_await l->sleep(d);
    if (calls == fail_at)
      throw std::runtime_error("sleep cancelled");
  }
};

template <class L>
using guard_t = raii::async_retry_lock<L, fake_sleep, fake_clock>;

TEST(AsyncRetryLock, PollsUntilLockedThenUnlocksOnExit) {
  event_log log;
  loop l;
  flaky_lock lock{log, 2};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l}, 100ms, 10ms);
  const auto start = fake_clock::now();
  raii_test::run(l, raii::async_with(guard, [&]() -> task<void> {
                   log.push_back(guard.owns_lock() && lock.held ? "body, locked"
                                                                : "body");
                   co_return;
                 }));
  EXPECT_EQ(guard.attempts(), 3u);
  EXPECT_EQ(fake_clock::now() - start, 20ms);
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_FALSE(lock.held);
  EXPECT_EQ(log, (event_log{"sleep 10ms", "sleep 10ms", "body, locked", "unlock"}));
}

TEST(AsyncRetryLock, TimesOutWithAShorterLastWait) {
  event_log log;
  loop l;
  flaky_lock lock{log, -1};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l}, 25ms, 10ms);
  try {
    raii_test::run(l, raii::async_with(guard, [&]() -> task<void> {
                     log.push_back("body");
                     co_return;
                   }));
    FAIL() << "no exception";
  } catch (const raii::lock_timeout &e) {
    EXPECT_STREQ(e.what(), "raii::async_retry_lock: timed out waiting for the lock");
    EXPECT_EQ(e.attempts(), 4u);
  }
  EXPECT_FALSE(guard.owns_lock());
  // Attempts at 0, 10, 20 and — the last, at the deadline — 25 ms.
  EXPECT_EQ(log, (event_log{"sleep 10ms", "sleep 10ms", "sleep 5ms"}));
}

TEST(AsyncRetryLock, NonBlockingMakesOneAttempt) {
  event_log log;
  loop l;
  flaky_lock lock{log, 1};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l}, raii::non_blocking);
  try {
    raii_test::run(l, guard.enter());
    FAIL() << "no exception";
  } catch (const raii::would_block &e) {
    EXPECT_STREQ(e.what(), "raii::async_retry_lock: lock is held elsewhere");
    EXPECT_EQ(e.attempts(), 1u);
  }
  // The second attempt succeeds: entered at once, no sleep.
  raii_test::run(l, guard.enter());
  EXPECT_TRUE(guard.owns_lock());
  EXPECT_EQ(guard.attempts(), 1u);
  raii_test::run(l, guard.exit(nullptr));
  EXPECT_EQ(log, (event_log{"unlock"}));
}

TEST(AsyncRetryLock, TryToLockNeverThrowsLockError) {
  event_log log;
  loop l;
  flaky_lock lock{log, -1};
  guard_t<flaky_lock> once(lock, fake_sleep{&log, &l}, std::try_to_lock);
  raii_test::run(l, raii::async_with(once, [&]() -> task<void> {
                   log.push_back(once.owns_lock() ? "owned" : "not owned");
                   co_return;
                 }));
  EXPECT_EQ(once.attempts(), 1u);
  guard_t<flaky_lock> polling(lock, fake_sleep{&log, &l}, std::try_to_lock,
                              30ms, 15ms);
  raii_test::run(l, polling.enter());
  EXPECT_FALSE(polling.owns_lock());
  EXPECT_EQ(polling.attempts(), 3u);
  EXPECT_EQ(log, (event_log{"not owned", "sleep 15ms", "sleep 15ms"}));
}

TEST(AsyncRetryLock, WithoutTimeoutPollsForever) {
  event_log log;
  loop l;
  flaky_lock lock{log, 100};
  fake_sleep sleep{&log, &l};
  guard_t<flaky_lock> guard(lock, sleep);
  const auto start = fake_clock::now();
  raii_test::run(l, guard.enter());
  EXPECT_TRUE(guard.owns_lock());
  EXPECT_EQ(guard.attempts(), 101u);
  EXPECT_EQ(fake_clock::now() - start, 1000ms); // 100 waits of 10 ms
  raii_test::run(l, guard.unlock());
  EXPECT_FALSE(lock.held);
}

TEST(AsyncRetryLock, AwaitableTryLockAndUnlock) {
  event_log log;
  loop l;
  async_flaky_lock lock{log, l, 1};
  guard_t<async_flaky_lock> guard(lock, fake_sleep{&log, &l}, 1s, 50ms);
  raii_test::run(l, raii::async_with(guard, [&]() -> task<void> {
                   log.push_back("body");
                   co_return;
                 }));
  EXPECT_FALSE(lock.held);
  EXPECT_EQ(log, (event_log{"try_lock 1", "sleep 50ms", "try_lock 2", "body",
                            "async unlock"}));
}

TEST(AsyncRetryLock, BodyExceptionUnlocksAndPropagates) {
  event_log log;
  loop l;
  flaky_lock lock{log, 0};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l}, 1s);
  EXPECT_THROW(raii_test::run(l, raii::async_with(guard, [&]() -> task<void> {
                                log.push_back("body");
                                throw std::runtime_error("body failed");
                                co_return;
                              })),
               std::runtime_error);
  EXPECT_FALSE(lock.held);
  EXPECT_EQ(log, (event_log{"body", "unlock"}));
}

TEST(AsyncRetryLock, FailedSleepLeavesTheLockUnheld) {
  // A cancelled timer surfaces as an exception from the sleep.
  event_log log;
  loop l;
  flaky_lock lock{log, -1};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l, 2}, 1s, 10ms);
  try {
    raii_test::run(l, raii::async_with(guard, [&]() -> task<void> {
                     log.push_back("body");
                     co_return;
                   }));
    FAIL() << "no exception";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(), "sleep cancelled");
  }
  EXPECT_FALSE(guard.owns_lock());
  EXPECT_EQ(guard.attempts(), 2u);
  EXPECT_EQ(log, (event_log{"sleep 10ms", "sleep 10ms"}));
}

TEST(AsyncRetryLock, DestroyedFrameStillUnlocksASynchronousLock) {
  event_log log;
  loop l;
  flaky_lock lock{log, 0};
  {
    // The guard is moved into async_with's frame and dies with it.
    auto t = raii::async_with(
        guard_t<flaky_lock>(lock, fake_sleep{&log, &l}, 1s),
        [&]() -> task<void> {
          log.push_back("body suspended");
          co_await l.yield();
          log.push_back("never");
        });
    t.start();
    EXPECT_TRUE(lock.held);
    l.drop();
  }
  EXPECT_FALSE(lock.held);
  EXPECT_EQ(log, (event_log{"body suspended", "unlock"}));
}

TEST(AsyncRetryLock, EnteringTwiceIsAnError) {
  event_log log;
  loop l;
  flaky_lock lock{log, 0};
  guard_t<flaky_lock> guard(lock, fake_sleep{&log, &l}, 1s);
  raii_test::run(l, guard.enter());
  try {
    raii_test::run(l, guard.enter());
    FAIL() << "no exception";
  } catch (const std::logic_error &e) {
    EXPECT_STREQ(e.what(), "raii::async_retry_lock: already locked");
  }
  EXPECT_TRUE(lock.held);
}

TEST(AsyncRetryLock, StdMutexAndDeductionGuides) {
  std::mutex m;
  loop l;
  auto sleep = [&](std::chrono::steady_clock::duration) -> task<void> {
    co_await l.yield();
  };
  raii::async_retry_lock guard(m, sleep, raii::non_blocking);
  static_assert(std::is_same_v<decltype(guard),
                               raii::async_retry_lock<std::mutex, decltype(sleep)>>);
  raii_test::run(l, guard.enter());
  EXPECT_FALSE(m.try_lock());
  raii_test::run(l, guard.exit(nullptr));
  EXPECT_TRUE(m.try_lock());
  m.unlock();
}

} // namespace
