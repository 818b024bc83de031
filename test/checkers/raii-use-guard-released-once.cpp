// A handle released by one statement in a pair that is correct on every
// path is not advised a guard: every path that holds it leaves through that
// release, so the guard would change none (ninja's and tinyxml2's tests
// writing a file, closing it, reading it back; a buffer of `new[]` deleted
// at the end; a file closed before the return; calls between that end the
// program, which run no destructor either; a `realloc` growing the block in
// place of the same variable hands it on). Two releases (an early exit
// releasing by hand) keep the advice, and so does any lock (C++ Core
// Guidelines CP.20).
// RUN: %check_raii %s raii-use-guard %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc
#include <mutex>
#include <stdio.h>
#include <stdlib.h>

int load(const char *p) noexcept;
std::mutex m;
int counter;

int negativeWrittenThenReadBack(const char *p) {
  FILE *f = fopen(p, "wb");
  fputs("# log v4\n", f);
  for (int i = 0; i < 3; ++i)
    fputs("entry\n", f);
  fclose(f);
  int n = load(p);
  return n + 1;
}

static void die(const char *why) {
  fputs(why, stderr);
  exit(1);
}

int negativeProgramMayEndBetween(const char *p, int k) {
  FILE *f = fopen(p, "wb");
  if (k < 0)
    die("negative");
  if (k > 9)
    abort();
  fputs("entry\n", f);
  fclose(f);
  return load(p);
}

int negativeReleaseBeforeReturn(const char *p) {
  FILE *f = fopen(p, "wb");
  if (!f)
    return -1;
  fputs("entry\n", f);
  fclose(f);
  return 0;
}

int negativeNewReleasedOnce() {
  int *p = new int[4];
  p[0] = 1;
  delete[] p;
  return load("x");
}

void negativeReleasedUnderTest(const char *p) {
  FILE *f = fopen(p, "wb");
  fputs("entry\n", f);
  if (f)
    fclose(f);
}

// Several exits funnelled into one release (`goto out`): every path that
// holds the handle still leaves through it.
int negativeOneReleaseAfterGotos(const char *p, int k) {
  int rc = -1;
  FILE *f = fopen(p, "wb");
  if (!f)
    return -1;
  if (k < 0)
    goto out;
  if (fputs("entry\n", f) < 0)
    goto out;
  rc = 0;
out:
  fclose(f);
  return rc;
}

int positiveEarlyExit(const char *p, int k) {
  FILE *f = fopen(p, "wb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]
  if (k < 0) {
    fclose(f);
    return -1;
  }
  fputs("entry\n", f);
  fclose(f);
  int n = load(p);
  return n + 1;
}

int positiveNewTwoReleases(int k) {
  int *p = new int[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p' is acquired by 'new[]' and released by hand; hold it in 'std::unique_ptr<int[]>' instead [raii-use-guard]
  p[0] = k;
  if (k < 0) {
    delete[] p;
    return -1;
  }
  delete[] p;
  return load("x");
}

int positiveLockReleasedOnce() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::unique_lock' instead [raii-use-guard]
  ++counter;
  m.unlock();
  return load("x");
}
// Grown by `buf = realloc(buf, n)` in a loop and freed once: realloc hands
// the block on under the same name, which the one free ends (nmap's
// string_pool_sprintf). Freed on an early exit too, it keeps the advice.
int negativeGrownThenFreedOnce(int n) {
  char *buf = nullptr;
  for (int size = 16; size < n; size *= 2) {
    buf = (char *)realloc(buf, size);
    if (!buf)
      abort();
  }
  int r = load(buf);
  free(buf);
  return r;
}

int positiveGrownThenFreedTwice(int n) {
  char *buf = nullptr;
  for (int size = 16; size < n; size *= 2) {
    buf = (char *)realloc(buf, size);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'buf' is acquired by 'realloc' and released by hand; hold it in 'std::unique_ptr<char, void (*)(void *)>' instead [raii-use-guard]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: no automatic fix: 'buf' is released through 'realloc'
    if (!buf)
      abort();
  }
  if (n > 4096) {
    free(buf);
    return -1;
  }
  int r = load(buf);
  free(buf);
  return r;
}

// The rewrites (fixed lines, then deleted lines, in order):
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: close_f.reset();
// CHECK-FIXES: std::unique_ptr<int[]> delete_p(p);
// CHECK-FIXES: delete_p.reset();
// CHECK-FIXES: std::unique_lock lock_m(m);
// CHECK-FIXES: lock_m.unlock();
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: delete[] p;
