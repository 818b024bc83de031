// The three exit-handler checks on real libstdc++ and glibc headers.
// RUN: %check_raii --compile-fixed %s raii-swallowed-exception,raii-exit-handler-throws,raii-manual-finally %t -- -std=c++17 -isystem %raii_runtime_include

#include <cstdio>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

void work();
std::mutex m;

struct Swallows {
  std::FILE *f = nullptr;
  ~Swallows() {
    try {
      work();
    } catch (const std::exception &) {
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exception caught in destructor of 'Swallows' is silently swallowed; report it, keep std::current_exception(), or say in a comment that it is ignored intentionally [raii-swallowed-exception]
    }
    std::fclose(f);
  }
};

struct Reports {
  std::exception_ptr saved;
  ~Reports() {
    try { work(); } catch (const std::exception &e) { std::cerr << e.what(); }
    try { work(); } catch (...) { saved = std::current_exception(); }
    try { work(); } catch (...) { std::fprintf(stderr, "failed\n"); }
    try { work(); } catch (...) { std::terminate(); }
  }
};

struct Throws {
  std::vector<int> v;
  ~Throws() {
    if (v.empty())
      throw std::runtime_error("empty");
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'throw' lets an exception escape the destructor of 'Throws'; report the error instead of throwing [raii-exit-handler-throws]
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: destructor declared here
  }
};

struct Unlocks {
  ~Unlocks() {
    m.unlock(); // libstdc++'s unlock reaches only C functions.
    std::string s;
  }
};

void manual() {
  m.lock();
  try {
    work();
  } catch (...) {
    m.unlock();
    throw;
  }
  m.unlock();
}
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: hand-written finally: the cleanup in 'catch (...)' is repeated after the 'try'; declare a std::lock_guard before the body instead [raii-manual-finally]
// CHECK-FIXES: {
// CHECK-FIXES: std::lock_guard lock_m(m, std::adopt_lock);

// What the fixes delete, in order:
// CHECK-DELETED: } catch (...) {
// CHECK-DELETED: m.unlock();
// CHECK-DELETED: throw;
// CHECK-DELETED: m.unlock();
