// enter_context() owns the manager: an lvalue would be a reference that
// dangles when the object is declared after the stack (use-after-scope that
// compiled silently before the stack could own managers).
// RAII_CF_EXPECT: pass the context manager as an rvalue
#include <raii/exit_stack.hpp>

#include <exception>

struct cm {
  int enter() { return 1; }
  void exit(std::exception_ptr) {}
};

int main() {
  raii::exit_stack s;
  cm c;
#ifdef RAII_CF_OK
  (void)s.enter_context(std::move(c));
#else
  (void)s.enter_context(c);
#endif
}
