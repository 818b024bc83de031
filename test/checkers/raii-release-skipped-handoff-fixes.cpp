// C++ handles handed off on some paths (put in a container, returned,
// stored in an object that owns them) and leaked on others: the guard
// declared after the acquire lets go where the function hands the handle
// off, and releases it on the paths that leaked. std::unique_ptr's
// release() becomes the value a `return` gives; after a store or an
// insertion a `release();` statement follows (if the statement throws, the
// handle was not handed off and the guard still releases it); the runtime's
// release() gives nothing, so in `raii` style (RAII) it goes before the
// `return`. The program drives every path, exceptions included: before the
// fix (ORIG) one descriptor stays open and LeakSanitizer reports three blocks;
// after either fix none, and the output is the same (OUT).
// RUN: %check_raii --run-fixed --link=-fsanitize=address %s 'raii-release-skipped' %t -- -std=c++17 -g -fsanitize=address -isystem %raii_runtime_include
// RUN: %t.exe | FileCheck %s --check-prefix=OUT
// RUN: %check_raii --prefix RAII --run-fixed --link=-fsanitize=address --config="{CheckOptions: {RaiiGuardStyle: raii}}" %s 'raii-release-skipped' %t.raii -- -std=c++17 -g -fsanitize=address -isystem %raii_runtime_include
// RUN: %t.raii.exe | FileCheck %s --check-prefix=OUT
// RUN: %clangxx -std=c++17 -g -fsanitize=address %s -o %t.orig
// RUN: not %t.orig > %t.orig.out 2>&1
// RUN: FileCheck %s --check-prefix=ORIG < %t.orig.out
// ORIG: result 1189
// ORIG-NEXT: leaked fds: 1
// ORIG: ERROR: LeakSanitizer: detected memory leaks
// ORIG: SUMMARY: AddressSanitizer: 12 byte(s) leaked in 3 allocation(s).
// OUT: result 1189
// OUT-NEXT: leaked fds: 0
// A second --fix finds nothing left to fix and changes nothing:
// RUN: cp %s %t.twice.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -isystem %raii_runtime_include > /dev/null 2>&1
// RUN: cp %t.twice.cpp %t.once.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --fix %t.twice.cpp -- -std=c++17 -isystem %raii_runtime_include > %t.again 2>&1
// RUN: not grep "warning:" %t.again
// RUN: diff %t.once.cpp %t.twice.cpp

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
// RAII-FIXES: #include <raii/handles.hpp>
#include <stdexcept>
#include <vector>

static int openFds() {
  int n = 0;
  for (int fd = 0; fd < 1024; ++fd)
    n += fcntl(fd, F_GETFD) != -1;
  return n;
}

static void mayThrow(int fail) {
  if (fail)
    throw std::runtime_error("failed");
}

struct Node {
  int v;
};
static std::vector<Node *> nodes;

// `new` put in a container that owns it from then on.
int addNode(int v, int fail) {
  Node *n = new Node{v};
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Node>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'n' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Node>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<Node> delete_n(n);
  // RAII-FIXES: std::unique_ptr<Node> delete_n(n);
  if (v < 0) {
    delete n;
    // CHECK-DELETED: delete n;
    // RAII-DELETED: delete n;
    return -1;
  }
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'n' is skipped when 'mayThrow' throws an exception
  nodes.push_back(n);
  // CHECK-FIXES: delete_n.release();
  // RAII-FIXES: delete_n.release();
  return 0;
}

// Returned on success and deleted after the `return` in the text, on the
// other path: the path that hands it off leaves at once.
Node *loadNode(int v, int fail) {
  Node *n = new Node{v};
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'n' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Node>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'n' acquired by 'new' is not released on every path; hold it in 'std::unique_ptr<Node>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<Node> delete_n(n);
  // RAII-FIXES: std::unique_ptr<Node> delete_n(n);
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'n' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'n' is skipped when 'mayThrow' throws an exception
  if (n->v > 0)
    return n;
  // CHECK-FIXES: return delete_n.release();
  // RAII-FIXES: return delete_n.release();
  delete n;
  // CHECK-DELETED: delete n;
  // RAII-DELETED: delete n;
  return nullptr;
}

// A block returned to the caller.
char *upperCopy(const char *s, int fail) {
  char *p = static_cast<char *>(malloc(strlen(s) + 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'raii::unique_malloc<char>' to release it automatically [raii-release-skipped]
  if (!p)
    return nullptr;
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  // RAII-FIXES: raii::unique_malloc<char> free_p(p);
  if (!*s) {
    free(p);
    // CHECK-DELETED: free(p);
    // RAII-DELETED: free(p);
    return nullptr;
  }
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'p' is skipped when 'mayThrow' throws an exception
  size_t i = 0;
  for (; s[i]; ++i)
    p[i] = static_cast<char>(toupper(s[i]));
  p[i] = 0;
  // RAII-FIXES: free_p.release();
  return p;
  // CHECK-FIXES: return free_p.release();
}

// A stream stored in an object that closes it.
struct Log {
  FILE *f = nullptr;
  ~Log() {
    if (f)
      fclose(f);
  }
};
int openLog(Log &log, const char *path, int fail) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'raii::unique_file' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
  // RAII-FIXES: raii::unique_file close_f(f);
  if (fgetc(f) == EOF) {
    fclose(f);
    // CHECK-DELETED: fclose(f);
    // RAII-DELETED: fclose(f);
    return -2;
  }
  mayThrow(fail);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'mayThrow' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'f' is skipped when 'mayThrow' throws an exception
  log.f = f;
  // CHECK-FIXES: close_f.release();
  // RAII-FIXES: close_f.release();
  return 0;
}

int main() {
  int fds = openFds();
  int r = 0;
  for (int fail = 0; fail < 2; ++fail) {
    try {
      r += addNode(fail + 1, fail);
    } catch (const std::exception &) {
      r += 10;
    }
    r += addNode(-1, 0);
    try {
      std::unique_ptr<Node> loaded(loadNode(fail + 1, fail));
      r += loaded->v;
      r += loadNode(-1, 0) == nullptr;
    } catch (const std::exception &) {
      r += 10;
    }
    try {
      std::unique_ptr<char, void (*)(void *)> p(upperCopy("abc", fail), &free);
      r += p.get()[0];
    } catch (const std::exception &) {
      r += 100;
    }
    std::unique_ptr<char, void (*)(void *)> q(upperCopy("", 0), &free);
    r += q == nullptr;
    Log log;
    try {
      r += openLog(log, "/proc/self/maps", fail);
    } catch (const std::exception &) {
      r += 1000;
    }
    r += log.f != nullptr;
  }
  for (Node *n : nodes) {
    r += n->v;
    delete n;
  }
  printf("result %d\n", r);
  printf("leaked fds: %d\n", openFds() - fds);
  fflush(stdout);
  return 0;
}
