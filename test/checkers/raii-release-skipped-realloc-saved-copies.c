// `*dst = realloc(*dst, n)` does not lose the block where a copy saved
// just before the store still holds it when the call fails: the copy is
// saved in the same block, nothing in between writes it or lets control
// in, and the null test that comes next frees the copy, stores it or
// returns it, whatever the copy is given later (multipath-tools'
// merge_words reuses it as a cursor). A local copy of a field given the
// call's result is stepped as a cursor on the success path (tgt's
// text_key_add: `if (buf) { .. } else goto drop; buf += used;`). A label
// between, a read only on success, a write in the failure branch or
// before the test, a cursor stepped where a `goto` leads back to the
// call: the block is lost, still reported.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11
#include <stdlib.h>
#include <string.h>

void log_ptr(const void *p);

int mergeWords(char **dst, const char *word) {
  char *p = *dst;
  size_t dstlen = strlen(*dst);
  size_t len = dstlen + strlen(word) + 2;
  *dst = realloc(*dst, len);
  if (!*dst) {
    free(p);
    return 1;
  }
  p = *dst + dstlen;
  *p = ' ';
  ++p;
  return 0;
}

int putBackThenClear(char **buf, size_t n) {
  char *old = *buf;
  *buf = realloc(*buf, n);
  if (*buf == 0) {
    *buf = old;
    return -1;
  }
  old = 0;
  return 0;
}

int saveInGotoLoop(char **dst, size_t n, int more) {
  char *p;
again:
  p = *dst;
  *dst = realloc(*dst, n);
  if (!*dst) {
    free(p);
    return 1;
  }
  p = *dst + 1;
  *p = 0;
  if (more--)
    goto again;
  return 0;
}

int labelBetween(char **dst, size_t n, int more) {
  char *p = *dst;
again:
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*dst) {
    free(p);
    return 1;
  }
  p = *dst + 1;
  *p = 0;
  if (more--)
    goto again;
  return 0;
}

struct buf { char *v; size_t n; };
int readOnSuccessOnly(struct buf *s, size_t n) {
  char *old = s->v;
  s->v = realloc(s->v, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and 's->v' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (s->v) {
    if (s->v != old)
      log_ptr(s->v);
    return 0;
  }
  old = 0;
  return -1;
}

int overwrittenInFailure(char **dst, size_t n, int verbose) {
  char *p = *dst;
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*dst) {
    if (verbose)
      log_ptr(p);
    p = 0;
    free(p);
    return 1;
  }
  p = *dst;
  return 0;
}

int failureOnlyWrites(char **dst, size_t n) {
  char *p = *dst;
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*dst) {
    p[0] = 0;
    return 1;
  }
  p = *dst + 1;
  return 0;
}

int steppedBeforeTest(char **dst, size_t n) {
  char *p = *dst;
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  p += 1;
  if (!*dst) {
    free(p);
    return 1;
  }
  p = *dst;
  return 0;
}

struct conn { char *buf; size_t size, used; };
int addKey(struct conn *c, const char *key) {
  size_t len = strlen(key) + 2;
  char *buffer;
  buffer = c->buf;
  if (c->used + len > c->size) {
    buffer = realloc(buffer, c->used + len);
    if (buffer) {
      c->buf = buffer;
      c->size = c->used + len;
    } else
      goto drop;
  }
  buffer += c->used;
  c->used += len;
  memcpy(buffer, key, len);
  return 0;
drop:
  log_ptr(key);
  return -1;
}

int stepInCondition(struct conn *c, size_t n, size_t k) {
  char *buffer = c->buf;
  if (!(buffer = realloc(buffer, n)))
    return -1;
  c->buf = buffer;
  buffer += k;
  *buffer = 1;
  return 0;
}

int positiveTestFallsThrough(struct conn *c, size_t n, size_t k) {
  char *buffer = c->buf;
  buffer = realloc(buffer, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: when 'realloc' fails it returns null and 'buffer' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (buffer)
    c->buf = buffer;
  else
    log_ptr(c);
  buffer += k;
  c->buf = buffer;
  return 0;
}

int stepLeadsBack(struct conn *c, size_t n, int more) {
  char *buffer = c->buf;
again:
  buffer = realloc(buffer, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: when 'realloc' fails it returns null and 'buffer' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!buffer)
    return -1;
  buffer += 4;
  memset(buffer, 0, n - 4);
  buffer -= 4;
  if (more--) {
    n *= 2;
    goto again;
  }
  c->buf = buffer;
  return 0;
}

// The null branch must leave or dispose of the copy by a statement of its
// own: a `goto` to code that stores the null, a jump under a condition, a
// release under a condition, a copy into another local, and a target whose
// pointer moved between the save and the call all lose the block.
int gotoStoresNull(struct conn *c, size_t n) {
  char *buf = c->buf;
  if (!(buf = realloc(buf, n)))
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: when 'realloc' fails it returns null and 'buf' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    goto out;
  buf += 1;
  *buf = 0;
  buf -= 1;
out:
  c->buf = buf;
  return buf ? 0 : -1;
}

int jumpUnderCondition(struct conn *c, size_t n, int strict) {
  char *buf = c->buf;
  if (!(buf = realloc(buf, n))) {
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: when 'realloc' fails it returns null and 'buf' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    if (strict)
      return -1;
  }
  c->buf = buf;
  buf += 1;
  return 0;
}

int freedUnderCondition(char **dst, size_t n, int verbose) {
  char *p = *dst;
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*dst) {
    if (verbose)
      free(p);
    return 1;
  }
  p = *dst + 1;
  return 0;
}

int copiedToLocal(char **dst, size_t n) {
  char *p = *dst, *q;
  *dst = realloc(*dst, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*dst' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*dst) {
    q = p;
    return 1;
  }
  p = *dst + 1;
  (void)q;
  return 0;
}

int targetMoved(char **v, size_t n) {
  char *p = *v;
  v++;
  *v = realloc(*v, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: when 'realloc' fails it returns null and '*v' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!*v) {
    free(p);
    return 1;
  }
  p = *v + 1;
  return 0;
}

// The place the local was read from given another value (before the call
// or where it fails) no longer holds the block.
int placeClearedBefore(struct conn *c, size_t n) {
  char *p = c->buf;
  c->buf = NULL;
  if (!(p = realloc(p, n)))
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    return -1;
  c->buf = p;
  p += 1;
  return 0;
}
