// Where the rewrite of a C++ handle into a guard is refused, and why (one
// note each, after the warning); the one fixed function compiles, and a
// second --fix changes nothing.
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --compile-fixed %s 'raii-use-guard,raii-release-skipped' %t -- -std=c++17
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --load %raii_plugin --checks='-*,raii-use-guard,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %t.once.cpp %t.twice.cpp

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
// CHECK-FIXES: #include <memory>
#include <unistd.h>
#include <vector>

void work();
void keep(char *p);
bool cond() noexcept;
void myFree(char *p) { free(p); }

// ---- refused ----------------------------------------------------------------

template <class T> int inTemplate() {
  T *p = static_cast<T *>(malloc(sizeof(T)));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<int, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: no automatic fix: the function is a template instantiation; an edit would change every instantiation
  if (!p)
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  return 0;
}
int useTemplate() { return inTemplate<int>(); }

#define ACQUIRE(p) p = static_cast<char *>(malloc(4))
int acquireInMacro() {
  char *p;
  ACQUIRE(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :{{[0-9]+}}:44: note: expanded from macro 'ACQUIRE'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: no automatic fix: the acquire is written in a macro
  if (!p)
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  return 0;
}

#define RELEASE(p) free(p)
int releaseInMacro() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: a release is written in a macro
  if (!p)
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  RELEASE(p);
  return 0;
}

// Handed off in the middle of a statement that goes on (`return`s a value
// after the call): the guard has nowhere to let go in between.
std::vector<char *> kept;
bool handedOffInReturn(bool give) {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is handed off inside a larger statement
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  if (!give) {
    free(p);
    return false;
  }
  return kept.push_back(p), true;
}

// Given (by address) to an object made in a loop and released after the
// loop: the guard cannot let go for good at the hand-off.
struct List {
  int n;
};
struct Set {
  explicit Set(List *l);
};
std::vector<Set *> sets;
void handedOffInLoop(int n) {
  List *lists = new List[n];
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'lists' acquired by 'new[]' is not released on every path; hold it in 'std::unique_ptr<List[]>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: no automatic fix: 'lists' is handed off inside a loop
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'lists' is skipped when 'work' throws an exception
  for (int i = 0; i < n; ++i)
    if (lists[i].n)
      sets.push_back(new Set(&lists[i]));
  delete[] lists;
}

// A release after the hand-off in the text, on another path, and the path
// of the hand-off goes on: kept apart conservatively (which paths a release
// and a hand-off share is not asked).
void releasedAfterHandOff(bool give) {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is released after it is handed off
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  if (give) {
    kept.push_back(p);
    work();
    return;
  }
  free(p);
}

int throughWrapper() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is released through 'myFree'
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  myFree(p);
  return 0;
}

int twoHandles() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is given more than one handle
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  p = static_cast<char *>(malloc(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: no automatic fix: 'p' is given more than one handle
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  return 0;
}

// Two handles of one variable, each released by hand and neither fixable:
// one piece of advice, a note at the other acquire.
int branchHandles(int k, int mode) {
  char *p;
  if (k)
    p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'p' is acquired by 'malloc' and released by hand; hold it in 'std::unique_ptr<char, void (*)(void *)>' instead [raii-use-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: no automatic fix: 'p' is given more than one handle
  else
    p = static_cast<char *>(malloc(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: note: 'p' is also acquired here
  if (!p)
    return 0;
  switch (mode) {
  case 7:
    free(p);
    return 2;
  default:
    break;
  }
  free(p);
  return 1;
}

int captured() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is captured by a lambda
  auto touch = [&] { p[0] = 1; };
  touch();
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  return 0;
}

int reassigned(char *other) {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is assigned another value
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  p = other;
  return p != nullptr;
}

int copied() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is copied
  char *q = p;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'work' throws an exception
  free(p);
  return q != nullptr;
}

int passedOn() {
  char *p = static_cast<char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: no automatic fix: 'p' is passed to 'keep', which may keep it
  keep(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'keep' throws an exception
  free(p);
  return 0;
}

// A function of the file that stores its parameter where it outlives the
// call keeps it.
static FILE *lastLog;
static void remember(FILE *f) { lastLog = f; }
int passedToKeeper(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: no automatic fix: 'f' is passed to 'remember', which may keep it
  if (!f)
    return -1;
  remember(f);
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  lastLog = nullptr;
  fclose(f);
  return 0;
}

// So does one that returns it, whatever it does besides. (One that only
// returns it is another name for it: `lastLog = f;`.)
static int identCalls;
static FILE *ident(FILE *f) {
  ++identCalls;
  return f;
}
int passedThroughIdentity(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: no automatic fix: 'f' is passed to 'ident', which may keep it
  if (!f)
    return -1;
  lastLog = ident(f);
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  lastLog = nullptr;
  fclose(f);
  return 0;
}

int constPointee() {
  const char *t = static_cast<const char *>(malloc(4));
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: 't' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<const char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:45: note: no automatic fix: 't' points to a const or volatile type, which 'free' cannot take
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 't' is skipped when 'work' throws an exception
  free(const_cast<char *>(t));
  return 0;
}

int acquireInCondition(const char *path) {
  FILE *f;
  if ((f = fopen(path, "r")) == nullptr)
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: the acquire is not a statement of its own
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  fclose(f);
  return 0;
}

int declaredOutside(const char *path) {
  FILE *f = nullptr;
  if (cond()) {
    f = fopen(path, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: no automatic fix: 'f' is declared outside the block that acquires it
    work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped when 'work' throws an exception
    fclose(f);
  }
  return f != nullptr;
}

int gotoIntoScope(int n) {
  {
    char *p;
    if (n)
      goto inside;
    p = static_cast<char *>(malloc(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:29: note: no automatic fix: a 'goto' jumps to label 'inside' past the guard's declaration
    work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped when 'work' throws an exception
  inside:
    free(p);
  }
  return 0;
}

// Fixed: a `break` that leaves the switch leaves the guard's block too.
int breakOutOfSwitch(int n) {
  switch (n) {
  case 0: {
    char *p = static_cast<char *>(malloc(4));
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
    // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
    work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'p' is skipped when 'work' throws an exception
    free(p);
    // CHECK-DELETED: free(p);
    break;
  }
  }
  return 0;
}

int releasedOutside(const char *path) {
  FILE *f;
  {
    f = fopen(path, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: no automatic fix: 'f' is declared outside the block that acquires it
    work();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped when 'work' throws an exception
  }
  fclose(f);
  return 0;
}

// No standard type holds a descriptor, and the runtime is not on this
// include path.
int descriptor(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and <raii/handles.hpp> is not on the include path
  if (fd < 0)
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'fd' is skipped when 'work' throws an exception
  close(fd);
  return 0;
}

int main() { return 0; }

