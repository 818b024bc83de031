// Real libstdc++ headers, no mocks. The fixed program must hold each lock to
// the end of its scope, which another thread observes with try_lock.
// std::scoped_lock(n) is in raii-unnamed-guard-ctad-libstdcxx.cpp: not every
// supported clang accepts it.
// RUN: %check_raii --run-fixed --link=-pthread %s raii-unnamed-guard %t -- -std=c++17 -Wno-vexing-parse -pthread -iquote %S/Inputs

#include <mutex>
#include <shared_mutex>
#include "lock_probe.h"

std::mutex m;
std::mutex n;
std::shared_mutex sm;

int main() {
  int failures = 0;
  {
    std::lock_guard<std::mutex>{m};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::lock_guard<std::mutex>' temporary is destroyed at the end of the statement and guards nothing; give it a name to hold it until the end of the scope [raii-unnamed-guard]
    // CHECK-FIXES: std::lock_guard<std::mutex> lock_m{m};
    failures += !heldElsewhere(m);
  }
  {
    std::scoped_lock{m, n};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::scoped_lock' temporary is destroyed
    // CHECK-FIXES: std::scoped_lock lock_m_n{m, n};
    failures += !heldElsewhere(m) + !heldElsewhere(n);
  }
  {
    std::unique_lock<std::mutex>(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'm' of type 'std::unique_lock<std::mutex>' that hides the outer 'm' and locks nothing; name the guard and pass 'm' to it [raii-unnamed-guard]
    // CHECK-FIXES: std::unique_lock<std::mutex> lock_m(m);
    failures += !heldElsewhere(::m);
  }
  {
    std::shared_lock<std::shared_mutex>(sm);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'sm' of type 'std::shared_lock<std::shared_mutex>' that hides the outer 'sm'
    // CHECK-FIXES: std::shared_lock<std::shared_mutex> lock_sm(sm);
    failures += !heldElsewhere(::sm);
  }
  // Each lock is free again after its scope.
  failures += heldElsewhere(m) + heldElsewhere(n) + heldElsewhere(sm);
  return failures;
}
