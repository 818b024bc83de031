// RUN: %check_raii %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <stdio.h>
#include <stdlib.h>

std::mutex m;
std::recursive_mutex rm;
void work();
void quiet() noexcept;
bool cond() noexcept;
[[noreturn]] void fatal();
struct Widget { Widget(); ~Widget(); };

// ---- positive: early exits --------------------------------------------------

int positiveReturn() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  if (cond())
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this return
  m.unlock();
  return 0;
}

void positiveException() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  m.unlock();
}

void positiveThrow(int n) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  if (n < 0)
    throw 42;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this throw
  m.unlock();
}

// Building the thrown object may throw too (`describe` allocates): that
// exception leaves through the same `throw`, which its note names.
struct Failure {
  explicit Failure(const char *what);
};
const char *describe(int n);

void positiveThrowDescribed(int n) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  if (n < 0)
    throw Failure(describe(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'm' is skipped by this throw
  m.unlock();
}

// A macro holding a throw: the call in its condition is no part of the
// thrown object, and its exception keeps its note.
bool validate(int n);
#define CHECK_OK(e)                                                            \
  do {                                                                         \
    if (!(e))                                                                  \
      throw Failure("bad");                                                    \
  } while (0)

void positiveCheckedInMacro(int n) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  CHECK_OK(validate(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped by this throw
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: expanded from macro 'CHECK_OK'
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: release of 'm' is skipped when 'validate' throws an exception
  m.unlock();
}

void positiveBreak(int n) {
  for (int i = 0; i < n; ++i) {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' acquired by 'lock' is not released on every path
    if (cond())
      break;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'm' is skipped by this break
    m.unlock();
  }
}

void positiveContinue(int n) {
  for (int i = 0; i < n; ++i) {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' acquired by 'lock' is not released on every path
    if (cond())
      continue;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'm' is skipped by this continue
    m.unlock();
  }
}

void positiveGoto() {
  {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' acquired by 'lock' is not released on every path
    if (cond())
      goto out;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'm' is skipped by this goto
    m.unlock();
  }
out:
  return;
}

void positiveConstructorThrows() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  Widget w;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: release of 'm' is skipped when the constructor of 'Widget' throws an exception
  m.unlock();
}

// A failed allocation is a path only with RaiiAllocationMayThrow
// (raii-release-skipped-allocation-failure.cpp).
void negativeNewFails() {
  m.lock();
  int *p = new int(1);
  m.unlock();
  delete p;
}

int positiveFile(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically
  if (!f)
    return -1;
  if (fgetc(f) < 0)
    return -2;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  return 0;
}

void positiveLeak(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is never released
  fputs("x", f);
}

void positiveMemberMutex();
struct Account {
  std::mutex mu_;
  int balance = 0;
  bool withdraw(int n) {
    mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu_' acquired by 'lock' is not released on every path
    if (balance < n)
      return false;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: release of 'mu_' is skipped by this return
    balance -= n;
    mu_.unlock();
    return true;
  }
  // ---- negative: a BasicLockable wrapper ------------------------------------
  void lock() { mu_.lock(); }
  void unlock() { mu_.unlock(); }
};

// ---- negative -----------------------------------------------------------------

void negativeCorrect() {
  m.lock();
  quiet();
  m.unlock();
}

void negativeGuard() {
  std::lock_guard<std::mutex> g(m);
  work();
}

void negativeAcquireWrapper() { m.lock(); }

void negativeNullCheck(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  fclose(f);
}

void negativeNullCompare(const char *path) {
  FILE *f;
  if ((f = fopen(path, "r")) == NULL)
    return;
  fclose(f);
}

FILE *negativeReturned(const char *path) {
  FILE *f = fopen(path, "r");
  return f;
}

struct Holder { FILE *f; char *buf; };
void negativeStoredInMember(Holder *h, const char *path) {
  FILE *f = fopen(path, "r");
  h->f = f;
}

void negativeOutParam(FILE **out, const char *path) {
  FILE *f = fopen(path, "r");
  *out = f;
}

void take(char *owned);
void negativeOwningCallee() {
  char *p = (char *)malloc(4);
  take(p);
}

void negativeFailedTryLock() {
  if (!m.try_lock())
    return;
  quiet();
  m.unlock();
}

void negativeTryLockBranch() {
  if (m.try_lock()) {
    quiet();
    m.unlock();
  }
}

// fish's `unlikely(x)`, `__builtin_expect(bool(x), 0)`: a conversion to
// bool is true where x is.
void negativeTryLockConvertedToBool() {
  if (__builtin_expect(bool(m.try_lock()), 0)) {
    quiet();
    m.unlock();
  }
}

void negativeTryLockStaticCast() {
  if (!static_cast<bool>(m.try_lock()))
    return;
  quiet();
  m.unlock();
}

void negativeNoreturn() {
  m.lock();
  if (cond())
    fatal();
  m.unlock();
}

void negativeUniqueLockUnlock() {
  std::unique_lock<std::mutex> lk(m);
  quiet();
  lk.unlock();
  work();
}

void negativeLoopBreakThenRelease(int n) {
  m.lock();
  for (int i = 0; i < n; ++i)
    if (cond())
      break;
  m.unlock();
}

void negativeAlias() {
  std::mutex &alias = m;
  alias.lock();
  quiet();
  m.unlock();
}

void negativeFreeThenNull() {
  char *p = (char *)malloc(4);
  free(p);
  p = NULL;
  free(p);
}

void negativeNoexceptFunction() noexcept {
  m.lock();
  work();
  m.unlock();
}

void negativeTryCatch() {
  m.lock();
  try {
    work();
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}

void negativeCorrelated(bool temporary, const char *path) {
  FILE *f = nullptr;
  if (temporary)
    f = fopen(path, "r");
  quiet();
  if (temporary)
    fclose(f);
}

struct Cache { void insert(char *owned); };
void negativeNulledAfterHandOff(Cache &c) {
  char *p = (char *)malloc(4);
  c.insert(p);
  p = nullptr;
}

inline int pureHelper(int x) { return x + 1; }
void negativeCalleeProvablyNothrow() {
  m.lock();
  pureHelper(1);
  m.unlock();
}

// A callee's branch that a constant condition never takes throws nothing
// (`if (TRACE) log(..)` with TRACE 0); one it may take does.
#define TRACE 0
inline int tracedHelper(int x) {
  if (TRACE)
    work();
  return x + 1;
}
inline int liveTracedHelper(int x, bool trace) {
  if (trace)
    work();
  return x + 1;
}
void negativeCalleeThrowsOnlyWhereItCannot() {
  m.lock();
  tracedHelper(1);
  m.unlock();
}
void positiveCalleeThrowsWhereTraced(bool t) {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  liveTracedHelper(1, t);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'liveTracedHelper' throws an exception
  m.unlock();
}

void positiveManyThrowingCalls() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is also skipped here and on 1 other exit
  work();
  m.unlock();
}

void positiveOneMoreThrowingCall() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  m.unlock();
}

// The rewrites into guards (fixed lines, then deleted lines, in order):
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::unique_lock lock_m(m);
// CHECK-FIXES: lock_m.unlock();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-FIXES: std::lock_guard lock_mu(mu_);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: fclose(f);
// CHECK-DELETED: mu_.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: m.unlock();
