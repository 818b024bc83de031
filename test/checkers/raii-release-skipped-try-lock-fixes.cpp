// A try-lock tested by an `if` (`if (m.try_lock()) { ...; m.unlock(); }`)
// that leaks on some path: raii-release-skipped rewrites it into a
// std::unique_lock (std::shared_lock) taken with std::try_to_lock before the
// `if`, whose condition asks the guard; a timed one (`try_lock_for(d)`,
// `try_lock_shared_until(t)`) passes its `d` / `t` to the guard's
// constructor, which calls it. The program drives every path with
// the lock free and taken by another thread: before the fix the leaking
// paths leave six locks held (ORIG), after it none does, and every lock is
// held exactly where it was (another thread probes it).
// RUN: %check_raii --run-fixed --link=-pthread %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -pthread -iquote %S/Inputs
// RUN: %check_raii --prefix CXX14 --compile-fixed %s 'raii-use-guard,raii-release-skipped' %t.cxx14 -- -std=c++14 -pthread -iquote %S/Inputs
// RUN: %clangxx -std=c++17 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 6
// --fix run twice changes nothing the second time:
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs > %t.again 2>&1
// RUN: not grep "warning:" %t.again
// RUN: diff %t.once.cpp %t.twice.cpp

#include "lock_probe.h"
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>

std::mutex m1, m2, m4;
std::shared_timed_mutex sm3, sm6;
std::timed_mutex tm5;
int counter, failures;

void expect(bool got, bool want) noexcept { failures += got != want; }
template <class M> bool held(M &m) noexcept { return heldElsewhere(m); }

int leakOnReturn(bool bail) {
  if (m1.try_lock()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'm1' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CXX14-MESSAGES: :[[@LINE-2]]:7: warning: 'm1' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::unique_lock lock_m1(m1, std::try_to_lock);
    // CHECK-FIXES: if (lock_m1.owns_lock()) {
    // CXX14-FIXES: std::unique_lock<std::mutex> lock_m1(m1, std::try_to_lock);
    // CXX14-FIXES: if (lock_m1.owns_lock()) {
    expect(held(m1), true);
    if (bail)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'm1' is skipped by this return
      // CXX14-MESSAGES: :[[@LINE-2]]:7: note: release of 'm1' is skipped by this return
    ++counter;
    m1.unlock();
    // CHECK-FIXES: lock_m1.unlock();
    // CXX14-FIXES: lock_m1.unlock();
    expect(held(m1), false); // unlocked before the branch ends, as before
  } else {
    return 1; // another thread holds it
  }
  expect(held(m1), false);
  return 0;
}

void leakInLoop(int stopAt) {
  for (int i = 0; i < 3; ++i) {
    if (m2.try_lock()) {
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'm2' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
      // CXX14-MESSAGES: :[[@LINE-2]]:9: warning: 'm2' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
      // CHECK-FIXES: std::unique_lock lock_m2(m2, std::try_to_lock);
      // CHECK-FIXES: if (lock_m2.owns_lock()) {
      // CXX14-FIXES: std::unique_lock<std::mutex> lock_m2(m2, std::try_to_lock);
      // CXX14-FIXES: if (lock_m2.owns_lock()) {
      if (i == stopAt)
        break;
        // CHECK-MESSAGES: :[[@LINE-1]]:9: note: release of 'm2' is skipped by this break
        // CXX14-MESSAGES: :[[@LINE-2]]:9: note: release of 'm2' is skipped by this break
      ++counter;
      m2.unlock();
      // CHECK-DELETED: m2.unlock();
      // CXX14-DELETED: m2.unlock();
      continue;
    }
    expect(held(m2), true); // only while another thread holds it
  }
}

int sharedBeforeReturn(bool bail) {
  if (sm3.try_lock_shared()) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sm3' acquired by 'try_lock_shared' is not released on every path; hold it in 'std::shared_lock' to release it automatically [raii-release-skipped]
    // CXX14-MESSAGES: :[[@LINE-2]]:7: warning: 'sm3' acquired by 'try_lock_shared' is not released on every path; hold it in 'std::shared_lock' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::shared_lock lock_sm3(sm3, std::try_to_lock);
    // CHECK-FIXES: if (lock_sm3.owns_lock()) {
    // CXX14-FIXES: std::shared_lock<std::shared_timed_mutex> lock_sm3(sm3, std::try_to_lock);
    // CXX14-FIXES: if (lock_sm3.owns_lock()) {
    if (bail)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'sm3' is skipped by this return
      // CXX14-MESSAGES: :[[@LINE-2]]:7: note: release of 'sm3' is skipped by this return
    expect(held(sm3), true);
    sm3.unlock_shared();
    // CHECK-DELETED: sm3.unlock_shared();
    // CXX14-DELETED: sm3.unlock_shared();
    return 0;
  }
  return 1;
}

int negated(bool bail) {
  if (!m4.try_lock())
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'm4' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CXX14-MESSAGES: :[[@LINE-2]]:8: warning: 'm4' acquired by 'try_lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::unique_lock lock_m4(m4, std::try_to_lock);
    // CHECK-FIXES: if (!lock_m4.owns_lock())
    // CXX14-FIXES: std::unique_lock<std::mutex> lock_m4(m4, std::try_to_lock);
    // CXX14-FIXES: if (!lock_m4.owns_lock())
    return 1; // another thread holds it
  expect(held(m4), true);
  if (bail)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm4' is skipped by this return
  // CXX14-MESSAGES: :[[@LINE-2]]:5: note: release of 'm4' is skipped by this return
  ++counter;
  m4.unlock();
  // CHECK-DELETED: m4.unlock();
  // CXX14-DELETED: m4.unlock();
  return 0;
}

int timed(bool bail) {
  if (tm5.try_lock_for(std::chrono::milliseconds(5))) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'tm5' acquired by 'try_lock_for' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CXX14-MESSAGES: :[[@LINE-2]]:7: warning: 'tm5' acquired by 'try_lock_for' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::unique_lock lock_tm5(tm5, std::chrono::milliseconds(5));
    // CHECK-FIXES: if (lock_tm5.owns_lock()) {
    // CXX14-FIXES: std::unique_lock<std::timed_mutex> lock_tm5(tm5, std::chrono::milliseconds(5));
    // CXX14-FIXES: if (lock_tm5.owns_lock()) {
    if (bail)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'tm5' is skipped by this return
      // CXX14-MESSAGES: :[[@LINE-2]]:7: note: release of 'tm5' is skipped by this return
    expect(held(tm5), true);
    tm5.unlock();
    // CHECK-DELETED: tm5.unlock();
    // CXX14-DELETED: tm5.unlock();
    return 0;
  }
  return 1;
}

int sharedUntil(bool bail) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(5);
  if (sm6.try_lock_shared_until(deadline)) {
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'sm6' acquired by 'try_lock_shared_until' is not released on every path; hold it in 'std::shared_lock' to release it automatically [raii-release-skipped]
    // CXX14-MESSAGES: :[[@LINE-2]]:7: warning: 'sm6' acquired by 'try_lock_shared_until' is not released on every path; hold it in 'std::shared_lock' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::shared_lock lock_sm6(sm6, deadline);
    // CHECK-FIXES: if (lock_sm6.owns_lock()) {
    // CXX14-FIXES: std::shared_lock<std::shared_timed_mutex> lock_sm6(sm6, deadline);
    // CXX14-FIXES: if (lock_sm6.owns_lock()) {
    if (bail)
      return -1;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'sm6' is skipped by this return
      // CXX14-MESSAGES: :[[@LINE-2]]:7: note: release of 'sm6' is skipped by this return
    expect(held(sm6), true);
    sm6.unlock_shared();
    // CHECK-DELETED: sm6.unlock_shared();
    // CXX14-DELETED: sm6.unlock_shared();
    return 0;
  }
  return 1;
}

int main() {
  leakOnReturn(false);
  leakOnReturn(true); // leaks m1 before the fix
  int leaked = held(m1);
  if (leaked)
    m1.unlock();
  leakInLoop(-1);
  leakInLoop(1); // leaks m2 before the fix
  leaked += held(m2);
  if (held(m2))
    m2.unlock();
  sharedBeforeReturn(false);
  sharedBeforeReturn(true); // leaks a shared hold of sm3 before the fix
  if (held(sm3)) {
    ++leaked;
    sm3.unlock_shared();
  }
  negated(false);
  negated(true); // leaks m4 before the fix
  if (held(m4)) {
    ++leaked;
    m4.unlock();
  }
  timed(false);
  timed(true); // leaks tm5 before the fix
  if (held(tm5)) {
    ++leaked;
    tm5.unlock();
  }
  sharedUntil(false);
  sharedUntil(true); // leaks a shared hold of sm6 before the fix
  if (held(sm6)) {
    ++leaked;
    sm6.unlock_shared();
  }
  // With each lock taken by another thread, every try-lock fails.
  std::atomic<bool> ready{false}, stop{false};
  std::thread other([&] {
    std::lock_guard<std::mutex> a(m1), b(m2), d(m4);
    std::unique_lock<std::shared_timed_mutex> c(sm3), f(sm6);
    std::lock_guard<std::timed_mutex> e(tm5);
    ready = true;
    while (!stop)
      std::this_thread::yield();
  });
  while (!ready)
    std::this_thread::yield();
  if (leakOnReturn(false) != 1 || sharedBeforeReturn(false) != 1 ||
      negated(false) != 1 || timed(false) != 1 || sharedUntil(false) != 1)
    ++failures;
  stop = true;
  other.join();
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 3 + 1 + 1)
    ++failures;
  return failures + leaked;
}
