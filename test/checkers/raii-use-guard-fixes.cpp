// Manual lock/unlock pairs rewritten into standard guards, by raii-use-guard
// (correct pairs) and raii-release-skipped (pairs that leak on some path),
// on real libstdc++ headers. The program drives every path: before the fix
// the two leaking paths leave their locks held (ORIG), after it none does,
// and every lock is held exactly where it was (another thread probes it).
// Allocation failure counts as a path here (RaiiAllocationMayThrow): some
// functions leak only when a std::string or `new` throws.
// RUN: %check_raii --run-fixed --link=-pthread --config='{CheckOptions: {RaiiAllocationMayThrow: true}}' %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -pthread -iquote %S/Inputs
// RUN: %clangxx -std=c++17 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 2

#include "lock_probe.h"
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>

std::mutex m1, m2, m3, m5, m6, m7;
std::shared_mutex sm4;
int counter, failures;
bool throwNow;

// The probes never throw here (a failure to start a thread terminates).
template <class M> bool held(M &m) noexcept { return heldElsewhere(m); }
void expectHeld(std::mutex &m, bool want) noexcept { failures += held(m) != want; }

void endOfScope() {
  m1.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm1' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-FIXES: std::lock_guard lock_m1(m1);
  expectHeld(m1, true);
  m1.unlock();
  // CHECK-DELETED: m1.unlock();
}

int beforeReturn(int x) {
  m2.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm2' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // CHECK-FIXES: std::lock_guard lock_m2(m2);
  if (x > 0) {
    expectHeld(m2, true);
    m2.unlock();
    // CHECK-DELETED: m2.unlock();
    return -1;
  }
  ++counter;
  m2.unlock();
  // CHECK-DELETED: m2.unlock();
  return 0;
}

void midScope() {
  m3.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm3' is acquired by 'lock' and released by hand; hold it in 'std::unique_lock' instead [raii-use-guard]
  // CHECK-FIXES: std::unique_lock lock_m3(m3);
  ++counter;
  m3.unlock();
  // CHECK-FIXES: lock_m3.unlock();
  expectHeld(m3, false); // the rest runs unlocked, as before
}

void work() {
  if (throwNow)
    throw std::runtime_error("work failed");
}

void sharedThenThrow() {
  sm4.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sm4' acquired by 'lock_shared' is not released on every path; hold it in 'std::shared_lock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: release of 'sm4' is skipped when 'work' throws an exception
  // CHECK-FIXES: std::shared_lock lock_sm4(sm4);
  failures += !held(sm4);
  work();
  sm4.unlock_shared();
  // CHECK-DELETED: sm4.unlock_shared();
}

void earlyReturnLeaks(bool bail) {
  m5.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm5' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: release of 'm5' is skipped by this return
  // CHECK-FIXES: std::lock_guard lock_m5(m5);
  expectHeld(m5, true);
  if (bail)
    return;
  ++counter;
  m5.unlock();
  // CHECK-DELETED: m5.unlock();
}

void localDestroyedAfter() {
  m6.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm6' acquired by 'lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+2]]:19: note: release of 'm6' is skipped when the constructor of 'std::string' throws an exception
  // CHECK-FIXES: std::unique_lock lock_m6(m6);
  std::string s = "kept";
  counter += int(s.size());
  m6.unlock();
  // CHECK-FIXES: lock_m6.unlock();
}

bool keepGoing(int i) noexcept { return i % 2 == 0; }

void loopWithContinue() {
  for (int i = 0; i < 4; ++i) {
    m7.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm7' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-FIXES: std::lock_guard lock_m7(m7);
    if (keepGoing(i)) {
      m7.unlock();
      // CHECK-DELETED: m7.unlock();
      continue;
    }
    ++counter;
    m7.unlock();
    // CHECK-DELETED: m7.unlock();
  }
}

struct Account {
  std::mutex mu;
  int balance = 0;
  void deposit(int n) {
    mu.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-FIXES: std::lock_guard lock_mu(mu);
    balance += n;
    failures += !held(mu);
    mu.unlock();
    // CHECK-DELETED: mu.unlock();
  }
};

int main() {
  endOfScope();
  beforeReturn(1);
  beforeReturn(0);
  midScope();
  sharedThenThrow();
  throwNow = true;
  try {
    sharedThenThrow();
  } catch (const std::runtime_error &) {
  }
  throwNow = false;
  earlyReturnLeaks(false);
  localDestroyedAfter();
  loopWithContinue();
  Account a;
  a.deposit(5);
  int leaked = heldElsewhere(m1) + heldElsewhere(m2) + heldElsewhere(m3) +
               heldElsewhere(sm4) + heldElsewhere(m6) + heldElsewhere(m7) +
               heldElsewhere(a.mu);
  if (!heldElsewhere(m5))
    earlyReturnLeaks(true); // leaks m5 before the fix
  leaked += heldElsewhere(m5);
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 1 + 4 + 2 || a.balance != 5)
    ++failures;
  return failures + leaked;
}
