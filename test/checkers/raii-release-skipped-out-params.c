// A function of the file that hands a fresh handle back through a
// parameter (`int make(char **out)`) acquires it for its caller, with the
// success convention its returns give: the returns written before the
// store leave without a handle, those after it with one. A caller that
// tests the result as the function reports failure, or tests the pointer,
// holds nothing on the failure path; one that drops the handle leaks it.
// Functions whose shape does not say when they stored (a store in a loop or
// branch, two stores, a copy kept elsewhere) are no acquires. A parameter
// passed by value is a variable of the function's own, and a call given a
// variable's address to write through gives it another value.
// RUN: %check_raii %s raii-release-skipped,raii-double-release %t -- -std=c11 -isystem %mock_include/libc

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>

static int make(char **out, size_t n) {
  char *p = malloc(n);
  if (!p)
    return -1;
  memset(p, 0, n);
  *out = p;
  return 0;
}

static int open_log(FILE **out, const char *name) {
  if (!name)
    return 0;
  *out = fopen(name, "a");
  return 1;
}

static void must_make(char **out) {
  *out = malloc(32);
  if (!*out)
    exit(1);
}

static char *kept;
static int make_kept(char **out) {
  char *p = malloc(8);
  if (!p)
    return -1;
  kept = p;
  *out = p;
  return 0;
}

static int make_twice(char **out, int big) {
  if (big) {
    *out = malloc(4096);
    return 0;
  }
  *out = malloc(16);
  return 0;
}

int checked(void) {
  char *buf;
  if (make(&buf, 64) != 0)
    return -1;
  buf[0] = 'x';
  free(buf);
  return 0;
}

int checkedShort(void) {
  char *buf;
  if (make(&buf, 64))
    return -1;
  free(buf);
  return 0;
}

int dropped(int flag) {
  char *buf;
  if (make(&buf, 64) < 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'buf' acquired by 'make' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-61]]:13: note: 'make' acquires the resource here
    return -1;
  if (flag)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  free(buf);
  return 0;
}

void logged(const char *name) {
  FILE *f;
  if (!open_log(&f, name))
    return;
  fputs("x\n", f);
  fclose(f);
}

void loggedLeak(const char *name) {
  FILE *f;
  if (!open_log(&f, name))
    return;
  fputs("x\n", f);
  // CHECK-MESSAGES: :[[@LINE-3]]:8: warning: 'f' acquired by 'open_log' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-73]]:10: note: 'open_log' acquires the resource here
}

void always(void) {
  char *p;
  must_make(&p);
  p[0] = 0;
  free(p);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

void keptElsewhere(void) {
  char *p;
  if (make_kept(&p) == 0)
    p[0] = 0;
}

void eitherSize(int big) {
  char *p;
  make_twice(&p, big);
}

// Descriptors too, and a store inside a plain block of the body.
static void open_ro(int *out, const char *name) {
  {
    int flags = 0;
    *out = open(name, flags);
  }
}

void descriptor(const char *name) {
  int fd = -1;
  open_ro(&fd, name);
  if (fd != -1)
    close(fd);
}

void descriptorLeak(const char *name) {
  int fd = -1;
  open_ro(&fd, name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'fd' acquired by 'open_ro' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-15]]:12: note: 'open_ro' acquires the resource here
  if (fd < 0)
    return;
}

// A local given only itself besides an acquire is no chain to follow.
static int make_self(char **out) {
  char *p = malloc(4);
  p = (char *)p;
  *out = p;
  return 0;
}

void selfCopy(void) {
  char *q;
  make_self(&q);
  free(q);
}

// What a function returns after its only store does not matter: the handle
// is stored on every return (`*path = strndup(..); return src + 1;`).
static char *next_part(char *src, char **path) {
  *path = strdup(src);
  return src + 1;
}

char *partKept(char *src, char **keep) {
  char *part;
  src = next_part(src, &part);
  *keep = part;
  return src;
}

char *partLeak(char *src) {
  char *part;
  src = next_part(src, &part);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'part' acquired by 'next_part' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-15]]:11: note: 'next_part' acquires the resource here
  return src;
}

// A parameter passed by value is the function's own variable: a handle
// stored through its address is the function's to release, and a copy of
// it made before it is given the next one holds the previous one.
int paramReplaced(char *src, char *name) {
  src = next_part(src, &name);
  char *prev = name;
  src = next_part(src, &name);
  free(prev);
  int r = name[0];
  free(name);
  return r + src[0];
}

int paramAssigned(char *name) {
  name = strdup("a");
  char *prev = name;
  name = strdup("b");
  free(prev);
  int r = name[0];
  free(name);
  return r;
}

int paramLeak(char *src, char *name) {
  src = next_part(src, &name);
  char *prev = name;
  src = next_part(src, &name);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'name' acquired by 'next_part' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-47]]:11: note: 'next_part' acquires the resource here
  free(prev);
  return name[0] + src[0];
}

// A call given a variable's address to write through gives it another
// value: what it released before is not what a later release frees. Not a
// `const` view of it, nor an argument of a variadic call.
extern char *refill(char *src, char **path);
extern void show_addr(char *const *path);

int refilledLocal(char *src) {
  char *name = strdup(src);
  free(name);
  src = refill(src, &name);
  int r = name[0];
  free(name);
  return r;
}

int refilledParam(char *src, char *name) {
  free(name);
  src = refill(src, &name);
  int r = name[0];
  free(name);
  return r + src[0];
}

void viewedOnly(char *src) {
  char *name = strdup(src);
  free(name);
  show_addr(&name);
  printf("%p\n", (void *)&name);
  free(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'name' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'name' was first released here
}

// Each arm of an `if` storing an acquire of the one family stores on every
// path (squashfs-tools' walk_source extending or starting a path).
static void either_name(char **out, const char *dir) {
  if (*out == NULL)
    *out = strdup(dir);
  else {
    *out = malloc(strlen(*out) + 2);
    if (!*out)
      abort();
    (*out)[0] = 0;
  }
}

void eitherKept(char **keep) {
  char *n = NULL;
  either_name(&n, "d");
  *keep = n;
}

void eitherLeak(void) {
  char *n = NULL;
  either_name(&n, "d");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'n' acquired by 'either_name' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-19]]:12: note: 'either_name' acquires the resource here
}

// Not an arm that returns, nor arms of different families.
static int either_or_fail(char **out, int big) {
  if (big)
    *out = malloc(4096);
  else {
    if (!big)
      return -1;
    *out = malloc(16);
  }
  return 0;
}

static void either_kind(char **out, int big) {
  if (big)
    *out = malloc(16);
  else
    *out = (char *)fopen("x", "r");
}

void eitherNoAcquire(int big) {
  char *p, *q;
  either_or_fail(&p, big);
  either_kind(&q, big);
}

// Still a double release: the body the file has only reads through the
// address, and a pointer to a function whose prototype takes a `const`
// view or a variadic argument writes nothing.
struct shower {
  void (*show)(char *const *name);
  int (*log)(const char *fmt, ...);
};
void say(const char *text);
static void look_only(char **name) {
  if (*name && **name)
    say(*name);
}

void readThroughAddress(const char *src) {
  char *name = strdup(src);
  free(name);
  look_only(&name);
  free(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'name' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'name' was first released here
}

void viewedThroughPointers(struct shower *s, const char *src) {
  char *name = strdup(src);
  free(name);
  s->show(&name);
  s->log("%p\n", (void *)&name);
  free(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'name' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'name' was first released here
}

// A function that returns the stored handle again (`return strcpy(*out,
// s)`) is no acquire: the caller may release either name.
static char *dup_into(char **out, const char *s) {
  *out = malloc(strlen(s) + 1);
  if (!*out)
    abort();
  (*out)[0] = s[0];
  return *out;
}

void returnedAgain(const char *s) {
  char *keep;
  char *copy = dup_into(&keep, s);
  free(copy);
}

// A function returning whether it stored (`return *out != NULL;`) is no
// acquire: the shape does not read that convention, and a caller that
// frees only where it says it stored is correct.
static int dup_name(const char *s, char **out) {
  *out = strdup(s);
  return *out != NULL;
}

int truthReturnedChecked(const char *s) {
  char *n;
  if (!dup_name(s, &n))
    return -1;
  int r = n[0];
  free(n);
  return r;
}

// A wrapper that stores the acquire's result first and tests it there
// (ldns' radix.c: `*out = malloc(n); if (!*out) return 0;`) returns with
// nothing stored in the null branch: its result tells the caller.
static int copyInto(const char *src, size_t n, char **out) {
  *out = malloc(n);
  if (!*out)
    return 0;
  memcpy(*out, src, n);
  return 1;
}
int negativeStoredThenTested(const char *src, size_t n, char **keep) {
  char *s = NULL;
  if (n > 1) {
    if (!copyInto(src, n, &s))
      return 0;
  }
  *keep = s;
  return 1;
}
int positiveStoredThenTested(const char *src, size_t n, int e) {
  char *s = NULL;
  if (!copyInto(src, n, &s))
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 's' acquired by 'copyInto' is not released on every path [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-19]]:10: note: 'copyInto' acquires the resource here
    return 0;
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  free(s);
  return 1;
}
// One whose null branch says nothing (a `void` wrapper) still always
// acquires, as before the null branch was read.
static void zeroedInto(char **out, size_t n) {
  *out = malloc(n);
  if (*out == NULL)
    return;
  memset(*out, 0, n);
}
int positiveVoidWrapper(size_t n) {
  char *s;
  zeroedInto(&s, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 's' acquired by 'zeroedInto' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-9]]:10: note: 'zeroedInto' acquires the resource here
  if (!s)
    return -1;
  return s[0];
}

// The descriptor stored whatever open gave, the status telling which
// (lmdb's mdb_fopen: `int rc = 0; .. if (fd == -1) rc = errno; *res =
// fd; return rc;`): a caller that closes under `rc == 0` holds nothing
// on the other path. Before: "not released on every path".
static int openInto(const char *path, int *res) {
  int rc = 0;
  int fd = open(path, O_RDONLY);
  if (fd == -1)
    rc = errno;
  *res = fd;
  return rc;
}
int negativeStatusOfStoredDescriptor(const char *path) {
  int fd = -1;
  int rc = openInto(path, &fd);
  if (rc == 0) {
    rc = 1;
    close(fd);
  }
  return rc;
}
// Twin: the caller returns on success without closing.
int positiveStatusOfStoredDescriptor(const char *path, int e) {
  int fd = -1;
  int rc = openInto(path, &fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'openInto' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-20]]:12: note: 'openInto' acquires the resource here
  if (rc != 0)
    return rc;
  if (e)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}
// Twin: a status set outside the failure branch says nothing of it.
static int openIntoLate(const char *path, int *res, int slow) {
  int rc = 0;
  int fd = open(path, O_RDONLY);
  if (slow)
    rc = -1;
  *res = fd;
  return rc;
}
int positiveStatusOutsideFailure(const char *path, int slow) {
  int fd = -1;
  int rc = openIntoLate(path, &fd, slow);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'openIntoLate' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-10]]:12: note: 'openIntoLate' acquires the resource here
  if (rc == 0)
    close(fd);
  return rc;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'fd' is skipped by this return

// Failures that return errno (nvme-cli's read_file2buffer: `if (!fd)
// return errno; .. if (!*buffer) { fclose(fd); return errno; } .. return
// 0;`): zero is success, and the wrapper an acquire. Before: no finding.
static int readAll(const char *name, char **buffer) {
  FILE *fp = fopen(name, "rb");
  if (!fp)
    return errno;
  *buffer = malloc(64);
  if (!*buffer) {
    fclose(fp);
    return -errno;
  }
  fread(*buffer, 1, 64, fp);
  fclose(fp);
  return 0;
}
int positiveErrnoWrapperResultDropped(const char *name) {
  char *conf = NULL;
  int err = readAll(name, &conf);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'conf' acquired by 'readAll' is never released [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-13]]:13: note: 'readAll' acquires the resource here
  if (err)
    return -1;
  return conf[0];
}
int negativeErrnoWrapperFreed(const char *name) {
  char *conf = NULL;
  if (readAll(name, &conf) != 0)
    return -1;
  int c = conf[0];
  free(conf);
  return c;
}

// Twin of openInto: the failure branch tries again, so a status other than
// 0 may come with a descriptor; the status tells nothing.
static int openRetry(const char *path, int *res) {
  int rc = 0;
  int fd = open(path, O_RDWR);
  if (fd == -1) {
    rc = errno;
    fd = open(path, O_RDONLY);
  }
  *res = fd;
  return rc;
}
int positiveStatusOfRetriedDescriptor(const char *path, char *buf) {
  int fd = -1;
  int rc = openRetry(path, &fd);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'openRetry' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-12]]:12: note: 'openRetry' acquires the resource here
  if (rc != 0)
    return -rc;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  int n = read(fd, buf, 16);
  close(fd);
  return n;
}
// A caller telling one failure by its negative code (`rc == -ENOENT`): the
// acquire failed there too.
int negativeErrnoWrapperOneFailureTold(const char *name) {
  char *conf = NULL;
  int rc = readAll(name, &conf);
  if (rc == -ENOENT)
    return 0;
  if (rc != 0)
    return rc;
  int c = conf[0];
  free(conf);
  return c;
}
