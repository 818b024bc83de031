// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s raii-use-guard %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc
// RUN: %check_raii --prefix RAII --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true, RaiiGuardStyle: raii}}' %s raii-use-guard %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <shared_mutex>
#include <stdio.h>

std::mutex m;
std::shared_mutex sm;
void quiet() noexcept;
void work();

void positivePair() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
  quiet();
  m.unlock();
}

void positiveShared() {
  sm.lock_shared();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sm' is acquired by 'lock_shared' and released by hand; hold it in 'std::shared_lock' instead
  // RAII-MESSAGES: :[[@LINE-2]]:3: warning: 'sm' is acquired by 'lock_shared' and released by hand; hold it in 'std::shared_lock' instead
  quiet();
  sm.unlock_shared();
}

// Handles released by hand on two paths: the guard releases on both.
void positiveFile(const char *p, int n) {
  FILE *f = fopen(p, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead
  if (!f)
    return;
  if (n < 0) {
    fclose(f);
    return;
  }
  fputs("x", f);
  fclose(f);
}

void positiveNew(int n) {
  int *p = new int[4];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'p' is acquired by 'new[]' and released by hand; hold it in 'std::unique_ptr<int[]>' instead
  // RAII-MESSAGES: :[[@LINE-2]]:12: warning: 'p' is acquired by 'new[]' and released by hand; hold it in 'std::unique_ptr<int[]>' instead
  if (n < 0) {
    delete[] p;
    return;
  }
  p[0] = n;
  delete[] p;
}

// ---- negative ---------------------------------------------------------------

void negativeSkipped() {
  m.lock();
  work(); // may throw: raii-release-skipped's business
  m.unlock();
}

// Open and close with nothing in between ("touch"): no guard to suggest.
void negativeTouch(const char *p) {
  FILE *f = fopen(p, "a");
  fclose(f);
  sm.lock_shared();
  sm.unlock_shared();
}

// A handle released by one statement, correct on every path: every path
// holding it leaves through that release, so a guard would change none
// (a lock keeps the advice, positivePair).
void negativeReleasedOnce(const char *p) {
  FILE *f = fopen(p, "r");
  if (!f)
    return;
  fputs("x", f);
  fclose(f);
}

void negativeNewReleasedOnce() {
  int *p = new int[4];
  p[0] = 1;
  delete[] p;
}

void negativeGuard() { std::lock_guard<std::mutex> g(m); }

void negativeWrapper() { m.lock(); }

FILE *negativeHandOff(const char *p) {
  FILE *f = fopen(p, "r");
  return f;
}

void negativeTryLock() {
  if (m.try_lock())
    m.unlock();
}

#define LOCKED(stmt) do { m.lock(); stmt; m.unlock(); } while (0)
void negativeMacro() { LOCKED(quiet()); }

void positiveReleaseThroughVoidCast(const char *p, int n) {
  FILE *f = fopen(p, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'f' is acquired by 'fopen' and released by hand; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' instead
  if (!f)
    return;
  if (n < 0) {
    (void)fclose(f);
    return;
  }
  fputs("y", f);
  (void)fclose(f);
}

// The rewrites into guards (fixed lines, then deleted lines, in order). The
// runtime is not on this include path, so the `raii` style falls back to
// the standard guards:
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::shared_lock lock_sm(sm);
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: std::unique_ptr<int[]> delete_p(p);
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: sm.unlock_shared();
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: delete[] p;
// CHECK-DELETED: delete[] p;
// CHECK-DELETED: (void)fclose(f);
// CHECK-DELETED: (void)fclose(f);
// RAII-FIXES: #include <memory>
// RAII-FIXES: std::lock_guard lock_m(m);
// RAII-FIXES: std::shared_lock lock_sm(sm);
// RAII-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// RAII-FIXES: std::unique_ptr<int[]> delete_p(p);
// RAII-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// RAII-DELETED: m.unlock();
// RAII-DELETED: sm.unlock_shared();
// RAII-DELETED: fclose(f);
// RAII-DELETED: fclose(f);
// RAII-DELETED: delete[] p;
// RAII-DELETED: delete[] p;
// RAII-DELETED: (void)fclose(f);
// RAII-DELETED: (void)fclose(f);
