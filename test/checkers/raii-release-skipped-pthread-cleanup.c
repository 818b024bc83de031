// pthread_cleanup_push(routine, arg) .. pthread_cleanup_pop(1) calls the
// routine at the pop: a lock taken between them and unlocked by the routine
// is released there, also where the routine is pthread_mutex_unlock itself
// cast to `void *` (squashfs-tools), so a function of the file that does
// this is no lock wrapper and calling it twice is no reacquire. A pop that
// may not run the routine (`pthread_cleanup_pop(!keep)`) may leave the lock
// held.
// RUN: %check_raii %s 'raii-release-skipped,raii-reacquire,raii-double-release' %t -- -std=gnu11 -isystem %mock_include/libc

#include <pthread.h>

pthread_mutex_t pos_mutex = PTHREAD_MUTEX_INITIALIZER;
int data;

static void unlock_routine(void *m) { pthread_mutex_unlock(m); }

void writeAt(int v) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = v;
  pthread_cleanup_pop(1);
}

void writeTwice(void) {
  writeAt(1);
  writeAt(2);
}

void castRoutineThenLockAgain(void) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = 3;
  pthread_cleanup_pop(1);
  pthread_mutex_lock(&pos_mutex);
  data = 4;
  pthread_mutex_unlock(&pos_mutex);
}

void typedRoutine(void) {
  pthread_cleanup_push(unlock_routine, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  data = 5;
  pthread_cleanup_pop(1);
}

void popRunsSometimes(int keep) {
  pthread_cleanup_push((void *)pthread_mutex_unlock, &pos_mutex);
  pthread_mutex_lock(&pos_mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pos_mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  data = 6;
  pthread_cleanup_pop(!keep);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'pos_mutex' is skipped when the function ends here
