// Path sensitivity on C, bounds and pure calls: a variable's comparisons
// with constants bound its value, so `i == 10` is false inside a loop on
// `i < 10`; a function that writes only its own locals is pure, so two
// tests of `level(10) > 1` are one condition. Each correct function has a
// wrong twin that is still reported.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release,raii-reacquire' %t -- -std=c11 -isystem %mock_include/libc

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
int work(void);
int shared;

// ---- bounds from a loop's condition ---------------------------------------

void negativeNeverInLoop(void) {
  char *p = malloc(10);
  if (!p)
    return;
  for (int i = 0; i < 10; i++) {
    p[i] = 'a';
    if (i == 10)
      free(p);
  }
  free(p);
}

void positiveLastRoundInLoop(void) {
  char *p = malloc(10);
  if (!p)
    return;
  for (int i = 0; i < 10; i++) {
    p[i] = 'a';
    if (i == 9)
      free(p);
  }
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'p' was first released here
}

void negativeEveryRound(void) {
  for (int i = 0; i <= 4; i++) {
    pthread_mutex_lock(&mu);
    shared += 10;
    if (i != 5)
      pthread_mutex_unlock(&mu);
  }
}

void positiveNotLastRound(void) {
  for (int i = 0; i <= 4; i++) {
    pthread_mutex_lock(&mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
    shared += 10;
    if (i != 4)
      pthread_mutex_unlock(&mu);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

// ---- bounds from branches --------------------------------------------------

void negativePositiveThenNonzero(int n) {
  char *p = NULL;
  if (n > 0)
    p = malloc(n);
  work();
  if (n != 0 && n >= 1)
    free(p);
}

void negativeSizeThenTruth(long n) {
  char *p = NULL;
  if (n > 16)
    p = malloc(n);
  work();
  if (n > 8)
    free(p);
}

void positiveBoundTooWide(long n) {
  char *p = NULL;
  if (n > 8)
    p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  work();
  if (n > 16)
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

void negativeUnsignedBound(unsigned n) {
  char *p = NULL;
  if (n < 4)
    return;
  p = malloc(n);
  if (n == 2)
    return;
  free(p);
}

// `i < 10u` converts a negative i to a large unsigned value: it bounds
// nothing about i itself.
void positiveSignConverted(int i) {
  char *p = NULL;
  if (!(i < 10u))
    return;
  p = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (i == -1)
    return;
  free(p);
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: release of 'p' is skipped by this return

// ---- pure functions --------------------------------------------------------

static int level(int a) {
  int ret = 0;
  if (a > 1) {
    ret = a++;
  } else {
    ret = 0;
  }
  return ret;
}

void negativePureCallTwice(void) {
  if (level(10) > 1)
    pthread_mutex_lock(&mu);
  shared++;
  level(10);
  if (level(10) > 1)
    pthread_mutex_unlock(&mu);
}

void positivePureCallOtherArgument(int x) {
  if (level(10) > 1)
    pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  shared++;
  if (level(x) > 1)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

static int counter;
static int bump(int a) {
  counter += a;
  return counter;
}

// A function that writes a global is no pure function.
void positiveImpureCallTwice(void) {
  if (bump(1) > 1)
    pthread_mutex_lock(&mu);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu' acquired by 'pthread_mutex_lock' is not released on every path [raii-release-skipped]
  if (bump(1) > 1)
    pthread_mutex_unlock(&mu);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu' is skipped when the function ends here

static int limit;
static int above(int a) { return a > limit; }

// What a pure function reads outside it is what the condition reads: a
// write to it in between makes the two tests unrelated.
void positivePureReadChanged(int a, int l) {
  char *p = NULL;
  if (above(a))
    p = strdup("x");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
  limit = l;
  if (above(a))
    free(p);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

void negativePureReadUnchanged(int a) {
  char *p = NULL;
  if (above(a))
    p = strdup("x");
  work();
  if (above(a))
    free(p);
}

// A ladder of bounds on one variable keeps one bound a side: the test of
// `verbose` it follows is still known at the end.
int negativeLadderKeepsOlderFacts(int verbose, int n, const char *path) {
  FILE *fp = NULL;
  if (verbose)
    fp = fopen(path, "w");
  int k;
  if (n < 1) k = 0;
  else if (n < 2) k = 1;
  else if (n < 3) k = 2;
  else if (n < 4) k = 3;
  else if (n < 5) k = 4;
  else if (n < 6) k = 5;
  else if (n < 7) k = 6;
  else if (n < 8) k = 7;
  else if (n < 9) k = 8;
  else if (n < 10) k = 9;
  else if (n < 11) k = 10;
  else if (n < 12) k = 11;
  else if (n < 13) k = 12;
  else k = 13;
  if (verbose && fp)
    fclose(fp);
  return k;
}

// A copy that converts the value tests something else.
struct cfg {
  int level;
};
void positiveCopyTruncates(struct cfg *cfg, const char *path) {
  unsigned char c = cfg->level;
  FILE *f = NULL;
  if (c < 10)
    f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (f == NULL)
    return;
  if (cfg->level < 10)
    fclose(f);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'f' is skipped when the function ends here

// ---- a counter only counted up --------------------------------------------

// Each round that grows the array counts it (collectd's statsd: `if
// (fds_num == 0) return ENOENT;` after the loop): where the array is held
// the count is at least one, so the early return holds nothing.
struct item { int v; };
int negativeCountedUp(struct item **out, int n) {
  struct item *arr = NULL, *tmp;
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    if (work())
      continue;
    tmp = realloc(arr, sizeof(*arr) * (len + 1));
    if (tmp == NULL)
      continue;
    arr = tmp;
    arr[len++].v = i;
  }
  if (len == 0)
    return -1;
  *out = arr;
  return (int)len;
}

// The same counted by twos.
int negativeCountedUpByTwo(struct item **out, int n) {
  struct item *arr = NULL, *tmp;
  int len = 0;
  for (int i = 0; i < n; i++) {
    tmp = realloc(arr, sizeof(*arr) * (len + 2));
    if (tmp == NULL)
      break;
    arr = tmp;
    arr[len].v = i;
    arr[len + 1].v = -i;
    len += 2;
  }
  if (!len)
    return -1;
  *out = arr;
  return len;
}

// Twin: a count that also goes down says nothing of the array.
int positiveCountedDownToo(struct item **out, int n) {
  struct item *arr = NULL, *tmp;
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    tmp = realloc(arr, sizeof(*arr) * (len + 1));
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'tmp' acquired by 'realloc' is not released on every path [raii-release-skipped]
    if (tmp == NULL)
      continue;
    arr = tmp;
    arr[len++].v = i;
    if (work())
      len--;
  }
  if (len == 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'tmp' is skipped by this return
  *out = arr;
  return (int)len;
}

// A counter's exact value outlives the branches it rules out: `i == 3` is
// taken in one round only (hunspell's munch.cxx token loop), so the
// buffer is acquired once and freed once.
int next_token(void);
int negativeCounterPicksOneRound(void) {
  char *ptr = NULL;
  int i = 0;
  while (next_token()) {
    if (i == 3)
      ptr = malloc(8);
    i++;
  }
  free(ptr);
  return i;
}

// Twin: a counter that restarts may pick the round again.
int positiveCounterRestarts(void) {
  char *ptr = NULL;
  int i = 0;
  while (next_token()) {
    if (i == 3)
      ptr = malloc(8);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'ptr' acquired by 'malloc' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'ptr' is acquired again here while it still holds the earlier resource
    i++;
    if (work())
      i = 0;
  }
  free(ptr);
  return i;
}

// The same through `switch`: the edge into `case 3:` says `i == 3`, and a
// path whose facts rule 3 out does not take it (munch.cxx's token loop).
int negativeCounterPicksOneCase(void) {
  char *ptr = NULL;
  int i = 0;
  while (next_token()) {
    switch (i) {
    case 3:
      ptr = malloc(8);
      break;
    default:
      break;
    }
    i++;
  }
  free(ptr);
  return i;
}

// Twin: `case 3:` is taken again when the counter may go back.
int positiveCaseCounterGoesBack(void) {
  char *ptr = NULL;
  int i = 0;
  while (next_token()) {
    switch (i) {
    case 3:
      ptr = malloc(8);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'ptr' acquired by 'malloc' is not released on every path [raii-release-skipped]
      // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'ptr' is acquired again here while it still holds the earlier resource
      break;
    default:
      break;
    }
    i++;
    if (work())
      i--;
  }
  free(ptr);
  return i;
}

// A test of the variable is no switch on it: `switch (i != 0)` takes
// `case 1:` when i is 5; nor is the edge of an inner switch without
// `default:` to the block after it, though an outer `case 2:` labels that:
// with b == 7 it is taken, and the leak there is reported.
int positiveSwitchOnTest(int i) {
  char *p = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (i != 5) {
    free(p);
    return 0;
  }
  switch (i != 0) {
  case 1:
    return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  default:
    break;
  }
  free(p);
  return 0;
}

int positiveInnerSwitchFallsOut(int a, int b) {
  char *p = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (a != 1 || b != 7) {
    free(p);
    return 0;
  }
  switch (a) {
  case 1:
    switch (b) {
    case 5:
      free(p);
      return 5;
    }
  case 2:
    return 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  default:
    break;
  }
  free(p);
  return 0;
}

// `r = r->next` where the path tested `r->next`: the variable has the value
// the test saw (not null here), though the expression read the variable
// itself. A walk whose every step is guarded so does not end by r
// becoming null.
struct node {
  struct node *next;
  int v;
};

int walkGuardedByNext(struct node *r) {
  char *p = malloc(4);
  if (!p)
    return -1;
  if (!r) {
    free(p);
    return -2;
  }
  for (;;) {
    if (r->v) {
      free(p);
      return 0;
    }
    if (!r->next) {
      free(p);
      return 1;
    }
    r = r->next;
    if (!r)
      return 5;
  }
}

int positiveWalkUnguarded(struct node *r) {
  char *p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  if (!p)
    return -1;
  for (;;) {
    if (r->v) {
      free(p);
      return 0;
    }
    if (r->next) {
      free(p);
      return 1;
    }
    r = r->next;
    if (!r)
      return 5;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'p' is skipped by this return
  }
}

// A size doubled (`size *= 2`, `size <<= 1`) stays nonzero, so the branch
// that allocates while it is zero runs once (fish's format buffer). Halved,
// it may reach zero again: the twin allocates again over the block.
int try_fill(char *buf, unsigned long size);
void sizeDoubled(void) {
  unsigned long size = 0;
  char *buf = NULL;
  int status = -1;
  while (status < 0) {
    if (size == 0) {
      size = 1024;
      buf = malloc(size);
      if (!buf)
        abort();
    } else {
      size *= 2;
      char *grown = realloc(buf, size);
      if (!grown) {
        free(buf);
        return;
      }
      buf = grown;
    }
    status = try_fill(buf, size);
  }
  free(buf);
}

void sizeShifted(void) {
  unsigned long size = 0;
  char *buf = NULL;
  int status = -1;
  while (status < 0) {
    if (size == 0) {
      size = 1024;
      buf = malloc(size);
      if (!buf)
        abort();
    } else {
      size <<= 1;
      char *grown = realloc(buf, size);
      if (!grown) {
        free(buf);
        return;
      }
      buf = grown;
    }
    status = try_fill(buf, size);
  }
  free(buf);
}

void sizeHalved(void) {
  unsigned long size = 0;
  char *buf = NULL;
  int status = -1;
  while (status < 0) {
    if (size == 0) {
      size = 1024;
      buf = malloc(size);
      if (!buf)
        abort();
    } else {
      size /= 2;
      char *grown = realloc(buf, size);
      if (!grown) {
        free(buf);
        return;
      }
      buf = grown;
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'buf' acquired by 'realloc' is not released on every path [raii-release-skipped]
      // CHECK-MESSAGES: :[[@LINE-12]]:13: note: 'buf' is acquired again here while it still holds the earlier resource
    }
    status = try_fill(buf, size);
  }
  free(buf);
}

// A bound that rules zero out (`rc < 0`) also says `rc != 0`, which a merge
// with a path that knows rc's value (`rc == -1`, left from its
// initialiser) keeps: six blocks, one combined null test and one clean-up
// under `if (rc != 0)`, more states than a point keeps apart (libssh's
// ssh_generate_session_keys).
struct six_keys {
  int client;
  char *a, *b, *c, *d, *e, *f;
};
int key_size(int which);
int derive_key(char *out, int n);

int negativeSixKeysStatusCleanup(struct six_keys *k) {
  char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  int rc = -1, n, m;
  if (k->client) {
    n = key_size(1);
    m = key_size(2);
  } else {
    n = key_size(2);
    m = key_size(1);
  }
  a = malloc(n);
  b = malloc(n);
  c = malloc(n);
  d = malloc(n);
  e = malloc(n);
  f = malloc(n);
  if (a == NULL || b == NULL || c == NULL || d == NULL || e == NULL ||
      f == NULL) {
    goto error;
  }
  rc = derive_key(a, m);
  if (rc < 0)
    goto error;
  rc = derive_key(b, m);
  if (rc < 0)
    goto error;
  rc = derive_key(c, m);
  if (rc < 0)
    goto error;
  rc = derive_key(d, m);
  if (rc < 0)
    goto error;
  rc = derive_key(e, m);
  if (rc < 0)
    goto error;
  rc = derive_key(f, m);
  if (rc < 0)
    goto error;
  if (k->client) {
    k->a = a;
    k->b = b;
    k->c = c;
    k->d = d;
    k->e = e;
    k->f = f;
  } else {
    k->a = b;
    k->b = a;
    k->c = d;
    k->d = c;
    k->e = f;
    k->f = e;
  }
  rc = 0;
error:
  if (rc != 0) {
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    free(f);
  }
  return rc;
}

// Twin: the failed allocation sets rc = 0, so the clean-up is skipped.
int positiveSixKeysStatusZeroOnFailure(struct six_keys *k) {
  char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  int rc = -1, n, m;
  if (k->client) {
    n = key_size(1);
    m = key_size(2);
  } else {
    n = key_size(2);
    m = key_size(1);
  }
  a = malloc(n);
  b = malloc(n);
  c = malloc(n);
  d = malloc(n);
  e = malloc(n);
  f = malloc(n);
  if (a == NULL || b == NULL || c == NULL || d == NULL || e == NULL ||
      f == NULL) {
    rc = 0;
    goto error;
  }
  rc = derive_key(a, m);
  if (rc < 0)
    goto error;
  rc = derive_key(b, m);
  if (rc < 0)
    goto error;
  rc = derive_key(c, m);
  if (rc < 0)
    goto error;
  rc = derive_key(d, m);
  if (rc < 0)
    goto error;
  rc = derive_key(e, m);
  if (rc < 0)
    goto error;
  rc = derive_key(f, m);
  if (rc < 0)
    goto error;
  if (k->client) {
    k->a = a;
    k->b = b;
    k->c = c;
    k->d = d;
    k->e = e;
    k->f = f;
  } else {
    k->a = b;
    k->b = a;
    k->c = d;
    k->d = c;
    k->e = f;
    k->f = e;
  }
  rc = 0;
error:
  if (rc != 0) {
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    free(f);
  }
  return rc;
  // CHECK-MESSAGES: :[[@LINE-55]]:7: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'a' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-56]]:7: warning: 'b' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: release of 'b' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-57]]:7: warning: 'c' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: release of 'c' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-58]]:7: warning: 'd' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-8]]:3: note: release of 'd' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-59]]:7: warning: 'e' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-10]]:3: note: release of 'e' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-60]]:7: warning: 'f' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: release of 'f' is skipped by this return
}
