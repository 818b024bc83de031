// Correct real-world C++ idioms: every raii-* check at once, zero findings.
// RUN: %check_raii %s 'raii-release-skipped,raii-use-guard,raii-double-release,raii-mismatched-release,raii-reacquire,raii-unnamed-guard,raii-swallowed-exception,raii-exit-handler-throws,raii-manual-finally' %t -- -std=c++17 -isystem %mock_include -isystem %mock_include/libc

#include <mutex>
#include <stdio.h>
#include <stdlib.h>

std::mutex a, b;
std::recursive_mutex rm;
void quiet() noexcept;
void work();

void lockAndAdopt() {
  std::lock(a, b);
  std::lock_guard<std::mutex> la(a, std::adopt_lock);
  std::lock_guard<std::mutex> lb(b, std::adopt_lock);
  work();
}

void deferred() {
  std::unique_lock<std::mutex> la(a, std::defer_lock);
  std::unique_lock<std::mutex> lb(b, std::defer_lock);
  std::lock(la, lb);
  work();
}

void recursiveNested() {
  std::lock_guard<std::recursive_mutex> g(rm);
  {
    std::lock_guard<std::recursive_mutex> h(rm);
    work();
  }
}

void unlockEarly() {
  std::unique_lock<std::mutex> l(a);
  quiet();
  l.unlock();
  work();
}

void scopedPair() {
  std::scoped_lock l(a, b);
  work();
}

struct Locked {
  std::mutex mu;
  int v = 0;
  void lock() { mu.lock(); }
  void unlock() { mu.unlock(); }
};

struct Buffer {
  char *data = nullptr;
  ~Buffer() { free(data); }
  bool reset(size_t n) {
    char *p = static_cast<char *>(malloc(n));
    if (!p)
      return false;
    free(data);
    data = p;
    return true;
  }
};
