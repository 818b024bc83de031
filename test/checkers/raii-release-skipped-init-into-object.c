// A function that initialises objects inside its caller's object (families
// marked in-place, tracked like locks: regcomp, pthread_mutex_init) and
// undoes them where it returns failure hands them to the caller where it
// returns success, also when some of them it sets up only under a condition
// (multipath-tools' store_ble: `if (vendor) { .. regcomp(&ble->vendor_reg,
// ..) .. } .. return 0; out1: if (vendor) regfree(&ble->vendor_reg); ..
// return 1;`): on the success return, the paths that hold nothing never
// initialised it. A failure return that skips the undo, or returns that do
// not tell success from failure, are still reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11
#include <pthread.h>
#include <regex.h>
#include <stdlib.h>

struct blentry {
  regex_t vendor_reg;
  regex_t product_reg;
  int origin;
};

int storeConditionally(struct blentry *ble, const char *vendor,
                       const char *product) {
  if (vendor) {
    if (regcomp(&ble->vendor_reg, vendor, 0))
      return 1;
  }
  if (product) {
    if (regcomp(&ble->product_reg, product, 0))
      goto out1;
  }
  ble->origin = 1;
  return 0;
out1:
  if (vendor)
    regfree(&ble->vendor_reg);
  return 1;
}

struct queue {
  pthread_mutex_t mu;
  char *buf;
};

int initMaybeLocked(struct queue *q, int shared) {
  if (shared) {
    if (pthread_mutex_init(&q->mu, NULL))
      return -1;
  }
  q->buf = malloc(64);
  if (!q->buf) {
    pthread_mutex_destroy(&q->mu);
    return -1;
  }
  return 0;
}

int failureSkipsUndo(struct blentry *ble, const char *vendor, int strict) {
  if (vendor) {
    if (regcomp(&ble->vendor_reg, vendor, 0))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ble->vendor_reg' acquired by 'regcomp' is not released on every path [raii-release-skipped]
      return 1;
  }
  if (strict)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ble->vendor_reg' is skipped by this return
  if (!ble->origin) {
    regfree(&ble->vendor_reg);
    return 1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'ble->vendor_reg' is skipped by this return
}

int returnsDoNotTell(struct blentry *ble, const char *vendor) {
  if (vendor) {
    if (regcomp(&ble->vendor_reg, vendor, 0))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'ble->vendor_reg' acquired by 'regcomp' is not released on every path [raii-release-skipped]
      return 1;
  }
  if (!ble->origin) {
    regfree(&ble->vendor_reg);
    return 1;
  }
  return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'ble->vendor_reg' is skipped by this return
}

// Only for objects set up in place: a mutex locked under a flag and left
// locked at the success return is still a forgotten unlock; so is a setup
// in a loop, whose untaken path is the loop that ran no round.
struct ctx {
  pthread_mutex_t mu;
  int shared;
  int n;
  regex_t re;
};
int lockedOnlyIfShared(struct ctx *c, int v) {
  if (c->shared)
    pthread_mutex_lock(&c->mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'c->mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (v < 0) {
    if (c->shared)
      pthread_mutex_unlock(&c->mu);
    return -1;
  }
  c->n += v;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'c->mu' is skipped by this return
}

int compiledInLoop(struct ctx *c, const char **pats, int n) {
  for (int i = 0; i < n; i++) {
    if (regcomp(&c->re, pats[i], 0))
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'c->re' acquired by 'regcomp' is not released on every path [raii-release-skipped]
      return 1;
    if (c->n < 0) {
      regfree(&c->re);
      return 1;
    }
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'c->re' is skipped by this return
}
