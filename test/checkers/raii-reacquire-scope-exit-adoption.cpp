// A lock taken by a call and handed to a scope guard whose action releases
// it is still held until the scope ends: taking it again deadlocks. A guard
// that runs its action on failure only (`scope_fail`) takes nothing over.
// RUN: %check_raii %s 'raii-reacquire' %t -- -std=c++17 -isystem %raii_runtime_include

#include <pthread.h>
#include <raii/scope_exit.hpp>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void work();

void positiveRelockUnderScopeExit() {
  pthread_mutex_lock(&m);
  raii::scope_exit lock_m([&] { pthread_mutex_unlock(&m); });
  work();
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'm' was first acquired here
}

void positiveRelockUnderScopeFail() {
  pthread_mutex_lock(&m);
  raii::scope_fail undo([&] { pthread_mutex_unlock(&m); });
  work();
  pthread_mutex_lock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'm' was first acquired here
}

void negativeRelockAfterEarlyRelease() {
  pthread_mutex_lock(&m);
  raii::scope_exit lock_m([&] { pthread_mutex_unlock(&m); });
  work();
  pthread_mutex_unlock(&m);
  lock_m.release();
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
}
