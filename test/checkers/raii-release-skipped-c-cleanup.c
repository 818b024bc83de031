// In C, with RaiiCCleanupAttribute, a handle that leaks on some path is
// rewritten into a <raii/cleanup.h> cleanup variable: the prefix on its
// declaration, the releases where leaving the block releases anyway
// deleted, the others followed by a reset. The program drives every path;
// before the fix the leaking paths leave descriptors (ORIG) and memory
// (LeakSanitizer) behind; after it none does and the output is the same.
// Without the option (OFF) the findings stay and nothing is fixed; without
// the header on the include path (NOPATH) a note says so.
// RUN: %check_raii --run-fixed --link=-fsanitize=address --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s raii-release-skipped %t -- -std=gnu11 -g -fsanitize=address -isystem %raii_runtime_include
// RUN: %check_raii --prefix OFF %s raii-release-skipped %t.off -- -std=gnu11 -isystem %raii_runtime_include
// RUN: %check_raii --prefix NOPATH --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" %s raii-release-skipped %t.nopath -- -std=gnu11
// The fixed file draws only the six refused findings, and a second --fix
// changes nothing:
// RUN: cp %s %t.twice.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-*' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" --fix %t.twice.c -- -std=gnu11 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.c %t.once.c
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-*' --config="{CheckOptions: {RaiiCCleanupAttribute: true}}" --fix %t.twice.c -- -std=gnu11 -isystem %raii_runtime_include 2>/dev/null | grep -c "warning:" | FileCheck %s --check-prefix=AGAIN
// AGAIN: {{^}}6{{$}}
// RUN: diff %t.once.c %t.twice.c
// RUN: %clang -std=gnu11 %s -o %t.orig
// RUN: not %t.orig | FileCheck %s --check-prefix=ORIG
// ORIG: result -4
// ORIG: leaked fds: 3
#include <dirent.h>
#include <fcntl.h>
// CHECK-FIXES: #include <raii/cleanup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int openFds(void) {
  int n = 0;
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    n += e->d_name[0] != '.';
  closedir(d);
  return n - 1;
}

// A function of this file that only reads the descriptor borrows it.
static int readByte(int fd, char *c) { return (int)read(fd, c, 1); }

int firstByte(const char *path, int fail) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:12: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-FIXES: RAII_AUTOFD int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'fd' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'fd' is skipped by this return
  char c = 0;
  int n = readByte(fd, &c);
  close(fd);
  // CHECK-DELETED: close(fd);
  return n;
}

int copyName(const char *s, int fail) {
  char *buf = malloc(strlen(s) + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:15: warning: 'buf' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:15: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-FIXES: RAII_AUTOFREE char *buf = malloc(strlen(s) + 1);
  if (!buf)
    return -1;
  strcpy(buf, s);
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'buf' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'buf' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'buf' is skipped by this return
  int len = (int)strlen(buf);
  free(buf);
  // CHECK-DELETED: free(buf);
  return len;
}

int countLines(const char *path, int fail) {
  FILE *f;
  // CHECK-FIXES: RAII_AUTOFILE FILE *f = NULL;
  int n = 0, c;
  f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:7: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:7: warning: 'f' acquired by 'fopen' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:7: note: no automatic fix: <raii/cleanup.h> is not on the include path
  if (!f)
    return -1;
  while ((c = fgetc(f)) != EOF) {
    if (fail)
      break;
    n += c == '\n';
  }
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'f' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'f' is skipped by this return
  if (f)
    fclose(f);
  // CHECK-DELETED: if (f)
  // CHECK-DELETED: fclose(f);
  return n;
}

int twoPhases(int fail) {
  char *a = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:13: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:13: warning: 'a' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:13: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-FIXES: RAII_AUTOFREE char *a = malloc(16);
  if (!a)
    return -1;
  memset(a, 1, 16);
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'a' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'a' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'a' is skipped by this return
  free(a);
  // CHECK-FIXES: a = NULL;
  printf("phase two\n");
  return 0;
}

int ladder(const char *path, int fail) {
  int rc = -1;
  DIR *d = opendir(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'd' acquired by 'opendir' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:12: warning: 'd' acquired by 'opendir' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:12: warning: 'd' acquired by 'opendir' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:12: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-FIXES: RAII_AUTODIR DIR *d = opendir(path);
  if (!d)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'd' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'd' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'd' is skipped by this return
  if (readdir(d) == NULL)
    goto out;
  rc = 0;
out:
  closedir(d);
  // CHECK-DELETED: closedir(d);
  return rc;
}

// Refused: the handle is returned on one path.
char *dupOrNull(const char *s, int keep) {
  char *p = strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:13: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:13: warning: 'p' acquired by 'strdup' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:13: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: no automatic fix: 'p' is handed off on some path
  if (!p)
    return NULL;
  if (keep)
    return p;
  if (s[0] == 'x')
    return NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'p' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'p' is skipped by this return
  free(p);
  return NULL;
}

// Refused: two variables in one declaration.
int twoInOne(int fail) {
  char *p = malloc(4), *q = NULL;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:13: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: no automatic fix: 'p' is not declared on its own
  if (!p)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'p' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'p' is skipped by this return
  free(p);
  return q == NULL;
}

// Refused: a goto jumps past the declaration.
int jumpIn(int fail, int late) {
  if (fail)
    goto done;
  char *p = malloc(4);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:13: warning: 'p' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:13: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: no automatic fix: a 'goto' jumps to label 'done' past the declaration of 'p'
  if (!p)
    return -1;
  if (late)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'p' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'p' is skipped by this return
  free(p);
done:
  return 0;
}

static int lastPeeked = -1;
static int peek(int fd) {
  lastPeeked = fd;
  return fd > 2;
}

// Refused: the handle is passed to a function of this file that keeps it
// where it outlives the call.
int peekIt(const char *path, int fail) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:12: warning: 'fd' acquired by 'open' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:12: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: no automatic fix: 'fd' is passed to 'peek', which may keep it
  if (fd < 0)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'fd' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'fd' is skipped by this return
  int big = peek(fd);
  close(fd);
  return big;
}

// Refused: 'c' is const; the cleanup takes its address as non-const.
int constHandle(int fail) {
  char *const c = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'c' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:19: warning: 'c' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:19: warning: 'c' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:19: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:19: note: no automatic fix: 'c' is const; the cleanup takes its address as non-const
  if (!c)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'c' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'c' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'c' is skipped by this return
  free(c);
  return 0;
}

// Refused: 'k' is copied.
int copiedHandle(int fail) {
  char *other = NULL;
  char *k = malloc(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'k' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // OFF-MESSAGES: :[[@LINE-2]]:13: warning: 'k' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-3]]:13: warning: 'k' acquired by 'malloc' is not released on every path [raii-release-skipped]
  // NOPATH-MESSAGES: :[[@LINE-4]]:13: note: no automatic fix: <raii/cleanup.h> is not on the include path
  // CHECK-MESSAGES: :[[@LINE-5]]:13: note: no automatic fix: 'k' is copied
  char *alias = k;
  if (!k)
    return -1;
  if (fail)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'k' is skipped by this return
  // OFF-MESSAGES: :[[@LINE-2]]:5: note: release of 'k' is skipped by this return
  // NOPATH-MESSAGES: :[[@LINE-3]]:5: note: release of 'k' is skipped by this return
  free(k);
  return alias != other;
}

int main(void) {
  int fds = openFds();
  int r = 0;
  r += firstByte("/dev/zero", 0) + firstByte("/dev/zero", 1);
  r += copyName("abc", 0) + copyName("abc", 1);
  r += countLines("/proc/self/maps", 0) > 0;
  r += countLines("/proc/self/maps", 1);
  r += twoPhases(0) + twoPhases(1);
  r += ladder("/", 0) + ladder("/", 1);
  free(dupOrNull("abc", 0));
  r += twoInOne(0) + jumpIn(0, 0) + jumpIn(1, 0);
  printf("result %d\n", r);
  printf("leaked fds: %d\n", openFds() - fds);
  fflush(stdout);
  return openFds() != fds;
}
