// A function of the translation unit that releases its caller's handle
// exactly where its result reports failure (`if (..) { close(fd); return
// false; } return true;`, `free(buf); return -1;` against `return 0;`): a
// test of that result tells the caller where the handle is gone (a return
// there loses nothing, a release there is a second one). Where it
// succeeded the caller still holds the handle if the function only lent it
// (tests it, reads through it, gives it to calls that borrow it), and a
// return then leaks it; a function that may have handed it on there (a
// call of another file given it, a store, a list beside it) may have taken
// it, as any such call. Untested, the call is as any that may take it.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

bool configure(int fd);
void watch_fd(int fd);
void use(int v);

// Kept when it returns true.
static bool init_socket(int sock) {
  if (write(sock, "", 1) != 1) {
    close(sock);
    return false;
  }
  return true;
}

// Released when it returns false; where it returns true, watch_fd (of
// another file) may have kept the descriptor.
static bool attach(int fd) {
  if (!configure(fd)) {
    close(fd);
    return false;
  }
  watch_fd(fd);
  return true;
}

// Kept when it returns zero; every failure is negative.
static int prepare(char *buf, int n) {
  if (n < 0) {
    free(buf);
    return -1;
  }
  if (n > 100) {
    free(buf);
    return -2;
  }
  buf[0] = 0;
  return 0;
}

// Kept when it returns zero, released when it returns 1: a sign test
// cannot tell.
static int check(char *buf, int n) {
  if (n < 0) {
    free(buf);
    return 1;
  }
  return 0;
}

int closed_after_init(void) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (!init_socket(s))
    return -1;
  use(s);
  close(s);
  return 0;
}

int returned_after_init(void) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (init_socket(s) == false)
    return -1;
  return s;
}

int leaks_after_init(int n) {
  int s = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' acquired by 'socket' is never released, and not handed off on every path [raii-release-skipped]
  if (s < 0)
    return -1;
  if (!init_socket(s))
    return -1;
  if (n > 3)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  return s;
}

int attached(void) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (!attach(s))
    return -1;
  return 0;
}

int closed_twice_after_attach(void) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (!attach(s)) {
    close(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 's' is released by 'close' on a path where it was already released [raii-double-release]
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: 's' was first released here
    return -1;
  }
  return 0;
}

int freed_after_prepare(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  if (prepare(b, n) < 0)
    return -1;
  use(b[0]);
  free(b);
  return 0;
}

int freed_after_prepare_by_result(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  int rc = prepare(b, n);
  if (rc != 0)
    return rc;
  use(b[0]);
  free(b);
  return 0;
}

int leaks_after_prepare(int n) {
  char *b = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'b' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!b)
    return -1;
  if (prepare(b, n) < 0)
    return -1;
  if (n > 5)
    return 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  free(b);
  return 0;
}

int freed_twice_after_prepare(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  if (prepare(b, n)) {
    free(b);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'b' is released by 'free' on a path where it was already released [raii-double-release]
    // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'b' was first released here
    return -1;
  }
  free(b);
  return 0;
}

// A result the function gives another value before the test tells nothing.
int result_reused(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  int rc = prepare(b, n);
  rc = n;
  if (rc != 0)
    return rc;
  free(b);
  return 0;
}

// Released on 1, kept on 0: `< 0` is never true, so the false side holds
// both outcomes; the call may have taken the block, as when untested.
int sign_test_of_positive_failure(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  if (check(b, n) < 0)
    return -1;
  if (n > 5)
    return 3;
  free(b);
  return 0;
}

// Untested, then released by hand: the call only borrowed it (so a return
// before that release leaks it).
int untested(int n) {
  char *b = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'b' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!b)
    return -1;
  prepare(b, n);
  if (n > 5)
    return 3;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  free(b);
  return 0;
}

// A wrapper that gives the handle to something that may keep it where it
// succeeds (a list beside it) and frees it where that fails does not keep
// it for its caller: after success the list has it.
struct list;
int list_add(struct list *l, char *item);
static bool insert(struct list *l, char *item) {
  if (list_add(l, item))
    return true;
  free(item);
  return false;
}
void negativeInsertedWhereItSucceeds(struct list *l, int n) {
  for (int i = 0; i < n; i++) {
    if (i == 3)
      continue;
    char *item = malloc(16);
    if (!item)
      return;
    if (!insert(l, item))
      continue;
  }
}

// An unsigned result is never negative: `r < 0` tells nothing, and the
// later `r != 0` still says where the block is gone.
static unsigned prepare_unsigned(char *b, int n) {
  if (n < 0) {
    free(b);
    return -1;
  }
  return 0;
}
int unsigned_result(int n) {
  char *b = malloc(16);
  if (!b)
    return -1;
  unsigned r = prepare_unsigned(b, n);
  if (r < 0)
    return -2;
  if (r != 0)
    return -1;
  free(b);
  return 0;
}

// A copy of the parameter stored where it succeeds: maybe taken there.
int g_fd;
static bool keep_copy(int fd) {
  if (write(fd, "", 1) != 1) {
    close(fd);
    return false;
  }
  int x = fd;
  g_fd = x;
  return true;
}
int kept_by_copy(void) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (!keep_copy(s))
    return -1;
  return 0;
}

// A copy through `?:` and a field's address given to a list keep the
// handle where the wrapper succeeds: maybe taken there.
static bool keep_either(int fd, int keep) {
  if (write(fd, "", 1) != 1) {
    close(fd);
    return false;
  }
  g_fd = keep ? fd : 3;
  return true;
}
int kept_through_conditional(int keep) {
  int s = socket(2, 1, 0);
  if (s < 0)
    return -1;
  if (!keep_either(s, keep))
    return -1;
  return 0;
}

struct node {
  struct node *next;
};
struct item {
  struct node link;
  int v;
};
struct node g_head;
void link_node(struct node *n, struct node *head);
static bool enlist(struct item *it) {
  if (it->v < 0) {
    free(it);
    return false;
  }
  link_node(&it->link, &g_head);
  return true;
}
int linked(int v) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return -1;
  it->v = v;
  if (!enlist(it))
    return -1;
  return 0;
}
