// Variables with __attribute__((cleanup(f))): the cleanup function runs at
// every exit from the variable's scope (return, break, goto, the end of the
// block), so what the variable holds is released there. GLib's g_autofree
// and g_autoptr, systemd's _cleanup_ and <raii/cleanup.h> are written so.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release,raii-reacquire,raii-use-guard' %t -- -std=c11 -isystem %mock_include/libc

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline void free_ptr(void *p) { free(*(void **)p); }
static inline void close_file(FILE **f) {
  if (*f)
    fclose(*f);
}
static inline void close_fd(int *fd) {
  if (*fd >= 0)
    close(*fd);
}
static inline void unlock_mutex(pthread_mutex_t **m) {
  if (*m)
    pthread_mutex_unlock(*m);
}
static inline pthread_mutex_t *lock_mutex(pthread_mutex_t *m) {
  pthread_mutex_lock(m);
  return m;
}
static inline void *steal_ptr(void *pp) {
  void *r = *(void **)pp;
  *(void **)pp = NULL;
  return r;
}
#define autofree __attribute__((cleanup(free_ptr)))
#define autofile __attribute__((cleanup(close_file)))

pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int work(void);

int negativeReturn(void) {
  autofree char *p = strdup("x");
  if (work())
    return 1;
  return 0;
}

int negativeAssignedLater(const char *name) {
  autofree char *p = NULL;
  autofile FILE *f = NULL;
  f = fopen(name, "r");
  if (!f)
    return -1;
  p = malloc(16);
  if (!p)
    return -1;
  p[0] = (char)fgetc(f);
  return p[0] != 0;
}

int negativeLoopExits(void) {
  for (int i = 0; i < 3; i++) {
    __attribute__((cleanup(free_ptr))) char *q = malloc(10);
    if (work())
      break;
    if (work())
      continue;
    if (work())
      goto out;
  }
out:
  return 0;
}

int negativeFd(const char *name) {
  __attribute__((cleanup(close_fd))) int fd = open(name, 0);
  if (fd < 0)
    return -1;
  return work();
}

int negativeLockedByInitialiser(void) {
  __attribute__((cleanup(unlock_mutex))) pthread_mutex_t *g = lock_mutex(&mu);
  if (work())
    return 1;
  return 0;
}

int negativeLockThenPointer(void) {
  pthread_mutex_lock(&mu);
  __attribute__((cleanup(unlock_mutex))) pthread_mutex_t *g = &mu;
  if (work())
    return 1;
  return 0;
}

char *negativeStolen(void) {
  autofree char *p = strdup("x");
  if (work())
    return NULL;
  return steal_ptr(&p);
}

// Only the variable's own handle is released by its cleanup.
int positiveOtherVariable(void) {
  autofree char *p = strdup("x");
  char *q = strdup("y");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'q' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (work())
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'q' is skipped by this return
  free(q);
  return 0;
}

// The cleanup runs when the inner block ends: the lock is released there,
// and taking it again afterwards is no re-acquire.
int negativeScopeEnds(void) {
  {
    __attribute__((cleanup(unlock_mutex))) pthread_mutex_t *g = lock_mutex(&mu);
    work();
  }
  pthread_mutex_lock(&mu);
  work();
  pthread_mutex_unlock(&mu);
  return 0;
}

// A lock taken by hand while a cleanup variable holds it is a re-acquire.
int positiveReacquireWhileCleanupHolds(void) {
  __attribute__((cleanup(unlock_mutex))) pthread_mutex_t *g = lock_mutex(&mu);
  pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mu' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:63: note: 'mu' was first acquired here
  work();
  pthread_mutex_unlock(&mu);
  return 0;
}

// A block stored into a variable with a cleanup function is that
// variable's to release (kmod's `_cleanup_free_ const char **v; .. void
// *tmp = realloc(v, n); if (!tmp) return 1; v = tmp;`).
int negativeMovedIntoCleanup(int argc, char **argv) {
  __attribute__((cleanup(free_ptr))) const char **v = NULL;
  int n = 0;
  for (int i = 1; i < argc; i++) {
    void *tmp = realloc(v, sizeof(char *) * (n + 2));
    if (!tmp)
      return 1;
    v = tmp;
    v[n++] = argv[i];
    v[n] = NULL;
  }
  return n == 0 ? 2 : 0;
}

// Twin: into a variable without one, the block is lost at the return.
int positiveMovedIntoPlainLocal(int n) {
  char *v = NULL;
  char *tmp = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'tmp' acquired by 'malloc' is never released [raii-release-skipped]
  if (!tmp)
    return 1;
  v = tmp;
  v[0] = 0;
  return 0;
}

// Twin: a cleanup function that only wipes what it is given releases
// nothing.
static void wipe(char **p) {
  if (*p)
    memset(*p, 0, strlen(*p));
}
int check_password(const char *);
int positiveMovedIntoWipe(const char *input) {
  __attribute__((cleanup(wipe))) char *pw = NULL;
  char *tmp = strdup(input);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'tmp' acquired by 'strdup' is never released [raii-release-skipped]
  if (!tmp)
    return -1;
  pw = tmp;
  return check_password(pw);
}
