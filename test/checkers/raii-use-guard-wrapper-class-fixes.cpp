// A project's own mutex class wrapping pthread_mutex_* (libzmq's mutex_t):
// the engine learns lock(), try_lock() and unlock() from their bodies.
// try_lock() returns the trylock's result tested against zero, so it is a
// conditional acquire that holds the lock only when it returns true (it was
// taken for an unconditional one: the `if (m.try_lock())` pair drew a false
// "not released"); so is one that tests the result against EBUSY and
// returns false there, true where it holds the lock (libzmq's). The class is BasicLockable, so the standard guards hold
// it: manual pairs become std::lock_guard (std::unique_lock with
// std::try_to_lock for the try-lock), in both styles. The program drives
// every path: before the fix the leaking paths leave two locks held (ORIG),
// after it none, and each is held exactly where it was.
// RUN: %check_raii --run-fixed --link=-pthread %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -pthread -iquote %S/Inputs
// RUN: %check_raii --prefix CXX11 --compile-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s 'raii-use-guard,raii-release-skipped' %t.cxx11 -- -std=c++11 -pthread -iquote %S/Inputs
// RUN: %clangxx -std=c++17 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 2

#include "c_lock_probe.h"
#include <cerrno>
#include <cstdio>
#include <cstdlib>
// CHECK-FIXES: #include <mutex>
// CXX11-FIXES: #include <mutex>

namespace lib {
class mutex_t {
public:
  mutex_t() noexcept { pthread_mutex_init(&m_, nullptr); }
  ~mutex_t() { pthread_mutex_destroy(&m_); }
  void lock() noexcept { pthread_mutex_lock(&m_); }
  bool try_lock() noexcept { return pthread_mutex_trylock(&m_) == 0; }
  void unlock() noexcept { pthread_mutex_unlock(&m_); }
  pthread_mutex_t &native() noexcept { return m_; }

private:
  pthread_mutex_t m_;
};
} // namespace lib

namespace lib {
// libzmq's form: the trylock's result tested against EBUSY, the other
// errors fatal; it holds the lock exactly where it returns true.
class busy_mutex_t {
public:
  busy_mutex_t() noexcept { pthread_mutex_init(&m_, nullptr); }
  ~busy_mutex_t() { pthread_mutex_destroy(&m_); }
  bool try_lock() noexcept {
    int rc = pthread_mutex_trylock(&m_);
    if (rc == EBUSY)
      return false;
    if (rc != 0)
      abort();
    return true;
  }
  void unlock() noexcept { pthread_mutex_unlock(&m_); }

private:
  pthread_mutex_t m_;
};
} // namespace lib

lib::mutex_t m1, m2, m3;
lib::busy_mutex_t b4;
pthread_mutex_t p5 = PTHREAD_MUTEX_INITIALIZER;
int counter, failures;
void expect(bool got, bool want) noexcept { failures += got != want; }

void pair() noexcept {
  m1.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm1' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :30:26: note: 'lock' acquires the resource here
  // CHECK-FIXES: std::lock_guard lock_m1(m1);
  // CXX11-MESSAGES: :[[@LINE-4]]:3: warning: 'm1' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CXX11-MESSAGES: :30:26: note: 'lock' acquires the resource here
  // CXX11-FIXES: std::lock_guard<lib::mutex_t> lock_m1(m1);
  expect(heldNow(m1.native()), true);
  ++counter;
  m1.unlock();
  // CHECK-DELETED: m1.unlock();
  // CXX11-DELETED: m1.unlock();
}

int leak(bool bail) noexcept {
  m2.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm2' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :30:26: note: 'lock' acquires the resource here
  // CHECK-MESSAGES: :[[@LINE+8]]:5: note: release of 'm2' is skipped by this return
  // CHECK-FIXES: std::lock_guard lock_m2(m2);
  // CXX11-MESSAGES: :[[@LINE-5]]:3: warning: 'm2' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CXX11-MESSAGES: :30:26: note: 'lock' acquires the resource here
  // CXX11-MESSAGES: :[[@LINE+4]]:5: note: release of 'm2' is skipped by this return
  // CXX11-FIXES: std::lock_guard<lib::mutex_t> lock_m2(m2);
  expect(heldNow(m2.native()), true);
  if (bail)
    return -1;
  ++counter;
  m2.unlock();
  // CHECK-DELETED: m2.unlock();
  // CXX11-DELETED: m2.unlock();
  return 0;
}

// Correct: the lock is held only where try_lock() said so.
void tryPair() noexcept {
  if (m3.try_lock()) {
    ++counter;
    m3.unlock();
  }
}

void busyPair() noexcept {
  if (b4.try_lock()) {
    ++counter;
    b4.unlock();
  }
}

// The same test written inline: the return under `rc == EBUSY` holds
// nothing.
void busyInline() noexcept {
  int rc = pthread_mutex_trylock(&p5);
  if (rc == EBUSY)
    return;
  if (rc != 0)
    abort();
  ++counter;
  pthread_mutex_unlock(&p5);
}

// A result variable given another value since says nothing of the lock:
// the return under `rc == EBUSY` here leaves p5 locked.
int busyReassigned() noexcept {
  int rc = pthread_mutex_trylock(&p5);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p5' acquired by 'pthread_mutex_trylock' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: no standard guard calls 'pthread_mutex_unlock'; RaiiGuardStyle 'raii' rewrites it into a runtime guard
  // CHECK-MESSAGES: :[[@LINE+8]]:5: note: release of 'p5' is skipped by this return
  // CXX11-MESSAGES: :[[@LINE-4]]:12: warning: 'p5' acquired by 'pthread_mutex_trylock' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CXX11-MESSAGES: :[[@LINE-5]]:12: note: no automatic fix: 'raii::scope_exit' needs the raii runtime, and the raii runtime needs C++17
  // CXX11-MESSAGES: :[[@LINE+5]]:5: note: release of 'p5' is skipped by this return
  if (rc != 0)
    return -1;
  rc = counter;
  if (rc == EBUSY)
    return -2;
  pthread_mutex_unlock(&p5);
  return 0;
}

int tryLeak(bool bail) noexcept {
  if (m3.try_lock()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'm3' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :31:37: note: 'try_lock' acquires the resource here
    // CHECK-MESSAGES: :[[@LINE+9]]:7: note: release of 'm3' is skipped by this return
    // CHECK-FIXES: std::unique_lock lock_m3(m3, std::try_to_lock);
    // CHECK-FIXES: if (lock_m3.owns_lock()) {
    // CXX11-MESSAGES: :[[@LINE-6]]:7: warning: 'm3' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CXX11-MESSAGES: :31:37: note: 'try_lock' acquires the resource here
    // CXX11-MESSAGES: :[[@LINE+4]]:7: note: release of 'm3' is skipped by this return
    // CXX11-FIXES: std::unique_lock<lib::mutex_t> lock_m3(m3, std::try_to_lock);
    // CXX11-FIXES: if (lock_m3.owns_lock()) {
    if (bail)
      return -1;
    ++counter;
    m3.unlock();
    // CHECK-DELETED: m3.unlock();
    // CXX11-DELETED: m3.unlock();
    return 0;
  }
  return 1;
}

int main() {
  pair();
  leak(false);
  leak(true); // leaks m2 before the fix
  int leaked = heldNow(m2.native());
  if (leaked)
    m2.unlock();
  tryPair();
  busyPair();
  busyInline();
  tryLeak(false);
  tryLeak(true); // leaks m3 before the fix
  leaked += heldNow(m3.native());
  if (heldNow(m3.native()))
    m3.unlock();
  leaked += heldNow(m1.native());
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 1 + 1 + 1 + 1)
    ++failures;
  return failures + leaked;
}
