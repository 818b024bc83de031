// Regressions from running the checks on real C code (bench/real-code/
// RESULTS.md: lz4), on the real glibc headers.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu99 -D_GNU_SOURCE

#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

int check(int);
void use(char *);

// ---- FP1: explicit casts around the released handle -------------------------

int negativeFreeConstTable(size_t n) {
  const char **t = (const char **)malloc(n * sizeof(char *));
  if (!t)
    return 1;
  t[0] = "x";
  free((void *)t);
  return 0;
}

int negativeFreeVoidCast(size_t n) {
  char *t = malloc(n);
  if (!t)
    return 1;
  free((void *)t);
  return 0;
}

int negativeVoidFclose(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return 1;
  (void)fclose(f);
  return 0;
}

int positiveFreeCastSkipped(size_t n) {
  char *t = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 't' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!t)
    return 1;
  if (check(1))
    return 2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 't' is skipped by this return
  free((void *)t);
  return 0;
}

// ---- FP4: chained assignment into out-parameters ----------------------------

int negativeOutParamChain(int *w_, int *r_) {
  int fd = eventfd(0, 0);
  if (fd == -1)
    return -1;
  *w_ = *r_ = fd;
  return 0;
}

// ---- messages: never released on any path -----------------------------------

int positiveNeverFreedButPassed(void) {
  char *const buffer = (char *)malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'buffer' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (check(1))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buffer' is skipped by this return
  use(buffer); /* a user function: assumed to take the memory */
  return 0;
}

int positiveNeverFreed(void) {
  char *const dict = (char *)malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'dict' acquired by 'malloc' is never released [raii-release-skipped]
  if (check(1))
    return -1;
  printf("%s\n", dict);
  return 0;
}
