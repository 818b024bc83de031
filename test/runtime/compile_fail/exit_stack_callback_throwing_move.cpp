// callback() of a move-only callable whose move may throw: if the move threw
// while storing it, the cleanup would be lost (its state half moved), so it
// is rejected, as scope_exit rejects it. (Issue 12, defect 4.)
// RAII_CF_EXPECT: move constructor may throw
#include <raii/exit_stack.hpp>

struct cleanup {
  cleanup() = default;
#ifdef RAII_CF_OK
  cleanup(cleanup &&) noexcept {}
#else
  cleanup(cleanup &&) noexcept(false) {}
#endif
  cleanup(const cleanup &) = delete;
  void operator()() const noexcept {}
};

int main() {
  raii::exit_stack s;
  s.callback(cleanup{});
}
