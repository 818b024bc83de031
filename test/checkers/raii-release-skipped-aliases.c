// Two names for one block. The handle of an inner block's variable stored,
// as that variable's last use, into a local that outlives the block moves
// there (sqlite3's `aIter = aNew`, shell.c's `zLike = zExpr`: "never
// released" before, though the outer name is freed); a variable written
// only by a chained assignment with the handle variable (`res = p =
// malloc(n)`) tells by its null test whether the acquire failed (the
// `if (p == NULL) return NULL;` path was a leak before). What the outer
// name then leaks is reported on it. A chain of copies (`a = b = p`)
// gives each name the handle. Acquisitions of one variable leaked
// alike are one finding (kyotocabinet's PolyDB::open stores one of ten
// objects in `db`). A call of a function whose whole body returns its
// parameter (OpenSSL's `ossl_check_X509_type(x)` under `sk_X509_push`) is
// another name for its argument.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
int sum(const int *v, int n) {
  int local[4], *buf = local, cap = 4, len = 0, s = 0;
  for (int i = 0; i < n; i++) {
    if (len == cap) {
      int *grown = malloc(sizeof(int) * cap * 2);
      if (!grown)
        break;
      memcpy(grown, buf, sizeof(int) * len);
      if (buf != local)
        free(buf);
      buf = grown;
      cap *= 2;
    }
    buf[len++] = v[i];
  }
  for (int i = 0; i < len; i++)
    s += buf[i];
  if (buf != local)
    free(buf);
  return s;
}
// The grown block of the last round leaks when the next one replaces it.
int sumLeaks(const int *v, int n) {
  int local[4], *buf = local, cap = 4, len = 0, s = 0;
  for (int i = 0; i < n; i++) {
    if (len == cap) {
      int *grown = malloc(sizeof(int) * cap * 2);
      if (!grown)
        break;
      memcpy(grown, buf, sizeof(int) * len);
      buf = grown;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: 'buf' is acquired again here while it still holds the earlier resource
      cap *= 2;
    }
    buf[len++] = v[i];
  }
  for (int i = 0; i < len; i++)
    s += buf[i];
  if (buf != local)
    free(buf);
  return s;
}
char *make(size_t n) {
  char *res, *p;
  res = p = malloc(n + 4);
  if (p == NULL)
    return NULL;
  memset(p, 0, 4);
  return res + 4;
}

// The other name of a chained assignment releases the handle too, in an
// assignment or a declaration; a leak on another path is still reported.
int fill(size_t n, int pad) {
  char *a, *b;
  a = b = malloc(n);
  if (!a)
    return -1;
  b[0] = 0;
  if (pad > 1)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-6]]:11: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'a' is skipped by this return
  free(b);
  return 0;
}
int fillDeclared(size_t n) {
  char *b;
  char *a = b = malloc(n);
  if (!a)
    return -1;
  b[0] = 0;
  free(b);
  return 0;
}
// A name given another value later is no other name of the handle: what
// it releases then is not what the chain acquired.
void swapOut(size_t n, char *other) {
  char *a, *b;
  a = b = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'a' acquired by 'malloc' is never released [raii-release-skipped]
  if (!a)
    return;
  b = other;
  free(b);
  a[0] = 0;
}

// A copy made right after the acquire and tested right after it tells of
// the acquire, though the copy is advanced later (iproute2's parse_dirs:
// `char *tmp = saved; if (!tmp) return -1;`, tmp walked by strsep).
// Before: the return on a failed strdup skipped the release of 'saved'.
char *nextField(char **cursor);
int negativeCopyTestedBeforeWalking(const char *arg) {
  char *saved = strdup(arg);
  char *field, *tmp = saved;
  if (!tmp)
    return -1;
  while (tmp != NULL) {
    field = nextField(&tmp);
    if (field[0] == '!') {
      free(saved);
      return -1;
    }
  }
  free(saved);
  return 0;
}
int negativeCopyDeclaredWithAcquire(const char *arg) {
  char *saved = strdup(arg), *tmp = saved;
  if (tmp == NULL)
    return -1;
  while (tmp)
    nextField(&tmp);
  free(saved);
  return 0;
}
// The copy tested after another statement, or a copy of another value,
// tells nothing of the acquire.
int positiveCopyTestedLater(const char *arg) {
  char *saved = strdup(arg);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'saved' acquired by 'strdup' is not released on every path [raii-release-skipped]
  char *tmp = saved;
  nextField(&tmp);
  if (!tmp)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'saved' is skipped by this return
  free(saved);
  return 0;
}
int positiveOtherValueTested(const char *arg, char *other) {
  char *saved = strdup(arg);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'saved' acquired by 'strdup' is not released on every path [raii-release-skipped]
  char *tmp = other;
  if (!tmp)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'saved' is skipped by this return
  nextField(&tmp);
  free(saved);
  return 0;
}

// One variable given its handle in either branch, leaked alike: one
// finding, at the first acquire, with a note at the other.
int eitherSize(int big, const char *path) {
  char *buf;
  if (big)
    buf = malloc(4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  else
    buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: 'buf' is also acquired here
  if (!buf)
    return -1;
  if (path[0] == 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  free(buf);
  return 0;
}

// A parameter given a copy names another object, whose owner is the local
// it came from (sqlite3 shell's printSchemaLine: "'z' is never released"
// before). A parameter given what replaced its own handle keeps it (`t =
// realloc(z, n); z = t;`, in raii-release-skipped-engine.c).
int complete(const char *);
int puts(const char *);
void printTerminated(const char *z, const char **tails, int n) {
  char *toFree = 0;
  for (int i = 0; i < n; i++) {
    char *zNew = malloc(strlen(z) + strlen(tails[i]) + 1);
    if (!zNew)
      break;
    strcpy(zNew, z);
    strcat(zNew, tails[i]);
    if (complete(zNew)) {
      toFree = zNew;
      z = zNew;
      break;
    }
    free(zNew);
  }
  puts(z);
  free(toFree);
}

// A parameter given the handle with nothing else keeping it takes it
// (stunnel's str_realloc_internal_debug: `ptr = alloc_list + 1; return
// ptr;`).
void *withHeader(void *ptr, size_t size) {
  long *block = malloc(size + sizeof(long));
  if (!block)
    return NULL;
  block[0] = (long)size;
  ptr = block + 1;
  return ptr;
}

// A parameter pointed into the block while the block's own variable is
// used on (hiredis' redisAsyncInitialize: `c = &ac->c; .. return ac;`):
// the block stays its variable's. Before: "'c' acquired by 'malloc' is
// never released".
struct ctx { int flags; };
struct actx { struct ctx c; int err; };
struct actx *negativeParamPointsInside(struct ctx *c) {
  struct actx *ac = malloc(sizeof(struct actx));
  if (!ac)
    return NULL;
  c = &ac->c;
  c->flags = 0;
  ac->err = 0;
  return ac;
}

// The parameter lent to a helper or to memset, or reached through `*`:
// still the block's variable's.
static void resetContext(struct ctx *c) { c->flags = 0; }
struct actx *negativeParamLentOn(struct ctx *c) {
  struct actx *ac = malloc(sizeof(struct actx));
  if (!ac)
    return NULL;
  c = &ac->c;
  resetContext(c);
  memset(c, 0, sizeof(*c));
  (*c).flags = 1;
  return ac;
}

// Passed on as a value later (stunnel's `ptr = alloc_list + 1; ..
// alloc_list->size = size; return ptr;`): the parameter carries the block.
struct header { size_t size; };
void *negativeParamReturnedSourceUsed(void *ptr, size_t size) {
  struct header *h = malloc(sizeof(struct header) + size);
  if (!h)
    return NULL;
  ptr = h + 1;
  h->size = size;
  return ptr;
}

struct actx *positiveParamPointsInside(struct ctx *c, int e) {
  struct actx *ac = malloc(sizeof(struct actx));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'ac' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (!ac)
    return NULL;
  c = &ac->c;
  c->flags = e;
  if (e)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ac' is skipped by this return
  return ac;
}

// An inner block's variable still used after its handle is stored into an
// outer local, which alone releases it (dnsmasq's script helper: `if
// (!(alloc_buff = buf = malloc(n))) continue;`, freed through alloc_buff at
// the top of the next round): the outer local owns the handle, the inner
// one borrows it. Not where the outer local is never released, nor where
// the inner one is released itself.
int nextLength(int *len);
void consume(const char *p, int n);
void helperLoop(void) {
  char *alloc = NULL;
  for (;;) {
    int len;
    char *buf = NULL;
    if (alloc) {
      free(alloc);
      alloc = NULL;
    }
    if (!nextLength(&len))
      break;
    if (len > 64 && !(alloc = buf = malloc(len)))
      continue;
    consume(buf, len);
  }
  free(alloc);
}
void helperLoopLeaks(void) {
  char *alloc = NULL;
  for (;;) {
    int len;
    char *buf = NULL;
    if (!nextLength(&len))
      break;
    // The test of alloc tells of buf: the continue leaves nothing.
    if (!(alloc = buf = malloc(len)))
      // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'buf' acquired by 'malloc' is never released [raii-release-skipped]
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: release of 'buf' is skipped by this break
      // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'buf' is acquired again here while it still holds the earlier resource
      continue;
    consume(buf, len);
  }
}
void lastKept(void) {
  char *keep = NULL;
  for (;;) {
    int len;
    if (!nextLength(&len))
      break;
    char *p = malloc(len);
    if (!p)
      continue;
    free(keep);
    keep = p;
    consume(p, len);
  }
  free(keep);
}

// The list's head kept in a copy while the variable walks the list, the
// release through the copy: the copy holds the handle.
int negativeHeadSavedBeforeWalking(const char *host) {
  struct addrinfo *res, *ressave;
  if (getaddrinfo(host, "80", NULL, &res) != 0)
    return -1;
  ressave = res;
  res = res->ai_next;
  int more = res != NULL;
  freeaddrinfo(ressave);
  return more;
}

int positiveHeadSavedThenDropped(const char *host, int e) {
  struct addrinfo *res, *ressave;
  if (getaddrinfo(host, "80", NULL, &res) != 0)
    return -1;
  ressave = res;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'ressave' acquired by 'getaddrinfo' is not released on every path [raii-release-skipped]
  res = res->ai_next;
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'ressave' is skipped by this return
  freeaddrinfo(ressave);
  return 0;
}

// A variable that held a list of its own, released on its branch, reused
// to walk another list whose head variable releases it (openssh's
// canohost.c: `for (ai = aitop; ai; ai = ai->ai_next) ..;
// freeaddrinfo(aitop);`): the copy only walks, the head keeps the list.
// Before: "release of 'ai' is skipped" at the return after the walk.
int negativeReusedVariableWalksList(const char *name, const char *want) {
  struct addrinfo *ai, *aitop;
  if (getaddrinfo(name, NULL, NULL, &ai) == 0) {
    freeaddrinfo(ai);
    return -2;
  }
  if (getaddrinfo(name, "80", NULL, &aitop) != 0)
    return -1;
  for (ai = aitop; ai; ai = ai->ai_next)
    if (ai->ai_family == *want)
      break;
  freeaddrinfo(aitop);
  if (ai == NULL)
    return 0;
  return 1;
}

int positiveReusedVariableWalksListHeadLost(const char *name, int e) {
  struct addrinfo *ai, *aitop;
  if (getaddrinfo(name, NULL, NULL, &ai) == 0) {
    freeaddrinfo(ai);
    return -2;
  }
  if (getaddrinfo(name, "80", NULL, &aitop) != 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'aitop' acquired by 'getaddrinfo' is not released on every path [raii-release-skipped]
    return -1;
  for (ai = aitop; ai; ai = ai->ai_next)
    if (ai->ai_family == e)
      return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'aitop' is skipped by this return
  freeaddrinfo(aitop);
  return 0;
}

// The array grown by realloc into a spare pointer, the spare then pointed
// at the new element (collectd's statsd_network_init): the array only ever
// holds the spare's block, and the spare's second value points into it.
// Before: "acquired again while it still holds" at the next realloc.
struct slot { int fd; };
int negativeSparePointsIntoGrownArray(struct slot **out, int n) {
  struct slot *arr = NULL, *tmp;
  int len = 0;
  for (int i = 0; i < n; i++) {
    tmp = realloc(arr, sizeof(*arr) * (len + 1));
    if (tmp == NULL)
      continue;
    arr = tmp;
    tmp = arr + len;
    len++;
    tmp->fd = i;
  }
  *out = arr;
  return len;
}

// The same with the spare declared in the loop: a `continue` ends its
// scope, but the array outside keeps the block; only the return after the
// loop loses it (the `continue` was noted too before).
int positiveLoopSpareLostAfterLoop(int n) {
  struct slot *arr = NULL;
  int len = 0;
  for (int i = 0; i < n; i++) {
    // CHECK-MESSAGES: :[[@LINE+3]]:24: warning: 'tmp' acquired by 'realloc' is not released on every path [raii-release-skipped]
    if (i % 3 == 0)
      continue;
    struct slot *tmp = realloc(arr, sizeof(*arr) * (len + 1));
    if (tmp == NULL)
      continue;
    arr = tmp;
    tmp = arr + len;
    len++;
    tmp->fd = i;
  }
  if (len > 5)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'tmp' is skipped by this return
  free(arr);
  return len;
}

// Twin: the array lost on the early exit is still reported.
int positiveLoopSpareArrayLost(struct slot **out, int n) {
  struct slot *arr = NULL;
  int len = 0;
  for (int i = 0; i < n; i++) {
    // CHECK-MESSAGES: :[[@LINE+4]]:24: warning: 'tmp' acquired by 'realloc' is not released on every path [raii-release-skipped]
    if (i == 7)
      return -1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'tmp' is skipped by this return
    struct slot *tmp = realloc(arr, sizeof(*arr) * (len + 1));
    if (tmp == NULL)
      continue;
    arr = tmp;
    tmp = arr + len;
    len++;
    tmp->fd = i;
  }
  *out = arr;
  return len;
}

// `p = s = malloc(n)` with p advanced later: the test of p right after the
// assignment (or in it) tells of s's block (openvpn's base64 encoder).
int negativeChainedCopyTestedRightAfter(int n, char **out) {
  char *p, *s;
  p = s = malloc(n + 1);
  if (p == NULL)
    return -1;
  while (n-- > 0)
    *p++ = 'x';
  *p = 0;
  *out = s;
  return 0;
}

int negativeChainedCopyTestedInAssignment(int n, char **out) {
  char *p, *s;
  if ((p = s = malloc(n + 1)) == NULL)
    return -1;
  while (n-- > 0)
    *p++ = 'x';
  *p = 0;
  *out = s;
  return 0;
}

// Both names given null first (libssh's `char *s = NULL, *x = NULL; x = s =
// strdup(l); if (s == NULL) return -1; .. free(x);`): the assignment moves
// the block into x, and the test of s right after still tells of it.
int negativeChainedMoveTestedRightAfter(const char *line) {
  char *s = NULL, *x = NULL;
  x = s = strdup(line);
  if (s == NULL)
    return -1;
  free(x);
  return 1;
}

// Twin: the test of s comes after s was given another value.
int positiveChainedMoveRewrittenBeforeTest(const char *line, char *other) {
  char *s = NULL, *x = NULL;
  x = s = strdup(line);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'x' acquired by 'strdup' is not released on every path [raii-release-skipped]
  s = other;
  if (s == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'x' is skipped by this return
  free(x);
  return 1;
}

// Given another value before the test, p tells nothing of s.
int positiveChainedCopyRewrittenBeforeTest(int n, char **out, char *other) {
  char *p, *s;
  p = s = malloc(n + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  p = other;
  if (p == NULL)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  while (n-- > 0)
    *p++ = 'x';
  *out = s;
  return 0;
}

// A pointer into the block returned after `buf = realloc(buf, n)`: the
// realloc replaces the value it was made from, so buf still has one handle
// and `ret`, a copy of a pointer into it, hands it to the caller (procps'
// file2strvec: the caller frees through the returned table).
char **negativeInteriorReturnedAfterSelfRealloc(int n) {
  char *buf, *end, **ret;
  buf = malloc(n);
  if (!buf)
    return NULL;
  buf = realloc(buf, n + 64);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: when 'realloc' fails it returns null and 'buf' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!buf)
    return NULL;
  end = buf + n;
  ret = (char **)(end + 8);
  ret[1] = NULL;
  return ret;
}

// Given a second handle the first one was only read for (`strdup(buf)`):
// the first block is lost there.
char **positiveInteriorReturnedAfterCopyingCall(int n) {
  char *buf, *end, **ret;
  buf = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'buf' acquired by 'malloc' is never released [raii-release-skipped]
  if (!buf)
    return NULL;
  buf = strdup(buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: note: 'buf' is acquired again here while it still holds the earlier resource
  if (!buf)
    return NULL;
  end = buf + n;
  ret = (char **)(end + 8);
  return ret;
}

// A local given the address of a field of the block (`bn = &bp->node`)
// points into it: storing it in a list that outlives the function hands
// the block off (less's ch.c: freed later through the list).
struct lnode {
  struct lnode *next;
};
struct lbuf {
  struct lnode node;
  int block;
};
static struct lnode lhead = {&lhead};
static struct lnode *ltail = &lhead;
int negativeFieldAddressStoredInList(void) {
  struct lbuf *bp;
  struct lnode *bn;
  bp = calloc(1, sizeof(struct lbuf));
  if (bp == NULL)
    return 1;
  bn = &bp->node;
  bn->next = &lhead;
  ltail->next = bn;
  ltail = bn;
  return 0;
}

// Kept in the local only: the block is lost.
int positiveFieldAddressKeptLocally(void) {
  struct lbuf *bp;
  struct lnode *bn;
  bp = calloc(1, sizeof(struct lbuf));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'bp' acquired by 'calloc' is never released [raii-release-skipped]
  if (bp == NULL)
    return 1;
  bn = &bp->node;
  bn->next = &lhead;
  return bn->next == &lhead;
}

// The handle variable advanced through the block it fills (`++str`, `str +=
// n`, `str = str + n`) still points into that block: a copy made before
// (`s0 = str`) names the block, and returning it hands it off (aspell's
// posib_err.cpp: "never released" before).
char *copyAdvancingOwner(const char *a, unsigned n) {
  char *s0;
  char *str = malloc(n + 1);
  if (!str)
    return NULL;
  s0 = str;
  for (unsigned i = 0; i < n; ++i, ++str)
    *str = a[i];
  *str = '\0';
  return s0;
}

char *positiveCopyAfterOwnerAdvancedLeaks(const char *a, unsigned n,
                                          int bad) {
  char *s0;
  char *str = malloc(n + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'str' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  if (!str)
    return NULL;
  s0 = str;
  memcpy(str, a, n);
  str += n;
  *str = '\0';
  if (bad)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'str' is skipped by this return
  return s0;
}

char *copyAdvancedByPlainAssignment(const char *a, unsigned n) {
  char *s0, *str = malloc(n + 1);
  if (!str)
    return NULL;
  s0 = str;
  memcpy(str, a, n);
  str = str + n;
  *str = 0;
  return s0;
}

// A chain of copies (`a = b = p`) gives the outer name p's value too: a
// list built with `head = tail = node;` and handed out through `head`, or a
// copy returned, is no leak (libzip's zip_extra_field.c).
struct item {
  struct item *next;
};
void freeItems(struct item *head);

int buildList(int n, int bad, struct item **out) {
  struct item *head = NULL, *tail = NULL, *it;
  for (int i = 0; i < n; i++) {
    if (bad == i) {
      freeItems(head);
      return -1;
    }
    if ((it = malloc(sizeof *it)) == NULL) {
      freeItems(head);
      return -1;
    }
    it->next = NULL;
    if (head) {
      tail->next = it;
      tail = it;
    } else
      head = tail = it;
  }
  *out = head;
  return 0;
}

struct item *chainedCopyReturned(void) {
  struct item *a, *b, *p = malloc(sizeof *p);
  if (!p)
    return NULL;
  a = b = p;
  return a;
}

void positiveChainedCopyLeaks(void) {
  struct item *a, *b, *p = malloc(sizeof *p);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return;
  a = b = p;
  a->next = NULL;
}

static inline void *asBlock(struct item *it) { return it; }
static inline struct item *sameItem(struct item *it) { return (it); }
void keep(struct item *it);
int flush(struct item *it);

void releasedThroughIdentity(int n) {
  struct item *p = malloc(sizeof *p);
  if (!p)
    return;
  p->next = NULL;
  if (n > 0) {
    free(asBlock(sameItem(p)));
    return;
  }
  free(p);
}

void positiveIdentityIsNoHandOff(void) {
  struct item *p = malloc(sizeof *p);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!p)
    return;
  sameItem(p)->next = NULL;
  if (flush(sameItem(p)) < 0)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  free(p);
}

void positiveLeakBeforeIdentityRelease(int n) {
  struct item *p = malloc(sizeof *p);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!p)
    return;
  if (n)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  free(asBlock(p));
}

// A chain storing a constant (`a = b = c = NULL` once a callee took the
// three) copies nothing: no name is given another's handle.
int set0_three(void *owner, void *a, void *b, void *c);

int clearedAfterTransfer(void *owner) {
  char *a = NULL, *b = NULL, *c = NULL;
  int r = -1;
  if ((a = malloc(8)) == NULL || (b = malloc(8)) == NULL ||
      (c = malloc(8)) == NULL)
    goto out;
  if (!set0_three(owner, a, b, c))
    goto out;
  a = b = c = NULL;
  r = 0;
out:
  free(a);
  free(b);
  free(c);
  return r;
}

// A descriptor returned through a copy in an inner block (sudo's
// `debug_return_int(fd)`: `int ret = (fd); return ret;`) is returned, also
// where the variable holds one of several descriptors.
void report_exit(int ret);

int reopenedReturnedThroughCopy(const char *name, int again) {
  int fd = open(name, O_RDONLY);
  if (fd == -1)
    return -1;
  if (again) {
    close(fd);
    fd = open(name, O_RDONLY);
    if (fd == -1)
      return -1;
  }
  {
    int ret = (fd);
    report_exit(ret);
    return ret;
  }
}

// The copy made before the variable is given its second descriptor keeps
// the first (returned, but for where the second open fails): the second is
// never closed.
int copiedBeforeReopenLeaks(const char *name, int again) {
  int fd = open(name, O_RDONLY);
  if (fd == -1)
    return -1;
  int ret = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'ret' acquired by 'open' is never released, and not handed off on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE+5]]:7: note: release of 'ret' is skipped by this return
  if (again) {
    fd = open(name, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fd' acquired by 'open' is never released [raii-release-skipped]
    if (fd == -1)
      return -1;
  }
  return ret;
}

// A list built in a loop: `cur = new;` ends each round, and the next round
// gives `new` a fresh block while `cur` keeps the last one (mbedtls'
// psk_parse). The two names hold two blocks, both freed on the error
// path. Before: "released on a path where it was already released".
struct node { struct node *next; int v; };
struct node *negativeListBuiltInLoop(const int *v, int n) {
  struct node *cur = NULL, *new = NULL;
  for (int i = 0; i < n; i++) {
    new = calloc(1, sizeof *new);
    if (new == NULL)
      goto error;
    if (v[i] < 0)
      goto error;
    new->next = cur;
    cur = new;
  }
  return cur;
error:
  free(new);
  free(cur);
  return NULL;
}

// Twin: the round's block not linked to the last, so `cur = new;` drops
// the block `cur` held.
struct node *positiveListRoundDropped(int n) {
  struct node *cur = NULL, *new = NULL;
  for (int i = 0; i < n; i++) {
    new = calloc(1, sizeof *new);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'new' acquired by 'calloc' is never released, and not handed off on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: 'new' is acquired again here while it still holds the earlier resource
    if (new == NULL)
      break;
    cur = new;
  }
  return cur;
}

// A copy in an inner block dies with it: the handle's variable given
// another value later (under a test the block's path rules out) takes
// nothing from the copy (libcap-ng's capng_print_caps_numeric). Before:
// "'s' acquired by 'malloc' is never released".
char *negativeCopyDiesBeforeOverwrite(int b, int c) {
  char *ptr = NULL;
  if (b) {
    char *s;
    ptr = malloc(80);
    if (ptr == NULL)
      return NULL;
    s = ptr;
    *s = 0;
  }
  if (c) {
    if (ptr == NULL)
      ptr = malloc(40);
  }
  return ptr;
}

// A release given `*(&ctx)`: libssh2's `#define libssh2_hmac_cleanup(ctx)
// HMAC_CTX_free(*(ctx))` called as `libssh2_hmac_cleanup(&ctx)` (mac.c).
// Before: "'ctx' acquired by 'malloc' is never released".
#define buf_cleanup(pp) free(*(pp))
int negativeReleasedThroughDerefOfAddress(const char *s) {
  char *ctx = malloc(64);
  if (!ctx)
    return -1;
  strncpy(ctx, s, 63);
  int r = ctx[0];
  buf_cleanup(&ctx);
  return r;
}

// Twin: a block released twice, the second time through `*(&p)`.
int positiveDoubleThroughDerefOfAddress(void) {
  char *p = malloc(8);
  if (!p)
    return -1;
  free(p);
  buf_cleanup(&p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-19]]:25: note: expanded from macro 'buf_cleanup'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'p' was first released here
  return 0;
}

// A pointer handed out and in with memcpy, which does not break strict
// aliasing (e2fsprogs' ext2fs_get_mem and ext2fs_resize_mem in ext2fs.h,
// reported in every file including it): `memcpy(ptr, &pp, sizeof(pp))`
// stores the block where ptr points, and `memcpy(&p, ptr, sizeof(p))`
// reads p from there, so a failed realloc leaves the block to the caller.
// Before: "never released", "not released on every path" and "loses the
// only pointer".
int negativeHandedOutByMemcpy(unsigned long size, void *ptr) {
  void *pp;
  pp = malloc(size);
  if (!pp)
    return 12;
  memcpy(ptr, &pp, sizeof(pp));
  return 0;
}

int negativeResizedThroughMemcpy(unsigned long size, void *ptr) {
  void *p;
  memcpy(&p, ptr, sizeof(p));
  p = realloc(p, size);
  if (!p)
    return 12;
  memcpy(ptr, &p, sizeof(p));
  return 0;
}

// Twins: copied into a local, the block is still the function's; given
// by another call, a failed realloc loses it.
int positiveMemcpyIntoLocal(unsigned long size) {
  void *pp = malloc(size), *q;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'pp' acquired by 'malloc' is never released [raii-release-skipped]
  if (!pp)
    return 12;
  memcpy(&q, &pp, sizeof(pp));
  return q != NULL;
}

void fill_slot(void **slot);
int positiveResizedAfterUnknownFill(unsigned long size, void *ptr) {
  void *p;
  fill_slot(&p);
  p = realloc(p, size);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: when 'realloc' fails it returns null and 'p' loses the only pointer to the block it did not release; assign the result to another variable first [raii-release-skipped]
  if (!p)
    return 12;
  memcpy(ptr, &p, sizeof(p));
  return 0;
}

// The review's cases. A copy made right after the acquire in each round
// holds this round's block: the names are one (neither the "acquired
// again" of a lost alias, nor a double release missed).
int use_block(char *);
void negativeLoopCopyFreedEitherName(int n) {
  char *p, *q;
  for (int i = 0; i < n; i++) {
    p = malloc(10);
    if (!p)
      return;
    q = p;
    if (use_block(q)) {
      free(p);
      continue;
    }
    free(q);
  }
}

void positiveLoopCopyFreedTwice(int n) {
  char *p, *q;
  for (int i = 0; i < n; i++) {
    p = malloc(10);
    if (!p)
      return;
    q = p;
    free(p);
    free(q);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'p' was first released here
  }
}

// Writes and tests through `*(&x)` are of x too.
#define FREE_NULL(pp) do { free(*(pp)); *(pp) = NULL; } while (0)
void negativeFreedAndClearedThroughAddress(int x) {
  char *p = malloc(4);
  if (!p)
    return;
  if (x)
    FREE_NULL(&p);
  free(p);
}

#define CLOSE_FD(fdp) do { if (*(fdp) >= 0) { close(*(fdp)); *(fdp) = -1; } } while (0)
int work_on(int);
int negativeClosedTwiceThroughAddress(const char *n) {
  int fd = open(n, O_RDONLY);
  if (fd < 0)
    return -1;
  if (work_on(fd) < 0)
    goto out;
  CLOSE_FD(&fd);
  work_on(0);
out:
  CLOSE_FD(&fd);
  return 0;
}

// A pointer's bytes copied into the function's own array are no hand-off.
unsigned positiveMemcpyIntoLocalArray(void) {
  char *p = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is never released [raii-release-skipped]
  if (!p)
    return 0;
  unsigned char key[sizeof p];
  memcpy(key, &p, sizeof p);
  return key[0] ^ key[1];
}

// The second review's cases: a `continue` between the acquire and the
// copy, and the acquire in the loop's condition, leave the copy this
// round's value.
void negativeLoopCopyAfterSkip(char **lines, int n) {
  char *p, *q;
  for (int i = 0; i < n; i++) {
    p = strdup(lines[i]);
    if (!p)
      return;
    if (lines[i][0] == '#') {
      free(p);
      continue;
    }
    q = p;
    if (use_block(q)) {
      free(p);
      continue;
    }
    free(q);
  }
}

void positiveCopyOfConditionAcquire(int n) {
  char *p, *q;
  while ((p = malloc(n)) != NULL) {
    q = p;
    free(p);
    free(q);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'p' was first released here
  }
}

// The test against the local buffer through a cast between pointer types
// (btrfs-progs' `if ((void *)ext2_inode != inode_buf)`) tells the same.
int readObj(void *buf, size_t n);
int copyObjTestedThroughCast(size_t size) {
  char small[128];
  char *obj;
  if (size <= sizeof(small)) {
    obj = small;
  } else {
    obj = malloc(size);
    if (!obj)
      return -1;
  }
  int ret = readObj(obj, size);
  if ((void *)obj != small)
    free(obj);
  return ret;
}

