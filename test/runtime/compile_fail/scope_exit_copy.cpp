// A scope guard is move-only: copying would run the action twice.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/scope_exit.hpp>

int main() {
  raii::scope_exit g([] {});
#ifdef RAII_CF_OK
  auto h = std::move(g);
#else
  auto h = g;
#endif
  h.release();
}
