// `p = realloc(p, n);` loses p's block when realloc fails, unless the
// process ends right there: the next statement tests p and calls something
// that never returns, or hands p to a function of the file that does not
// return when it is null (sqlite3 shell's shell_check_oom, lz4's
// run_screaming, libzmq's alloc_assert). Those six were reported before.
// A failure that returns, or that only logs, stays reported. A parameter
// given by value is not the only pointer: the caller still holds the block
// (pigz's alloc wrapper returns what realloc gave).
// RUN: %check_raii %s raii-release-skipped %t -- -std=gnu11
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static void oom(void) {
  fprintf(stderr, "out of memory\n");
  exit(1);
}
static void check_oom(void *p) {
  if (p == 0)
    oom();
}
static void run_screaming(const char *msg, int code) {
  perror(msg);
  exit(code);
}
// Declared for analysers only, defined in another file (libzmq).
void fatal(const char *msg) __attribute__((analyzer_noreturn));
#define alloc_assert(x)                                                        \
  do {                                                                         \
    if (__builtin_expect(!(x), 0)) {                                           \
      fprintf(stderr, "out of memory\n");                                      \
      fatal("out of memory");                                                  \
    }                                                                          \
  } while (0)

char *checkHelper(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  check_oom(p);
  return p;
}

char *testThenExit(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  if (p == NULL)
    run_screaming("realloc", 1);
  return p;
}

// squashfs-tools' MEM_ERROR(): the null branch is a `do { .. } while (0)`
// that ends the process. Its twin may leave the `do` by `break`.
void progress_error(const char *fmt, ...);
#define MEM_ERROR()                                                            \
  do {                                                                         \
    progress_error("out of memory in %s\n", __func__);                         \
    exit(1);                                                                   \
  } while (0)
char *doWhileExits(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  if (p == NULL)
    MEM_ERROR();
  return p;
}

char *doWhileMayBreak(size_t n, int quiet) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (p == NULL)
    do {
      if (quiet)
        break;
      exit(1);
    } while (0);
  return p;
}

// fish's buffer that starts on the stack: realloc is given the block
// unless the pointer is still the stack array, and the block is freed
// unless it is. Its twin passes null on a test that says nothing of p: the
// block p holds is lost there.
void use(char *);
void growFromStack(int rounds) {
  char sb[16];
  char *p = sb;
  for (int i = 0; i < rounds; i++) {
    p = realloc(p == sb ? NULL : p, 32u << i);
    if (!p)
      abort();
    use(p);
  }
  if (p != sb)
    free(p);
}

// Compared with a local that may hold p's own block, the null arm may be
// taken while p holds it: p leaks there.
void freeUnlessAlias(int c) {
  char *p = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return;
  char *q = c ? p : NULL;
  use(q);
  free(p == q ? NULL : p);
}

void growLosesBlock(int rounds) {
  char *p = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!p)
    return;
  for (int i = 0; i < rounds; i++) {
    char *q = realloc(rounds > 100 ? NULL : p, 32u << i);
    if (!q) {
      free(p);
      return;
    }
    p = q;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'p' is acquired again here while it still holds the earlier resource
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'p' acquired by 'realloc' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'p' is acquired again here while it still holds the earlier resource
  }
  free(p);
}

char *assertMacro(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  alloc_assert(p);
  return p;
}

char *inTheCondition(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  if ((p = realloc(p, n)) == NULL) {
    perror("realloc");
    exit(2);
  }
  return p;
}

// Where the right operand of `&&` runs, its test decides the branch.
char *inTheRightOperand(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  if (n && (p = realloc(p, n)) == NULL)
    exit(2);
  return p;
}

// The left operand's test does not decide the branch: `p` null and `n`
// zero takes the other one.
char *inTheLeftOperand(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  if ((p = realloc(p, n)) == NULL && n)
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    exit(2);
  return p;
}

char *libcAssert(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  assert(p);
  return p;
}

char *returnsNull(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!p)
    return NULL;
  return p;
}

char *onlyLogs(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!p) {
    perror("realloc");
  }
  return p;
}

char *checkedTooLate(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  fprintf(stderr, "grown\n");
  p[0] = 0;
  check_oom(p);
  return p;
}

// A helper that tests another value than the one it was given says nothing
// of it.
static void *fallback;
static void check_or_fallback(void *p) {
  if (p == 0)
    p = fallback;
  if (p == 0)
    oom();
}

char *helperTestsAnotherValue(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  check_or_fallback(p);
  return p;
}

void *reallocParameter(void *ptr, size_t size) {
  ptr = realloc(ptr, size);
  if (ptr == NULL)
    fprintf(stderr, "not enough memory\n");
  return ptr;
}

// A field reached through a parameter is the only pointer the caller has.
struct buf {
  char *data;
};
int reallocField(struct buf *b, size_t n) {
  b->data = realloc(b->data, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: when 'realloc' fails it returns null and 'b->data' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  return b->data ? 0 : -1;
}

// The same through a pointer or an element: the caller's only pointer.
int reallocThrough(char **buf, size_t n) {
  *buf = realloc(*buf, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and '*buf' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  return *buf ? 0 : -1;
}
int reallocElement(char **v, int i, size_t n) {
  v[i] = realloc(v[i], n);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and 'v[i]' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  return v[i] ? 0 : -1;
}
int reallocElementOrExit(char **v, int i, size_t n) {
  v[i] = realloc(v[i], n);
  if (!v[i])
    exit(1);
  return 0;
}
// Two different elements are no one pointer.
void reallocOtherElement(char **v, size_t n) {
  v[1] = realloc(v[0], n);
}
// The same test of the same expression ends the process (libzmq's trie:
// `*buff_ = realloc(*buff_, n); zmq_assert(*buff_);`).
void reallocThroughAsserted(char **buf, size_t n) {
  *buf = realloc(*buf, n);
  alloc_assert(*buf);
}
// A static or a global is the only pointer too (lemon's `static char *z;
// z = realloc(z, alloced); if (z == 0) return empty;`).
const char *growStatic(size_t n) {
  static char *z = 0;
  z = realloc(z, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'z' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (z == 0)
    return "";
  return z;
}
// The textbook idiom in a loop: from the second round `tmp` and `buf` name
// the same block, but a failure stores null in `tmp` only; `buf` still
// holds the block and is freed (fio's fio_net_recv_cmd).
char *collect(const char **parts, int n) {
  char *buf = NULL, *tmp;
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    size_t l = __builtin_strlen(parts[i]);
    tmp = realloc(buf, len + l + 1);
    if (!tmp) {
      free(buf);
      return NULL;
    }
    buf = tmp;
    __builtin_memcpy(buf + len, parts[i], l + 1);
    len += l;
  }
  return buf;
}

// The block saved in a local before the store and put back where realloc
// failed (collectd's write_sensu add_str_to_list): not the only pointer.
struct strs { char **v; int n; };
int keepsSavedCopy(struct strs *s, char *add) {
  char **old = s->v;
  s->v = realloc(s->v, sizeof(char *) * (s->n + 1));
  if (s->v == NULL) {
    s->v = old;
    return -1;
  }
  s->v[s->n++] = add;
  return 0;
}
// Twin: a copy taken before but never read afterwards saves nothing.
int copyNeverUsed(struct strs *s, char *add) {
  char **old = s->v;
  if (old == NULL)
    return -2;
  s->v = realloc(s->v, sizeof(char *) * (s->n + 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: when 'realloc' fails it returns null and 's->v' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (s->v == NULL)
    return -1;
  s->v[s->n++] = add;
  return 0;
}

// The test that ends the process may come after the `if` the realloc is in
// (screen's Resize_obuf): the failure still goes there.
struct grow {
  char *p;
  size_t n;
};
void growAfterJoin(struct grow *g) {
  if (g->n) {
    g->p = realloc(g->p, g->n);
  }
  if (!g->p)
    oom();
}

// Twin: at the end of a loop's body the loop goes on, not to the test.
void growInLoop(struct grow *g, int k) {
  while (k-- > 0) {
    g->p = realloc(g->p, g->n);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: when 'realloc' fails it returns null and 'g->p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  }
  if (!g->p)
    oom();
}

// A null branch that only calls a project function returning nothing,
// defined in another file (bc's dc_memfail), is a fatal-error handler: the
// code after the `if` goes on to use the pointer. One that returns a
// value, or whose body the file has and returns, still leaves the block
// lost.
void out_of_memory(void);
int report_oom(void);
static void log_oom(void) { fputs("out of memory\n", stderr); }

char *unseenHandler(size_t n) {
  char *p = malloc(8);
  if (!p)
    out_of_memory();
  p = realloc(p, n);
  if (p == NULL)
    out_of_memory();
  p[0] = 0;
  return p;
}

// The same with the assignment in the `if`'s condition.
void addNumberInCondition(size_t *n, long long **v, long long x) {
  if ((*v = realloc(*v, sizeof(**v) * (*n + 1))) == NULL)
    out_of_memory();
  (*v)[(*n)++] = x;
}

char *handlerInConditionThenReturn(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  if ((p = realloc(p, n)) == NULL)
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    out_of_memory();
  return p;
}

char *handlerReturnsValue(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (p == NULL)
    report_oom();
  return p;
}

char *handlerOfTheFileReturns(size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (p == NULL)
    log_oom();
  return p;
}

// ... also after a diagnostic (mawk's rexp2.c, its GCC_NORETURN empty).
int *runStack, *runLimit;
int *growRunStack(size_t n) {
  runStack = realloc(runStack, n * sizeof *runStack);
  if (!runStack) {
    fprintf(stderr, "out of memory\n");
    out_of_memory();
  }
  runLimit = runStack + n;
  return runStack;
}

// Given null just before in the same block, the pointer loses nothing.
char *negativeNullJustBefore(size_t n) {
  char *p = NULL;
  p = realloc(p, n);
  return p;
}

// In a loop's body it holds the block from the second round on.
int more_rounds(void);
char *positiveNullBeforeLoop(size_t n) {
  char *p = NULL;
  size_t len = 0;
  while (more_rounds())
    p = realloc(p, len += n);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  return p;
}

// A `case` lets control in between with another value.
char *positiveNullBeforeCase(char *q, int k, size_t n) {
  char *p = q;
  switch (k) {
  case 0:
    p = NULL;
  case 1:
    p = realloc(p, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    break;
  default:
    break;
  }
  return p;
}

// The test that ends the process comes after statements that do not name
// the pointer, past the end of the branches around the realloc (lsof's
// dsock.c: `a = realloc(a, n); d = 0; } else d = 1; } else ..; if (!a) {
// ..; Error(); }`); or the null branch jumps to a label whose statements
// end it (lsof's misc.c: `goto no_space; .. no_space: ..; Error();`).
// Before: reported. A statement naming the pointer in between, or a label
// whose statements return, leaves it reported.
void Error(void) __attribute__((noreturn));
struct ent {
  char *addr;
};
char *negativeTestAfterEnclosingBranches(struct ent *sp, int dup, size_t n) {
  size_t plen = 0;
  int d;
  char *a = sp ? sp->addr : NULL;
  if (a) {
    if (!dup) {
      a = realloc(a, plen + n);
      d = 0;
    } else
      d = 1;
  } else {
    a = malloc(n);
    d = 0;
  }
  if (!a) {
    fprintf(stderr, "no space\n");
    Error();
  }
  if (!d)
    a[0] = 0;
  return a;
}
char *positiveNamedBeforeTest(struct ent *sp, size_t n, char **out) {
  char *a = sp ? malloc(n) : NULL;
  if (a) {
    a = realloc(a, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: when 'realloc' fails it returns null and 'a' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    *out = a;
  }
  if (!a)
    Error();
  return a;
}
static char **stack;
void negativeGotoToExitingLabel(int want) {
  if (want > 8) {
    if (!(stack = realloc(stack, want * sizeof(char *))))
      goto no_space;
    return;
  no_space:
    fprintf(stderr, "no space\n");
    Error();
  }
}
int positiveGotoToReturningLabel(int want) {
  if (!(stack = realloc(stack, want * sizeof(char *))))
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: when 'realloc' fails it returns null and 'stack' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    goto no_space;
  return 0;
no_space:
  fprintf(stderr, "no space\n");
  return -1;
}
// A statement in between that changes what the target names (the list
// walked on) or makes a call: the test no longer tells of the block.
struct node {
  char *data;
  struct node *next;
};
void positiveTargetWalkedBeforeTest(struct node *p, size_t n) {
  p->data = realloc(p->data, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: when 'realloc' fails it returns null and 'p->data' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  p = p->next;
  if (!p->data)
    Error();
}

// A local every value of which is read from a place an object keeps (a
// field, directly or through a getter, ldns' resolver.c): where realloc
// fails that place still holds the block. A local that also holds a block
// of its own loses it.
struct strList {
  char **items;
  size_t count;
};
static char **listItems(const struct strList *l) { return l->items; }
int negativeCopyOfField(struct strList *l, char *item) {
  char **items = l->items;
  items = realloc(items, (l->count + 1) * sizeof *items);
  if (!items)
    return -1;
  l->items = items;
  items[l->count++] = item;
  return 0;
}
int negativeCopyThroughGetter(struct strList *l, char *item) {
  char **items = listItems(l);
  items = realloc(items, (l->count + 1) * sizeof *items);
  if (!items)
    return -1;
  l->items = items;
  items[l->count++] = item;
  return 0;
}
int positiveOwnBlockToo(struct strList *l, size_t n, int fresh) {
  char **items = l->items;
  if (fresh)
    items = malloc(n * sizeof *items);
  items = realloc(items, 2 * n * sizeof *items);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: when 'realloc' fails it returns null and 'items' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!items)
    return -1;
  l->items = items;
  return 0;
}
// Unless the null goes back into the place before any test (ldns'
// shrinking `set_nameservers(r, realloc(..))`): the place loses it then.
static void setItems(struct strList *l, char **items) { l->items = items; }
void positiveNullStoredBack(struct strList *l) {
  char **items = listItems(l);
  items = realloc(items, (l->count - 1) * sizeof *items);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: when 'realloc' fails it returns null and 'items' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  setItems(l, items);
}
// Nor in a loop (from the second round the block is realloc's own), nor
// for a value of a function the file cannot see (it may be fresh), nor
// where the test of the null does not leave before it goes back.
struct growBuf {
  char *buf;
  size_t cap;
};
int positiveGrowthLoop(struct growBuf *s, size_t need) {
  char *buf = s->buf;
  size_t cap = s->cap;
  while (need > cap) {
    cap = cap ? 2 * cap : 16;
    buf = realloc(buf, cap);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: when 'realloc' fails it returns null and 'buf' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    if (!buf)
      return -1;
  }
  s->buf = buf;
  s->cap = cap;
  return 0;
}
char *readWhole(const char *path);
int positiveUnseenSource(const char *path, size_t n, char **out) {
  char *s = readWhole(path);
  if (!s)
    return -1;
  s = realloc(s, n + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 's' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!s)
    return -1;
  *out = s;
  return 0;
}
void positiveTestThatStays(struct strList *l) {
  char **items = listItems(l);
  items = realloc(items, (l->count + 1) * sizeof *items);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: when 'realloc' fails it returns null and 'items' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!items)
    fprintf(stderr, "out of memory\n");
  setItems(l, items);
}

// The local read from the caller's place with an offset (lmdb's
// mdb_midl_grow and mdb_midl_shrink: `idn = *idp - 1`, `ids = *idp;
// --ids`): where realloc fails, *idp still holds the block. The result
// tested by the `if` holding the assignment counts as a test. Before: "loses
// the only pointer" twice.
int negativeGrowFromPlaceWithOffset(long **idp, int num) {
  long *idn = *idp - 1;
  idn = realloc(idn, (*idn + num + 2) * sizeof(long));
  if (!idn)
    return 12;
  *idn++ += num;
  *idp = idn;
  return 0;
}

void negativeShrinkTestedInIf(long **idp) {
  long *ids = *idp;
  if (*(--ids) > 100 && (ids = realloc(ids, 102 * sizeof(long)))) {
    *ids++ = 100;
    *idp = ids;
  }
}

// Twin: the local still named after the `if`, where it may be null.
void positiveShrinkUsedAfterIf(long **idp) {
  long *ids = *idp;
  if (*(--ids) > 100 && (ids = realloc(ids, 102 * sizeof(long))))
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: when 'realloc' fails it returns null and 'ids' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
    *ids = 100;
  *idp = ids + 1;
}

// The old block saved from the place and put back through an alias of its
// object (e2fsprogs' tdb.c transaction_write: `el = best`). Before: "loses
// the only pointer".
struct tdb_el { unsigned char *data; size_t length; };
int negativeSavedThroughAlias(struct tdb_el *best, size_t len) {
  unsigned char *data = best->data;
  struct tdb_el *el = best;
  el->data = realloc(el->data, el->length + len);
  if (el->data == NULL) {
    el->data = data;
    return -1;
  }
  el->length += len;
  return 0;
}

// The same with the object's pointer written elsewhere too (the real
// transaction_write: `el` walks the list first and takes a new element
// later), so it is no alias of `best`: the saved field of an object of
// the same type, put back where realloc fails. Before: "loses the only
// pointer".
struct tdb_el *nextEl(struct tdb_el *el);
int negativeSavedFieldPutBack(struct tdb_el *best, struct tdb_el *list,
                              size_t len) {
  struct tdb_el *el;
  for (el = list; el; el = nextEl(el))
    if (el->length == len)
      return 0;
  if (best) {
    unsigned char *data = best->data;
    el = best;
    el->data = realloc(el->data, el->length + len);
    if (el->data == NULL) {
      el->data = data;
      return -1;
    }
    return 0;
  }
  el = malloc(sizeof *el);
  if (!el)
    return -1;
  free(el);
  return 0;
}

// Twin: saved but never put back, the failure loses the block.
int positiveSavedFieldNotPutBack(struct tdb_el *best, struct tdb_el *list,
                                 size_t len) {
  struct tdb_el *el;
  for (el = list; el; el = nextEl(el))
    if (el->length == len)
      return 0;
  unsigned char *data = best->data;
  el = best;
  el->data = realloc(el->data, el->length + len);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: when 'realloc' fails it returns null and 'el->data' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (el->data == NULL)
    return data != NULL;
  return 0;
}
// Twin: the block saved is another object's, so putting it back loses
// the target's own.
int positiveSavedOtherObjectsField(struct tdb_el *dst, struct tdb_el *src,
                                   size_t len) {
  unsigned char *old = src->data;
  dst->data = realloc(dst->data, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: when 'realloc' fails it returns null and 'dst->data' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (dst->data == NULL) {
    dst->data = old;
    return -1;
  }
  return 0;
}
// Twin: the target's pointer may be given another object after the alias,
// whose block the failure then loses.
int positiveAliasReplacedBeforeStore(struct tdb_el *best, struct tdb_el *spare,
                                     int useSpare, size_t len) {
  unsigned char *data = best->data;
  struct tdb_el *el = best;
  if (useSpare)
    el = spare;
  el->data = realloc(el->data, len);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: when 'realloc' fails it returns null and 'el->data' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (el->data == NULL) {
    el->data = data;
    return -1;
  }
  return 0;
}
