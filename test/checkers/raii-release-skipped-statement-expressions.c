// A GNU statement expression's value is its last statement's: a block
// acquired into a variable of the statement expression and named last
// (`({ void *p_; if (..) p_ = calloc(k, 1); else p_ = calloc(k, n); p_; })`,
// as GLib's g_new0 expands when optimising) goes to whatever receives the
// expression, and is tracked there; the inner variable is not lost where
// its block ends.
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11 -isystem %mock_include/libc

#include <stdlib.h>

#define NEW_ZEROED(T, k)                                                       \
  ((T *)(__extension__({                                                       \
    size_t k_ = (size_t)(k);                                                   \
    void *p_;                                                                  \
    if (sizeof(T) == 1)                                                        \
      p_ = calloc(k_, 1);                                                   \
    else                                                                       \
      p_ = calloc(k_, sizeof(T));                                      \
    p_;                                                                        \
  })))

#define NEW_ONE(T) ((T *)(__extension__({ void *q_ = malloc(sizeof(T)); q_; })))

struct server {
  int port;
};

struct server *negativeReturned(void) {
  struct server *s = 0;
  s = NEW_ZEROED(struct server, 1);
  if (!s)
    return 0;
  s->port = 1;
  return s;
}

int negativeReleased(int port) {
  struct server *s = NEW_ONE(struct server);
  if (!s)
    return -1;
  s->port = port;
  free(s);
  return 0;
}

int positiveLostOnError(int port) {
  struct server *s = NEW_ZEROED(struct server, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 's' acquired by 'calloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :12:3: note: expanded from macro 'NEW_ZEROED'
  if (!s)
    return -1;
  if (port < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  s->port = port;
  free(s);
  return 0;
}
