// The engine's precision on C: summaries of wrappers in the same file,
// realloc, loop and compound conditions, copies, arrays of locks, checked
// lock results, helpers that never return, the same-if case, hand-off to
// unseen code.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release,raii-reacquire,raii-mismatched-release' %t -- -std=c11 -isystem %mock_include/libc -isystem %mock_include/cairo -isystem %mock_include/callbacks

#include <cairo.h>
#include <callbacks.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
void work(void);
void sink(FILE *f); // defined in another file: it may keep f

// ---- release wrappers -------------------------------------------------------

static void close_file(FILE *f) {
  if (f)
    fclose(f);
}

int negativeReleaseWrapper(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    return -1;
  fputs("x", f);
  close_file(f);
  return 0;
}

struct conn {
  int fd;
};
static void conn_free(struct conn *c) {
  close(c->fd);
  free(c);
}

int negativeReleaseWrapperStruct(void) {
  struct conn *c = malloc(sizeof *c);
  if (!c)
    return -1;
  c->fd = -1;
  conn_free(c);
  return 0;
}

int positiveDoubleReleaseThroughWrapper(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    return -1;
  close_file(f);
  fclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' is released by 'fclose' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'f' was first released here
  return 0;
}

// ---- acquire wrappers -------------------------------------------------------

static char *xstrdup(const char *s) {
  char *p = strdup(s);
  if (!p)
    abort();
  return p;
}

int positiveAcquireWrapper(const char *s, int e) {
  char *p = xstrdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'xstrdup' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-9]]:13: note: 'xstrdup' acquires the resource here
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  free(p);
  return 0;
}

static FILE *open_log(const char *p) { return fopen(p, "a"); }

void positiveAcquireWrapperNeverReleased(const char *p) {
  FILE *f = open_log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'open_log' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-5]]:47: note: 'open_log' acquires the resource here
  if (f)
    fputs("x", f);
}

// A wrapper that passes the failure on (`if (fd < 0) return fd;`) returns
// no handle there (fio's open_socket); the caller's failed fdopen then
// leaks the descriptor.
static int open_ready(const char *p) {
  int fd = open(p, O_RDONLY);
  if (fd < 0)
    return fd;
  char c;
  if (read(fd, &c, 1) == 1)
    return fd;
  close(fd);
  return -1;
}

FILE *positiveWrapperPassingFailureOn(const char *p) {
  FILE *f = NULL;
  int fd = open_ready(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open_ready' is never released, and not handed off on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-14]]:12: note: 'open_ready' acquires the resource here
  if (fd >= 0)
    f = fdopen(fd, "r");
  if (!f)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  return f;
}

// The same with a variable that may also hold the caller's descriptor: what
// it returns where the open failed is not known to be no handle.
static int open_or_use(const char *p, int given) {
  int fd = given;
  if (fd < 0)
    fd = open(p, O_RDONLY);
  if (fd < 0)
    return fd;
  char c;
  if (read(fd, &c, 1) == 1)
    return fd;
  close(fd);
  return -1;
}

FILE *negativeWrapperReturningAnotherValue(const char *p, int given) {
  FILE *f = NULL;
  int fd = open_or_use(p, given);
  if (fd >= 0)
    f = fdopen(fd, "r");
  if (!f)
    return NULL;
  return f;
}

static pthread_mutex_t table_mx = PTHREAD_MUTEX_INITIALIZER;
static void lock_table(void) { pthread_mutex_lock(&table_mx); }
static void unlock_table(void) { pthread_mutex_unlock(&table_mx); }

int positiveLockWrapper(int e) {
  lock_table();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'table_mx' acquired by 'lock_table' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: 'lock_table' acquires the resource here
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'table_mx' is skipped by this return
  unlock_table();
  return 0;
}

void negativeLockWrapperPair(void) {
  lock_table();
  work();
  unlock_table();
}

// A lock function that lets go of its lock while it waits and takes it
// again, returning holding it on every path (fio's check_overlap).
static pthread_mutex_t overlap_mx = PTHREAD_MUTEX_INITIALIZER;
int busy(int i);
static void lock_overlap(int n) {
  pthread_mutex_lock(&overlap_mx);
retry:
  for (int i = 0; i < n; i++) {
    if (!busy(i))
      continue;
    pthread_mutex_unlock(&overlap_mx);
    work();
    pthread_mutex_lock(&overlap_mx);
    goto retry;
  }
}
int positiveRelockingLockFunction(int n, int e) {
  lock_overlap(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'overlap_mx' acquired by 'lock_overlap' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: 'lock_overlap' acquires the resource here
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'overlap_mx' is skipped by this return
  pthread_mutex_unlock(&overlap_mx);
  return 0;
}

// A loop that locks at its top and leaves by a `break` still holding it
// returns holding it on every path, but its unlock ends a critical section
// instead of letting go for a while (tesseract's MessageReceiver).
int positiveLoopBreaksHoldingLock(int n) {
  for (;;) {
    pthread_mutex_lock(&overlap_mx);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'overlap_mx' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    if (busy(n))
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'overlap_mx' is skipped by this break
    pthread_mutex_unlock(&overlap_mx);
  }
  return 0;
}

// One that returns without it on some path is no lock function.
int positiveRelockMissedOnOnePath(int n) {
  pthread_mutex_lock(&overlap_mx);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'overlap_mx' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  for (int i = 0; i < n; i++) {
    if (!busy(i))
      continue;
    pthread_mutex_unlock(&overlap_mx);
    if (busy(-1))
      return -1;
    pthread_mutex_lock(&overlap_mx);
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'overlap_mx' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-4]]:5: warning: 'overlap_mx' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-9]]:7: note: release of 'overlap_mx' is skipped by this continue
}

struct cache {
  pthread_mutex_t mu;
  int n;
};
static void cache_lock(struct cache *c) { pthread_mutex_lock(&c->mu); }
static void cache_unlock(struct cache *c) { pthread_mutex_unlock(&c->mu); }

int negativeParamFieldLockWrappers(struct cache *c) {
  cache_lock(c);
  int n = c->n;
  cache_unlock(c);
  return n;
}

// ---- realloc ----------------------------------------------------------------

int negativeReallocThroughTemporary(char **out, size_t n) {
  char *p = malloc(16);
  if (!p)
    return -1;
  char *tmp = realloc(p, n);
  if (!tmp) {
    free(p);
    return -1;
  }
  p = tmp;
  *out = p;
  return 0;
}

int positiveReallocOverwrites(size_t n) {
  char *p = malloc(16);
  if (!p)
    return -1;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!p)
    return -1;
  free(p);
  return 0;
}

// The assignment written in a macro's body (khashl's generated functions):
// the message names the pointer as clang prints it.
struct keyset {
  unsigned *keys;
};
#define DEFINE_SHRINK(prefix)                                                 \
  static int prefix##_shrink(struct keyset *h, unsigned n) {                 \
    h->keys = (unsigned *)realloc(h->keys, n * sizeof(unsigned));            \
    return h->keys ? 0 : -1;                                                  \
  }
DEFINE_SHRINK(ks)
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: when 'realloc' fails it returns null and 'h->keys' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
// CHECK-MESSAGES: :[[@LINE-5]]:27: note: expanded from macro 'DEFINE_SHRINK'
int shrinkKeys(struct keyset *h) { return ks_shrink(h, 4); }

// ---- conditions -------------------------------------------------------------

int negativeEintrLoop(int s) {
  int fd;
  do {
    fd = accept(s, 0, 0);
  } while (fd == -1 && errno == EINTR);
  if (fd == -1)
    return -1;
  write(fd, "x", 1);
  close(fd);
  return 0;
}

int negativeCompoundCondition(const char *a, const char *b) {
  FILE *f = fopen(a, "r");
  FILE *g = fopen(b, "r");
  if (!f || !g) {
    if (f)
      fclose(f);
    if (g)
      fclose(g);
    return -1;
  }
  fclose(f);
  fclose(g);
  return 0;
}

int negativeCheckedLock(void) {
  if (pthread_mutex_lock(&lock))
    return -1;
  work();
  pthread_mutex_unlock(&lock);
  return 0;
}

int positiveSameIfBody(int s, int e) {
  if (s != -1) {
    pthread_mutex_lock(&lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    if (e)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'lock' is skipped by this return
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

// ---- copies and arrays ------------------------------------------------------

int negativeCopiedDescriptor(void) {
  int fd = -1, err;
  err = socket(1, 2, 3);
  if (err < 0)
    return err;
  fd = err;
  write(fd, "x", 1);
  close(fd);
  return 0;
}

static pthread_mutex_t locks[4];

int positiveLockArray(int type, int e) {
  pthread_mutex_lock(&locks[type]);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'locks[type]' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'locks[type]' is skipped by this return
  pthread_mutex_unlock(&locks[type]);
  return 0;
}

int negativeLockArrayChangedIndex(int type) {
  pthread_mutex_lock(&locks[type]);
  type = 0;
  pthread_mutex_unlock(&locks[type]);
  return 0;
}

// ---- helpers that never return ---------------------------------------------

static void fatal(const char *m) {
  fputs(m, stderr);
  exit(1);
}

int negativeFatalHelper(const char *p) {
  int fd = open(p, 0);
  if (fd < 0)
    return -1;
  if (write(fd, "x", 1) < 0) {
    close(fd);
    fatal("write");
  }
  close(fd);
  return 0;
}

// ---- hand-off to code this file does not have ------------------------------

void negativeUnseenCallee(const char *p) {
  FILE *f = fopen(p, "r");
  if (f)
    sink(f);
}

// After a call that only borrows (released on its failure), a function the
// file cannot see that returns nothing keeps it (dnsmasq's tcp_request).
int check_client(int fd);
void serve_client(int fd);
int client_name(int fd);
void negativeBorrowerThenSink(void) {
  int fd = socket(2, 1, 0);
  if (fd == -1)
    return;
  if (!check_client(fd)) {
    close(fd);
    return;
  }
  serve_client(fd);
}

// One that returns something may be a getter: the exit is still a leak.
int positiveBorrowerThenGetter(void) {
  int fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is not released on every path [raii-release-skipped]
  if (fd == -1)
    return -1;
  if (!check_client(fd)) {
    close(fd);
    return -1;
  }
  int n = client_name(fd);
  return n;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

int positiveUnseenCalleeButReleasedElsewhere(const char *p, int e) {
  FILE *f = fopen(p, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  sink(f);
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  return 0;
}

// The variable given another value after a callee may have kept its handle:
// the later release is of the new value, not of the kept one.
FILE *next_log(void);
void negativeKeptThenVariableReused(const char *p, int n) {
  FILE *f;
  for (int i = 0; i < n; i++) {
    f = fopen(p, "r");
    if (!f)
      return;
    sink(f);
  }
  f = next_log();
  fclose(f);
}

// ---- a lock kept exactly when the function reports success ------------------

struct page {
  pthread_mutex_t mutex;
  int full;
};

int negativeConditionalLockWrapper(struct page *p) {
  pthread_mutex_lock(&p->mutex);
  if (!p->full)
    return 0; // success: the caller unlocks
  pthread_mutex_unlock(&p->mutex);
  return -1;
}

int misuse(int line);

// memcached's extstore_write_request: the failure value is a local never
// changed; sqlite3's vdbeUnbind: a return before the lock is taken gives
// what a call returns. Both were reported before.
int negativeWrapperReturningLocal(struct page *p, int len) {
  int ret = -1;
  if (len < 0)
    return ret;
  pthread_mutex_lock(&p->mutex);
  if (!p->full)
    return 0;
  pthread_mutex_unlock(&p->mutex);
  return ret;
}

int negativeWrapperEarlyCall(struct page *p, int len) {
  if (len < 0)
    return misuse(__LINE__);
  pthread_mutex_lock(&p->mutex);
  if (p->full) {
    pthread_mutex_unlock(&p->mutex);
    return misuse(__LINE__);
  }
  if (len > 100) {
    pthread_mutex_unlock(&p->mutex);
    return 25;
  }
  return 0;
}

int positiveHeldOnUnknownValue(struct page *p) {
  pthread_mutex_lock(&p->mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (p->full)
    return misuse(__LINE__);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p->mutex' is skipped by this return
  pthread_mutex_unlock(&p->mutex);
  return -1;
}

// A pointer returned holding the lock exactly where it is not null, as the
// branches before the return tell (collectd's uc_get_meta: the entry is
// found through an out-parameter, its field created on demand): a
// conditional acquire wrapper, silent itself; its callers hold the lock
// where it returned non-null.
struct meta;
struct cache_entry {
  struct meta *meta;
};
static pthread_mutex_t meta_lock = PTHREAD_MUTEX_INITIALIZER;
int cache_find(const char *name, struct cache_entry **out);
struct meta *meta_create(void);
int meta_has(struct meta *m, const char *key);
static struct meta *negativeLockedWhereNonNull(const char *name) {
  struct cache_entry *ce = NULL;
  pthread_mutex_lock(&meta_lock);
  if (cache_find(name, &ce) != 0) {
    pthread_mutex_unlock(&meta_lock);
    return NULL;
  }
  if (ce->meta == NULL)
    ce->meta = meta_create();
  if (ce->meta == NULL)
    pthread_mutex_unlock(&meta_lock);
  return ce->meta;
}

int negativeCallerUnlocksWhereNonNull(const char *name, const char *key) {
  struct meta *m = negativeLockedWhereNonNull(name);
  if (m == NULL)
    return -1;
  int status = meta_has(m, key);
  pthread_mutex_unlock(&meta_lock);
  return status;
}

int positiveCallerKeepsOnError(const char *name, const char *key) {
  struct meta *m = negativeLockedWhereNonNull(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'meta_lock' acquired by 'negativeLockedWhereNonNull' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-24]]:3: note: 'negativeLockedWhereNonNull' acquires the resource here
  if (m == NULL)
    return -1;
  int status = meta_has(m, key);
  if (status < 0)
    return status;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'meta_lock' is skipped by this return
  pthread_mutex_unlock(&meta_lock);
  return status;
}

// Where the branches do not tell the pointer null, the lock may be kept
// with a null result: reported.
struct meta *positiveLockedWhereUntold(const char *name, int drop) {
  struct cache_entry *ce = NULL;
  pthread_mutex_lock(&meta_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'meta_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (cache_find(name, &ce) != 0) {
    pthread_mutex_unlock(&meta_lock);
    return NULL;
  }
  if (drop)
    pthread_mutex_unlock(&meta_lock);
  return ce->meta;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'meta_lock' is skipped by this return
}

// A call given the pointer's address may change it: what the branches
// told before it no longer holds.
void positiveOutParameterRewritten(void) {
  struct cache_entry *ce = NULL;
  cache_find("a", &ce);
  if (ce)
    pthread_mutex_lock(&meta_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'meta_lock' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  cache_find("b", &ce);
  if (ce)
    pthread_mutex_unlock(&meta_lock);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'meta_lock' is skipped when the function ends here

void negativeOutParameterTestedTwice(void) {
  struct cache_entry *ce = NULL;
  cache_find("a", &ce);
  if (ce)
    pthread_mutex_lock(&meta_lock);
  work();
  if (ce)
    pthread_mutex_unlock(&meta_lock);
}

int positiveLocalKeptOnError(struct page *p) {
  int ret = -1;
  pthread_mutex_lock(&p->mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (p->full)
    return ret;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p->mutex' is skipped by this return
  pthread_mutex_unlock(&p->mutex);
  return 0;
}

int positiveLockKeptOnError(struct page *p) {
  pthread_mutex_lock(&p->mutex);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p->mutex' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (p->full)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p->mutex' is skipped by this return
  pthread_mutex_unlock(&p->mutex);
  return 0;
}

// ---- chained assignments and acquires inside && ----------------------------

void negativeChainedAssignment(const char *arg) {
  char *orig, *p;
  orig = p = strdup(arg);
  while (*p != '\0')
    p++;
  free(orig);
}

int negativeAcquireInsideAnd(int nc, const char *path) {
  int fd;
  if (nc == 0 && (fd = open(path, 0)) != -1) {
    write(fd, "x", 1);
    close(fd);
  }
  return 0;
}

void *negativeAllocationRetryLoop(size_t need, size_t step) {
  void *mem;
  do {
    mem = malloc(need);
    need -= step;
  } while (!mem && need > 0);
  return mem;
}

// ---- realloc wrappers and asserted lock wrappers ---------------------------

static void *util_realloc(void *ptr, size_t size) {
  void *newptr = realloc(ptr, size);
  if (newptr)
    return newptr;
  free(ptr);
  return NULL;
}

void *negativeReallocWrapperUse(void *p, size_t n) { return util_realloc(p, n); }

// A function that releases its parameter and then reuses the variable for
// a handle of its own still releases the caller's (Juliet's CWE773 sinks:
// `fclose(data); data = fopen(..); if (data) fclose(data);`); the handle of
// its own is its own to release.
static void closeAndReopen(FILE *f) {
  if (f != NULL)
    fclose(f);
  f = fopen("log", "w");
  if (f != NULL)
    fclose(f);
}
void negativeReleasedThenReused(const char *path) {
  FILE *f = fopen(path, "r");
  closeAndReopen(f);
}
static void closeAndLeak(FILE *f) {
  fclose(f);
  f = fopen("log", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'f' is skipped when the function ends here
void negativeReleasedByLeaker(const char *path) {
  FILE *f = fopen(path, "r");
  if (f)
    closeAndLeak(f);
}

struct mutex_t {
  pthread_mutex_t mu;
};
static void mutex_lock(struct mutex_t *m) {
  int rc = pthread_mutex_lock(&m->mu);
  if (rc)
    abort();
}
static void mutex_unlock(struct mutex_t *m) { pthread_mutex_unlock(&m->mu); }

int negativeAssertedLockWrapperRelockedInBetween(struct mutex_t *m, int e) {
  mutex_lock(m);
  if (e) {
    mutex_unlock(m);
    work();
    mutex_lock(m);
  }
  mutex_unlock(m);
  return 0;
}

// A wrapper returning 1 where it took the lock and 0 where it failed is
// never negative: `<= 0` of its result is its failure test, and the lock
// is held after it.
static int msgs_lock(struct mutex_t *m) {
  if (pthread_mutex_lock(&m->mu) != 0)
    return 0;
  return 1;
}

int negativeWrapperStatusBelowOne(struct mutex_t *m, int *count) {
  if (msgs_lock(m) <= 0)
    return -1;
  ++*count;
  mutex_unlock(m);
  return 1;
}

int positiveWrapperStatusBelowOne(struct mutex_t *m, int *count) {
  if (msgs_lock(m) <= 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'm' acquired by 'msgs_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-17]]:7: note: 'msgs_lock' acquires the resource here
  if (*count < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  ++*count;
  mutex_unlock(m);
  return 1;
}

// ---- a pointer into the block hands the block off -------------------------

struct cursor {
  int base;
  int n;
};

int negativeFieldAddressStored(int **out) {
  struct cursor *c = malloc(sizeof *c);
  if (!c)
    return -1;
  *out = &c->base;
  return 0;
}

// ---- the callee gets the handle with its release function ------------------

void set_result(void *ctx, char *text, void (*destroy)(void *));

void negativePassedWithItsDestructor(void *ctx, const char *s) {
  char *z = strdup(s);
  if (!z)
    return;
  set_result(ctx, z, free);
}

// A function of the file that releases one of its parameters is such a
// release function too (poppler's `cairo_surface_set_mime_data(.., gfree,
// p)`); released by hand where the library refused it.
static void release_text(void *p) { free(p); }

int negativePassedWithFileDestructor(cairo_surface_t *s, const char *text) {
  char *z = strdup(text);
  if (!z)
    return -1;
  if (cairo_surface_set_mime_data(s, "text/plain", (const unsigned char *)z,
                                  strlen(z), release_text, z)) {
    release_text(z);
    return -1;
  }
  return 0;
}

// A destroy callback freeing its `void *` through a typed view of it.
struct record {
  char *name;
};
static void free_record(void *p) {
  struct record *r = p;
  free(r->name);
  free(r);
}

int negativeTypedViewFreed(cairo_font_face_t *f, const char *name) {
  static cairo_user_data_key_t key;
  struct record *r = malloc(sizeof *r);
  if (!r)
    return -1;
  r->name = NULL;
  if (cairo_font_face_set_user_data(f, &key, r, free_record)) {
    free_record(r);
    return -1;
  }
  return 0;
}

// A callback that only reads its parameter releases nothing: the library
// borrows the copy, which leaks.
static void log_text(void *p) { printf("%s\n", (const char *)p); }

int positivePassedWithReader(cairo_font_face_t *f, const char *text) {
  static cairo_user_data_key_t key;
  char *z = strdup(text);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'z' acquired by 'strdup' is never released [raii-release-skipped]
  if (!z)
    return -1;
  if (cairo_font_face_set_user_data(f, &key, z, log_text))
    return -1;
  return 0;
}

// A callback freeing a `void *` is given the elements of an array of
// pointers, not the array; a function cast to the callback's type is
// called as another.
int positiveElementsFreed(int n) {
  void **items = malloc(n * sizeof *items);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'items' acquired by 'malloc' is never released [raii-release-skipped]
  if (!items)
    return -1;
  apply_all(items, n, release_text);
  return 0;
}

static void drop_node(void *ctx, void *node) {
  (void)ctx;
  free(node);
}

int positiveCastCallback(void) {
  char *list = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'list' acquired by 'malloc' is never released [raii-release-skipped]
  if (!list)
    return -1;
  list_walk(list, (item_fn)drop_node, NULL);
  return 0;
}

// ---- the caller's lock let go and taken back ---------------------------------

void negativeCallersLockRetaken(pthread_mutex_t *mu, int spin) {
  while (spin--) {
    pthread_mutex_unlock(mu);
    work();
    pthread_mutex_lock(mu);
  }
}

// ---- a lock through a pointer that may be null --------------------------------

void negativeNullableLockPointer(pthread_mutex_t *m) {
  if (m)
    pthread_mutex_lock(m);
  work();
  if (m)
    pthread_mutex_unlock(m);
}

// ---- a parameter reallocated in place -----------------------------------------

char *negativeParameterReallocated(char *z, size_t n) {
  char *t = realloc(z, n);
  if (!t) {
    free(z);
    return NULL;
  }
  z = t;
  return z;
}

// ---- interior pointers and a parameter given a new block ----------------------

void *negativeInteriorPointerReturned(size_t n) {
  char *b = malloc(n + 16);
  if (b != NULL) {
    char *p = b + 8;
    return p;
  }
  return NULL;
}

char *negativeParameterGrownInPlace(char *z, int n) {
  char *t = realloc(z, n);
  if (t == 0)
    return z;
  z = t;
  if (n > 100) {
    free(z);
    return 0;
  }
  return z;
}

// A parameter given a new block inside a branch lives until the function
// ends: leaving the branch (here a `break` out of the switch) skips nothing.
struct queue {
  void *items;
};
void *list_append(void *list, void *item);
static void enqueue(struct queue *q, char *item) {
  q->items = list_append(q->items, item);
}

void negativeParameterReplacedInSwitch(struct queue *q, int kind, char *msg) {
  switch (kind) {
  case 1:
    if (msg[0] == 0) {
      free(msg);
      msg = malloc(8);
      break;
    }
    break;
  default:
    break;
  }
  if (msg)
    enqueue(q, msg);
}

void positiveParameterReplacedAndDropped(int kind, char *msg) {
  switch (kind) {
  case 1:
    free(msg);
    msg = malloc(8);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'msg' acquired by 'malloc' is not released on every path [raii-release-skipped]
    break;
  default:
    break;
  }
  if (msg)
    msg[0] = 0;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'msg' is skipped when the function ends here

// A parameter released and then given another value: releasing it again
// releases the new value, no double release (socat's option lists).
void *copy_options(const void *from);
void negativeParameterReleasedThenReplaced(void *opts, const void *defaults,
                                           int retries) {
  while (retries-- > 0) {
    free(opts);
    opts = copy_options(defaults);
  }
  free(opts);
}

void positiveParameterReleasedTwice(void *opts) {
  free(opts);
  free(opts);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'opts' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'opts' was first released here
}

// Out-parameter handles: a null handle holds nothing, also inside `||` and
// `&&`, and a status that comes from the acquire or from a failure constant
// (`z ? prepare(..) : 7`) still tells whether it succeeded.
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_prepare_v2(sqlite3 *, const char *, int, sqlite3_stmt **,
                       const char **);
int sqlite3_finalize(sqlite3_stmt *);
int sqlite3_step(sqlite3_stmt *);

int negativeStatusOrNullHandle(sqlite3 *db) {
  sqlite3_stmt *q = 0;
  int rc = sqlite3_prepare_v2(db, "x", -1, &q, 0);
  if (rc || q == 0)
    return rc;
  sqlite3_step(q);
  return sqlite3_finalize(q);
}

int negativeStatusThroughConditional(sqlite3 *db, const char *z) {
  sqlite3_stmt *q = 0;
  int rc = z ? sqlite3_prepare_v2(db, z, -1, &q, 0) : 7;
  if (rc)
    return rc;
  sqlite3_step(q);
  return sqlite3_finalize(q);
}

int negativeStatementLoop(sqlite3 *db, const char *z) {
  int rc = 0;
  while (rc == 0 && z && z[0]) {
    sqlite3_stmt *q = 0;
    rc = sqlite3_prepare_v2(db, z, -1, &q, &z);
    if (rc == 0 && q) {
      sqlite3_step(q);
      sqlite3_finalize(q);
    }
  }
  return rc;
}

int positiveStatusThroughConditional(sqlite3 *db, const char *z) {
  sqlite3_stmt *q = 0;
  int rc = z ? sqlite3_prepare_v2(db, z, -1, &q, 0) : 7;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'q' acquired by 'sqlite3_prepare_v2' is not released on every path [raii-release-skipped]
  if (rc)
    return rc;
  if (sqlite3_step(q) != 100)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'q' is skipped by this return
  return sqlite3_finalize(q);
}

// A status given by either arm of a `?:` that calls (`rc = zlib ?
// inflateInit(&z) : inflateInit2(&z, -15);`) tells whether the arm that
// ran acquired.
typedef struct { void *state; } z_stream;
int inflateInit_(z_stream *, const char *, int);
int inflateInit2_(z_stream *, int, const char *, int);
int inflateEnd(z_stream *);
int inflate(z_stream *, int);
int zlib_mode(void);

int negativeStatusOfEitherArm(int zlib) {
  z_stream z;
  int rc;
  rc = zlib ? inflateInit_(&z, "1", 1) : inflateInit2_(&z, -15, "1", 1);
  if (rc != 0)
    goto err;
  inflateEnd(&z);
  return 0;
err:
  return -1;
}

int negativeStatusOfNestedArms(int zlib, int raw) {
  z_stream z;
  int rc = zlib ? (raw ? inflateInit2_(&z, -15, "1", 1)
                       : inflateInit_(&z, "1", 1))
                : inflateInit2_(&z, 31, "1", 1);
  if (rc != 0)
    return -1;
  inflateEnd(&z);
  return 0;
}

int negativeStatusOfOtherCall(int zlib) {
  z_stream z;
  int rc = zlib ? inflateInit_(&z, "1", 1) : zlib_mode();
  if (rc != 0)
    return -1;
  if (zlib)
    inflateEnd(&z);
  return 0;
}

int positiveStatusOfEitherArm(int zlib) {
  z_stream z;
  int rc = zlib ? inflateInit_(&z, "1", 1) : inflateInit2_(&z, -15, "1", 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'z' acquired by 'inflateInit_' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:46: note: 'z' is also acquired here
  if (rc != 0)
    return -1;
  if (inflate(&z, 0) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'z' is skipped by this return
  inflateEnd(&z);
  return 0;
}

char *positiveConditionalAllocation(size_t n, int fail) {
  char *p = n ? malloc(n) : NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'p' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (fail)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  return p;
}

// An accept loop that hands every connection to code this file cannot see:
// the next accept overwrites nothing the function still owns.
void dispatch_connection(int fd);

void negativeHandOffInLoop(int listener, int opened) {
  for (;;) {
    int fd;
    if (opened)
      fd = open("/dev/null", 0);
    else
      fd = accept(listener, 0, 0);
    if (fd == -1)
      break;
    if (fd < 3) {
      close(fd);
      break;
    }
    dispatch_connection(fd);
  }
}

void positiveOverwrittenInLoop(int listener, int opened) {
  for (;;) {
    int fd;
    if (opened)
      fd = open("/dev/null", 0);
    else
      fd = accept(listener, 0, 0);
    if (fd == -1)
      break;
    if (fd < 3)
      break;
    // `opened` never changes: the path that opened opens again, the one
    // that accepted accepts again.
    // CHECK-MESSAGES: :[[@LINE-9]]:12: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-10]]:12: note: 'fd' is acquired again here while it still holds the earlier resource
    // CHECK-MESSAGES: :[[@LINE-5]]:7: note: release of 'fd' is skipped by this break
    // CHECK-MESSAGES: :[[@LINE-10]]:12: warning: 'fd' acquired by 'accept' is never released [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-11]]:12: note: 'fd' is acquired again here while it still holds the earlier resource
    // CHECK-MESSAGES: :[[@LINE-8]]:7: note: release of 'fd' is skipped by this break
  }
}

// ---- several callees that may take the handle on one path ------------------

// leveldb's VersionSet::LogAndApply: `Finalize(v)` only borrows (the failure
// path deletes v after it), `AppendVersion(v)` keeps it. The exit after
// both is no leak: the one whose body stores it may have kept it (reported
// before: the first one's borrowing was taken for the path's). A path
// with only the borrower stays reported.
struct node {
  int score;
};
struct set {
  struct node *current;
};
static void finalize(struct node *n) { n->score = 1; }
static void append(struct set *s, struct node *n) { s->current = n; }

int negativeLastCalleeKeeps(struct set *s, int ok) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    return -1;
  finalize(n);
  if (ok)
    append(s, n);
  else
    free(n);
  return ok;
}

int positiveOnlyBorrowed(struct set *s, int ok) {
  struct node *n = malloc(sizeof *n);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'n' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!n)
    return -1;
  finalize(n);
  if (ok)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'n' is skipped by this return
  append(s, n);
  free(n);
  return 0;
}

// A stream's success tested with more.
int workOk(void);

// `fdopen` takes the descriptor where it succeeds. Tested together with
// another condition, under a `!` the CFG evaluates after both operands
// (`!(fp && ok())`), or with the stream stored in the test itself
// (`!(fp = fdopen(..))`), the branches after it still tell which
// (smartmontools' popen_as_ugid.cpp). The twin closes nothing when the
// stream failed.
FILE *negativeStreamTestedWithMore(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  FILE *fp = fdopen(fd, "r");
  if (!(fp && workOk())) {
    if (fp)
      fclose(fp);
    else
      close(fd);
    return NULL;
  }
  return fp;
}

FILE *negativeStreamStoredInTest(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  FILE *fp;
  if (!((fp = fdopen(fd, "r")) && workOk())) {
    if (fp)
      fclose(fp);
    else
      close(fd);
    return NULL;
  }
  return fp;
}

FILE *positiveStreamFailureLeaks(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is never released, and not handed off on every path [raii-release-skipped]
  if (fd < 0)
    return NULL;
  FILE *fp;
  if (!(fp = fdopen(fd, "r")) || !workOk()) {
    if (fp)
      fclose(fp);
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  }
  return fp;
}

// A conditional acquire's status kept in a global or a field and tested in
// the same condition (iperf3's `if ((gerror = getaddrinfo(..)) != 0)`): the
// call's result there and then. Before: "not released" on the failure's
// return.
int last_error;
struct session { int rc; };

int negativeStatusInGlobal(void) {
  if ((last_error = pthread_mutex_trylock(&lock)) != 0)
    return -1;
  pthread_mutex_unlock(&lock);
  return 0;
}

int negativeStatusInField(struct session *s) {
  if ((s->rc = pthread_mutex_trylock(&lock)))
    return -1;
  pthread_mutex_unlock(&lock);
  return 0;
}

int positiveStatusInGlobalLeaked(int e) {
  if ((last_error = pthread_mutex_trylock(&lock)) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: 'lock' acquired by 'pthread_mutex_trylock' is not released on every path [raii-release-skipped]
  if (e)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'lock' is skipped by this return
  pthread_mutex_unlock(&lock);
  return 0;
}

// ---- a truth made from a conditional acquire's result ------------------------

// The flag holds the trylock's success as the last operand of `&&` (mutt's
// `ok = e && !regcomp(&re, e, 0); .. if (ok) regfree(&re);`): true exactly
// where it locked.
int negativeSuccessFlag(pthread_mutex_t *m, int wanted) {
  int got = wanted && !pthread_mutex_trylock(m);
  if (got) {
    work();
    pthread_mutex_unlock(m);
  }
  return got;
}

// Holding the failure, only its true side tells: false, the call may not
// have run, and where it ran it locked. (A function returning the success
// flag is a try-lock of its own, for its callers.)
int negativeFailureFlag(pthread_mutex_t *m, int wanted) {
  int busy = wanted && pthread_mutex_trylock(m);
  if (busy)
    return -1;
  if (wanted)
    pthread_mutex_unlock(m);
  return 0;
}

int positiveSuccessFlagLeaks(int wanted, int e) {
  int got = wanted && !pthread_mutex_trylock(&lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'lock' acquired by 'pthread_mutex_trylock' is not released on every path [raii-release-skipped]
  if (!got)
    return -1;
  if (e)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'lock' is skipped by this return
  pthread_mutex_unlock(&lock);
  return 0;
}

// A release through a cast by way of an integer (cryptsetup's CONST_CAST(x)
// = `(x)(uintptr_t)`, freeing a `const char *`), directly and in a
// release wrapper of the file. Before: "never released" for both.
#define CONST_CAST(x) (x)(unsigned long)
struct typed {
  const char *type;
};
int negativeFreedThroughIntegerCast(struct typed *o, const char *v) {
  const char *t = strdup(v);
  if (!t)
    return -1;
  if (strlen(t) > 10) {
    free(CONST_CAST(void *) t);
    return -2;
  }
  free(CONST_CAST(void *) o->type);
  o->type = t;
  return 0;
}
static void nameFree(const char *n) { free(CONST_CAST(char *) n); }
int negativeWrapperFreesThroughIntegerCast(const char *v) {
  const char *n = strdup(v);
  if (!n)
    return -1;
  int l = (int)strlen(n);
  nameFree(n);
  return l;
}
// Twin: the cast frees another pointer.
int positiveIntegerCastOfAnother(const char *v, const char *other) {
  const char *n = strdup(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'n' acquired by 'strdup' is never released [raii-release-skipped]
  if (!n)
    return -1;
  int l = (int)strlen(n);
  nameFree(other);
  return l;
}
