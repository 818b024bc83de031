// RaiiGuardStyle 'std' (the default): fixes and messages name the standard
// library only. A finally whose cleanup unlocks a lock taken right before
// the `try` becomes a standard guard that adopts the lock; other cleanups and
// the commit/rollback shape get no fix, and a note says why. Built and run:
// after every path, taken normally and by an exception, another thread finds
// each mutex free, and the work counts are those of the original.
// `-include mutex`: the file itself does not include <mutex>, so the fix
// does.
// RUN: %check_raii --run-fixed --link=-pthread %s raii-manual-finally %t -- -std=c++17 -pthread -include mutex
// Before the fix, the same program runs the same.
// RUN: %clangxx -std=c++17 -pthread -include mutex %s -o %t.orig && %t.orig

#include <cstdio>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
// CHECK-FIXES: #include <mutex>

std::mutex m;
std::shared_mutex sm;
int work = 0;
int cleanups = 0;
void step(bool fail) {
  ++work;
  if (fail)
    throw std::runtime_error("failed");
}
void release() noexcept { ++cleanups; }
struct Db {
  void begin() {}
  void commit() noexcept {}
  void rollback() noexcept {}
};

// ---- positive: a standard guard adopts the lock ---------------------------

void positiveLock(bool fail) {
  m.lock();
  try {
    step(fail);
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a std::lock_guard before the body instead [raii-manual-finally]
// CHECK-FIXES:   {
// CHECK-FIXES:     std::lock_guard lock_m(m, std::adopt_lock);
// CHECK-FIXES-NEXT:     step(fail);
// CHECK-FIXES-NEXT:   }
// CHECK-FIXES-NEXT: }

void positiveSharedLock(bool fail) {
  sm.lock_shared();
  try {
    step(fail);
  } catch (...) {
    sm.unlock_shared();
    throw;
  }
  sm.unlock_shared();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a std::shared_lock before the body instead [raii-manual-finally]
// CHECK-FIXES:   {
// CHECK-FIXES:     std::shared_lock lock_sm(sm, std::adopt_lock);

struct Account {
  std::mutex mu_;
  int balance = 0;
  void deposit(int n, bool fail) {
    mu_.lock();
    try {
      balance += n;
      step(fail);
    } catch (...) {
      mu_.unlock();
      throw;
    }
    mu_.unlock();
  }
  // CHECK-MESSAGES: :[[@LINE-9]]:5: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
  // CHECK-FIXES:     {
  // CHECK-FIXES:       std::lock_guard lock_mu(mu_, std::adopt_lock);
};

void positivePointer(std::mutex *p, bool fail) {
  p->lock();
  try {
    step(fail);
  } catch (...) {
    p->unlock();
    throw;
  }
  p->unlock();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
// CHECK-FIXES:   {
// CHECK-FIXES:     std::lock_guard lock_p(*p, std::adopt_lock);

// ---- positive: no fix -----------------------------------------------------

void positiveNotAdjacent(bool fail) {
  m.lock();
  ++work;
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: 'm' is not locked right before the 'try', where 'std::lock_guard' would adopt the lock
    step(fail);
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}

void positiveTryLock(bool fail) {
  if (!m.try_lock())
    return;
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: 'm' is not locked right before the 'try', where 'std::lock_guard' would adopt the lock
    step(fail);
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}

// The code unlocks what 'p' points to at the end, the guard what it points
// to at the start; the function writes 'p'.
void positivePointerWritten(std::mutex *p, std::mutex *next, bool fail) {
  p->lock();
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: 'p' may hold another value when the guard releases
    step(fail);
  } catch (...) {
    p->unlock();
    throw;
  }
  p->unlock();
  p = next;
  p->lock();
  p->unlock();
}

int positiveEarlyReturn(bool fail) {
  m.lock();
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: {{.*}} declare a std::lock_guard before the body instead
    if (fail)
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: no fix offered: this leaves the 'try' without running the cleanup, which a guard would run
    step(fail);
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
  return 0;
}

void positiveNoStandardGuard(bool fail) {
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a scope guard before the body instead [raii-manual-finally]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: the standard library has no scope guard; RaiiGuardStyle 'raii' rewrites it into a runtime guard
    step(fail);
  } catch (...) {
    release();
    throw;
  }
  release();
}

void positiveCommitRollback(Db &db, bool fail) {
  db.begin();
  try {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: hand-written commit/rollback: declare a guard that commits on success and rolls back on failure before the body instead [raii-manual-finally]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no fix offered: the standard library has no guard that runs code only on success or only on failure; RaiiGuardStyle 'raii' rewrites it into a runtime guard
    step(fail);
  } catch (...) {
    db.rollback();
    throw;
  }
  db.commit();
}

// ---- negative ---------------------------------------------------------------

// A scoped lock already.
void negativeGuard(bool fail) {
  std::lock_guard<std::mutex> g(m);
  step(fail);
}

// ---- the program: every path, then probe each mutex from another thread ---

template <class M> bool freeNow(M &mu) {
  bool ok = false;
  std::thread([&] {
    ok = mu.try_lock();
    if (ok)
      mu.unlock();
  }).join();
  return ok;
}

template <class F> bool throws(F f) {
  try {
    f();
  } catch (const std::runtime_error &) {
    return true;
  }
  return false;
}

int main() {
  int failures = 0;
  auto expect = [&](bool ok, const char *what) {
    if (!ok) {
      std::printf("FAILED: %s\n", what);
      ++failures;
    }
  };
  std::mutex other;
  Account acct;
  Db db;
  for (bool fail : {false, true}) {
    expect(throws([&] { positiveLock(fail); }) == fail, "positiveLock");
    expect(freeNow(m), "m after positiveLock");
    expect(throws([&] { positiveSharedLock(fail); }) == fail,
           "positiveSharedLock");
    expect(freeNow(sm), "sm after positiveSharedLock");
    expect(throws([&] { acct.deposit(5, fail); }) == fail, "deposit");
    expect(freeNow(acct.mu_), "mu_ after deposit");
    expect(throws([&] { positivePointer(&other, fail); }) == fail,
           "positivePointer");
    expect(freeNow(other), "other after positivePointer");
    expect(throws([&] { positiveNotAdjacent(fail); }) == fail,
           "positiveNotAdjacent");
    expect(throws([&] { positiveTryLock(fail); }) == fail, "positiveTryLock");
    expect(throws([&] { positivePointerWritten(&other, &m, fail); }) == fail,
           "positivePointerWritten");
    expect(!throws([&] { positiveEarlyReturn(fail); }), "positiveEarlyReturn");
    if (fail)
      m.unlock(); // the early return kept it (the bug the note points at)
    expect(throws([&] { positiveNoStandardGuard(fail); }) == fail,
           "positiveNoStandardGuard");
    expect(throws([&] { positiveCommitRollback(db, fail); }) == fail,
           "positiveCommitRollback");
    expect(throws([&] { negativeGuard(fail); }) == fail, "negativeGuard");
    expect(freeNow(m) && freeNow(sm) && freeNow(other), "all free");
  }
  expect(acct.balance == 10, "balance");
  expect(work == 23 && cleanups == 2, "counts");
  if (failures)
    std::printf("work=%d cleanups=%d\n", work, cleanups);
  return failures;
}

// What the fixes delete, in order:
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: throw;
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: sm.unlock_shared();
// CHECK-DELETED: throw;
// CHECK-DELETED: sm.unlock_shared();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: mu_.unlock();
// CHECK-DELETED: throw;
// CHECK-DELETED: mu_.unlock();
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: p->unlock();
// CHECK-DELETED: throw;
// CHECK-DELETED: p->unlock();
