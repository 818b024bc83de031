// Exception paths exist only where exceptions do: the same code built with
// -fno-exceptions has no finding that an exception would cause, while the
// skips by return stay.
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s raii-release-skipped %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --prefix=NOEXC %s raii-release-skipped %t.noexc -- -std=c++17 -fno-exceptions -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <stdio.h>
#include <stdlib.h>

std::mutex m;
void work();
bool cond() noexcept;
struct Buffer {
  Buffer();
  ~Buffer();
};

void exceptionOnly() {
  m.lock();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'm' acquired by 'lock' is not released on every path
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'm' is skipped when 'work' throws an exception
  m.unlock();
}

int exceptionFromNewAndConstructor() {
  char *p = static_cast<char *>(malloc(8));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'p' acquired by 'malloc' is not released on every path
  if (!p)
    return -1;
  Buffer b;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: release of 'p' is skipped when the constructor of 'Buffer' throws an exception
  int *q = new int(1);
  delete q;
  free(p);
  return 0;
}

int returnStays(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path
  // NOEXC-MESSAGES: :[[@LINE-2]]:13: warning: 'f' acquired by 'fopen' is not released on every path
  if (!f)
    return -1;
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  if (cond())
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'f' is skipped by this return
  // NOEXC-MESSAGES: :[[@LINE-2]]:5: note: release of 'f' is skipped by this return
  fclose(f);
  return 0;
}

// The rewrites into guards (fixed lines, then deleted lines, in order). In
// exceptionFromNewAndConstructor, 'b' dies before the guard would, so the
// release that precedes it stays, through the guard.
// CHECK-FIXES: #include <memory>
// CHECK-FIXES: std::lock_guard lock_m(m);
// CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
// CHECK-FIXES: free_p.reset();
// CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: fclose(f);
// NOEXC-FIXES: #include <memory>
// NOEXC-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
// NOEXC-DELETED: fclose(f);
