// Locks taken by a call that raii::scope_exit cannot take over safely: one
// note each, no fix (RaiiGuardStyle raii, the runtime on the include path).
// RUN: %check_raii --compile-fixed --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17 -isystem %raii_runtime_include
// In `std` style, without the runtime, before C++17: the same findings (the
// two locks of twiceLocked are one, as in raii style), each
// with one note and no fix.
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' %s -- -std=c++17 -isystem %raii_runtime_include 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=STD
// STD: {{^ *}}7 no automatic fix: no standard guard calls 'pthread_mutex_unlock'; RaiiGuardStyle 'raii' rewrites it into a runtime guard
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s -- -std=c++17 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=NOPATH
// NOPATH: {{^ *}}7 no automatic fix: 'raii::scope_exit' needs the raii runtime, and <raii/scope_exit.hpp> is not on the include path
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s -- -std=c++14 -isystem %raii_runtime_include 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=CXX14
// CXX14: {{^ *}}7 no automatic fix: 'raii::scope_exit' needs the raii runtime, and the raii runtime needs C++17

#include <pthread.h>

pthread_mutex_t *current;
pthread_mutex_t m;
int counter;

void reassigned(pthread_mutex_t *p) {
  pthread_mutex_t *q = p;
  pthread_mutex_lock(q);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'q' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'q' may hold another value when the guard releases
  ++counter;
  pthread_mutex_unlock(q);
  q = &m;
  ++counter;
}

// Read through a reference: the pointer it names may change through
// another name (`slot`) before the guard releases.
void throughReference(pthread_mutex_t *&slot) {
  pthread_mutex_t *&r = slot;
  pthread_mutex_lock(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'r' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'r' may hold another value when the guard releases
  ++counter;
  pthread_mutex_unlock(r);
}

void globalPointer() {
  pthread_mutex_lock(current);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'current' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'current' may hold another value when the guard releases
  ++counter;
  pthread_mutex_unlock(current);
}

struct Impl {
  pthread_mutex_t mu;
};
struct Widget {
  Impl *impl;
  void poke() {
    pthread_mutex_lock(&impl->mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'impl->mu' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: 'impl' may hold another value when the guard releases
    ++counter;
    pthread_mutex_unlock(&impl->mu);
  }
};

void unlockIt(pthread_mutex_t *p) { pthread_mutex_unlock(p); }

void throughWrapper() {
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'm' is released through 'unlockIt'
  ++counter;
  unlockIt(&m);
}

void labelAfterLock(int n) {
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: a 'goto' could jump to label 'again' past the guard's declaration
again:
  if (++counter < n)
    goto again;
  pthread_mutex_unlock(&m);
}

void twiceLocked() {
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'pthread_mutex_lock' and released by hand; hold it in 'raii::scope_exit' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'm' is locked more than once in this function
  ++counter;
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'm' is also acquired here
  ++counter;
  pthread_mutex_unlock(&m);
}
