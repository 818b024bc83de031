// RUN: %check_raii --compile-fixed %s raii-unnamed-guard %t -- -std=c++17 -Wno-vexing-parse -isystem %mock_include
// `std::scoped_lock(m);` declares a new `m` whose type is deduced from no
// initializer. Clang 22 accepts that (and raii-unnamed-guard reports it);
// clang 19 rejects it as a compiler error, so there is nothing to report.
// REQUIRES: ctad-paren-declarator

#include <mutex>

std::mutex m;
void work();

void positiveScopedLockCTAD() {
  std::scoped_lock(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: this declares a new variable 'm' of type 'std::scoped_lock<>' that hides the outer 'm'
  // CHECK-FIXES: std::scoped_lock lock_m(m);
  work();
}
