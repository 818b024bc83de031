// C: with RaiiCCleanupAttribute, a pthread mutex lock that is not released
// on every path becomes RAII_MUTEX_GUARD of <raii/cleanup.h>, which unlocks
// at every exit from the block. Before the fix the leaking paths leave two
// mutexes held (ORIG); after it none is, and every mutex is held exactly
// where it was (another thread probes it).
// RUN: %check_raii --run-fixed --link=-pthread --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s raii-release-skipped %t -- -std=gnu11 -pthread -iquote %S/Inputs -isystem %raii_runtime_include
// RUN: %clang -std=gnu11 -pthread -iquote %S/Inputs %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: leaked: 3
// Without the header on the include path, a note says so:
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s -- -std=gnu11 -iquote %S/Inputs 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=NOPATH
// NOPATH: {{^ *}}7 no automatic fix: <raii/cleanup.h> is not on the include path
// In C89 a declaration may not follow a statement: the lock in
// afterStatement, the C11 lock and the tested one (whose variables follow
// them) are refused;
// the others begin their blocks.
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s -- -std=gnu89 -iquote %S/Inputs -isystem %raii_runtime_include 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=C89
// C89: {{^ *}}2 no automatic fix: 'RAII_AUTO' declares a variable after the lock, which needs C99
// C89: {{^ *}}1 no automatic fix: 'RAII_MUTEX_GUARD' declares a variable after statements, which needs C99
// In strict C89 the header itself does not compile: every fix is refused
// (the test's probe header gets its `inline` from the macro).
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s -- -std=c89 -Dinline=__inline__ -iquote %S/Inputs -isystem %raii_runtime_include 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=STRICT89
// STRICT89: {{^ *}}7 no automatic fix: <raii/cleanup.h> needs C99 or GNU C
// --fix run twice changes nothing the second time:
// RUN: cp %s %t.twice.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" --fix %t.twice.c -- -std=gnu11 -iquote %S/Inputs -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.c %t.once.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" --fix %t.twice.c -- -std=gnu11 -iquote %S/Inputs -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: diff %t.once.c %t.twice.c

#include "c_mutex_probe.h"
#include <stdio.h>
#include <threads.h>
// CHECK-FIXES: #include <raii/cleanup.h>

pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER, m2 = PTHREAD_MUTEX_INITIALIZER,
                m3 = PTHREAD_MUTEX_INITIALIZER, m4 = PTHREAD_MUTEX_INITIALIZER,
                m5 = PTHREAD_MUTEX_INITIALIZER;
mtx_t cm;
int counter, failures;

static void expect(int got, int want) { failures += got != want; }

int earlyReturn(int bail) {
  pthread_mutex_lock(&m1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm1' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: release of 'm1' is skipped by this return
  // CHECK-FIXES: RAII_MUTEX_GUARD(lock_m1, &m1);
  expect(heldNow(&m1), 1);
  if (bail)
    return -1;
  ++counter;
  pthread_mutex_unlock(&m1);
  // CHECK-DELETED: pthread_mutex_unlock(&m1);
  return 0;
}

void midScope(int bail) {
  pthread_mutex_lock(&m2);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm2' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'm2' is skipped by this return
  // CHECK-FIXES: RAII_MUTEX_GUARD(lock_m2, &m2);
  if (bail)
    return;
  ++counter;
  pthread_mutex_unlock(&m2);
  // CHECK-FIXES: lock_m2 = NULL;
  expect(heldNow(&m2), 0); // the rest runs unlocked, as before
}

void inLoop(int stopAt) {
  for (int i = 0; i < 3; ++i) {
    pthread_mutex_lock(&m3);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm3' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE+3]]:7: note: release of 'm3' is skipped by this break
    // CHECK-FIXES: RAII_MUTEX_GUARD(lock_m3, &m3);
    if (i == stopAt)
      break;
    ++counter;
    pthread_mutex_unlock(&m3);
    // CHECK-DELETED: pthread_mutex_unlock(&m3);
  }
}

void afterStatement(int bail) {
  ++counter;
  pthread_mutex_lock(&m5);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm5' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-FIXES: RAII_MUTEX_GUARD(lock_m5, &m5);
  if (bail)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm5' is skipped by this return
  expect(heldNow(&m5), 1);
  pthread_mutex_unlock(&m5);
  // CHECK-DELETED: pthread_mutex_unlock(&m5);
}

int gotoOut(int fail) {
  int rc = -1;
  pthread_mutex_lock(&m4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm4' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: a 'goto' could jump to label 'out' past the guard's declaration
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: release of 'm4' is skipped by this return
  if (fail > 1)
    return rc;
  if (fail)
    goto out;
  rc = 0;
out:
  pthread_mutex_unlock(&m4);
  return rc;
}

// A lock whose failure leaves the block: the variable goes after the `if`
// (RAII_MUTEX_GUARD would hide the result).
int testedLock(int bail) {
  if (pthread_mutex_lock(&m4) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'm4' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'm4' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(pthread_mutex_unlock) pthread_mutex_t *lock_m4 = &m4;
  if (bail)
    return -2;
  pthread_mutex_unlock(&m4);
  // CHECK-DELETED: pthread_mutex_unlock(&m4);
  return 0;
}

// Other lock families: a cleanup variable of their own
// (raii-release-skipped-c-family-cleanup.c).
// CHECK-FIXES: RAII_DEFINE_CLEANUP(mtx_t *, mtx_unlock)
int c11(int bail) {
  mtx_lock(&cm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cm' acquired by 'mtx_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'cm' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(mtx_unlock) mtx_t *lock_cm = &cm;
  if (bail)
    return -1;
  mtx_unlock(&cm);
  // CHECK-DELETED: mtx_unlock(&cm);
  return 0;
}

int main(void) {
  mtx_init(&cm, mtx_plain);
  earlyReturn(0);
  earlyReturn(1); // leaks m1 before the fix
  int leaked = heldNow(&m1);
  if (leaked)
    pthread_mutex_unlock(&m1);
  midScope(0);
  inLoop(-1);
  inLoop(1); // leaks m3 before the fix
  leaked += heldNow(&m3);
  leaked += heldNow(&m2);
  afterStatement(0);
  leaked += heldNow(&m5);
  testedLock(0);
  testedLock(1); // leaks m4 before the fix
  leaked += heldNow(&m4);
  printf("leaked: %d\n", leaked);
  if (counter != 1 + 1 + 3 + 1 + 1)
    ++failures;
  return failures + leaked;
}
