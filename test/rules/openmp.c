// The families of rules/openmp.yaml on mock OpenMP runtime declarations.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 -isystem %S/Inputs/api

#include <omp_sdl_api.h>

int work(void);
omp_lock_t lock;
omp_nest_lock_t nest;

int positiveLock(void) {
  omp_set_lock(&lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lock' acquired by 'omp_set_lock' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'lock' is skipped by this return
  omp_unset_lock(&lock);
  return 0;
}

// omp_test_lock returns nonzero when it set the lock.
int negativeTestLock(void) {
  if (!omp_test_lock(&lock))
    return -1;
  int r = work();
  omp_unset_lock(&lock);
  return r;
}

void positiveLockTwice(void) {
  omp_set_lock(&lock);
  omp_set_lock(&lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lock' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'lock' was first acquired here
  omp_unset_lock(&lock);
  omp_unset_lock(&lock);
}

void negativeNestLockTwice(void) {
  omp_set_nest_lock(&nest);
  omp_set_nest_lock(&nest);
  work();
  omp_unset_nest_lock(&nest);
  omp_unset_nest_lock(&nest);
}

void positiveLockStorage(void) {
  omp_lock_t l;
  omp_init_lock(&l);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'l' acquired by 'omp_init_lock' is never released [raii-release-skipped]
  work();
}

void mismatchedAlloc(omp_allocator_handle_t a) {
  double *v = omp_alloc(64, a);
  free(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'v' acquired by 'omp_alloc' is released by 'free'; release it with 'omp_free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'v' acquired here
}
