// Two fixes of one file that need different headers which sort to the same
// place (<mutex> for a lock guard, <memory> for a handle guard, both between
// <cstdlib> and <shared_mutex>): exported with --export-fixes and applied by
// clang-apply-replacements, which refuses two insertions at one offset and
// then applies nothing, both land and the fixed file compiles. The second
// header is written at the end of the line before the place.
// RUN: rm -rf %t && mkdir -p %t/fixes
// RUN: grep -v "// [A-Z]" %s > %t/two.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --export-fixes=%t/fixes/two.yaml %t/two.cpp -- -std=c++17 > %t/msg 2>&1
// RUN: FileCheck %s --check-prefix=MSG < %t/msg
// RUN: %clang_apply_replacements %t/fixes
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/two.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only %t/two.cpp
// MSG: two.cpp:{{[0-9]+}}:3: warning: 'mu' acquired by 'lock' is not released on every path; hold it in 'std::lock_guard' to release it automatically [raii-release-skipped]
// MSG: two.cpp:{{[0-9]+}}:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
// FIXED: #include <cstdlib>
// FIXED-NEXT: #include <memory>
// FIXED-NEXT: #include <mutex>
// FIXED-NEXT: #include <shared_mutex>

#include <cstdlib>
#include <shared_mutex>

std::shared_mutex mu;
int work(int);

int locked(int x) {
  mu.lock();
  if (work(x))
    return -1;
  mu.unlock();
  return 0;
}

int allocated(int x) {
  char *p = static_cast<char *>(malloc(4));
  if (!p)
    return -1;
  if (work(x))
    return -1;
  free(p);
  return 0;
}
