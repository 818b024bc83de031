// The families of rules/posix.yaml and rules/stdarg.yaml on mock POSIX
// declarations: a leak on an early return, a correct pair, the failure
// branch of each success convention, and mismatches between kinds.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-reacquire %t -- -std=c11 -isystem %S/Inputs/api

#include <posix_api.h>
#include <stdarg.h>

int work(void);

int positiveDlopen(const char *lib) {
  void *h = dlopen(lib, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'h' acquired by 'dlopen' is not released on every path [raii-release-skipped]
  if (!h)
    return -1;
  if (!dlsym(h, "init"))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'h' is skipped by this return
  dlclose(h);
  return 0;
}

// Released nowhere in the function: the library is loaded for the
// process's life (`discardable`), as libnl3 loads its modules.
void exit(int);
void negativeDlopenKeptLoaded(const char *lib) {
  void *h = dlopen(lib, 0);
  if (!h)
    exit(1);
  if (!dlsym(h, "init"))
    exit(2);
}

// Twin: stored on one path (a plugin table), lost on another.
struct plugin {
  void *handle;
  void *init;
};
int positiveDlopenKeptElsewhere(struct plugin *pl, const char *lib) {
  void *h = dlopen(lib, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'h' acquired by 'dlopen' is never released, and not handed off on every path [raii-release-skipped]
  if (!h)
    return -1;
  pl->init = dlsym(h, "init");
  if (!pl->init)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'h' is skipped by this return
  pl->handle = h;
  return 0;
}

int negativeRegcomp(const char *pattern, const char *s) {
  regex_t re;
  if (regcomp(&re, pattern, 0) != 0)
    return -1; // regcomp failed: nothing to free
  int r = regexec(&re, s, 0, NULL, 0);
  regfree(&re);
  return r;
}

int positiveRegcomp(const char *pattern) {
  regex_t re;
  if (regcomp(&re, pattern, 0))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 're' acquired by 'regcomp' is not released on every path [raii-release-skipped]
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 're' is skipped by this return
  regfree(&re);
  return 0;
}

// A second regcomp on a compiled object leaks it, but is no deadlock.
void negativeRegcompTwice(const char *a, const char *b) {
  regex_t re;
  if (regcomp(&re, a, 0) == 0)
    regfree(&re);
  if (regcomp(&re, b, 0) == 0)
    regfree(&re);
}

int negativeGetaddrinfo(const char *host) {
  struct addrinfo *res;
  if (getaddrinfo(host, "80", NULL, &res) != 0)
    return -1;
  int flags = res->ai_flags;
  freeaddrinfo(res);
  return flags;
}

int positiveGetaddrinfo(const char *host) {
  struct addrinfo *res;
  int rc = getaddrinfo(host, "80", NULL, &res);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'res' acquired by 'getaddrinfo' is not released on every path [raii-release-skipped]
  if (rc)
    return rc;
  if (!res->ai_next)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'res' is skipped by this return
  freeaddrinfo(res);
  return 0;
}

unsigned long positiveGlob(const char *pattern) {
  glob_t g;
  if (glob(pattern, 0, NULL, &g) != 0)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'g' acquired by 'glob' is not released on every path [raii-release-skipped]
  if (g.gl_pathc > 10)
    return 10;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'g' is skipped by this return
  unsigned long n = g.gl_pathc;
  globfree(&g);
  return n;
}

int negativeSemOpen(const char *name) {
  sem_t *s = sem_open(name, 0);
  if (s == SEM_FAILED)
    return -1;
  sem_wait(s);
  work();
  sem_post(s);
  sem_close(s);
  return 0;
}

int positiveSemaphore(sem_t *s) {
  sem_wait(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' acquired by 'sem_wait' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  sem_post(s);
  return 0;
}

int negativeSemTrywait(sem_t *s) {
  if (sem_trywait(s) != 0)
    return -1; // not taken
  work();
  sem_post(s);
  return 0;
}

void positiveSemInit(void) {
  sem_t s;
  if (sem_init(&s, 0, 1) != 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'sem_init' is never released [raii-release-skipped]
  work();
}

// The object made by sem_init and its count taken by sem_wait are two
// resources on one place: the wait neither deepens nor forgets the
// object, which sem_destroy ends (fuse3's fuse_session_loop_mt). Before:
// "'mt.finish' acquired by 'sem_init' is not released on every path".
struct loopState {
  sem_t finish;
  int exited;
};
int startWorker(struct loopState *mt);
int negativeSemInitWaitDestroy(void) {
  struct loopState mt;
  sem_init(&mt.finish, 0, 1);
  int err = startWorker(&mt);
  if (!err) {
    sem_wait(&mt.finish);
    mt.exited = 1;
    sem_post(&mt.finish);
  }
  sem_destroy(&mt.finish);
  return err;
}
// Twin: nobody else can post a semaphore the function keeps to itself,
// so the wait is never matched.
int positiveSemWaitUnshared(void) {
  sem_t s;
  sem_init(&s, 0, 0);
  int err = work();
  if (!err)
    sem_wait(&s);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' acquired by 'sem_wait' is never released [raii-release-skipped]
  sem_destroy(&s);
  return err;
}

pthread_spinlock_t spin;

int positiveSpin(void) {
  pthread_spin_lock(&spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'spin' acquired by 'pthread_spin_lock' is not released on every path [raii-release-skipped]
  if (work())
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'spin' is skipped by this return
  pthread_spin_unlock(&spin);
  return 0;
}

void positiveSpinTwice(void) {
  pthread_spin_lock(&spin);
  pthread_spin_lock(&spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'spin' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'spin' was first acquired here
  pthread_spin_unlock(&spin);
  pthread_spin_unlock(&spin);
}

// Stream locks count: the owner may lock again.
void negativeFlockfileNested(FILE *f) {
  flockfile(f);
  flockfile(f);
  fputs("x", f);
  funlockfile(f);
  funlockfile(f);
}

int positiveFlockfile(FILE *f) {
  if (ftrylockfile(f) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'f' acquired by 'ftrylockfile' is not released on every path [raii-release-skipped]
  if (fputs("x", f) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  funlockfile(f);
  return 0;
}

void *run(void *);

int positiveAttr(pthread_t *t) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'attr' acquired by 'pthread_attr_init' is not released on every path [raii-release-skipped]
  if (pthread_attr_setstacksize(&attr, 1 << 20) != 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'attr' is skipped by this return
  int rc = pthread_create(t, &attr, run, NULL);
  pthread_attr_destroy(&attr);
  return rc;
}

// An object of static storage initialised in place and left so, by a
// function that releases it on no path that returns, is kept (monit's
// Thread.c: the attributes destroyed before abort() or by an atexit
// handler; a regex compiled once): before, "not released on every path".
// One the function releases on a path that returns is the function's to
// manage (initialised on every call): its error path is still a leak, as
// is a stream of static storage left locked.
static pthread_attr_t sharedAttr;
static regex_t sharedRe;
static FILE *sharedLog;
void abort(void);
void negativeStaticAttrKept(void) {
  if (pthread_attr_init(&sharedAttr) != 0)
    abort();
  if (pthread_attr_setstacksize(&sharedAttr, 1 << 20) != 0) {
    pthread_attr_destroy(&sharedAttr);
    abort();
  }
}
int negativeStaticRegexCompiledOnce(const char *s) {
  static int compiled;
  if (!compiled) {
    if (regcomp(&sharedRe, "^a", 0) != 0)
      return -1;
    compiled = 1;
  }
  return regexec(&sharedRe, s, 0, NULL, 0);
}
int positiveStaticRegexEveryCall(const char *pat, const char *s) {
  static regex_t re;
  if (regcomp(&re, pat, 0) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 're' acquired by 'regcomp' is not released on every path [raii-release-skipped]
  if (regexec(&re, s, 0, NULL, 0) != 0) {
    regfree(&re);
    return 0;
  }
  return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 're' is skipped by this return
}
int positiveStaticStreamLeftLocked(void) {
  if (ftrylockfile(sharedLog) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'sharedLog' acquired by 'ftrylockfile' is not released on every path [raii-release-skipped]
  if (fputs("x", sharedLog) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'sharedLog' is skipped by this return
  funlockfile(sharedLog);
  return 0;
}

// Another kind's release does not release it.
void positiveAttrOtherKind(void) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'attr' acquired by 'pthread_attr_init' is never released [raii-release-skipped]
  pthread_mutexattr_destroy((pthread_mutexattr_t *)&attr);
}

int sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ap' acquired by '__builtin_va_start' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :17:29: note: expanded from macro 'va_start'
  if (n < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ap' is skipped by this return
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += va_arg(ap, int);
  va_end(ap);
  return s;
}

int negativeVaCopy(int n, ...) {
  va_list ap, copy;
  va_start(ap, n);
  va_copy(copy, ap);
  int a = va_arg(copy, int);
  va_end(copy);
  va_end(ap);
  return a;
}

// A wait on a semaphore the function posts nowhere takes what another
// thread posts: a completion signal, no leak.
static void *postDone(void *arg) {
  sem_post((sem_t *)arg);
  return 0;
}

int negativeCompletionSignal(void) {
  sem_t done;
  pthread_t t;
  sem_init(&done, 0, 0);
  if (pthread_create(&t, 0, postDone, &done)) {
    sem_destroy(&done);
    return -1;
  }
  sem_wait(&done);
  sem_destroy(&done);
  return 0;
}

// Posted on one path and not on another: still reported.
int positiveWaitPostedOnOnePath(sem_t *s, int n) {
  if (sem_wait(s) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'sem_wait' is not released on every path [raii-release-skipped]
  if (n < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  sem_post(s);
  return 0;
}

// Twin: a library call that only reads it (no function to run with it)
// reaches nothing; nobody can post.
int positiveLocalSemaphoreOnlyQueried(void) {
  sem_t s;
  int v;
  sem_init(&s, 0, 0);
  sem_getvalue(&s, &v);
  sem_wait(&s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' acquired by 'sem_wait' is never released [raii-release-skipped]
  sem_destroy(&s);
  return v;
}
