// Real libstdc++ headers: `std::scoped_lock(n);` declares a new `n` and locks
// nothing; the fixed program must hold the lock to the end of the scope,
// which another thread observes with try_lock. Clang 19 rejects this
// declaration (its type is deduced from no initializer) as a compiler error.
// REQUIRES: ctad-paren-declarator
// RUN: %check_raii --run-fixed --link=-pthread %s raii-unnamed-guard %t -- -std=c++17 -Wno-vexing-parse -pthread -iquote %S/Inputs

#include <mutex>
#include "lock_probe.h"

std::mutex n;

int main() {
  int failures = 0;
  {
    std::scoped_lock(n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: this declares a new variable 'n' of type 'std::scoped_lock<>' that hides the outer 'n'
    // CHECK-FIXES: std::scoped_lock lock_n(n);
    failures += !heldElsewhere(::n);
  }
  // The lock is free again after its scope.
  failures += heldElsewhere(n);
  return failures;
}
