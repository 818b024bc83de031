// with(a, b, body) rejects an exit() returning int, as with(cm, body) does:
// is 0 "ok" or "do not suppress"?
// RAII_CF_EXPECT: must return void or bool
#include <raii/with.hpp>

struct good {
  void enter() {}
  bool exit(std::exception_ptr) { return false; }
};
struct cm {
  void enter() {}
#ifdef RAII_CF_OK
  void exit(std::exception_ptr) {}
#else
  int exit(std::exception_ptr) { return 0; }
#endif
};

int main() {
  good a;
  cm b;
  raii::with(a, b, [] {});
}
