// exit_stack is move-only: a copy would run every cleanup twice.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/exit_stack.hpp>

int main() {
  raii::exit_stack s;
#ifdef RAII_CF_OK
  raii::exit_stack t = s.pop_all();
#else
  raii::exit_stack t = s;
#endif
  t.close();
}
