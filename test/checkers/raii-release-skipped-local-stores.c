// A handle stored, as its variable's last use, in a field of a local
// struct or union, reached with `.` and kept to the function (never
// copied over whole, no address taken), or in a local through a pointer
// that only ever points to it (`*pp = p;` with `char **pp = &data;`):
// that place holds it from then on, and a scope that ends with the field
// still holding it loses it. A union's members are one place. Before:
// every such store handed the handle off (Juliet CWE401 variants 34,
// the union, and 32, the pointers, went unreported). An object given out whole or by address, or
// returned, still takes the handle with it.
// RUN: %check_raii %s 'raii-release-skipped,raii-double-release' %t -- -std=c11 -isystem %mock_include/libc
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

struct conf {
  char *name;
  FILE *log;
  int n;
};
union both {
  char *first;
  char *second;
};
void use(const char *s);
void keep(struct conf *c);
void keepByValue(struct conf c);

void positiveFieldLeaked(const char *s) {
  struct conf c;
  char *p = strdup(s);
  if (!p)
    return;
  c.name = p;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'c.name' acquired by 'strdup' is never released [raii-release-skipped]
  use(c.name);
}

void negativeFieldReleased(const char *s) {
  struct conf c;
  char *p = strdup(s);
  if (!p)
    return;
  c.name = p;
  use(c.name);
  free(c.name);
}

void positiveUnionLeaked(void) {
  union both u;
  char *data = malloc(100);
  if (!data)
    exit(1);
  data[0] = 0;
  u.first = data;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'u.first' acquired by 'malloc' is never released [raii-release-skipped]
  {
    char *inner = u.second;
    use(inner);
  }
}

void negativeUnionReleasedThroughOtherMember(void) {
  union both u;
  char *data = malloc(100);
  if (!data)
    exit(1);
  u.first = data;
  {
    char *inner = u.second;
    free(inner);
  }
}

void negativeObjectLentOut(const char *s) {
  struct conf c;
  c.name = strdup(s);
  keep(&c);
}

void negativeObjectPassedWhole(const char *s) {
  struct conf c = {0};
  char *p = strdup(s);
  if (!p)
    return;
  c.name = p;
  keepByValue(c);
}

struct conf negativeObjectReturned(const char *path) {
  struct conf c = {0};
  FILE *f = fopen(path, "r");
  c.log = f;
  return c;
}

void positiveStreamInFieldSkipped(const char *path, int fail) {
  struct conf c = {0};
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  c.log = f;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'c.log' acquired by 'fopen' is not released on every path [raii-release-skipped]
  if (fail)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'c.log' is skipped by this return
  fclose(c.log);
}

// The variable used after the store (released through it here): the field
// is only a copy, as before.
void negativeReleasedThroughVariable(const char *s) {
  struct conf c;
  char *p = strdup(s);
  if (!p)
    return;
  c.name = p;
  use(c.name);
  free(p);
}

// Through pointers to a local (Juliet's flow variant 32).
void positiveThroughPointer(void) {
  char *data;
  char **first = &data;
  char **second = &data;
  data = NULL;
  {
    char *inner = *first;
    inner = malloc(100);
    if (inner == NULL)
      exit(1);
    *first = inner;
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'data' acquired by 'malloc' is never released [raii-release-skipped]
  }
  {
    char *other = *second;
    use(other);
  }
}

void negativeThroughPointerReleased(void) {
  char *data;
  char **first = &data;
  char **second = &data;
  data = NULL;
  {
    char *inner = *first;
    inner = malloc(100);
    if (inner == NULL)
      exit(1);
    *first = inner;
  }
  {
    char *other = *second;
    free(other);
  }
}

// A pointer given another place to point to names no one local.
void negativePointerRetargeted(char **slot) {
  char *data = NULL;
  char **where = &data;
  where = slot;
  char *p = malloc(10);
  if (!p)
    return;
  *where = p;
}

// A released handle stored there is still released: a second release of
// it is reported (Juliet CWE415 flow variant 32).
void positiveReleasedThenStoredThroughPointer(void) {
  char *data;
  char **first = &data;
  char **second = &data;
  data = NULL;
  {
    char *inner = *first;
    inner = malloc(100);
    if (inner == NULL)
      exit(1);
    // CHECK-MESSAGES: :[[@LINE+7]]:5: warning: 'data' is released by 'free' on a path where it was already released [raii-double-release]
    free(inner);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'data' was first released here
    *first = inner;
  }
  {
    char *other = *second;
    free(other);
  }
}

// A null test of a local that names the place (`f = u.second`, written
// once) tells whether the place holds anything: the failed fopen left
// nothing to close (Juliet CWE773/CWE775 flow variants 32 and 34, good
// functions).
struct files {
  FILE *in;
};
union stream {
  FILE *first;
  FILE *second;
};
void negativeUnionNullTestedThroughLocal(const char *path) {
  union stream u;
  FILE *data = fopen(path, "r");
  u.first = data;
  {
    FILE *f = u.second;
    if (f != NULL)
      fclose(f);
  }
}

void positiveUnionTestedButKeptOnOneBranch(const char *path, int keepIt) {
  union stream u;
  FILE *data = fopen(path, "r");
  u.first = data;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'u.first' acquired by 'fopen' is not released on every path [raii-release-skipped]
  {
    FILE *f = u.second;
    if (f != NULL && !keepIt)
      fclose(f);
  }
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'u.first' is skipped when the function ends here

// A local that takes the place's value and is then given handles of its
// own (Juliet's good sinks reuse the name): the handle moves into it, and
// is released through it before the new one comes.
void negativeUnionLoadedIntoReusedLocal(const char *path) {
  union stream u;
  FILE *data = fopen(path, "r");
  u.first = data;
  {
    FILE *f = u.second;
    if (f != NULL)
      fclose(f);
    f = fopen("other", "r");
    if (f != NULL)
      fclose(f);
  }
}

void positiveUnionLoadedThenOverwritten(const char *path) {
  union stream u;
  FILE *data = fopen(path, "r");
  u.first = data;
  {
    FILE *f = u.second;
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
    f = fopen("other", "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: note: 'f' is acquired again here while it still holds the earlier resource
    if (f != NULL)
      fclose(f);
  }
}

void negativeThroughPointerLoadedIntoReusedLocal(const char *path) {
  FILE *data = NULL;
  FILE **first = &data;
  FILE **second = &data;
  {
    FILE *f = *first;
    f = fopen(path, "r");
    *first = f;
  }
  {
    FILE *f = *second;
    if (f != NULL)
      fclose(f);
    f = fopen("other", "r");
    if (f != NULL)
      fclose(f);
  }
}

// The same with a descriptor: an integer local initialised from the place
// and never written again names it too.
union descriptor {
  int first;
  int second;
};
void negativeDescriptorClosedThroughLocal(const char *path) {
  union descriptor u;
  int fd = open(path, O_RDONLY);
  u.first = fd;
  {
    int d = u.second;
    if (d != -1)
      close(d);
  }
}

void positiveDescriptorOnlyRead(const char *path) {
  union descriptor u;
  int fd = open(path, O_RDONLY);
  u.first = fd;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'u.first' acquired by 'open' is never released [raii-release-skipped]
  {
    int d = u.second;
    use(d ? "open" : "failed");
  }
}

// A local loaded from the place and cleared last (`free(q); q = NULL;`,
// nothing naming it after) still names the place where it is released
// (ITC's memory_leak_0011 without the defect). A path that skips the
// release, or a clear before it, still leaks.
struct holder {
  char *a;
};
void negativeLoadClearedLast(void) {
  struct holder h;
  char *p = malloc(10);
  h.a = p;
  char *q = h.a;
  free(q);
  q = NULL;
}
void positiveLoadClearedLastLeaks(int e) {
  struct holder h;
  char *p = malloc(10);
  h.a = p;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'h.a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  char *q = h.a;
  if (e)
    return;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'h.a' is skipped by this return
  free(q);
  q = NULL;
}
void positiveLoadClearedFirst(void) {
  struct holder h;
  char *p = malloc(10);
  h.a = p;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'h.a' acquired by 'malloc' is never released [raii-release-skipped]
  char *q = h.a;
  q = NULL;
  free(q);
}

// The place given another block after the load: the local no longer names
// what the place holds (as before the clear counted), and the place's
// blocks are reported.
void positiveLoadThenPlaceReplaced(void) {
  struct holder h;
  char *p = malloc(10);
  h.a = p;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'h.a' acquired by 'malloc' is never released [raii-release-skipped]
  char *q = h.a;
  h.a = malloc(20);
  free(q);
  q = NULL;
}
