// exit() returning int is rejected: is 0 "ok" or "do not suppress"?
// RAII_CF_EXPECT: must return void or bool
#include <raii/with.hpp>

struct cm {
  void enter() {}
#ifdef RAII_CF_OK
  bool exit(std::exception_ptr) { return false; }
#else
  int exit(std::exception_ptr) { return 0; }
#endif
};

int main() {
  cm c;
  raii::with(c, [] {});
}
