// scope_success deduced from something that cannot be called is rejected
// with a message that says why.
// RAII_CF_EXPECT: callable with no arguments
#include <raii/scope_exit.hpp>

int main() {
#ifdef RAII_CF_OK
  raii::scope_success g{[] { return 42; }};
#else
  raii::scope_success g{42};
#endif
  g.release();
}
