// C, with RaiiCCleanupAttribute: locks and handles whose release has no
// ready-made cleanup in <raii/cleanup.h> (C11 mtx_unlock, sem_post,
// pthread_spin_unlock, funlockfile, a user family's widget_close and
// chan_close) become `RAII_AUTO(release)` variables, and the helper
// `RAII_DEFINE_CLEANUP(type, release)` (`RAII_DEFINE_CLEANUP_FD` for a
// descriptor-like handle) is defined once, before the first function that
// uses it. Before the fix the leaking paths leave locks held and handles
// open (ORIG); after it none, with the same output.
// RUN: %check_raii --run-fixed --link=-pthread --config="{CheckOptions: {RaiiCCleanupAttribute: true, RaiiRuleFiles: '%S/Inputs/c-handles.yaml'}}" %s raii-release-skipped %t -- -std=gnu11 -pthread -isystem %raii_runtime_include
// RUN: %clang -std=gnu11 -pthread %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: held: 5, open: 2
// --fix run twice changes nothing the second time (the helpers are there):
// RUN: cp %s %t.twice.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true, RaiiRuleFiles: '%S/Inputs/c-handles.yaml'}}" --fix %t.twice.c -- -std=gnu11 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.c %t.once.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true, RaiiRuleFiles: '%S/Inputs/c-handles.yaml'}}" --fix %t.twice.c -- -std=gnu11 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: diff %t.once.c %t.twice.c
// In C89 a declaration may not follow the lock: every lock fix is refused.
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --config="{CheckOptions: {RaiiCCleanupAttribute: true, RaiiRuleFiles: '%S/Inputs/c-handles.yaml'}}" %s -- -std=gnu89 -isystem %raii_runtime_include 2>/dev/null | grep "no automatic fix" | sed 's/.*note: //' | sort | uniq -c | FileCheck %s --check-prefix=C89
// C89: {{^ *}}7 no automatic fix: 'RAII_AUTO' declares a variable after the lock, which needs C99
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <threads.h>
// CHECK-FIXES: #include <raii/cleanup.h>

/* A user library: widgets and channels, counted. */
struct widget {
  int id;
};
static int widgets_open, chans_open;
struct widget *widget_open(int id) {
  struct widget *w;
  if (id < 0)
    return NULL;
  w = malloc(sizeof *w);
  w->id = id;
  ++widgets_open;
  return w;
}
void widget_close(struct widget *w) {
  --widgets_open;
  free(w);
}
int chan_open(int n) {
  if (n < 0)
    return -22;
  ++chans_open;
  return n; /* 0 is a channel */
}
int chan_close(int c) {
  --chans_open;
  return c < 0 ? -1 : 0;
}

mtx_t cm;
sem_t sem;
pthread_spinlock_t spin;
int counter;

static void *probe_mtx(void *arg) {
  (void)arg;
  if (mtx_trylock(&cm) != thrd_success)
    return &cm;
  mtx_unlock(&cm);
  return NULL;
}
static int mtxHeld(void) {
  pthread_t t;
  void *held = NULL;
  pthread_create(&t, NULL, probe_mtx, NULL);
  pthread_join(t, &held);
  return held != NULL;
}

// CHECK-FIXES: RAII_DEFINE_CLEANUP(mtx_t *, mtx_unlock)
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: /* Takes cm, returns early on bail. */
// CHECK-FIXES-NEXT: int c11(int bail) {
// CHECK-FIXES-NEXT:   mtx_lock(&cm);
// CHECK-FIXES: RAII_AUTO(mtx_unlock) mtx_t *lock_cm = &cm;
/* Takes cm, returns early on bail. */
int c11(int bail) {
  mtx_lock(&cm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cm' acquired by 'mtx_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: release of 'cm' is skipped by this return
  if (bail)
    return -1;
  ++counter;
  mtx_unlock(&cm);
  // CHECK-DELETED: mtx_unlock(&cm);
  return 0;
}

/* A release followed by more code stays, and the variable lets go. */
void c11MidScope(int bail) {
  mtx_lock(&cm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cm' acquired by 'mtx_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'cm' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(mtx_unlock) mtx_t *lock_cm = &cm;
  if (bail)
    return;
  mtx_unlock(&cm);
  // CHECK-FIXES: mtx_unlock(&cm);
  // CHECK-FIXES-NEXT: lock_cm = NULL;
  counter += mtxHeld() ? 100 : 1; // runs unlocked, as before
}

// CHECK-FIXES: RAII_DEFINE_CLEANUP(sem_t *, sem_post)
int semaphore(sem_t *s, int bail) {
  sem_wait(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' acquired by 'sem_wait' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 's' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(sem_post) sem_t *lock_s = s;
  if (bail)
    return -3;
  sem_post(s);
  // CHECK-DELETED: sem_post(s);
  return 0;
}

// The helper goes above the preprocessor conditional around the function
// (and the comment over that), where every function can use it.
// CHECK-FIXES: RAII_DEFINE_CLEANUP(pthread_spinlock_t *, pthread_spin_unlock)
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT: // Spin locks, unless configured out.
// Spin locks, unless configured out.
#ifndef NO_SPIN
/* Takes spin, returns early on bail. */
int spinning(int bail) {
  pthread_spin_lock(&spin);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'spin' acquired by 'pthread_spin_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'spin' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(pthread_spin_unlock) pthread_spinlock_t *lock_spin = &spin;
  if (bail)
    return -4;
  pthread_spin_unlock(&spin);
  // CHECK-DELETED: pthread_spin_unlock(&spin);
  return 0;
}
#endif

// An attribute object, initialised with a tested call and destroyed: the
// variable goes after the `if` and is named for what it does.
// CHECK-FIXES: RAII_DEFINE_CLEANUP(pthread_mutexattr_t *, pthread_mutexattr_destroy)
int attrKind(int bail) {
  pthread_mutexattr_t attr;
  int kind = -1;
  if (pthread_mutexattr_init(&attr) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'attr' acquired by 'pthread_mutexattr_init' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'attr' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(pthread_mutexattr_destroy) pthread_mutexattr_t *destroy_attr = &attr;
  if (bail)
    return -5;
  pthread_mutexattr_gettype(&attr, &kind);
  pthread_mutexattr_destroy(&attr);
  // CHECK-DELETED: pthread_mutexattr_destroy(&attr);
  return kind;
}

// A release that another configuration makes a macro gets no helper (the
// helper would not compile there).
#ifdef NO_STDIO_LOCKS
#define funlockfile(f) ((void)0)
#endif
int streamLock(FILE *f, int bail) {
  flockfile(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' acquired by 'flockfile' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: no automatic fix: 'funlockfile' is also defined as a macro in this file
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: release of 'f' is skipped by this return
  if (bail)
    return -1;
  funlockfile(f);
  return 0;
}

/* The helper is defined once: a second function reuses it. */
int c11Again(int bail) {
  mtx_lock(&cm);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'cm' acquired by 'mtx_lock' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: release of 'cm' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(mtx_unlock) mtx_t *lock_cm = &cm;
  if (bail > 1)
    return -1;
  mtx_unlock(&cm);
  // CHECK-DELETED: mtx_unlock(&cm);
  return 0;
}

// CHECK-FIXES: RAII_DEFINE_CLEANUP(struct widget *, widget_close)
int useWidget(int id, int bail) {
  struct widget *w = widget_open(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'w' acquired by 'widget_open' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: release of 'w' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(widget_close) struct widget *w = widget_open(id);
  if (!w)
    return -1;
  if (bail)
    return -2;
  counter += w->id;
  widget_close(w);
  // CHECK-DELETED: widget_close(w);
  return 0;
}

// CHECK-FIXES: RAII_DEFINE_CLEANUP_FD(chan_close)
int useChan(int n, int bail) {
  int c = chan_open(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c' acquired by 'chan_open' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: release of 'c' is skipped by this return
  // CHECK-FIXES: RAII_AUTO(chan_close) int c = chan_open(n);
  if (c < 0)
    return -1;
  if (bail)
    return -2;
  if (c == 0)
    ++counter;
  chan_close(c);
  // CHECK-DELETED: chan_close(c);
  return 0;
}

int main(void) {
  int held = 0, sval = 0;
  mtx_init(&cm, mtx_plain);
  sem_init(&sem, 0, 1);
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  c11(0);
  c11(1); // leaks cm before the fix
  held += mtxHeld();
  if (mtxHeld())
    mtx_unlock(&cm);
  c11MidScope(0);
  c11MidScope(1);
  held += mtxHeld();
  if (mtxHeld())
    mtx_unlock(&cm);
  semaphore(&sem, 0);
  semaphore(&sem, 1);
  sem_getvalue(&sem, &sval);
  held += sval == 0;
  if (pthread_spin_trylock(&spin) == 0)
    pthread_spin_unlock(&spin);
  spinning(0);
  spinning(1);
  if (pthread_spin_trylock(&spin) != 0)
    ++held;
  else
    pthread_spin_unlock(&spin);
  streamLock(stdout, 0);
  streamLock(stdout, 1); // leaks the stream lock (this thread may relock)
  attrKind(0);
  attrKind(1);
  c11Again(0);
  c11Again(2);
  held += mtxHeld();
  useWidget(1, 0);
  useWidget(-1, 0);
  useWidget(2, 1);
  useChan(0, 0);
  useChan(-1, 0);
  useChan(3, 1);
  printf("held: %d, open: %d\n", held, widgets_open + chans_open);
  return held + widgets_open + chans_open != 0;
}
