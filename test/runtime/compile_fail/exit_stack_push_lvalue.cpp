// push() takes ownership, so it wants an rvalue; an lvalue guard would stay
// armed in its scope too.
// RAII_CF_EXPECT: pass the guard as an rvalue
#include <raii/exit_stack.hpp>
#include <raii/scope_exit.hpp>

int main() {
  raii::exit_stack s;
  raii::scope_exit g([] {});
#ifdef RAII_CF_OK
  s.push(std::move(g));
#else
  s.push(g);
#endif
}
