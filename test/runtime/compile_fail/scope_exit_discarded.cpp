// [[nodiscard]]: a guard temporary dies at once and guards nothing. Only
// clang diagnoses a discarded temporary of a nodiscard class type.
// RAII_CF_COMPILERS: clang
// RAII_CF_EXPECT: nodiscard
#include <raii/scope_exit.hpp>

int main() {
#ifdef RAII_CF_OK
  raii::scope_exit g{[] {}};
#else
  raii::scope_exit{[] {}};
#endif
}
