// suppress<> would suppress nothing: name at least one exception type.
// RAII_CF_EXPECT: name at least one exception type
#include <raii/suppress.hpp>

#include <stdexcept>

int main() {
#ifdef RAII_CF_OK
  raii::suppress<std::runtime_error> s;
#else
  raii::suppress<> s;
#endif
  s.enter();
}
