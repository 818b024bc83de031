// closing() of a temporary would close an object that no longer exists.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/closing.hpp>

struct conn {
  void close() noexcept {}
};

int main() {
#ifdef RAII_CF_OK
  conn c;
  raii::closing g(c);
#else
  raii::closing<conn> g(conn{});
#endif
}
