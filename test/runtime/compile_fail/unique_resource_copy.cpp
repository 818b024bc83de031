// unique_resource is move-only: a copy would delete the resource twice.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/unique_resource.hpp>

int main() {
  raii::unique_resource r(1, [](int) noexcept {});
#ifdef RAII_CF_OK
  auto s = std::move(r);
#else
  auto s = r;
#endif
  s.release();
}
