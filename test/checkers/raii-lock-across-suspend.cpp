// raii-lock-across-suspend: guards and manual locks held where a coroutine
// suspends; unlocked, scoped-out, awaited (coroutine-made) locks are not.
// RUN: %check_raii %s raii-lock-across-suspend %t -- -std=c++20 -I %S/Inputs
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-lock-across-suspend,misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock' %s -- -std=c++20 -I %S/Inputs 2>/dev/null \
// RUN:   | %python %S/../tools/compare_suspend_checks.py | FileCheck %s --check-prefix=COMPARE --implicit-check-not=only:
//
// Against clang-tidy's own checks (COMPARE): every (suspension, lock) pair
// they report is reported here, except after an unlock; the manual locks are
// reported here only.
// RUN: %check_raii --prefix OPT --config="{CheckOptions: {raii-lock-across-suspend.AllowedLockTypes: 'FiberMutex', raii-lock-across-suspend.AllowedAwaitables: 'SameThread'}}" %s raii-lock-across-suspend %t-opt -- -std=c++20 -I %S/Inputs

#include "coro_task.h"
#include <mutex>
#include <pthread.h>
#include <shared_mutex>

std::mutex m, m2;
std::shared_mutex sm;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
int counter;
bool cond();

/// Resumes on the thread that suspended (the option lists it).
struct SameThread {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

/// A lock for fibers that the option allows.
struct FiberMutex {
  void lock();
  void unlock();
};
FiberMutex fm;

/// A mutex made for coroutines: lock() returns an awaitable.
struct AsyncMutex {
  struct LockOp {
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };
  LockOp lock();
  void unlock();
};
AsyncMutex am;

// ---- positive ---------------------------------------------------------------

Task guardAcrossAwait() {
  std::lock_guard<std::mutex> g(m);
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked; the lock can be released on another thread, and code waiting for it while the coroutine is suspended deadlocks [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'm' is held by guard 'g' since here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked
  // OPT-MESSAGES: :[[@LINE-5]]:31: note: 'm' is held by guard 'g' since here
  ++counter;
}

Task manualAcrossAwait() {
  m.lock();
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'm' is locked here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked
  // OPT-MESSAGES: :[[@LINE-5]]:3: note: 'm' is locked here
  // COMPARE: raii-only: [[@LINE-5]] m
  m.unlock();
}

Task releasedOnOnePathOnly() {
  m.lock();
  if (cond())
    m.unlock();
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm' may be locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'm' is locked here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: coroutine suspends at 'co_await' while 'm' may be locked
  // OPT-MESSAGES: :[[@LINE-7]]:3: note: 'm' is locked here
  // COMPARE: raii-only: [[@LINE-5]] m
}

Gen uniqueLockAcrossYield() {
  std::unique_lock<std::mutex> lk(m);
  for (int i = 0; i < 3; ++i)
    co_yield i;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine suspends at 'co_yield' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'm' is held by guard 'lk' since here
  // OPT-MESSAGES: :[[@LINE-3]]:5: warning: coroutine suspends at 'co_yield'
  // OPT-MESSAGES: :[[@LINE-6]]:32: note: 'm' is held by guard 'lk' since here
}

Task twoLocksTwoFindings() {
  std::scoped_lock both(m, m2);
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: 'm' is held by guard 'both' since here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: coroutine suspends at 'co_await' while 'm2' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-5]]:20: note: 'm2' is held by guard 'both' since here
  // OPT-MESSAGES: :[[@LINE-5]]:3: warning: {{.*}} 'm' is locked
  // OPT-MESSAGES: :[[@LINE-7]]:20: note: 'm' is held
  // OPT-MESSAGES: :[[@LINE-7]]:3: warning: {{.*}} 'm2' is locked
  // OPT-MESSAGES: :[[@LINE-9]]:20: note: 'm2' is held
}

Task sharedLockInEnclosingScope() {
  std::shared_lock<std::shared_mutex> rd(sm);
  {
    if (cond())
      co_await Tick{};
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: coroutine suspends at 'co_await' while 'sm' is locked; {{.*}} [raii-lock-across-suspend]
    // CHECK-MESSAGES: :[[@LINE-5]]:39: note: 'sm' is held by guard 'rd' since here
    // OPT-MESSAGES: :[[@LINE-3]]:7: warning: {{.*}} 'sm' is locked
    // OPT-MESSAGES: :[[@LINE-7]]:39: note: 'sm' is held
  }
}

Task pthreadAcrossAwait() {
  pthread_mutex_lock(&pm);
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'pm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'pm' is locked here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: {{.*}} 'pm' is locked
  // OPT-MESSAGES: :[[@LINE-5]]:3: note: 'pm' is locked here
  // COMPARE: raii-only: [[@LINE-5]] pm
  pthread_mutex_unlock(&pm);
}

Task tryLockTaken() {
  if (m.try_lock()) {
    co_await Tick{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'm' is locked here
    // OPT-MESSAGES: :[[@LINE-3]]:5: warning: {{.*}} 'm' is locked
    // OPT-MESSAGES: :[[@LINE-5]]:7: note: 'm' is locked here
    // COMPARE: raii-only: [[@LINE-5]] m
    m.unlock();
  }
}

Task relockedAfterUnlock() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
  co_await Tick{};
  // COMPARE: upstream-only: [[@LINE-1]] lk [cppcoreguidelines-no-suspend-with-lock]
  lk.lock();
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-7]]:32: note: 'm' is held by guard 'lk' since here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: {{.*}} 'm' is locked
  // OPT-MESSAGES: :[[@LINE-9]]:32: note: 'm' is held
}

void lambdaCoroutine() {
  auto body = []() -> Task {
    std::lock_guard<std::mutex> g(m2);
    co_await Tick{};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: coroutine suspends at 'co_await' while 'm2' is locked; {{.*}} [raii-lock-across-suspend]
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: 'm2' is held by guard 'g' since here
    // OPT-MESSAGES: :[[@LINE-3]]:5: warning: {{.*}} 'm2' is locked
    // OPT-MESSAGES: :[[@LINE-5]]:33: note: 'm2' is held
  };
  body();
}

struct IntTick {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  int await_resume() const noexcept { return 1; }
};

Task suspendInsideExpression() {
  m.lock();
  counter = co_await IntTick{} + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'm' is locked here
  // OPT-MESSAGES: :[[@LINE-3]]:13: warning: {{.*}} 'm' is locked
  // OPT-MESSAGES: :[[@LINE-5]]:3: note: 'm' is locked here
  // COMPARE: raii-only: [[@LINE-5]] m
  m.unlock();
}

Task adoptedByGuard() {
  while (!m2.try_lock()) {
  }
  std::lock_guard<std::mutex> held(m2, std::adopt_lock);
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'm2' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'm2' is held by guard 'held' since here
  // OPT-MESSAGES: :[[@LINE-3]]:3: warning: {{.*}} 'm2' is locked
  // OPT-MESSAGES: :[[@LINE-5]]:31: note: 'm2' is held by guard 'held' since here
}

// ---- negative ---------------------------------------------------------------

Task unlockedBeforeAwait() {
  std::unique_lock<std::mutex> lk(m);
  ++counter;
  lk.unlock();
  co_await Tick{};
  // COMPARE: upstream-only: [[@LINE-1]] lk [cppcoreguidelines-no-suspend-with-lock]
}

Task manualUnlockedBeforeAwait() {
  m.lock();
  ++counter;
  m.unlock();
  co_await Tick{};
}

Task guardScopeClosed() {
  {
    std::lock_guard<std::mutex> g(m);
    ++counter;
  }
  co_await Tick{};
}

Task returnsWhileLocked() {
  std::lock_guard<std::mutex> g(m);
  ++counter;
  co_return;
}

Task awaitedAsyncLock() {
  co_await am.lock();
  co_await Tick{};
  am.unlock();
}

void notACoroutine() {
  std::lock_guard<std::mutex> g(m);
  ++counter;
}

// Only with the options: an allowed lock type and an allowed awaitable.
Task allowedByOptions() {
  std::lock_guard<FiberMutex> g(fm);
  co_await Tick{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'fm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'fm' is held by guard 'g' since here
  std::lock_guard<std::mutex> h(m);
  co_await SameThread{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: coroutine suspends at 'co_await' while 'fm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-7]]:31: note: 'fm' is held by guard 'g' since here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: coroutine suspends at 'co_await' while 'm' is locked; {{.*}} [raii-lock-across-suspend]
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: 'm' is held by guard 'h' since here
}
// COMPARE: compared: 12 upstream, 15 raii-lock-across-suspend
