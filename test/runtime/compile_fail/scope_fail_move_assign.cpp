// Scope guards are not assignable (P0052): a guard is bound to its scope.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/scope_exit.hpp>

int main() {
  auto f = [] {};
  raii::scope_fail a(f);
  raii::scope_fail b(f);
#ifndef RAII_CF_OK
  b = std::move(a);
#endif
  a.release();
  b.release();
}
