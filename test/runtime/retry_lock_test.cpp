// Run tests for raii::retry_lock, with a fake clock so no test sleeps.
#include <raii/retry_lock.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <thread>

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
