// The action is called with no arguments; one that needs an argument is
// rejected with a message that says why.
// RAII_CF_EXPECT: callable with no arguments
#include <raii/scope_exit.hpp>

int main() {
#ifdef RAII_CF_OK
  raii::scope_exit g{[](int = 0) {}};
#else
  raii::scope_exit g{[](int) {}};
#endif
  g.release();
}
