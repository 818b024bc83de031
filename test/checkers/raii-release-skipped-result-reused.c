// The variable a conditional acquire's result went to tells of the acquire
// only until it is given another value: after `rc = work();`, `if (rc !=
// 0) return;` says nothing of the lock (it was read as "the trylock
// failed", and the leak on that return was missed). The test before the
// new value still prunes, and an acquire that gives it a value again makes
// it tell again.
// RUN: %check_raii %s raii-release-skipped,raii-reacquire %t -- -std=c11
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int work(void);

int reused(void) {
  int rc = pthread_mutex_trylock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm' acquired by 'pthread_mutex_trylock' is not released on every path [raii-release-skipped]
  if (rc != 0)
    return -1;
  rc = work();
  if (rc != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  pthread_mutex_unlock(&m);
  return 0;
}

int reusedCompound(void) {
  int rc = pthread_mutex_trylock(&m);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'm' acquired by 'pthread_mutex_trylock' is not released on every path [raii-release-skipped]
  if (rc == EBUSY)
    return -1;
  if (rc != 0)
    return -1;
  rc |= work();
  if (rc)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  pthread_mutex_unlock(&m);
  return 0;
}

// Correct: every path that holds the lock releases it.
int reusedCorrect(void) {
  int rc = pthread_mutex_trylock(&m);
  if (rc != 0)
    return -1;
  rc = work();
  pthread_mutex_unlock(&m);
  return rc;
}

// The acquire's own assignment through `?:` is no other value.
int viaConditional(int try) {
  int rc = 0;
  rc = try ? pthread_mutex_trylock(&m) : EAGAIN;
  if (rc)
    return rc;
  pthread_mutex_unlock(&m);
  return 0;
}

// Each round's trylock gives rc a fresh result, which tells again.
int retry(void) {
  int rc = 0;
  for (int i = 0; i < 3; ++i) {
    rc = work();
    if (rc < 0)
      continue;
    rc = pthread_mutex_trylock(&m);
    if (rc == EBUSY)
      continue;
    if (rc != 0)
      return rc;
    pthread_mutex_unlock(&m);
    return 0;
  }
  return rc;
}

// Where the trylock failed, rc is given 0 and the lock is taken by hand.
// Three conditional blocks before it make more paths than the solver keeps
// apart, so the two meet: rc is stale there still, and `rc == 0` does not
// say that the trylock held.
void failedThenTaken(int a, int b, int c) {
  char *p = 0, *q = 0, *r = 0;
  int need = 0;
  if (a)
    p = malloc(1);
  if (b)
    q = malloc(1);
  if (c)
    r = malloc(1);
  int rc = pthread_mutex_trylock(&m);
  if (rc != 0) {
    rc = 0;
    need = 1;
  }
  if (rc == 0) {
    if (need)
      pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
  }
  free(p);
  free(q);
  free(r);
}
