// Run tests for raii::retry_lock, with a fake clock so no test sleeps.
#include <raii/retry_lock.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace {

// A manual clock: only fake_sleep moves it.
struct fake_clock {
  using rep = long long;
  using period = std::milli;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<fake_clock>;
  static constexpr bool is_steady = true;
  static_assert(is_steady);
  static inline time_point current{};
  static time_point now() noexcept { return current; }
};

struct fake_sleep {
  static inline std::vector<fake_clock::duration> *sleeps = nullptr;
  void operator()(fake_clock::duration d) const {
    if (sleeps)
      sleeps->push_back(d);
    fake_clock::current += d;
  }
};

// Succeeds on attempt number `succeed_on` (0 = never).
struct stubborn_lock {
  int succeed_on = 0;
  int tries = 0;
  bool locked = false;
  int unlocks = 0;
  bool try_lock() {
    ++tries;
    if (succeed_on != 0 && tries >= succeed_on) {
      locked = true;
      return true;
    }
    return false;
  }
  void unlock() noexcept {
    locked = false;
    ++unlocks;
  }
};

using guard = raii::retry_lock<stubborn_lock, fake_clock, fake_sleep>;
using namespace std::chrono_literals;

struct RetryLock : ::testing::Test {
  std::vector<fake_clock::duration> sleeps;
  void SetUp() override {
    fake_clock::current = fake_clock::time_point{};
    fake_sleep::sleeps = &sleeps;
  }
  void TearDown() override { fake_sleep::sleeps = nullptr; }
};

} // namespace

TEST_F(RetryLock, LocksAtOnceAndUnlocksOnExit) {
  stubborn_lock l{1};
  {
    guard g(l, 1s, 100ms);
    EXPECT_TRUE(g.owns_lock());
    EXPECT_EQ(g.attempts(), 1u);
    EXPECT_TRUE(l.locked);
  }
  EXPECT_FALSE(l.locked);
  EXPECT_EQ(l.unlocks, 1);
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(RetryLock, RetriesAtIntervalUntilSuccess) {
  stubborn_lock l{4};
  guard g(l, 1s, 100ms);
  EXPECT_EQ(g.attempts(), 4u);
  EXPECT_EQ(sleeps, (std::vector<fake_clock::duration>(3, 100ms)));
}

TEST_F(RetryLock, TimesOutWithAttemptCount) {
  stubborn_lock l{0};
  try {
    guard g(l, 250ms, 100ms);
    FAIL() << "must time out";
  } catch (const raii::lock_timeout &e) {
    // t=0, 100, 200, and a last attempt at the deadline (250).
    EXPECT_EQ(e.attempts(), 4u);
  }
  EXPECT_EQ(sleeps, (std::vector<fake_clock::duration>{100ms, 100ms, 50ms}));
  EXPECT_EQ(l.unlocks, 0) << "never locked, never unlocked";
}

TEST_F(RetryLock, TimeoutIsALockError) {
  stubborn_lock l{0};
  EXPECT_THROW({ guard g(l, 0ms, 1ms); }, raii::lock_error);
  EXPECT_EQ(l.tries, 1) << "a zero timeout still makes one attempt";
}

TEST_F(RetryLock, NonBlockingThrowsWouldBlock) {
  stubborn_lock l{0};
  try {
    guard g(l, raii::non_blocking);
    FAIL();
  } catch (const raii::would_block &e) {
    EXPECT_EQ(e.attempts(), 1u);
  }
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(RetryLock, NonBlockingSucceeds) {
  stubborn_lock l{1};
  {
    guard g(l, raii::non_blocking);
    EXPECT_TRUE(g);
  }
  EXPECT_EQ(l.unlocks, 1);
}

TEST_F(RetryLock, EarlyUnlockAndRelease) {
  stubborn_lock l{1};
  {
    guard g(l, 1s);
    g.unlock();
    EXPECT_FALSE(g.owns_lock());
    g.unlock();
  }
  EXPECT_EQ(l.unlocks, 1);
  stubborn_lock m{1};
  {
    guard g(m, 1s);
    EXPECT_EQ(g.release(), &m);
  }
  EXPECT_TRUE(m.locked);
}

TEST_F(RetryLock, MoveTransfersOwnership) {
  stubborn_lock l{1};
  {
    guard a(l, 1s);
    guard b(std::move(a));
    EXPECT_FALSE(a.owns_lock());
    EXPECT_TRUE(b.owns_lock());
  }
  EXPECT_EQ(l.unlocks, 1);
}

TEST_F(RetryLock, WaitsForeverWithoutTimeout) {
  stubborn_lock l{50};
  raii::retry_lock<stubborn_lock, fake_clock, fake_sleep> g(l);
  EXPECT_EQ(g.attempts(), 50u);
  EXPECT_EQ(sleeps.size(), 49u);
}

TEST_F(RetryLock, HugeTimeoutDoesNotOverflow) {
  stubborn_lock l{3};
  fake_clock::current = fake_clock::time_point(1000h);
  guard g(l, fake_clock::duration::max() - 1ms, 1ms);
  EXPECT_EQ(g.attempts(), 3u);
}

TEST(RetryLockReal, StdMutexAcrossThreads) {
  std::mutex m;
  std::unique_lock<std::mutex> held(m);
  std::thread t([&] {
    std::this_thread::sleep_for(30ms);
    held.unlock();
  });
  {
    raii::retry_lock g(m, 5s, 1ms);
    EXPECT_GT(g.attempts(), 1u);
  }
  t.join();
  EXPECT_TRUE(m.try_lock());
  m.unlock();
}

TEST(RetryLockReal, StdMutexNonBlocking) {
  std::mutex m;
  std::lock_guard<std::mutex> held(m);
  std::thread t([&] {
    EXPECT_THROW({ raii::retry_lock g(m, raii::non_blocking); },
                 raii::would_block);
  });
  t.join();
}

// --- timeouts beyond the clock's range (issue 12, defect 1) -----------------
// A nanosecond clock, like steady_clock: converting milliseconds::max() or
// hours(3'000'000) to its duration overflows unless saturated.
namespace {
struct fake_ns_clock {
  using rep = long long;
  using period = std::nano;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<fake_ns_clock>;
  static constexpr bool is_steady = true;
  static_assert(is_steady);
  static inline time_point current{};
  static time_point now() noexcept { return current; }
};
struct fake_ns_sleep {
  static inline std::vector<fake_ns_clock::duration> *sleeps = nullptr;
  void operator()(fake_ns_clock::duration d) const {
    if (sleeps)
      sleeps->push_back(d);
    fake_ns_clock::current += d;
  }
};
using ns_guard = raii::retry_lock<stubborn_lock, fake_ns_clock, fake_ns_sleep>;

struct RetryLockRange : ::testing::Test {
  std::vector<fake_ns_clock::duration> sleeps;
  void SetUp() override {
    fake_ns_clock::current = fake_ns_clock::time_point(1h);
    fake_ns_sleep::sleeps = &sleeps;
  }
  void TearDown() override { fake_ns_sleep::sleeps = nullptr; }
};
} // namespace

TEST_F(RetryLockRange, MillisecondsMaxWaitsForever) {
  stubborn_lock l{5};
  ns_guard g(l, std::chrono::milliseconds::max(), 1ms);
  EXPECT_TRUE(g.owns_lock());
  EXPECT_EQ(g.attempts(), 5u);
  EXPECT_EQ(sleeps, (std::vector<fake_ns_clock::duration>(4, 1ms)));
}

TEST_F(RetryLockRange, HoursBeyondClockRangeWaitForever) {
  stubborn_lock l{5};
  ns_guard g(l, std::chrono::hours(3'000'000), 1ms);
  EXPECT_EQ(g.attempts(), 5u);
}

TEST_F(RetryLockRange, HugeIntervalIsCappedByTheDeadline) {
  stubborn_lock l{0};
  try {
    ns_guard g(l, 1s, std::chrono::hours(3'000'000));
    FAIL() << "must time out";
  } catch (const raii::lock_timeout &e) {
    EXPECT_EQ(e.attempts(), 2u) << "one at once, one at the deadline";
  }
  EXPECT_EQ(sleeps, (std::vector<fake_ns_clock::duration>{1s}));
}

TEST_F(RetryLockRange, NegativeTimeoutMakesOneAttempt) {
  stubborn_lock l{0};
  EXPECT_THROW({ ns_guard g(l, std::chrono::milliseconds::min(), 1ms); },
               raii::lock_timeout);
  EXPECT_EQ(l.tries, 1);
  EXPECT_TRUE(sleeps.empty());
}

// --- non-throwing try mode --------------------------------------------------
TEST_F(RetryLock, TryToLockOnceDoesNotThrow) {
  stubborn_lock l{0};
  guard g(l, std::try_to_lock);
  EXPECT_FALSE(g.owns_lock());
  EXPECT_EQ(g.attempts(), 1u);
  EXPECT_TRUE(sleeps.empty());
}

TEST_F(RetryLock, TryToLockOnceSucceeds) {
  stubborn_lock l{1};
  {
    guard g(l, std::try_to_lock);
    EXPECT_TRUE(g);
  }
  EXPECT_EQ(l.unlocks, 1);
}

TEST_F(RetryLock, TryToLockWithTimeoutGivesUpWithoutThrowing) {
  stubborn_lock l{0};
  {
    guard g(l, std::try_to_lock, 250ms, 100ms);
    EXPECT_FALSE(g.owns_lock());
    EXPECT_EQ(g.attempts(), 4u);
  }
  EXPECT_EQ(sleeps, (std::vector<fake_clock::duration>{100ms, 100ms, 50ms}));
  EXPECT_EQ(l.unlocks, 0) << "not owned, not unlocked";
}

TEST_F(RetryLock, TryToLockWithTimeoutSucceeds) {
  stubborn_lock l{3};
  {
    guard g(l, std::try_to_lock, 1s, 100ms);
    EXPECT_TRUE(g.owns_lock());
    EXPECT_EQ(g.attempts(), 3u);
  }
  EXPECT_EQ(l.unlocks, 1);
}

// --- the sleeper can be given to every waiting constructor ------------------
namespace {
struct counting_sleep {
  int *calls;
  void operator()(fake_clock::duration d) const {
    ++*calls;
    fake_clock::current += d;
  }
};
using counted = raii::retry_lock<stubborn_lock, fake_clock, counting_sleep>;
} // namespace

TEST_F(RetryLock, SleeperObjectForEveryWaitingConstructor) {
  int calls = 0;
  stubborn_lock a{3};
  { counted g(a, counting_sleep{&calls}); }
  EXPECT_EQ(calls, 2) << "forever";
  stubborn_lock b{3};
  { counted g(b, 1s, 10ms, counting_sleep{&calls}); }
  EXPECT_EQ(calls, 4) << "timeout";
  stubborn_lock c{3};
  { counted g(c, std::try_to_lock, 1s, 10ms, counting_sleep{&calls}); }
  EXPECT_EQ(calls, 6) << "try mode with timeout";
}

TEST(RetryLockReal, StdMutexTryToLock) {
  std::mutex m;
  std::lock_guard<std::mutex> held(m);
  std::thread t([&] {
    raii::retry_lock g(m, std::try_to_lock, 5ms, 1ms);
    EXPECT_FALSE(g.owns_lock());
    EXPECT_GE(g.attempts(), 2u);
  });
  t.join();
}

// The conversion behind defect 1, checked at compile time.
namespace sat {
using namespace std::chrono;
using raii::detail::saturating_duration_cast;
static_assert(saturating_duration_cast<nanoseconds>(milliseconds::max()) ==
              nanoseconds::max());
static_assert(saturating_duration_cast<nanoseconds>(milliseconds::min()) ==
              nanoseconds::min());
static_assert(saturating_duration_cast<nanoseconds>(hours(3'000'000)) ==
              nanoseconds::max());
static_assert(saturating_duration_cast<nanoseconds>(hours(2'000'000)) ==
              nanoseconds(7'200'000'000'000'000'000));
static_assert(saturating_duration_cast<milliseconds>(nanoseconds(2'500'000)) ==
              milliseconds(2));
static_assert(saturating_duration_cast<nanoseconds>(duration<double>(1e300)) ==
              nanoseconds::max());
static_assert(saturating_duration_cast<nanoseconds>(duration<double>(1.5)) ==
              nanoseconds(1'500'000'000));
static_assert(saturating_duration_cast<duration<int, std::milli>>(hours(1'000)) ==
              duration<int, std::milli>::max());
} // namespace sat
