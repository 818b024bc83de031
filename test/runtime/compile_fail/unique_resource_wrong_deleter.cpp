// The deleter must accept the resource; the message says so.
// RAII_CF_EXPECT: deleter must be callable with the resource
#include <raii/unique_resource.hpp>

int main() {
#ifdef RAII_CF_OK
  raii::unique_resource r(1, [](int) noexcept {});
#else
  raii::unique_resource r(1, [](int *) noexcept {});
#endif
  r.release();
}
