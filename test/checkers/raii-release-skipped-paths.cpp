// Path sensitivity (ESP property simulation) on C++: conditions on members,
// getters and locals; a write between the two tests makes them unrelated.
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard,raii-reacquire' %t -- -std=c++17 -isystem %mock_include

#include <mutex>

int work() noexcept;
void trace_line() noexcept;

class Cache {
public:
  bool enabled() const { return enabled_; }
  void negativeMemberFlag();
  void negativeGetter();
  void negativeOptionalMutex();
  void positiveWrittenBetween();
  void positiveGetterInverted();

private:
  bool enabled_ = false;
  std::mutex mu_;
  std::mutex *shared_ = nullptr;
};

void Cache::negativeMemberFlag() {
  if (enabled_)
    mu_.lock();
  work();
  if (enabled_)
    mu_.unlock();
}

void Cache::negativeGetter() {
  if (enabled())
    mu_.lock();
  work();
  if (enabled())
    mu_.unlock();
}

void Cache::negativeOptionalMutex() {
  if (shared_)
    shared_->lock();
  work();
  if (shared_ != nullptr)
    shared_->unlock();
}

void Cache::positiveWrittenBetween() {
  if (enabled_)
    mu_.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'mu_' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: no automatic fix: the lock is not a statement of its own
  enabled_ = work() > 0;
  if (enabled_)
    mu_.unlock();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'mu_' is skipped when the function ends here

void Cache::positiveGetterInverted() {
  char *buf = nullptr;
  if (enabled())
    buf = new char[64];
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'buf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: no automatic fix: 'buf' is released nowhere in its block
  work();
  if (!enabled())
    delete[] buf;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'buf' is skipped when the function ends here

std::mutex m;

// A local flag, and a reacquire only on the path that holds the lock: not
// every path does, so no reacquire is reported.
void negativeLocalFlag(bool need) {
  bool locked = false;
  if (need) {
    m.lock();
    locked = true;
  }
  work();
  if (locked)
    m.unlock();
}

// Each path holds the lock from a different acquire: the merged state
// could not say that every path holds it.
void positiveReacquireOnEveryPath(bool need) {
  if (need)
    m.lock();
  else
    m.lock();
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired again while this function already holds it; a non-recursive lock deadlocks [raii-reacquire]
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'm' was first acquired here
  m.unlock();
}

// Correct, and one lock and unlock in one block: a guard fits.
void positiveUseGuard(bool need) {
  if (need) {
    m.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::lock_guard' instead [raii-use-guard]
    // CHECK-FIXES: std::lock_guard lock_m(m);
    work();
    m.unlock();
    // CHECK-DELETED: m.unlock();
  }
}

// File statics written only in a local class's member function or in a
// lambda are written: their tests may go either way. One never written is
// always false, so its test always releases (a correct pair, released by
// one statement: raii-use-guard has no advice either).
static bool tracing = false;
static bool quiet = false;
static bool never = false;

void enableTracing() {
  struct On {
    static void set() { tracing = true; }
  };
  On::set();
}
auto silence = [] { quiet = true; };

void positiveStaticWrittenInLocalClass() {
  char *buf = new char[64];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: a release is not a statement of its own
  work();
  if (!tracing)
    delete[] buf;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'buf' is skipped when the function ends here

void positiveStaticWrittenInLambda() {
  char *buf = new char[64];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: a release is not a statement of its own
  work();
  if (!quiet)
    delete[] buf;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'buf' is skipped when the function ends here

void negativeStaticNeverWritten() {
  char *buf = new char[64];
  work();
  if (!never)
    delete[] buf;
}

// A local static of a template is written in the template as written; each
// instantiation has its own copy, which is just as changeable.
template <typename T> void positiveLocalStaticInTemplate() {
  static bool first = true;
  char *buf = new char[sizeof(T)];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'buf' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<char[]>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: no automatic fix: the function is a template instantiation; an edit would change every instantiation
  work();
  if (first)
    delete[] buf;
  first = false;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'buf' is skipped when the function ends here
template void positiveLocalStaticInTemplate<int>();

// A fresh handle differs from what a member held before it: `b != shared`
// tells that the function allocated `b` itself.
struct Holder {
  int *shared;
  int negativeFieldOfThis(bool own) {
    int *b;
    if (own)
      b = new int(1);
    else
      b = shared;
    int r = *b + work();
    if (b != shared)
      delete b;
    return r;
  }
  int positiveFieldOfThis(bool own) {
    int *b;
    if (own)
      b = new int(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'b' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<int>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: no automatic fix: 'b' is assigned another value
    else
      b = shared;
    int r = *b + work();
    if (b == this->shared)
      delete b;
    return r;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'b' is skipped by this return
  }
};

// A member function that writes only its own locals is pure: two tests of
// its result are one condition, until a field it reads is written.
class Pool {
public:
  int spare() const {
    int n = size_ - used_;
    if (n < 0)
      n = 0;
    return n;
  }
  void negativePureMemberTwice() {
    if (spare() > 2)
      mu_.lock();
    work();
    if (spare() > 2)
      mu_.unlock();
  }
  void positivePureMemberFieldWritten(int u) {
    if (spare() > 2)
      mu_.lock();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mu_' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: no automatic fix: the lock is not a statement of its own
    used_ = u;
    if (spare() > 2)
      mu_.unlock();
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'mu_' is skipped when the function ends here

private:
  int size_ = 0, used_ = 0;
  std::mutex mu_;
};

// Bounds: a size known to be over 16 is over 8.
void negativeBoundedSize(long n) {
  int *p = nullptr;
  if (n > 16)
    p = new int[n];
  work();
  if (n > 8)
    delete[] p;
}

// The object of a member call is evaluated too: `bump()` writes a global,
// so `next_id()` is no pure function.
struct Counter {
  int v;
  int get() const { return v; }
};
static Counter counter;
static Counter *bump() {
  ++counter.v;
  return &counter;
}
static int next_id() { return bump()->get(); }
void positiveImpureObject(int *out) {
  int *p = nullptr;
  if (next_id() == 1)
    p = new int(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'p' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<int>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: no automatic fix: the acquire is not a statement of its own
  *out = p ? *p : 0;
  if (next_id() == 1)
    delete p;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'p' is skipped when the function ends here

// Two ways into the lock (`verbose`; `trace` and not `verbose`), kept apart
// by their facts where the merged paths would leave a finding: the unlock
// under `trace || verbose` runs on both (a guard is the advice, as for any
// lock released on every path). Its twin misses the first way.
void negativeEitherOption(std::mutex &m, bool verbose, bool trace) {
  if (verbose)
    trace_line();
  else if (trace)
    trace_line();
  else
    return;
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is acquired by 'lock' and released by hand; hold it in 'std::unique_lock' instead [raii-use-guard]
  // CHECK-FIXES: std::unique_lock lock_m(m);
  trace_line();
  if (trace || verbose)
    m.unlock();
  // CHECK-FIXES: lock_m.unlock();
}

void positiveEitherOptionOneUnlocked(std::mutex &m, bool verbose,
                                     bool trace) {
  if (verbose)
    trace_line();
  else if (trace)
    trace_line();
  else
    return;
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path; hold it in 'std::unique_lock' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_lock lock_m(m);
  trace_line();
  if (trace)
    m.unlock();
  // CHECK-FIXES: lock_m.unlock();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: release of 'm' is skipped when the function ends here

// `new` throws rather than give null: `if (dest && file)` with `file` fresh
// from `new` is `if (dest)` (poppler's getLinkDest).
struct Name {
  int len = 0;
};
struct Dest {
  int page = 0;
};
Name *lookupName(int);

Name *negativeNewNeverNull(bool other, bool hasDest) {
  Dest *dest = nullptr;
  Name *file = new Name;
  if (other) {
    delete file;
    file = new Name;
  }
  if (hasDest)
    dest = new Dest;
  if (dest && file) {
    file->len = dest->page;
    delete dest;
  }
  return file;
}

// A lookup may give null: where it does, the destination leaks.
Name *positiveLookupMayBeNull(int key, bool hasDest) {
  Dest *dest = nullptr;
  Name *file = lookupName(key);
  if (hasDest)
    dest = new Dest;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'dest' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Dest>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: the acquire is not a statement of its own
  if (dest && file) {
    file->len = dest->page;
    delete dest;
  }
  return file;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'dest' is skipped by this return

// `&*q` is q, which may be null.
Name *positiveAddressOfDeref(Name *q, bool hasDest) {
  Dest *dest = nullptr;
  Name *file = &*q;
  if (hasDest)
    dest = new Dest;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'dest' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Dest>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: the acquire is not a statement of its own
  if (dest && file) {
    file->len = dest->page;
    delete dest;
  }
  return file;
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: note: release of 'dest' is skipped by this return
