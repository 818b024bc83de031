// RUN: %check_raii %s raii-double-release %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <stdio.h>
#include <stdlib.h>

std::mutex m;
bool cond() noexcept;

void positiveFree() {
  char *p = (char *)malloc(8);
  free(p);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

void positiveConditional(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  if (cond())
    fclose(f);
  fclose(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'f' is released by 'fclose' on a path where it was already released
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'f' was first released here
}

void positiveUnlock() {
  m.lock();
  m.unlock();
  m.unlock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' is released by 'unlock' on a path where it was already released
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'm' was first released here
}

void positiveDelete() {
  int *p = new int;
  delete p;
  delete p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'delete' on a path where it was already released
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

// ---- negative ---------------------------------------------------------------

void negativeNulled() {
  char *p = (char *)malloc(8);
  free(p);
  p = nullptr;
  free(p);
}

void negativeReacquired(const char *a) {
  FILE *f = fopen(a, "r");
  if (f)
    fclose(f);
  f = fopen(a, "r");
  if (f)
    fclose(f);
}

void negativeLoop(int n) {
  for (int i = 0; i < n; ++i) {
    m.lock();
    m.unlock();
  }
}

void negativeExclusiveBranches(const char *a) {
  FILE *f = fopen(a, "r");
  if (!f)
    return;
  if (cond()) {
    fclose(f);
    return;
  }
  fclose(f);
}

void negativeUniqueLock() {
  std::unique_lock<std::mutex> lk(m);
  lk.unlock();
}

void positiveFreeThroughCast() {
  const char *p = (const char *)malloc(8);
  free((void *)p);
  free(const_cast<char *>(p));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

// `a = b = p;` makes a a second name of p's block.
void positiveFreedThroughChainedCopy() {
  char *a, *b, *p = (char *)malloc(8);
  a = b = p;
  free(a);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}

// A member operator call's object is an argument before the parameters:
// `&p` given to `operator()(char *const *, char **)` is a `const` view, so
// p still names the block it released.
struct Printer {
  void operator()(char *const *shown, char **filled) const;
};
void freedAroundFunctor(const Printer &pr, char *q) {
  char *p = static_cast<char *>(malloc(4));
  free(p);
  pr(&p, &q);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'p' was first released here
}

// A body that gives `*pp` another value through a reference (`reset(*pp)`,
// `r = nullptr`) writes it: the second free is of that value.
static void reset_ptr(char *&r) { r = nullptr; }
static void clear_ptr(char **pp) { reset_ptr(*pp); }
void freedAroundClear() {
  char *p = static_cast<char *>(malloc(8));
  if (!p)
    return;
  free(p);
  clear_ptr(&p);
  free(p);
}

// Bound to a reference to const, `*pp` is read: p keeps the freed value.
static void note_ptr(char **pp) {
  const auto &seen = *pp;
  (void)seen;
}
void freedAroundNote() {
  char *p = static_cast<char *>(malloc(8));
  free(p);
  note_ptr(&p);
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'p' was first released here
}

// A call of a function whose whole body returns its parameter is another
// name for the argument.
static inline void *asBytes(char *p) { return p; }
void positiveFreedThroughIdentity() {
  char *p = (char *)malloc(8);
  if (!p)
    return;
  free(asBytes(p));
  free(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is released by 'free' on a path where it was already released [raii-double-release]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'p' was first released here
}
