// Where the rewrite into a guard is refused, and why (one note each); the
// C++11 spelling of the guard; objects reached through pointers and `this`;
// --fix run a second time changes nothing.
// RUN: %check_raii --compile-fixed %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++14
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++14 > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++14 > /dev/null 2>&1
// RUN: diff %t.once.cpp %t.twice.cpp

#include <mutex>

std::mutex m;
void quiet() noexcept;
bool cond() noexcept;

// ---- fixed ------------------------------------------------------------------

void throughPointer(std::mutex *pm) {
  pm->lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-FIXES: std::lock_guard<std::mutex> lock_pm(*pm);
  quiet();
  pm->unlock();
  // CHECK-DELETED: pm->unlock();
}

struct Table : std::mutex {
  int rows = 0;
  void add() {
    lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: '*this' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_this(*this);
    ++rows;
    unlock();
    // CHECK-DELETED: unlock();
  }
};

// ---- refused ----------------------------------------------------------------

template <class T> void inTemplate(T &mx) {
  mx.lock();
  quiet();
  mx.unlock();
}
void instantiate() { inTemplate(m); }
// CHECK-MESSAGES: :[[@LINE-5]]:3: warning: 'mx' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: no automatic fix: the function is a template instantiation; an edit would change every instantiation

void releaseInOuterBlock() {
  {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: a release is outside the block that takes the lock
    quiet();
  }
  m.unlock();
}

void unlockHelper() { m.unlock(); }
void releasedThroughHelper() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'm' is released through 'unlockHelper'
  quiet();
  unlockHelper();
}

void lockHelper() { m.lock(); }
void lockedThroughHelper() {
  lockHelper();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lockHelper' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'm' is locked through 'lockHelper'
  // CHECK-MESSAGES: :[[@LINE-5]]:21: note: 'lockHelper' acquires the resource here
  quiet();
  m.unlock();
}

void lockedTwice() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'm' is locked more than once in this function
  quiet();
  m.unlock();
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'm' is also acquired here
  quiet();
  m.unlock();
}

void caseAfterLock(int x) {
  switch (x) {
  case 0: {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: a 'goto' could jump to label 'again' past the guard's declaration
    int tries = 0;
  again:
    if (++tries < 3 && !cond())
      goto again;
    m.unlock();
    break;
  }
  default:
    break;
  }
}

void lockInSwitchBody(int x) {
  switch (x) {
  case 1:
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: the lock is not a statement of its own
    quiet();
    m.unlock();
    break;
  case 2:
    break;
  }
}

void gotoBackWithLockHeld(int n) {
  {
  retry:
    quiet();
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: a 'goto' jumps back past the lock
    if (--n > 0)
      goto retry;
    m.unlock();
  }
}

#define UNLOCK_M() m.unlock()
void releaseInMacro() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: a release is written in a macro
  quiet();
  UNLOCK_M();
}

// A value returned with the lock of an object reached through a pointer
// held may tell the caller to unlock it (memcached's extstore_write_request:
// "leaves p locked"): a guard would unlock at that return.
struct Page {
  std::mutex mu;
  int free = 0;
};
int lockForCaller(Page *p, int slot) {
  int ret = -1;
  p->mu.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->mu' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: a 'return' with a value leaves 'p->mu' locked, which may be for the caller to unlock
  if (p->free > 0) {
    quiet();
    return slot; // leaves p locked
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p->mu' is skipped by this return
  }
  p->mu.unlock();
  return ret;
}
