// A function of the translation unit that stores its parameter where it
// outlives the call (a field of a block it allocates, a global, a table)
// takes the handle: passing it there is a hand-off, as passing it to a
// function the translation unit cannot see is (memcached's conn_new keeps
// the listening socket). A callee that only reads its parameter borrows it.
// RUN: %check_raii %s raii-release-skipped %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct conn {
  int sfd;
  struct conn *next;
};
static struct conn *conns[64];
static int last_fd = -1;

static struct conn *conn_new(int sfd) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return 0;
  c->sfd = sfd;
  conns[sfd & 63] = c;
  return c;
}

static void remember(int fd) { last_fd = fd; }

static int is_stdio(int fd) {
  int copy = fd;
  return copy <= 2;
}

int listen_conn(int port) {
  int sfd = socket(2, 1, 0);
  if (sfd < 0)
    return -1;
  if (port == 0) {
    close(sfd);
    return -1;
  }
  if (!conn_new(sfd)) {
    close(sfd);
    return -1;
  }
  return 0;
}

int remembered(void) {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return -1;
  remember(fd);
  return 0;
}

int onlyRead(int port) {
  int fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (is_stdio(fd) || port == 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}

// A function the translation unit cannot see that returns a status, after
// which the handle is named only to release it under the test of that
// status, took it where it succeeded (dropbear's `if
// (send_msg_channel_open_init(fd, ..) != DROPBEAR_SUCCESS) m_close(fd);`).
int open_channel(int fd, const char *msg);
int negativeUnseenStatusReleasedOnlyOnFailure(const char *msg) {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return -1;
  if (open_channel(fd, msg) < 0) {
    close(fd);
    return -1;
  }
  return 0;
}

int negativeUnseenStatusReleasedInElse(const char *msg) {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return -1;
  if (open_channel(fd, msg) == 0) {
    printf("channel open\n");
  } else {
    close(fd);
  }
  return 0;
}

// The same through a function of the file that passes the handle on to
// such a callee (dropbear's `send_msg_channel_open_agent(fd)`).
static int open_agent_channel(int fd) {
  if (open_channel(fd, "agent") == 0)
    return 0;
  return -1;
}
int negativeWrapperOfUnseenStatusReleasedOnFailure(void) {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return -1;
  if (open_agent_channel(fd) != 0)
    close(fd);
  return 0;
}

// A function of the file that only looks at the descriptor borrows it.
static int is_high(int fd) { return fd > 2; }
int positiveWrapperOnlyLooks(void) {
  int fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (is_high(fd) != 0)
    close(fd);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// Still named after the test (written to here): the call borrowed the
// handle and failed, and the release on its failure is evidence of that.
int send_all(int fd, const char *msg);
int positiveUnseenStatusThenUsed(const char *msg) {
  int fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (send_all(fd, msg) < 0) {
    close(fd);
    return -1;
  }
  write(fd, "\n", 1);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped by this return
}

// Released after the test, outside its branches: no sign of a failure.
int positiveUnseenStatusReleasedAfterTest(const char *msg, int more) {
  int fd = socket(2, 1, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'socket' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (send_all(fd, msg) != 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  return close(fd);
}

// Given, beside the handle, an object that outlives the call, a function
// the translation unit cannot see may keep the handle in it: released only
// where it failed, it took the handle where it succeeded (redis's
// redisInitiateSSL).
struct ctx;
int ctx_adopt(struct ctx *c, char *buf);
int negativeUnseenKeeperReleasedOnFailure(struct ctx *c) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  if (ctx_adopt(c, buf) != 0) {
    free(buf);
    return -1;
  }
  return 0;
}

// The same through the variable its result went to and a `goto`.
int negativeUnseenKeeperTestedThroughVariable(struct ctx *c) {
  char *buf = malloc(64);
  if (!buf)
    goto fail;
  int rc = ctx_adopt(c, buf);
  if (rc != 0)
    goto fail;
  return 0;
fail:
  free(buf);
  return -1;
}

// A function of the file that stores it, the failure reached by `goto`.
static int attach(struct conn *c, int fd) {
  if (fd > 1024)
    return -1;
  c->sfd = fd;
  return 0;
}
int negativeStoredTestedThenGoto(struct conn *c) {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return -1;
  if (attach(c, fd) != 0)
    goto fail;
  return 0;
fail:
  close(fd);
  return -1;
}

// Released after a call whose result no path tested: it only borrowed.
int positiveUnseenKeeperUntested(struct ctx *c, int e) {
  char *buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!buf)
    return -1;
  ctx_adopt(c, buf);
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  free(buf);
  return 0;
}

// A test of the result inside an edge of an earlier one tells which
// failure, not whether the call took the handle (collectd's `if (status !=
// 0) { if (status > 0) ERROR(..); sfree(key); }`).
void report(const char *fmt, ...);
int negativeUnseenKeeperFailureTestedAgain(struct ctx *c) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  int rc = ctx_adopt(c, buf);
  if (rc != 0) {
    if (rc > 0)
      report("taken already: %s", buf);
    free(buf);
    return -1;
  }
  return 0;
}

// An else-if chain: the test that tells is the later one.
int negativeUnseenKeeperElseIfChain(struct ctx *c) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  int rc = ctx_adopt(c, buf);
  if (rc < 0) {
    free(buf);
    return -1;
  } else if (rc > 0) {
    free(buf);
  }
  return 0;
}

// Released after both outcomes of its one test: the call only borrowed.
int positiveUnseenKeeperReleasedAfterBothOutcomes(struct ctx *c, int e) {
  char *buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!buf)
    return -1;
  if (ctx_adopt(c, buf) != 0) {
    free(buf);
    return -1;
  }
  if (e)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  free(buf);
  return 0;
}

// Tests one after the other: the last one before the release tells.
int negativeUnseenKeeperTestedTwiceInTurn(struct ctx *c) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  int rc = ctx_adopt(c, buf);
  if (rc < 0)
    report("failed");
  if (rc != 0) {
    free(buf);
    return -1;
  }
  return 0;
}

// A function the file cannot see that returns a new object may keep the
// handle in it: released only where it returned none, it took the handle
// (collectd's llentry_create(key, value)).
struct entry;
struct entry *entry_create(char *key, void *value);
void entry_append(struct entry *e);
int negativeUnseenConstructorReleasedOnFailure(const char *name) {
  char *key = strdup(name);
  if (!key)
    return -1;
  struct entry *e = entry_create(key, NULL);
  if (!e) {
    free(key);
    return -1;
  }
  entry_append(e);
  return 0;
}

// So is one whose result is stored and tested in one condition, after an
// earlier call that may have taken the handle too (libzip's
// `zip_error_init(&ctx->error); if ((zs = zip_source_function_create(..,
// ctx, ..)) == NULL) { free(ctx); .. }`): the later call is the keeper,
// and the release on its failure shows the earlier one borrowed.
struct ctx {
  int error;
};
void error_init(int *e);
struct entry *entry_for(void *ud);
struct entry *negativeStoredAndTestedAfterEarlierCall(void) {
  struct ctx *ctx;
  struct entry *e;
  if ((ctx = malloc(sizeof *ctx)) == NULL)
    return NULL;
  error_init(&ctx->error);
  if ((e = entry_for(ctx)) == NULL) {
    free(ctx);
    return NULL;
  }
  return e;
}

// One that returns a number, with the handle read after it, borrowed it.
int parse_key(char *key);
int positiveUnseenNumberReleasedOnFailure(const char *name) {
  char *key = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'key' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!key)
    return -1;
  if (parse_key(key) != 0) {
    free(key);
    return -1;
  }
  printf("%s\n", key);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'key' is skipped by this return
}

// An earlier call that fills a field of the block (`get_string(ci,
// &x->path)`) is no likelier keeper than a later one whose result the next
// statement tests through its variable (collectd's curl_xml: `le =
// llentry_create(x->path, x); if (le == NULL) { item_free(x); .. }`).
typedef struct item {
  char *path;
} item_t;
struct config;
int get_string(struct config *ci, char **out);
static void item_free(item_t *x) {
  if (!x)
    return;
  free(x->path);
  free(x);
}
int negativeUnseenConstructorAfterFieldFiller(struct config *ci) {
  item_t *x = calloc(1, sizeof(*x));
  if (!x)
    return -1;
  int status = get_string(ci, &x->path);
  if (status != 0) {
    item_free(x);
    return status;
  }
  if (x->path[0] == 0) {
    item_free(x);
    return -1;
  }
  struct entry *le = entry_create(x->path, x);
  if (le == NULL) {
    item_free(x);
    return -1;
  }
  entry_append(le);
  return 0;
}

// The next statement after the call tests something else: the filler
// stays the likeliest keeper, and the exit after the list took the entry
// is blamed as well.
int positiveUnseenConstructorUntested(struct config *ci, int e) {
  item_t *x = calloc(1, sizeof(*x));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'x' acquired by 'calloc' is not released on every path [raii-release-skipped]
  if (!x)
    return -1;
  int status = get_string(ci, &x->path);
  if (status != 0) {
    item_free(x);
    return status;
  }
  if (x->path[0] == 0) {
    item_free(x);
    return -1;
  }
  struct entry *le = entry_create(x->path, x);
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'x' is skipped by this return
  if (le == NULL) {
    item_free(x);
    return -1;
  }
  entry_append(le);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'x' is skipped by this return
}

// The failure of the keeper is told through a flag (collectd's powerdns:
// `if (e == NULL) { status = -1; break; } .. if (status != 0) { free(item);
// .. }`): the path where the call failed is kept apart from the one where
// it succeeded, so the release under the flag is one where it failed.
int negativeUnseenConstructorFailureFlag(void) {
  item_t *x = calloc(1, sizeof(*x));
  if (!x)
    return -1;
  int status = 0;
  x->path = NULL;
  struct entry *e = entry_create(NULL, x);
  if (e == NULL)
    status = -1;
  else
    entry_append(e);
  if (status != 0) {
    free(x);
    return -1;
  }
  return 0;
}

// The flag holds two failures' values on two paths that merge (`status =
// get_string(..)` failed, or later `status = -1`): both still say `status
// != 0`, so the success exit is not reached where nothing took the block.
int negativeUnseenConstructorMergedFailures(struct config *ci, int n) {
  item_t *x = calloc(1, sizeof(*x));
  if (!x)
    return -1;
  char *path = strdup("/run/x");
  int status = get_string(ci, &path);
  if (status == 0) {
    do {
      if (n == 3) {
        status = -1;
        break;
      }
      struct entry *e = entry_create(NULL, x);
      if (e == NULL) {
        status = -1;
        break;
      }
      entry_append(e);
    } while (0);
  }
  if (status != 0) {
    free(path);
    free(x);
    return -1;
  }
  free(path);
  return 0;
}

// A path that sets the flag back to success before anything took the block
// reaches the success exit holding it.
int positiveUnseenConstructorFlagReset(struct config *ci, int n) {
  item_t *x = calloc(1, sizeof(*x));
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'x' acquired by 'calloc' is not released on every path [raii-release-skipped]
  if (!x)
    return -1;
  char *path = strdup("/run/x");
  int status = get_string(ci, &path);
  if (status == 0) {
    do {
      if (n == 3) {
        status = 0;
        break;
      }
      struct entry *e = entry_create(NULL, x);
      if (e == NULL) {
        status = -1;
        break;
      }
      entry_append(e);
    } while (0);
  }
  if (status != 0) {
    free(path);
    free(x);
    return -1;
  }
  free(path);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'x' is skipped by this return
}

// A function the file cannot see that is given the handle as an untyped
// context beside a function to call with it may keep it for that function
// (collectd's `plugin_thread_create(&th, handle_client, remote_fd, ..)`):
// released only where it failed, the handle was taken where it succeeded.
int start_worker(void *(*fn)(void *), void *arg);
int submit_job(void *arg);
static void *worker(void *arg) {
  free(arg);
  return NULL;
}
void negativeCallbackContextReleasedOnFailure(int n) {
  for (int i = 0; i < n; i++) {
    int *slot = malloc(sizeof(*slot));
    if (slot == NULL)
      continue;
    *slot = i;
    int status = start_worker(worker, slot);
    if (status != 0) {
      free(slot);
      continue;
    }
  }
}

// Without a function to call with it, the callee that returns a number,
// with the handle read after it, borrowed it: it leaks where the call
// succeeded.
void positiveContextWithoutCallback(int n) {
  for (int i = 0; i < n; i++) {
    int *slot = malloc(sizeof(*slot));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'slot' acquired by 'malloc' is not released on every path [raii-release-skipped]
    if (slot == NULL)
      continue;
    *slot = i;
    int status = submit_job(slot);
    if (status != 0) {
      free(slot);
      continue;
    }
    printf("%d\n", *slot);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'slot' is skipped where its variable's scope ends, before it is acquired again
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'slot' is skipped when the function ends here

// The address of a handle given as `const void *` gives a function the
// file cannot see the handle's bytes, which it may copy where they outlive
// the call (flex's `buf_append(&defs_buf, &cpy, 1)` memcpys the pointer
// into a table): maybe taken. Given as a typed `const T *`, it is read.
struct table;
extern struct table *defs;
void table_append(struct table *t, const void *elem, int n);
void show_name(char *const *name);
void negativeAddressAsBytes(const char *name) {
  char *cpy = strdup(name);
  if (!cpy)
    return;
  table_append(defs, &cpy, 1);
}
void positiveAddressTyped(const char *name) {
  char *cpy = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'cpy' acquired by 'strdup' is never released [raii-release-skipped]
  if (!cpy)
    return;
  show_name(&cpy);
}

// With the body in the file: one that copies the bytes (`memcpy` from the
// parameter into a table) keeps the handle; one that only reads them (a
// hash) does not.
static char *slots[16];
static int nslots;
static void slot_append(const void *elem) {
  memcpy(&slots[nslots++], elem, sizeof slots[0]);
}
static unsigned hash_bytes(const void *data, unsigned n) {
  const unsigned char *b = data;
  unsigned h = 0;
  while (n--)
    h = h * 31 + *b++;
  return h;
}
void negativeAddressCopiedByBody(const char *name) {
  char *cpy = strdup(name);
  if (!cpy)
    return;
  slot_append(&cpy);
}
unsigned positiveAddressHashed(const char *name) {
  char *cpy = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'cpy' acquired by 'strdup' is never released [raii-release-skipped]
  if (!cpy)
    return 0;
  return hash_bytes(&cpy, sizeof cpy);
}

// A `const void *` given to a function the file cannot see that returns a
// status, released only under that status's test, was kept where the call
// succeeded (libssh's `rc = ssh_list_append(list, id); if (rc < 0)
// free(id);`).
struct list;
int list_append(struct list *l, const void *data);
int negativeConstVoidKeptOnSuccess(struct list *l, const char *name) {
  char *id = strdup(name);
  if (!id)
    return -1;
  int rc = list_append(l, id);
  if (rc < 0) {
    free(id);
    return -1;
  }
  return 0;
}

// Twin: a `const char *` reads a string; nothing says the call kept it.
int list_append_text(struct list *l, const char *text);
int positiveConstCharBorrowed(struct list *l, const char *name) {
  char *id = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'id' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!id)
    return -1;
  int rc = list_append_text(l, id);
  if (rc < 0) {
    free(id);
    return -1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'id' is skipped by this return
}

// Twin: with no place beside it to keep the bytes (`write_all(fd, buf,
// n)`, a checksum), the release only on failure is a leak on success.
int write_all(int fd, const void *data, unsigned long n);
int positiveConstVoidWrittenOut(int fd, const char *name) {
  char *buf = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!buf)
    return -1;
  int rc = write_all(fd, buf, 4);
  if (rc < 0) {
    free(buf);
    return -1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'buf' is skipped by this return
}

// The status stored in each arm of an `if` and tested right after it
// (libssh's options: append or prepend by a flag).
int list_prepend(struct list *l, const void *data);
int negativeConstVoidKeptInEitherArm(struct list *l, const char *name,
                                     int tail) {
  int rc;
  char *id = strdup(name);
  if (!id)
    return -1;
  if (tail)
    rc = list_append(l, id);
  else
    rc = list_prepend(l, id);
  if (rc < 0) {
    free(id);
    return -1;
  }
  return 0;
}

// Twin: the other arm gives the block to nothing.
int positiveConstVoidKeptInOneArm(struct list *l, const char *name,
                                  int tail) {
  int rc;
  char *id = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'id' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!id)
    return -1;
  if (tail)
    rc = list_append(l, id);
  else
    rc = 0;
  if (rc < 0) {
    free(id);
    return -1;
  }
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'id' is skipped by this return
}

// Released where the status says it failed, after a jump: each block of
// the list built one by one goes to the list, and the clean-up label frees
// only the one whose append failed (libssh's ssh_new).
struct list *list_new(void);
int negativeConstVoidFailureJumps(struct list **out) {
  char *id = NULL;
  int rc;
  struct list *l = list_new();
  if (l == NULL)
    goto err;
  id = strdup("a");
  if (id == NULL)
    goto err;
  rc = list_append(l, id);
  if (rc == -1)
    goto err;
  id = strdup("b");
  if (id == NULL)
    goto err;
  rc = list_append(l, id);
  if (rc == -1)
    goto err;
  *out = l;
  return 0;
err:
  free(id);
  return -1;
}

// A `const void *` given to a function the file cannot see that returns
// the list's new head, tested, the block named after the call only to
// release it under that test: kept where the call succeeded (kmod's `n =
// kmod_list_append(*list, mv); if (n != NULL) *list = n; else { free(mv);
// .. }`).
struct list *list_push(struct list *l, const void *data);
int negativeConstVoidNewHead(struct list **out, const char **names, int n) {
  struct list *l = 0;
  for (int i = 0; i < n; i++) {
    char *id = strdup(names[i]);
    if (!id)
      return -1;
    struct list *head = list_push(l, id);
    if (head != 0) {
      l = head;
    } else {
      free(id);
      return -1;
    }
  }
  *out = l;
  return 0;
}

// Twin: named after the call outside the test (logged after it), nothing
// says the call kept it.
void log_text(const char *s);
int positiveConstVoidNewHeadUsedAfter(struct list **out, const char *name) {
  char *id = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'id' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!id)
    return -1;
  struct list *head = list_push(*out, id);
  if (head == 0) {
    free(id);
    return -1;
  }
  log_text(id);
  *out = head;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'id' is skipped by this return
}

// Twin: a pointer result of another type than the place beside it is an
// entry found, not the container's new head; the key stays the caller's.
struct cache;
struct entry;
struct entry *cache_find(struct cache *c, const void *key, unsigned long n);
int positiveLookupResult(struct cache *c, const char *name,
                         struct entry **out) {
  char *key = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'key' acquired by 'strdup' is not released on every path [raii-release-skipped]
  if (!key)
    return -1;
  struct entry *e = cache_find(c, key, 4);
  if (e == 0) {
    free(key);
    return -1;
  }
  *out = e;
  return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'key' is skipped by this return
}
