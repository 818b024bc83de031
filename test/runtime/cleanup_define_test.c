/* Run test of <raii/cleanup.h>: cleanups for user release functions.
 * RAII_DEFINE_CLEANUP skips 0 / NULL, RAII_DEFINE_CLEANUP_INVALID skips its
 * own invalid value (and so releases 0), RAII_DEFINE_CLEANUP_FD skips every
 * negative value (and releases 0); each valid handle is released
 * exactly once on every way out of the scope, in reverse declaration order,
 * and a release's result is dropped. Counting release functions record
 * every call, including any with an invalid value. */
#include <raii/cleanup.h>

#include "support/c_check.h"

/* --- a pointer family: widgets ------------------------------------------- */
struct widget {
  int id;
};

static int widget_log[32]; /* ids in release order */
static int widget_releases;
static int widget_null_releases;

static void widget_release(struct widget *w) {
  if (w == NULL) {
    ++widget_null_releases;
    return;
  }
  CHECK(widget_releases < 32);
  widget_log[widget_releases++] = w->id;
}

RAII_DEFINE_CLEANUP(struct widget *, widget_release)

/* --- an integer family where 0 is valid and -1 is not: tokens -------------- */
static int token_releases;
static int token_invalid_releases;
static int token_last;

static int token_release(int token) { /* the result is dropped */
  if (token == -1)
    ++token_invalid_releases;
  ++token_releases;
  token_last = token;
  return 0;
}

RAII_DEFINE_CLEANUP_INVALID(int, token_release, -1)

/* --- an integer family with the default rule: 0 means "none" -------------- */
typedef unsigned handle_t;
static int handle_releases;
static int handle_zero_releases;

static void handle_close(handle_t h) {
  if (h == 0)
    ++handle_zero_releases;
  ++handle_releases;
}

RAII_DEFINE_CLEANUP(handle_t, handle_close)

/* --- a descriptor-like family: every negative value is "none" ------------- */
static int sock_releases;
static int sock_negative_releases;
static int sock_last = 12345;

static int sock_close(int s) {
  if (s < 0)
    ++sock_negative_releases;
  ++sock_releases;
  sock_last = s;
  return 0;
}

RAII_DEFINE_CLEANUP_FD(sock_close)

/* The counts of invalid releases are never reset: main checks they stayed
 * 0 through every case. */
static void reset_counts(void) {
  widget_releases = 0;
  token_releases = 0;
  token_last = 12345;
  handle_releases = 0;
}

static void reverse_order(void) {
  struct widget a = {1}, b = {2}, c = {3};
  RAII_AUTO(widget_release) struct widget *wa = &a;
  RAII_AUTO(widget_release) struct widget *wb = &b;
  {
    RAII_AUTO(widget_release) struct widget *wc = &c;
    (void)wc;
  }
  CHECK_EQ(widget_releases, 1);
  CHECK_EQ(widget_log[0], 3);
  (void)wa;
  (void)wb;
}

static int exits(int how) {
  struct widget w = {10 + how};
  int i;
  for (i = 0; i < 3; ++i) {
    RAII_AUTO(widget_release) struct widget *held = &w;
    RAII_AUTO(token_release) int token = i;
    if (how == 1 && i == 0)
      continue;
    if (how == 2 && i == 1)
      break;
    if (how == 3 && i == 2)
      return -3;
    if (how == 4)
      goto out;
    (void)held;
    (void)token;
  }
out:
  return i;
}

static void invalid_values_skipped(void) {
  {
    RAII_AUTO(widget_release) struct widget *none = NULL;
    RAII_AUTO(token_release) int no_token = -1;
    RAII_AUTO(token_release) int zero_token = 0; /* valid: -1 is the invalid one */
    RAII_AUTO(handle_close) handle_t no_handle = 0;
    RAII_AUTO(handle_close) handle_t handle = 5;
    RAII_AUTO(sock_close) int no_sock = -1;
    RAII_AUTO(sock_close) int failed_sock = -22; /* -EINVAL */
    RAII_AUTO(sock_close) int sock0 = 0;
    (void)no_sock;
    (void)failed_sock;
    (void)sock0;
    (void)none;
    (void)no_token;
    (void)zero_token;
    (void)no_handle;
    (void)handle;
  }
  CHECK_EQ(widget_releases, 0);
  CHECK_EQ(token_releases, 1);
  CHECK_EQ(token_last, 0);
  CHECK_EQ(handle_releases, 1);
  CHECK_EQ(sock_releases, 1);
  CHECK_EQ(sock_last, 0);
}

/* A variable set to the invalid value before the scope ends (a hand-off)
 * is not released. */
static void handed_off(void) {
  struct widget w = {99};
  struct widget *kept;
  int kept_token;
  {
    RAII_AUTO(widget_release) struct widget *held = &w;
    RAII_AUTO(token_release) int token = 7;
    kept = raii_steal_ptr(&held);
    kept_token = token;
    token = -1;
  }
  CHECK(kept == &w);
  CHECK_EQ(kept_token, 7);
  CHECK_EQ(widget_releases, 0);
  CHECK_EQ(token_releases, 0);
}

int main(void) {
  reset_counts();
  reverse_order();
  CHECK_EQ(widget_releases, 3);
  CHECK_EQ(widget_log[1], 2);
  CHECK_EQ(widget_log[2], 1);

  /* how: 0 no early exit, 1 continue, 2 break, 3 return, 4 goto */
  {
    static const int expected_releases[] = {3, 3, 2, 3, 1};
    static const int expected_result[] = {3, 3, 1, -3, 0};
    int how;
    for (how = 0; how <= 4; ++how) {
      reset_counts();
      CHECK_EQ(exits(how), expected_result[how]);
      CHECK_EQ(widget_releases, expected_releases[how]);
      CHECK_EQ(token_releases, expected_releases[how]);
      CHECK_EQ(widget_log[0], 10 + how);
      CHECK_EQ(token_last, expected_releases[how] - 1);
    }
  }

  reset_counts();
  invalid_values_skipped();
  reset_counts();
  handed_off();

  CHECK_EQ(widget_null_releases, 0);
  CHECK_EQ(token_invalid_releases, 0);
  CHECK_EQ(handle_zero_releases, 0);
  CHECK_EQ(sock_negative_releases, 0);
  puts("cleanup_define: ok");
  return 0;
}
