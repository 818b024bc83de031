// The header a fix needs goes where clang-tidy's include inserter puts it,
// unless that place is inside an `#if` block of the file: then before the
// block (ninja's deps_log.cc ends its includes with `#ifndef _WIN32
// #include <unistd.h> #endif`; `<memory>` went inside, and a Windows build
// of the fixed file would miss it). The header guard, the file's first
// directive, is no such block.
// RUN: rm -rf %t && mkdir -p %t
// RUN: grep -v "// [A-Z]" %s > %t/cond.cpp
// RUN: %clang_tidy --load %raii_plugin --checks='-*,raii-release-skipped' --fix %t/cond.cpp -- -std=c++17 > %t/msg 2>&1
// RUN: FileCheck %s --check-prefix=MSG < %t/msg
// RUN: FileCheck %s --check-prefix=FIXED --match-full-lines < %t/cond.cpp
// RUN: %clangxx -std=c++17 -fsyntax-only %t/cond.cpp
// MSG: cond.cpp:{{[0-9]+}}:33: warning: 'p' acquired by 'malloc' is not released on every path; hold it in 'std::unique_ptr<char, void (*)(void *)>' to release it automatically [raii-release-skipped]
// FIXED: #ifndef COND_GUARD
// FIXED-NEXT: #define COND_GUARD
// FIXED-EMPTY:
// FIXED-NEXT: #include <stdio.h>
// FIXED-NEXT: #include <stdlib.h>
// FIXED-NEXT: #include <memory>
// FIXED-NEXT: #ifndef _WIN32
// FIXED-NEXT: #include <unistd.h>
// FIXED-NEXT: #endif
#ifndef COND_GUARD
#define COND_GUARD

#include <stdio.h>
#include <stdlib.h>
#ifndef _WIN32
#include <unistd.h>
#endif

int work(int);

int allocated(int x) {
  char *p = static_cast<char *>(malloc(4));
  if (!p)
    return -1;
  if (work(x))
    return -1;
  free(p);
  return 0;
}

#endif
