// Code with compile errors never crashes the engine.
// RUN: not %clang_tidy --load=%raii_plugin --checks='-*,raii-*' --quiet %s -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc 2>&1 | FileCheck %s
// CHECK: error: use of undeclared identifier 'undeclared'
// CHECK-NOT: PLEASE submit a bug report
#include <mutex>
#include <stdio.h>
std::mutex m;
int broken(const char *p) {
  m.lock();
  FILE *f = fopen(p, "r");
  if (undeclared(f))
    return 1;
  fclose(f;
  m.unlock();
  return 0 +;
}
template <class T> void dependent(T &x) { x.lock(); if (x.y) return; x.unlock(); }
void instantiate() { dependent(m); }
