// Lock depth and guards for raii-reacquire and raii-double-release:
// recursive and reentrant families (from the catalog, guards included),
// guards in enclosing scopes, a guard's lock released and taken again by
// hand, adopting guards.
// RUN: %check_raii --config="{CheckOptions: {RaiiRuleFiles: '%S/Inputs/reentrant.yaml'}}" %s 'raii-reacquire,raii-double-release,raii-release-skipped' %t -- -std=c++17 -isystem %mock_include

#include <mutex>

std::mutex m;
std::recursive_mutex rm;
struct RecLock {
  void lock();
  void unlock();
};
RecLock rl;
void quiet() noexcept;

// ---- positive ---------------------------------------------------------------

void positiveGuardInEnclosingScope() {
  std::scoped_lock a(m);
  {
    std::lock_guard<std::mutex> b(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
    // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'm' is held by guard 'a' since here
    quiet();
  }
}

void positiveRecursiveOneTooMany() {
  rm.lock();
  quiet();
  rm.unlock();
  rm.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rm' is released by 'unlock' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'rm' was first released here
}

// ---- negative ---------------------------------------------------------------

void negativeRecursiveTwice() {
  rm.lock();
  rm.lock();
  quiet();
  rm.unlock();
  rm.unlock();
}

void negativeReentrantUserFamilyGuards() {
  std::lock_guard<RecLock> a(rl);
  {
    std::lock_guard<RecLock> b(rl);
    quiet();
  }
}

void negativeGuardUnlockedAndRelockedByHand() {
  std::lock_guard<std::mutex> g(m);
  quiet();
  m.unlock();
  quiet();
  m.lock();
  quiet();
}

void negativeAdoptingGuard() {
  m.lock();
  std::lock_guard<std::mutex> g(m, std::adopt_lock);
  quiet();
}

void negativeDeferredUniqueLock() {
  std::unique_lock<std::mutex> l(m, std::defer_lock);
  l.lock();
  quiet();
}

void negativeSiblingScopes() {
  {
    std::lock_guard<std::mutex> a(m);
    quiet();
  }
  {
    std::lock_guard<std::mutex> b(m);
    quiet();
  }
}
