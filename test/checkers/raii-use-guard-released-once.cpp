// A handle released once, by hand, before more code of its block, with
// nothing from the acquire to the release that can leave the block, is
// not advised a guard: the guard would still release it there by hand
// (`reset()`) and would protect nothing (ninja's tests writing a file,
// closing it, then reading it back). Something that can leave in between,
// a second release, or a release the block's end or a jump would make
// (the guard then deletes it) keep the advice; so does any lock (C++ Core
// Guidelines CP.20) and any memory of `new` (R.11).
// RUN: %check_raii %s raii-use-guard %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc
#include <mutex>
#include <new>
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

// Placement `new` and `new (std::nothrow)` cannot throw: nothing between
// can leave.
int negativeNonThrowingNewBetween(const char *p) {
  alignas(int) unsigned char slot[sizeof(int)];
  FILE *f = fopen(p, "wb");
  int *n = new (slot) int(3);
  int *spare = new (std::nothrow) int[2];
  fputs(n && spare ? "entry\n" : "none\n", f);
  fclose(f);
  ::operator delete[](spare, std::nothrow);
  return load(p);
}

// A helper that always ends the program is a call that never returns.
static void die(const char *why) {
  fputs(why, stderr);
  exit(1);
}

int positiveHelperMayEndBetween(const char *p, int k) {
  FILE *f = fopen(p, "wb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]
  if (k < 0)
    die("negative");
  fputs("entry\n", f);
  fclose(f);
  return load(p);
}

int positiveMayEndBetween(const char *p, int k) {
  FILE *f = fopen(p, "wb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]
  fputs("entry\n", f);
  if (k < 0)
    abort();
  fclose(f);
  int n = load(p);
  return n + 1;
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

int positiveReleaseBeforeReturn(const char *p) {
  FILE *f = fopen(p, "wb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead [raii-use-guard]
  fputs("entry\n", f);
  fclose(f);
  return 0;
}

int positiveNewMidBlock() {
  int *p = new int[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p' is acquired by 'new[]' and released by hand; hold it in 'std::unique_ptr<int[]>' instead [raii-use-guard]
  p[0] = 1;
  delete[] p;
  return load("x");
}

int positiveLockMidBlock() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::unique_lock' instead [raii-use-guard]
  ++counter;
  m.unlock();
  return load("x");
}
// The rewrites (fixed lines, then deleted lines, in order):
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: close_f.reset();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: close_f.reset();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: close_f.reset();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: std::unique_ptr<int[]> delete_p(p);
// CHECK-FIXES: delete_p.reset();
// CHECK-FIXES: std::unique_lock lock_m(m);
// CHECK-FIXES: lock_m.unlock();
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: fclose(f);
