// A copy of a handle into a local takes the handle over where every path
// from it gives the source another value or releases the copy before it
// releases the source: `old = buf; buf = malloc(..); .. free(old);`
// growing a buffer, `head = node;` pushing onto a list whose next round
// gives node a new block. Before, the source's next acquire was "acquired
// again while it still holds" (bc's number.c). A moved handle that leaks
// is reported on the copy; where some path releases the source first, the
// copy stays a copy (but see below).
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c11
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void swapBlocks(void) {
  char *a, *b;
  a = malloc(4);
  b = a;
  a = malloc(4);
  free(b);
  free(a);
}

char *grow(char *unused, int n) {
  char *buf = malloc(4);
  if (!buf)
    return NULL;
  for (int i = 0; i < n; i++) {
    char *old = buf;
    buf = malloc(8 << i);
    if (!buf) {
      buf = old;
      break;
    }
    free(old);
  }
  return buf;
}

struct rec {
  long digit;
  struct rec *next;
};

void printDigits(long v) {
  struct rec *head = NULL, *node;
  while (v != 0) {
    node = malloc(sizeof *node);
    if (node == NULL)
      abort();
    node->digit = v % 10;
    node->next = head;
    head = node;
    v /= 10;
  }
  while (head != NULL) {
    node = head;
    head = head->next;
    putchar('0' + (int)node->digit);
    free(node);
  }
}

void positiveCopyNeverReleased(void) {
  char *a = malloc(4);
  char *b;
  b = a;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'b' acquired by 'malloc' is never released [raii-release-skipped]
  a[0] = b[0];
  a = malloc(4);
  free(a);
}

void positiveSourceReleasedCopyStillACopy(int fail) {
  char *a = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  char *b;
  b = a;
  if (fail) {
    free(a);
    return;
  }
  a = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'a' is acquired again here while it still holds the earlier resource
  b[0] = 1;
  free(a);
}

void positiveCopyLeaks(int fail) {
  char *a = malloc(4);
  char *b;
  b = a;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'b' acquired by 'malloc' is not released on every path [raii-release-skipped]
  a = malloc(4);
  if (fail) {
    free(a);
    return;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  }
  free(b);
  free(a);
}

// Where the source is still read after the copy (`memcpy(p, ss, ..)`), the
// handle moves into the copy at the assignment that next gives the source
// another value, on the paths through the copy: bison's stack growth,
// `yyss1 = yyss; .. yyss = &yyptr->yyss_alloc; .. YYSTACK_FREE (yyss1);`
// (the old block "acquired again", and its release through the copy
// counted as one of the new block's, before). A source a cleanup function
// reads at its scope's end keeps its handle.

int growStack(int n) {
  short init[8];
  short *ss = init;
  size_t size = 8;
  for (int i = 0; i < n; i++) {
    short *ss1 = ss;
    short *p = malloc(2 * size * sizeof(short));
    if (!p)
      goto out;
    memcpy(p, ss, size * sizeof(short));
    ss = p;
    size *= 2;
    if (ss1 != init)
      free(ss1);
  }
out:
  if (ss != init)
    free(ss);
  return 0;
}

int positiveGrowStackLeaksOld(int n) {
  short *ss = malloc(8 * sizeof(short));
  if (!ss)
    return -1;
  for (int i = 0; i < n; i++) {
    short *ss1 = ss;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'ss1' acquired by 'malloc' is not released on every path [raii-release-skipped]
    short *p = malloc(16 * sizeof(short));
    if (!p)
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'ss1' is skipped by this break
    memcpy(p, ss, 8 * sizeof(short));
    ss = p;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'ss1' is acquired again here while it still holds the earlier resource
    if (i > 2)
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'ss1' is skipped by this continue
    free(ss1);
  }
  free(ss);
  return 0;
}

static void freeChars(char **p) { free(*p); }

int cleanupKeepsSource(void) {
  __attribute__((cleanup(freeChars))) char *s = malloc(4);
  int n = 0;
  if (!s)
    return 0;
  s[0] = 0;
  for (char *c = s; *c; ++c)
    n++;
  return n;
}

// Released through the copy before the source gets its new block: the
// copy took the handle over.
int releasedThroughCopyFirst(size_t n) {
  char *buf = malloc(n);
  char *nb = malloc(2 * n);
  if (!buf || !nb) {
    free(buf);
    free(nb);
    return -1;
  }
  char *old = buf;
  memcpy(nb, buf, n);
  free(old);
  buf = nb;
  buf[0] = 0;
  free(buf);
  return 0;
}

// A source given its other value before the copy: the copy names what it
// holds from then on.
int copyAfterLastValue(const char *a, const char *b, int bad) {
  FILE *f = fopen(a, "r");
  if (!f)
    return -1;
  fclose(f);
  f = fopen(b, "r");
  if (!f)
    return -1;
  FILE *in = f;
  if (bad) {
    fclose(in);
    return 1;
  }
  fclose(f);
  return 0;
}

// Where the source's next value comes from an acquire (`buf = malloc(2 *
// n);`), the handle moves into the copy at that acquire, before the source
// holds the new block (before: the old block "acquired again", and lost).
// Not where the acquire itself releases the source (`buf = realloc(buf,
// n)`): the copy then names what realloc frees or keeps.
char *regrow(size_t n, int e) {
  char *buf = malloc(n);
  if (!buf)
    return NULL;
  char *old = buf;
  if (e) {
    free(buf);
    return NULL;
  }
  buf = malloc(2 * n);
  if (!buf) {
    free(old);
    return NULL;
  }
  memcpy(buf, old, n);
  free(old);
  return buf;
}

char *positiveRegrowLeaksOld(size_t n, int e) {
  char *buf = malloc(n);
  if (!buf)
    return NULL;
  char *old = buf;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'old' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (e) {
    free(buf);
    return NULL;
  }
  buf = malloc(2 * n);
  if (!buf)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'old' is skipped by this return
  memcpy(buf, old, n);
  free(old);
  return buf;
}

char *regrowInPlace(size_t n, int e) {
  char *buf = malloc(n);
  if (!buf)
    return NULL;
  char *old = buf;
  if (e) {
    free(buf);
    return NULL;
  }
  buf = realloc(buf, 2 * n);
  if (!buf) {
    free(old);
    return NULL;
  }
  return buf;
}

// A chain stores its inner local first: `head = tail = it` makes tail a
// copy of it, then head a copy of tail, which takes the list over (before,
// the chain's outer copy was none, and tail, walked on by `tail =
// tail->next`, "never released").
struct item {
  struct item *next;
};

struct item *appendAll(int n) {
  struct item *head = NULL, *tail;
  for (int i = 0; i < n; i++) {
    struct item *it = calloc(1, sizeof *it);
    if (!it)
      break;
    if (head) {
      tail->next = it;
      tail = tail->next;
    } else
      head = tail = it;
  }
  return head;
}

struct item *positiveAppendThenFail(int n, int bad) {
  struct item *head = NULL, *tail;
  for (int i = 0; i < n; i++) {
    struct item *it = calloc(1, sizeof *it);
    if (!it)
      break;
    if (head) {
      tail->next = it;
      tail = tail->next;
    } else
      head = tail = it;
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'head' acquired by 'calloc' is never released, and not handed off on every path [raii-release-skipped]
  }
  if (bad)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'head' is skipped by this return
  return head;
}

// After a move into a parameter, the source still names the block while
// nothing writes it again: storing it hands the block off (mdadm's
// super-intel.c: `mpb = mpb_new; super->anchor = mpb_new;`).
struct super {
  void *anchor;
};
int negativeSourceStoredAfterMove(struct super *s, void *mpb, size_t n,
                                  int bad) {
  void *mpb_new = malloc(n);
  if (!mpb_new)
    return 0;
  free(mpb);
  mpb = mpb_new;
  s->anchor = mpb_new;
  if (bad)
    return 0;
  return 1;
}

// Twin: the source is given another value first; storing it stores
// nothing of the block.
int positiveSourceClearedBeforeStore(struct super *s, void *mpb, size_t n,
                                     int bad) {
  void *mpb_new = malloc(n);
  if (!mpb_new)
    return 0;
  free(mpb);
  mpb = mpb_new;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'mpb' acquired by 'malloc' is not released on every path [raii-release-skipped]
  mpb_new = NULL;
  s->anchor = mpb_new;
  if (bad)
    return 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'mpb' is skipped by this return
  return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'mpb' is skipped by this return
}

// A copy into a local that the function returns takes the handle over
// whatever the source's later values: the realloc temporary moved back
// into a variable that held no acquire of the function (a caller's
// block through an unseen call).
char *unseen_source(void);

char *negativeReturnedCopy(size_t n) {
  char *p, *tmp;
  p = unseen_source();
  if (p == NULL)
    return NULL;
  tmp = realloc(p, n);
  if (tmp == NULL) {
    free(p);
    return NULL;
  }
  p = tmp;
  return p;
}

char *positiveReturnedCopyLeaks(size_t n, int fail) {
  char *p, *tmp;
  p = unseen_source();
  if (p == NULL)
    return NULL;
  tmp = realloc(p, n);
  if (tmp == NULL) {
    free(p);
    return NULL;
  }
  p = tmp;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p' acquired by 'realloc' is not released on every path [raii-release-skipped]
  if (fail)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  return p;
}

// The source returned: the copy stays a copy.
char *negativeSourceReturned(size_t n) {
  char *p, *tmp;
  p = unseen_source();
  if (p == NULL)
    return NULL;
  tmp = realloc(p, n);
  if (tmp == NULL) {
    free(p);
    return NULL;
  }
  p = tmp;
  return tmp;
}

// A pointer given the block of one of two acquires on exclusive branches
// and stored in the caller's object takes each over.
struct base { int id; };
struct comp { struct base b; long size; };
struct uncomp { struct base b; int algo; };
struct stream { void *data; };

int negativeStoredCopyOfEither(struct stream *s, int uncompress) {
  struct base *data;
  struct comp *c;
  struct uncomp *u;
  if (uncompress) {
    u = calloc(1, sizeof(*u));
    if (u == NULL)
      return -1;
    data = (struct base *)u;
    u->algo = 1;
  } else {
    c = calloc(1, sizeof(*c));
    if (c == NULL)
      return -1;
    data = (struct base *)c;
    c->size = 0;
  }
  data->id = 3;
  s->data = data;
  return 0;
}

int positiveStoredCopyLeaks(struct stream *s, int uncompress, int late) {
  struct base *data;
  struct comp *c;
  struct uncomp *u;
  if (uncompress) {
    u = calloc(1, sizeof(*u));
    if (u == NULL)
      return -1;
    data = (struct base *)u;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'data' acquired by 'calloc' is never released, and not handed off on every path [raii-release-skipped]
  } else {
    c = calloc(1, sizeof(*c));
    if (c == NULL)
      return -1;
    data = (struct base *)c;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'data' is also acquired here
  }
  if (late)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'data' is skipped by this return
  s->data = data;
  return 0;
}

// The source given to a function the file cannot see on the path that
// does not store the copy (an error path's unref): the copy stays a copy,
// and the source is handed off there.
struct node { int refcount; };
struct boot { struct node n; char *content; };
struct image { struct boot *bootnode; };
void node_unref(struct node *n);

int negativeSourceToUnseenOnError(struct image *img, struct node **out,
                                  int size, int isdir) {
  struct node *fresh = NULL;
  struct boot *boot;
  int ret;
  if (isdir) {
    fresh = calloc(1, sizeof(struct node));
    if (fresh == NULL) {
      ret = -1;
      goto ex;
    }
  } else {
    fresh = calloc(1, sizeof(struct boot));
    if (fresh == NULL) {
      ret = -1;
      goto ex;
    }
    boot = (struct boot *)fresh;
    boot->content = calloc(1, size);
    if (boot->content == NULL) {
      ret = -1;
      goto ex;
    }
    img->bootnode = boot;
  }
  fresh->refcount = 1;
  *out = fresh;
  fresh = NULL;
  ret = 0;
ex:
  if (fresh != NULL)
    node_unref(fresh);
  return ret;
}

// A copy released on every path that reaches a release of either, in one
// branch; the source released in the others (the copy there gets a new
// block through its address).
int utf8_encode(const char *from, char **to);
int append_text(const char *s);

int negativeCopyReleasedInOneBranch(char *text, int raw) {
  char *converted = NULL;
  char *data = malloc(64);
  if (data == NULL)
    return 0;
  data[0] = text[0];
  if (raw) {
    converted = data;
  } else if (utf8_encode(data, &converted) >= 0) {
    free(data);
  } else {
    free(data);
    return 0;
  }
  int ok = append_text(converted);
  free(converted);
  return ok;
}

int positiveCopyLeaksInOneBranch(char *text, int raw) {
  char *converted = NULL;
  char *data = malloc(64);
  if (data == NULL)
    return 0;
  data[0] = text[0];
  if (raw) {
    converted = data;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'converted' acquired by 'malloc' is not released on every path [raii-release-skipped]
  } else if (utf8_encode(data, &converted) >= 0) {
    free(data);
  } else {
    free(data);
    return 0;
  }
  int ok = append_text(converted);
  if (ok < 0)
    return ok;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'converted' is skipped by this return
  free(converted);
  return ok;
}

// A handle variable that pointer arithmetic steps is a cursor: a copy
// into it (`ptr = cp = buf;` where cp once took a realloc's result)
// leaves the block with the source.
char *fgetln(FILE *fp, size_t *len);

char *negativeCursorOverBlock(FILE *fp) {
  char *buf = NULL, *ptr, *cp;
  size_t s, len = 0;
  while ((ptr = fgetln(fp, &s)) != NULL) {
    if (s) {
      cp = &ptr[s - 1];
      if (*cp == '\\')
        s--;
    }
    if ((cp = realloc(buf, len + s + 1)) == NULL) {
      free(buf);
      return NULL;
    }
    buf = cp;
    memcpy(buf + len, ptr, s);
    len += s;
    buf[len] = '\0';
  }
  if (buf != NULL) {
    ptr = cp = buf;
    while (*cp != '\0')
      *ptr++ = *cp++;
    *ptr = '\0';
  }
  return buf;
}

char *positiveCursorOverBlockLeaks(FILE *fp, int check) {
  char *buf = NULL, *ptr, *cp;
  size_t s, len = 0;
  while ((ptr = fgetln(fp, &s)) != NULL) {
    if ((cp = realloc(buf, len + s + 1)) == NULL) {
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'cp' acquired by 'realloc' is not released on every path [raii-release-skipped]
      free(buf);
      return NULL;
    }
    buf = cp;
    memcpy(buf + len, ptr, s);
    len += s;
    buf[len] = '\0';
  }
  if (buf != NULL) {
    ptr = cp = buf;
    while (*cp != '\0')
      *ptr++ = *cp++;
    *ptr = '\0';
    if (check && ptr == buf)
      return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'cp' is skipped by this return
  }
  return buf;
}

// A copy given new values that are not handles (`s = p + n`, no
// arithmetic on the copy itself), never released nor passed on, while the
// source is returned after it: the copy walks the block, which stays the
// source's (minidlna's modifyString).
char *negativeCopyOnlyWalks(char *string, const char *before,
                            const char *after) {
  size_t oldlen = strlen(before), newlen = strlen(after);
  char *s, *p;
  s = realloc(string, strlen(string) * 2 + 1);
  if (s)
    string = s;
  else
    return string;
  s = string;
  while (s) {
    p = strstr(s, before);
    if (!p)
      return string;
    memmove(p + newlen, p + oldlen, strlen(p + oldlen) + 1);
    memcpy(p, after, newlen);
    s = p + newlen;
  }
  return string;
}

// A source given another value after the copy on some path leaves the
// block in the copy alone there: the copy takes it, and leaks it.
void use_text(const char *s);
char *positiveSourceClearedOnOnePath(size_t n, int keep) {
  char *t = malloc(n);
  char *s = malloc(n);
  if (!t || !s) {
    free(t);
    free(s);
    return NULL;
  }
  free(t);
  t = s;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 't' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!keep)
    s = NULL;
  use_text(t);
  return s;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 't' is skipped by this return
}

// Passed on as an arm of a `?:` is passed on: the copy takes the handle
// (dante's io_add appends to a list, or returns the new head).
struct io_node {
  struct io_node *next;
  int x;
};
struct io_node *negativeCopyReturnedByConditional(struct io_node *iolist,
                                                  const struct io_node *n) {
  struct io_node *io, *previo;
  previo = io = iolist;
  while (io != NULL) {
    previo = io;
    io = io->next;
  }
  if ((io = malloc(sizeof(*n))) == NULL)
    return iolist;
  *io = *n;
  if (previo == NULL)
    previo = io;
  else
    previo->next = io;
  return iolist == NULL ? previo : iolist;
}

char *positiveCopyOnlyWalksSourceLeaks(char *string, const char *before,
                                       size_t newlen) {
  char *s, *p;
  s = realloc(string, strlen(string) * 2 + 1);
  if (s)
    string = s;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'string' acquired by 'realloc' is not released on every path [raii-release-skipped]
  else
    return NULL;
  s = string;
  while (s) {
    p = strstr(s, before);
    if (!p)
      return NULL;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'string' is skipped by this return
    s = p + newlen;
  }
  return string;
}

// A pointer into the block given to a local as its last value, outside a
// loop, the source never named after it, the local returned: the handle
// goes with it (linuxptp's msg_allocate, which also hands out pooled
// messages). Where a path leaks it, it is reported on the local; where the
// local is given another value after, or the source is named after, the
// block stays the source's.
struct msg { int refcnt; struct msg *next; };
struct msg_storage { struct msg msg; char pad[64]; };
static struct msg *msg_pool;

struct msg *negativeMemberAddressReturned(void) {
  struct msg_storage *s;
  struct msg *m = msg_pool;
  if (m) {
    msg_pool = m->next;
  } else {
    s = malloc(sizeof(*s));
    if (s)
      m = &s->msg;
  }
  if (m) {
    memset(m, 0, sizeof(*m));
    m->refcnt = 1;
  }
  return m;
}

struct msg *positiveMemberAddressLeaks(int bad) {
  struct msg_storage *s;
  struct msg *m = msg_pool;
  if (m) {
    msg_pool = m->next;
  } else {
    s = malloc(sizeof(*s));
    if (s)
      m = &s->msg;
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'm' acquired by 'malloc' is never released, and not handed off on every path [raii-release-skipped]
  }
  if (bad)
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  return m;
}

struct msg *positiveMemberAddressReplaced(void) {
  struct msg_storage *s;
  struct msg *m = msg_pool;
  if (!m) {
    s = malloc(sizeof(*s));
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 's' acquired by 'malloc' is never released [raii-release-skipped]
    if (s)
      m = &s->msg;
  }
  m = msg_pool;
  return m;
}

// A function of another file that only reads the source (a `const char *`
// parameter) leaves the copy taking the handle over.
void log_text(const char *text);

void negativeReaderBetweenCopyAndRefill(size_t n) {
  char *buf = malloc(n);
  if (!buf)
    return;
  char *old = buf;
  log_text(buf);
  buf = malloc(2 * n);
  free(old);
  free(buf);
}

// Returned through a copy of the C library that returns its destination.
char *negativeReturnedThroughStrcat(const char *name) {
  char *path, *grown;
  size_t len;
  path = unseen_source();
  if (path == NULL)
    return NULL;
  len = strlen(path);
  grown = realloc(path, len + strlen(name) + 2);
  if (grown == NULL) {
    free(path);
    return NULL;
  }
  path = grown;
  path[len] = '/';
  path[len + 1] = '\0';
  return strcat(path, name);
}
