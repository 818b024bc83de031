// C++ with exceptions: GCC and Clang run a variable's cleanup function while
// an exception unwinds its scope, so an exception skips no release of what
// an `__attribute__((cleanup))` variable holds; a plain variable still leaks.
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' %s 'raii-release-skipped' %t -- -std=c++17 -isystem %mock_include/libc

#include <stdlib.h>
#include <string.h>
// CHECK-FIXES: #include <memory>

static inline void free_ptr(void *p) { free(*(void **)p); }
void mayThrow();

void negativeUnwound() {
  __attribute__((cleanup(free_ptr))) char *p = strdup("x");
  mayThrow();
}

void positivePlain() {
  char *p = strdup("x");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'p' acquired by 'strdup' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
  // CHECK-FIXES: std::unique_ptr<char, void (*)(void *)> free_p(p, &free);
  mayThrow();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'p' is skipped when 'mayThrow' throws
  free(p);
  // CHECK-DELETED: free(p);
}
