// The heap, descriptor and stream functions added to rules/memory.yaml,
// rules/posix-fd.yaml and rules/stdio.yaml (out-parameters, arrays of two
// descriptors, descriptors taken over by a stream), on mock declarations:
// for each, a leak reported where it happens and the correct use silent.
// RUN: %check_raii %s raii-release-skipped,raii-mismatched-release,raii-double-release %t -- -std=c11 -isystem %S/Inputs/api

#include <heap_fd_api.h>

int work(void);
void consume(const char *s);

// --- out-parameter allocators (c-heap) ------------------------------------

int negativePosixMemalign(size_t n) {
  void *p;
  if (posix_memalign(&p, 64, n) != 0)
    return -1; // *memptr untouched on failure
  work();
  free(p);
  return 0;
}

int positivePosixMemalign(size_t n) {
  void *p;
  if (posix_memalign(&p, 64, n))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'p' acquired by 'posix_memalign' is not released on every path [raii-release-skipped]
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  free(p);
  return 0;
}

void positivePosixMemalignMismatch(void) {
  void *p;
  if (posix_memalign(&p, 64, 128) == 0)
    g_free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'p' acquired by 'posix_memalign' is released by 'g_free'; release it with 'free' [raii-mismatched-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'p' acquired here
}

void negativeMemalign(void) {
  char *p = memalign(64, 128);
  char *q = canonicalize_file_name("/tmp");
  consume(p);
  consume(q);
  free(q);
  free(p);
}

void positiveCanonicalize(const char *path) {
  char *real = canonicalize_file_name(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'real' acquired by 'canonicalize_file_name' is never released [raii-release-skipped]
  consume(real);
}

// realpath(path, buf) returns buf: freeing the result frees the buffer.
int negativeRealpathIntoHeapBuffer(const char *path) {
  char *buf = malloc(4096);
  char *real = realpath(path, buf);
  if (!real) {
    free(buf);
    return -1;
  }
  consume(real);
  free(real);
  return 0;
}

// The buffer is the caller's even when getline fails (end of file).
long negativeGetlineLoop(FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  long total = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) != -1)
    total += n;
  free(line);
  return total;
}

int positiveGetline(FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  if (getline(&line, &cap, f) < 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'line' acquired by 'getline' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'line' is skipped by this return
  consume(line);
  free(line);
  return 0;
}

int positiveGetdelim(FILE *f) {
  char *rec = NULL;
  size_t cap = 0;
  getdelim(&rec, &cap, ';', f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rec' acquired by 'getdelim' is never released [raii-release-skipped]
  consume(rec);
  return 0;
}

// OpenBSD's and libbsd's recallocarray and freezero.
int negativeFreezero(size_t n) {
  char *p = recallocarray(NULL, 0, n, 1);
  if (!p)
    return -1;
  char *q = recallocarray(p, n, 2 * n, 1);
  if (!q) {
    freezero(p, n);
    return -1;
  }
  consume(q);
  freezero(q, 2 * n);
  return 0;
}

int positiveFreezero(size_t n) {
  char *p = recallocarray(NULL, 0, n, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'recallocarray' is not released on every path [raii-release-skipped]
  if (!p)
    return -1;
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  freezero(p, n);
  return 0;
}

int negativeAsprintf(int x) {
  char *s;
  if (asprintf(&s, "%d", x) < 0)
    return -1; // *strp undefined: nothing to free
  consume(s);
  free(s);
  return 0;
}

int positiveAsprintf(int x) {
  char *s;
  if (asprintf(&s, "%d", x) == -1)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'asprintf' is not released on every path [raii-release-skipped]
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 's' is skipped by this return
  free(s);
  return 0;
}

// A format that prints something makes the count positive on success:
// `<= 0` and `< 1` are failure tests, `> 0` a success test.
int negativeAsprintfCount(const char *path) {
  char *s;
  int ret = asprintf(&s, "/%s", path);
  if (ret <= 0)
    return -1;
  consume(s);
  free(s);
  return 0;
}

int negativeAsprintfBelowOne(int x) {
  char *s;
  if (asprintf(&s, "%s%d", "", x) < 1)
    return -1;
  consume(s);
  free(s);
  return 0;
}

void negativeAsprintfPositive(int x) {
  char *s;
  if (asprintf(&s, "%%%s", x ? "a" : "b") > 0) {
    consume(s);
    free(s);
  }
}

// "%s" of an empty string returns 0 with an empty string allocated.
int positiveAsprintfMayBeEmpty(const char *name) {
  char *s;
  if (asprintf(&s, "%s", name) <= 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'asprintf' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 's' is skipped by this return
  consume(s);
  free(s);
  return 0;
}

// Positional conversions (`%1$s`) print what they convert; printf stops
// at a NUL.
int positiveAsprintfPositional(const char *a) {
  char *s;
  if (asprintf(&s, "%1$s", a) <= 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'asprintf' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 's' is skipped by this return
  consume(s);
  free(s);
  return 0;
}

int positiveAsprintfNul(const char *a) {
  char *s;
  if (asprintf(&s, "\0x%s", a) <= 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'asprintf' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 's' is skipped by this return
  consume(s);
  free(s);
  return 0;
}

// A precision may print nothing of a zero (`%.0d`).
int positiveAsprintfPrecision(int x) {
  char *s;
  if (asprintf(&s, "%.0d", x) <= 0)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 's' acquired by 'asprintf' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 's' is skipped by this return
  consume(s);
  free(s);
  return 0;
}

int negativeVasprintf(const char *fmt, va_list ap) {
  char *s;
  if (vasprintf(&s, fmt, ap) < 0)
    return -1;
  consume(s);
  free(s);
  return 0;
}

int negativeScandir(const char *dir) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  if (n < 0)
    return -1;
  for (int i = 0; i < n; ++i)
    free(list[i]);
  free(list);
  return n;
}

int positiveScandir(const char *dir) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'list' acquired by 'scandir' is not released on every path [raii-release-skipped]
  if (n < 0)
    return -1;
  if (n > 100)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'list' is skipped by this return
  free(list);
  return n;
}

// No entry matched: scandir returns 0 and gives no array (`success:
// positive`), so a return on `n <= 0` (or `!n`, `n < 1`) loses nothing; a
// return on `n < 0` alone still may (an empty match is a success).
int negativeScandirEmpty(const char *dir) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  if (n <= 0)
    return 0;
  for (int i = 0; i < n; ++i)
    free(list[i]);
  free(list);
  return n;
}

void negativeScandirOnlyWhenPositive(const char *dir) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  if (n > 0) {
    for (int i = 0; i < n; ++i)
      free(list[i]);
    free(list);
  }
}

int negativeScandirNone(const char *dir) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  if (n == -1 || !n)
    return 0;
  free(list);
  return n;
}

int positiveScandirEmptyIsSuccess(const char *dir, int fail) {
  struct dirent **list;
  int n = scandir(dir, &list, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'list' acquired by 'scandir' is not released on every path [raii-release-skipped]
  if (n >= 0 && fail)
    return -1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'list' is skipped by this return
  if (n < 1)
    return 0;
  free(list);
  return n;
}

// --- descriptors (posix-fd) -----------------------------------------------

int negativeSocketpair(void) {
  int sv[2];
  if (socketpair(1, 1, 0, sv) < 0)
    return -1;
  write(sv[0], "x", 1);
  close(sv[0]);
  close(sv[1]);
  return 0;
}

int positiveSocketpair(void) {
  int sv[2];
  if (socketpair(1, 1, 0, sv) != 0)
    return -1;
  // Each of the two descriptors is its own handle.
  if (write(sv[0], "x", 1) != 1)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-5]]:7: warning: 'sv[0]' acquired by 'socketpair' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release of 'sv[0]' is skipped by this return
  // CHECK-MESSAGES: :[[@LINE-7]]:7: warning: 'sv[1]' acquired by 'socketpair' is not released on every path [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: release of 'sv[1]' is skipped by this return
  close(sv[0]);
  close(sv[1]);
  return 0;
}

int positiveShmOpen(const char *name) {
  int fd = shm_open(name, 0102, 0600);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'shm_open' is not released on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  if (write(fd, "x", 1) != 1)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  shm_unlink(name);
  return 0;
}

int negativeMkstemp(char *tmpl) {
  int fd = mkstemp(tmpl);
  if (fd == -1)
    return -1;
  write(fd, "x", 1);
  close(fd);
  return 0;
}

int positiveMkostemp(char *tmpl) {
  int fd = mkostemp(tmpl, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'mkostemp' is never released [raii-release-skipped]
  if (fd < 0)
    return -1;
  return write(fd, "x", 1) == 1 ? 0 : -2;
}

void positivePosixOpenptTimerfd(void) {
  int pt = posix_openpt(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'pt' acquired by 'posix_openpt' is never released [raii-release-skipped]
  int tfd = timerfd_create(1, 0);
  if (tfd >= 0)
    close(tfd);
  (void)pt;
}

// gzdopen takes the descriptor (an extension of posix-fd in zlib.yaml);
// gzclose closes both. Where gzdopen fails (null) the descriptor is still
// the caller's, like fdopen's.
int negativeGzdopen(char *tmpl) {
  int fd = mkstemp(tmpl);
  if (fd < 0)
    return -1;
  gzFile gz = gzdopen(fd, "wb");
  if (!gz) {
    close(fd);
    return -2;
  }
  gzputs(gz, "x");
  return gzclose(gz);
}

int positiveGzdopenFails(char *tmpl) {
  int fd = mkstemp(tmpl);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'mkstemp' is never released, and not handed off on every path [raii-release-skipped]
  if (fd < 0)
    return -1;
  gzFile gz = gzdopen(fd, "wb");
  if (!gz)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  gzputs(gz, "x");
  return gzclose(gz);
}

// --- streams (stdio-file) -------------------------------------------------

static int cookieClose(void *c) {
  free(c);
  return 0;
}

// The cookie belongs to the stream (an extension of c-heap in stdio.yaml).
FILE *negativeFopencookie(void) {
  cookie_io_functions_t io = {0, 0, 0, cookieClose};
  void *cookie = malloc(16);
  if (!cookie)
    return NULL;
  FILE *f = fopencookie(cookie, "w", io);
  if (!f)
    free(cookie);
  return f;
}

int positiveFopencookie(void *cookie, cookie_io_functions_t io) {
  FILE *f = fopencookie(cookie, "w", io);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopencookie' is not released on every path [raii-release-skipped]
  if (!f)
    return -1;
  if (work())
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  return fclose(f);
}
