// Abseil's absl::Mutex: its family's guard is absl::MutexLock (in both
// styles), which takes the mutex by pointer, as its declaration in
// absl/synchronization/mutex.h says. A manual Lock()/Unlock() pair becomes
// `absl::MutexLock lock_mu(&mu);` (a lock through a pointer, `p->Lock()`,
// passes `p`); a reader lock absl::ReaderMutexLock. absl::MutexLock cannot
// unlock early, so a release followed by more code refuses, as does a lock
// that takes a condition. The fixed file compiles against the real Abseil
// headers.
// RUN: %check_raii --compile-fixed %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 2>&1 | grep -c "warning:" | FileCheck %s --check-prefix=AGAIN
// AGAIN: {{^}}2{{$}}
// RUN: diff %t.once.cpp %t.twice.cpp

#include "absl/synchronization/mutex.h"

absl::Mutex mu;
int counter;

void pair() {
  mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is acquired by 'Lock' and released by hand; hold it in 'absl::MutexLock' instead [raii-use-guard]
  // CHECK-FIXES: absl::MutexLock lock_mu(&mu);
  ++counter;
  mu.Unlock();
  // CHECK-DELETED: mu.Unlock();
}

int leak(bool bail) {
  mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'Lock' is not released on every path; hold it in 'absl::MutexLock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'mu' is skipped by this return
  // CHECK-FIXES: absl::MutexLock lock_mu(&mu);
  if (bail)
    return -1;
  ++counter;
  mu.Unlock();
  // CHECK-DELETED: mu.Unlock();
  return 0;
}

struct Account {
  absl::Mutex m_;
  int balance = 0;
  void deposit(int n) {
    m_.Lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm_' is acquired by 'Lock' and released by hand; hold it in 'absl::MutexLock' instead [raii-use-guard]
    // CHECK-FIXES: absl::MutexLock lock_m(&m_);
    balance += n;
    m_.Unlock();
    // CHECK-DELETED: m_.Unlock();
  }
};

int readThrough(absl::Mutex *p) {
  p->ReaderLock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is acquired by 'ReaderLock' and released by hand; hold it in 'absl::ReaderMutexLock' instead [raii-use-guard]
  // CHECK-FIXES: absl::ReaderMutexLock lock_p(p);
  int c = counter;
  p->ReaderUnlock();
  // CHECK-DELETED: p->ReaderUnlock();
  return c;
}

int early(bool bail) {
  mu.Lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' acquired by 'Lock' is not released on every path; hold it in 'absl::MutexLock' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: a release is followed by more code, and 'absl::MutexLock' cannot unlock before its scope ends
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: release of 'mu' is skipped by this return
  if (bail)
    return -1;
  mu.Unlock();
  return ++counter;
}

bool ready;
void when() {
  mu.LockWhen(absl::Condition(&ready));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is acquired by 'LockWhen' and released by hand; hold it in 'absl::MutexLock' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: the lock takes arguments the guard's constructor does not
  ++counter;
  mu.Unlock();
}
