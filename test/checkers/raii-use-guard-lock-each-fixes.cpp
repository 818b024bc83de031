// std::lock(a, b) takes both locks; each is then held until unlocked. A
// path that skips an unlock is a raii-release-skipped finding, a pair
// unlocked by hand a raii-use-guard finding, and all the locks of one call
// are rewritten together: in C++17, with every unlock where leaving the
// block unlocks anyway, into `std::scoped_lock lock_a_b(a, b);` in place of
// the call; otherwise the call stays and one guard per lock adopts it (a
// std::unique_lock for a lock unlocked earlier). The program drives every
// path: before the fix the leaking paths leave four locks held (ORIG),
// after it none, and every lock is held exactly where it was.
// RUN: %check_raii --run-fixed --link=-pthread %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -pthread -iquote %S/Inputs
// RUN: %check_raii --prefix CXX14 --run-fixed --link=-pthread %s 'raii-use-guard,raii-release-skipped' %t.cxx14 -- -std=c++14 -pthread -iquote %S/Inputs
// RUN: %clangxx -std=c++17 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 4
// --fix run twice changes nothing the second time (the two findings without
// a fix stay):
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs 2>&1 | grep -c "warning:" | FileCheck %s --check-prefix=AGAIN
// AGAIN: {{^}}2{{$}}
// RUN: diff %t.once.cpp %t.twice.cpp

#include "lock_probe.h"
#include <cstdio>
#include <mutex>

std::mutex a, b, c, d;
std::recursive_mutex r;
int counter, failures;

void expect(bool got, bool want) noexcept { failures += got != want; }
template <class M> bool held(M &m) noexcept { return heldElsewhere(m); }

int leak(bool bail) {
  std::lock(a, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' acquired by 'std::lock' is not released on every path; hold it in 'std::scoped_lock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+12]]:5: note: release of 'a' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'b' acquired by 'std::lock' is not released on every path; hold it in 'std::scoped_lock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+10]]:5: note: release of 'b' is skipped by this return
  // CHECK-FIXES: std::scoped_lock lock_a_b(a, b);
  // CXX14-MESSAGES: :[[@LINE-6]]:3: warning: 'a' acquired by 'std::lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CXX14-MESSAGES: :[[@LINE+7]]:5: note: release of 'a' is skipped by this return
  // CXX14-MESSAGES: :[[@LINE-8]]:3: warning: 'b' acquired by 'std::lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CXX14-MESSAGES: :[[@LINE+5]]:5: note: release of 'b' is skipped by this return
  // CXX14-FIXES: std::lock_guard<std::mutex> lock_a(a, std::adopt_lock);
  // CXX14-FIXES: std::lock_guard<std::mutex> lock_b(b, std::adopt_lock);
  expect(held(a) && held(b), true);
  if (bail)
    return -1;
  ++counter;
  b.unlock();
  a.unlock();
  // CHECK-DELETED: b.unlock();
  // CHECK-DELETED: a.unlock();
  // CXX14-DELETED: b.unlock();
  // CXX14-DELETED: a.unlock();
  return 0;
}

void pair() {
  std::lock(c, r);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' is acquired by 'std::lock' and released by hand; hold it in 'std::scoped_lock' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'r' is acquired by 'std::lock' and released by hand; hold it in 'std::scoped_lock' instead [raii-use-guard]
  // CHECK-FIXES: std::scoped_lock lock_c_r(c, r);
  // CXX14-MESSAGES: :[[@LINE-4]]:3: warning: 'c' is acquired by 'std::lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CXX14-MESSAGES: :[[@LINE-5]]:3: warning: 'r' is acquired by 'std::lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CXX14-FIXES: std::lock_guard<std::mutex> lock_c(c, std::adopt_lock);
  // CXX14-FIXES: std::lock_guard<std::recursive_mutex> lock_r(r, std::adopt_lock);
  ++counter;
  c.unlock();
  r.unlock();
  // CHECK-DELETED: c.unlock();
  // CHECK-DELETED: r.unlock();
  // CXX14-DELETED: c.unlock();
  // CXX14-DELETED: r.unlock();
}

// d is unlocked before the end of the block: it gets its own
// std::unique_lock, unlocked there; the guards adopt what std::lock took.
void early(bool bail) {
  std::lock(c, d);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c' acquired by 'std::lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+12]]:5: note: release of 'c' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: 'd' acquired by 'std::lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+10]]:5: note: release of 'd' is skipped by this return
  // CHECK-FIXES: std::lock_guard lock_c(c, std::adopt_lock);
  // CHECK-FIXES: std::unique_lock lock_d(d, std::adopt_lock);
  // CXX14-MESSAGES: :[[@LINE-7]]:3: warning: 'c' acquired by 'std::lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CXX14-MESSAGES: :[[@LINE+6]]:5: note: release of 'c' is skipped by this return
  // CXX14-MESSAGES: :[[@LINE-9]]:3: warning: 'd' acquired by 'std::lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
  // CXX14-MESSAGES: :[[@LINE+4]]:5: note: release of 'd' is skipped by this return
  // CXX14-FIXES: std::lock_guard<std::mutex> lock_c(c, std::adopt_lock);
  // CXX14-FIXES: std::unique_lock<std::mutex> lock_d(d, std::adopt_lock);
  if (bail)
    return;
  d.unlock();
  // CHECK-FIXES: lock_d.unlock();
  // CXX14-FIXES: lock_d.unlock();
  expect(held(d), false);
  expect(held(c), true);
  ++counter;
  c.unlock();
  // CHECK-DELETED: c.unlock();
  // CXX14-DELETED: c.unlock();
}

// A lock left for the caller (b is never unlocked here): no fix, since a
// guard would unlock it.
void leaveB() {
  std::lock(a, b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' is acquired by 'std::lock' and released by hand; hold it in 'std::scoped_lock' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'b' is not unlocked by hand in this function
  // CXX14-MESSAGES: :[[@LINE-3]]:3: warning: 'a' is acquired by 'std::lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CXX14-MESSAGES: :[[@LINE-4]]:3: note: no automatic fix: 'b' is not unlocked by hand in this function
  ++counter;
  a.unlock();
}

// Guards that adopt the locks: nothing to report.
void adopted() {
  std::lock(a, r);
  std::lock_guard<std::mutex> la(a, std::adopt_lock);
  std::lock_guard<std::recursive_mutex> lr(r, std::adopt_lock);
  ++counter;
}

int main() {
  int leaked = 0;
  leak(false);
  leak(true); // leaks a and b before the fix
  leaked += held(a) + held(b);
  if (held(a))
    a.unlock();
  if (held(b))
    b.unlock();
  pair();
  expect(held(c) || held(r), false);
  early(false);
  early(true); // leaks c and d before the fix
  leaked += held(c) + held(d);
  if (held(c))
    c.unlock();
  if (held(d))
    d.unlock();
  leaveB();
  // b, locked through leaveB, is unlocked by hand here: no fix either.
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'b' is acquired by 'leaveB' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: 'b' is locked through 'leaveB'
  // CHECK-MESSAGES: :111:3: note: 'leaveB' acquires the resource here
  // CXX14-MESSAGES: :[[@LINE-5]]:3: warning: 'b' is acquired by 'leaveB' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CXX14-MESSAGES: :[[@LINE-6]]:3: note: no automatic fix: 'b' is locked through 'leaveB'
  // CXX14-MESSAGES: :111:3: note: 'leaveB' acquires the resource here
  expect(held(b), true);
  b.unlock();
  adopted();
  expect(held(a) || held(r), false);
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 1 + 1 + 1)
    ++failures;
  return failures + leaked;
}
