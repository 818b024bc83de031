// A branch hint returns what it is given: `if (__builtin_expect(p == NULL,
// 0))` and the likely()/unlikely() macros of glibc, the kernel and many
// projects test what their argument tests (gnulib's scratch_buffer_grow,
// nano; dnsmasq). A failed acquire's path then holds nothing.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc
#include <stdio.h>
#include <stdlib.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define glibc_unlikely(cond) __builtin_expect((cond), 0)

struct buf {
  void *data;
  FILE *log;
};

int negativeExpectNullTest(struct buf *b, size_t n) {
  void *p = malloc(n);
  if (glibc_unlikely(p == (void *)0))
    return -1;
  b->data = p;
  return 0;
}

int negativeUnlikelyNot(struct buf *b, size_t n) {
  void *p = malloc(n);
  if (unlikely(!p))
    return -1;
  b->data = p;
  return 0;
}

int negativeLikelySuccess(struct buf *b, const char *name) {
  FILE *f = fopen(name, "r");
  if (likely(f != (FILE *)0)) {
    b->log = f;
    return 0;
  }
  return -1;
}

int negativeNotLikely(struct buf *b, size_t n) {
  void *p = malloc(n);
  if (!likely(p))
    return -1;
  b->data = p;
  return 0;
}

int negativeProbabilityAndUnpredictable(struct buf *b, size_t n) {
  void *p = malloc(n);
  if (__builtin_expect_with_probability(p == (void *)0, 0, 0.9))
    return -1;
  void *q = malloc(n);
  if (__builtin_unpredictable(q == (void *)0)) {
    free(p);
    return -1;
  }
  b->data = p;
  free(q);
  return 0;
}

int negativeHintInAChain(struct buf *b, size_t n, int quiet) {
  void *p = malloc(n);
  if (unlikely(!p) && quiet)
    return -1;
  if (!p)
    return -2;
  b->data = p;
  return 0;
}

int positiveLeakAfterTheHint(struct buf *b, size_t n, int e) {
  void *p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (unlikely(!p))
    return -1;
  if (unlikely(e))
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  b->data = p;
  return 0;
}

int positiveHintOnAnotherValue(struct buf *b, size_t n, int e) {
  void *p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (likely(e))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  b->data = p;
  return 0;
}
