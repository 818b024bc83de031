// C++11: std::unique_ptr holds the FILE * (the fixed file compiles as
// C++11); the runtime's raii::unique_fd needs C++17, so the descriptor gets
// no fix even with the runtime on the include path, and a note says why.
// RaiiUseRuntime: always skips the include path search, not the language:
// the same fixes and notes (a C++11 TU built with the runtime on its path
// still cannot compile raii::unique_fd).
// Functions declared without a body may throw here, as they do in a project
// that throws somewhere (the file has no throw or try of its own).
// RUN: %check_raii --config='{CheckOptions: {RaiiUnseenCallsMayThrow: true}}' --compile-fixed %s raii-release-skipped %t -- -std=c++11 -isystem %raii_runtime_include
// RUN: %check_raii --compile-fixed --config="{CheckOptions: {RaiiUnseenCallsMayThrow: true, RaiiUseRuntime: always}}" %s raii-release-skipped %t.always -- -std=c++11 -isystem %raii_runtime_include
// In raii style the FILE * falls back to the standard guard, and the message
// names the guard the fix declares, not raii::unique_file.
// RUN: %check_raii --prefix RAII --compile-fixed --config="{CheckOptions: {RaiiUnseenCallsMayThrow: true, RaiiGuardStyle: raii}}" %s raii-release-skipped %t.raii -- -std=c++11 -isystem %raii_runtime_include
#include <cstdio>
#include <fcntl.h>
// CHECK-FIXES: #include <memory>
// RAII-FIXES: #include <memory>
#include <unistd.h>

void work();

int lines(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-2]]:13: warning: 'f' acquired by 'fopen' is not released on every path; hold it in 'std::unique_ptr<FILE, int (*)(FILE *)>' to release it automatically [raii-release-skipped]
  if (!f)
    return -1;
  // CHECK-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
  // RAII-FIXES: std::unique_ptr<FILE, int (*)(FILE *)> close_f(f, &fclose);
  work();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: release of 'f' is skipped when 'work' throws an exception
  // RAII-MESSAGES: :[[@LINE-2]]:3: note: release of 'f' is skipped when 'work' throws an exception
  fclose(f);
  // CHECK-DELETED: fclose(f);
  // RAII-DELETED: fclose(f);
  return 0;
}

int descriptor(const char *path, bool skip) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fd' acquired by 'open' is not released on every path; hold it in a scope guard to release it automatically [raii-release-skipped]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and the raii runtime needs C++17
  // RAII-MESSAGES: :[[@LINE-3]]:12: warning: 'fd' acquired by 'open' is not released on every path; hold it in 'raii::unique_fd' to release it automatically [raii-release-skipped]
  // RAII-MESSAGES: :[[@LINE-4]]:12: note: no automatic fix: 'raii::unique_fd' needs the raii runtime, and the raii runtime needs C++17
  if (fd < 0)
    return -1;
  if (skip)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: release of 'fd' is skipped by this return
  // RAII-MESSAGES: :[[@LINE-2]]:5: note: release of 'fd' is skipped by this return
  close(fd);
  return 0;
}
