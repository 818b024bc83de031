// Locks taken by a call given the locked object (POSIX and C11 mutexes, a
// user family from a rule file) rewritten into raii::scope_exit, by
// raii-use-guard (correct pairs) and raii-release-skipped (pairs that leak
// on some path), in RaiiGuardStyle raii. The program drives every path:
// before the fix the leaking paths leave four locks held (ORIG), after it
// none does, and every lock is held exactly where it was (another thread
// probes it).
// Allocation failure counts as a path here (RaiiAllocationMayThrow): some
// functions leak only when a std::string or `new` throws.
// RUN: %check_raii --run-fixed --link=-pthread --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiAllocationMayThrow: true, RaiiRuleFiles: '%S/Inputs/toy-lock.yaml'}}" %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -pthread -iquote %S/Inputs -isystem %raii_runtime_include
// RUN: %clangxx -std=c++17 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 4
// --fix run twice changes nothing the second time:
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiAllocationMayThrow: true, RaiiRuleFiles: '%S/Inputs/toy-lock.yaml'}}" --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --config="{CheckOptions: {RaiiGuardStyle: raii, RaiiAllocationMayThrow: true, RaiiRuleFiles: '%S/Inputs/toy-lock.yaml'}}" --fix %t.twice.cpp -- -std=c++17 -iquote %S/Inputs -isystem %raii_runtime_include > %t.again 2>&1
// RUN: not grep "warning:" %t.again
// RUN: diff %t.once.cpp %t.twice.cpp

#include "c_lock_probe.h"
#include <cstdio>
#include <stdexcept>
#include <string>
// CHECK-FIXES: #include <raii/scope_exit.hpp>

pthread_mutex_t pm1 = PTHREAD_MUTEX_INITIALIZER,
                pm2 = PTHREAD_MUTEX_INITIALIZER,
                pm3 = PTHREAD_MUTEX_INITIALIZER,
                pm4 = PTHREAD_MUTEX_INITIALIZER,
                pm5 = PTHREAD_MUTEX_INITIALIZER,
                pm6 = PTHREAD_MUTEX_INITIALIZER,
                pm7 = PTHREAD_MUTEX_INITIALIZER;
mtx_t cm;
toy_lock tl;
int counter, failures;
bool throwNow;

void expect(bool got, bool want) noexcept { failures += got != want; }

void endOfScope() {
  pthread_mutex_lock(&pm1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm1' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-FIXES: raii::scope_exit lock_pm1([&] { pthread_mutex_unlock(&pm1); });
  expect(heldNow(pm1), true);
  pthread_mutex_unlock(&pm1);
  // CHECK-DELETED: pthread_mutex_unlock(&pm1);
}

int beforeReturn(int x) {
  pthread_mutex_lock(&pm2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm2' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-FIXES: raii::scope_exit lock_pm2([&] { pthread_mutex_unlock(&pm2); });
  if (x > 0) {
    expect(heldNow(pm2), true);
    (void)pthread_mutex_unlock(&pm2);
    // CHECK-DELETED: (void)pthread_mutex_unlock(&pm2);
    return -1;
  }
  ++counter;
  pthread_mutex_unlock(&pm2);
  // CHECK-DELETED: pthread_mutex_unlock(&pm2);
  return 0;
}

void midScope() {
  pthread_mutex_lock(&pm3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm3' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-FIXES: raii::scope_exit lock_pm3([&] { pthread_mutex_unlock(&pm3); });
  ++counter;
  pthread_mutex_unlock(&pm3);
  // CHECK-FIXES: lock_pm3.release();
  expect(heldNow(pm3), false); // the rest runs unlocked, as before
}

void work() {
  if (throwNow)
    throw std::runtime_error("work failed");
}

void throwLeaks() {
  pthread_mutex_lock(&pm4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm4' acquired by 'pthread_mutex_lock' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:3: note: release of 'pm4' is skipped when 'work' throws an exception
  // CHECK-FIXES: raii::scope_exit lock_pm4([&] { pthread_mutex_unlock(&pm4); });
  expect(heldNow(pm4), true);
  work();
  pthread_mutex_unlock(&pm4);
  // CHECK-DELETED: pthread_mutex_unlock(&pm4);
}

void localDestroyedAfter() {
  pthread_mutex_lock(&pm5);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pm5' acquired by 'pthread_mutex_lock' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+2]]:19: note: release of 'pm5' is skipped when the constructor of 'std::string' throws an exception
  // CHECK-FIXES: raii::scope_exit lock_pm5([&] { pthread_mutex_unlock(&pm5); });
  std::string s = "kept";
  counter += int(s.size());
  pthread_mutex_unlock(&pm5);
  // CHECK-FIXES: lock_pm5.release();
}

void c11(bool bail) {
  mtx_lock(&cm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cm' acquired by 'mtx_lock' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: release of 'cm' is skipped by this return
  // CHECK-FIXES: raii::scope_exit lock_cm([&] { mtx_unlock(&cm); });
  expect(heldNow(cm), true);
  if (bail)
    return;
  ++counter;
  mtx_unlock(&cm);
  // CHECK-DELETED: mtx_unlock(&cm);
}

void userFamily(bool bail) {
  toy_acquire(&tl);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'tl' acquired by 'toy_acquire' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: release of 'tl' is skipped by this return
  // CHECK-FIXES: raii::scope_exit lock_tl([&] { toy_release(&tl); });
  expect(heldNow(tl), true);
  if (bail)
    return;
  ++counter;
  toy_release(&tl);
  // CHECK-DELETED: toy_release(&tl);
}

// A lock whose failure leaves the block: the guard goes after the `if`.
int tested(bool bail) {
  if (pthread_mutex_lock(&pm7) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'pm7' acquired by 'pthread_mutex_lock' is not released on every path; hold it in 'raii::scope_exit' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: release of 'pm7' is skipped by this return
  // CHECK-FIXES: raii::scope_exit lock_pm7([&] { pthread_mutex_unlock(&pm7); });
  expect(heldNow(pm7), true);
  if (bail)
    return -2;
  ++counter;
  pthread_mutex_unlock(&pm7);
  // CHECK-DELETED: pthread_mutex_unlock(&pm7);
  return 0;
}

void throughParameter(pthread_mutex_t *m) {
  for (int i = 0; i < 3; ++i) {
    pthread_mutex_lock(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
    // CHECK-FIXES: raii::scope_exit lock_m([&] { pthread_mutex_unlock(m); });
    if (i == 1) {
      pthread_mutex_unlock(m);
      // CHECK-DELETED: pthread_mutex_unlock(m);
      continue;
    }
    ++counter;
    pthread_mutex_unlock(m);
    // CHECK-DELETED: pthread_mutex_unlock(m);
  }
}

struct Account {
  pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  int balance = 0;
  void deposit(int n) {
    pthread_mutex_lock(&mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
    // CHECK-FIXES: raii::scope_exit lock_mu([&] { pthread_mutex_unlock(&mu); });
    balance += n;
    expect(heldNow(mu), true);
    pthread_mutex_unlock(&mu);
    // CHECK-DELETED: pthread_mutex_unlock(&mu);
  }
  int read() const {
    pthread_mutex_lock(const_cast<pthread_mutex_t *>(&mu));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'const_cast<pthread_mutex_t *>(&mu)' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
    // CHECK-FIXES: raii::scope_exit lock_mu([&] { pthread_mutex_unlock(const_cast<pthread_mutex_t *>(&mu)); });
    int b = balance;
    expect(heldNow(const_cast<pthread_mutex_t &>(mu)), true);
    pthread_mutex_unlock(const_cast<pthread_mutex_t *>(&mu));
    // CHECK-DELETED: pthread_mutex_unlock(const_cast<pthread_mutex_t *>(&mu));
    return b;
  }
};

int main() {
  mtx_init(&cm, mtx_plain);
  endOfScope();
  beforeReturn(1);
  beforeReturn(0);
  midScope();
  throwLeaks();
  throwNow = true;
  try {
    throwLeaks(); // leaks pm4 before the fix
  } catch (const std::runtime_error &) {
  }
  throwNow = false;
  int leaked = heldNow(pm4);
  if (leaked)
    pthread_mutex_unlock(&pm4);
  localDestroyedAfter();
  c11(false);
  c11(true); // leaks cm before the fix
  leaked += heldNow(cm);
  userFamily(false);
  userFamily(true); // leaks tl before the fix
  leaked += heldNow(tl);
  tested(false);
  tested(true); // leaks pm7 before the fix
  leaked += heldNow(pm7);
  throughParameter(&pm6);
  Account a;
  a.deposit(5);
  if (a.read() != 5)
    ++failures;
  leaked += heldNow(pm1) + heldNow(pm2) + heldNow(pm3) + heldNow(pm5) +
            heldNow(pm6) + heldNow(a.mu);
  std::printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 4 + 1 + 1 + 1 + 2 || a.balance != 5)
    ++failures;
  return failures + leaked;
}
