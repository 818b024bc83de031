// A library function given a callback and an untyped pointer for it, and
// named for registering it (event_set, g_idle_add, ..._setcb), keeps the
// pointer for calls after it returns: handed off (opensmtpd's offline scan
// resumes from a timer that owns its FTS). One named otherwise (qsort_r, a
// password callback of a key reader) calls back before it returns: it
// borrows, and a leak after it is reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc -isystem %mock_include/eventloop

#include <eventloop.h>
#include <stddef.h>
#include <stdlib.h>

static struct event *scan_ev;
static void scan(int fd, short ev, void *arg);

int negativeTimerOwnsState(int more) {
  int *state = malloc(sizeof *state);
  if (!state)
    return -1;
  *state = 0;
  if (more) {
    evtimer_set(scan_ev, scan, state);
    event_add(scan_ev, NULL);
    return 1;
  }
  free(state);
  return 0;
}

static int byKey(const void *a, const void *b, void *ctx);

int positiveSortBorrows(int *v, unsigned long n) {
  int *keys = malloc(n * sizeof *keys);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'keys' acquired by 'malloc' is never released [raii-release-skipped]
  if (!keys)
    return -1;
  qsort_r(v, n, sizeof *v, byKey, keys);
  return 0;
}

static int password(char *buf, int size, int rwflag, void *u);

int positiveReaderBorrows(void *bio) {
  char *pass = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'pass' acquired by 'malloc' is never released [raii-release-skipped]
  if (!pass)
    return -1;
  if (read_private_key(bio, password, pass) != 0)
    return -1;
  return 0;
}

// No callback given: nothing to keep the data for.
int positiveNoCallback(int more) {
  int *state = malloc(sizeof *state);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'state' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!state)
    return -1;
  if (more) {
    event_set(scan_ev, -1, 0, NULL, state);
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'state' is skipped by this return
  }
  free(state);
  return 0;
}

// The data is the pointer that goes with the callback, not the instance
// the call is about.
static void on_signal(void *instance, void *data);
void *make_object(void);
int positiveInstanceNotTaken(void) {
  char *obj = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'obj' acquired by 'malloc' is never released [raii-release-skipped]
  if (!obj)
    return -1;
  signal_connect_data(obj, "changed", on_signal, NULL, 0);
  return 0;
}

// A name that says the call returns after calling back: borrowed.
static void setup(void *data);
int positiveSyncSpawnBorrows(char **argv) {
  char *env = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'env' acquired by 'malloc' is never released [raii-release-skipped]
  int status;
  if (!env)
    return -1;
  return spawn_sync("/", argv, setup, env, &status);
}
