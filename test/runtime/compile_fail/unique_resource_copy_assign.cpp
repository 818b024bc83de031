// unique_resource is not copy-assignable.
// RAII_CF_EXPECT: (deleted|delete)
#include <raii/handles.hpp>

int main() {
  raii::unique_file a;
  raii::unique_file b;
#ifdef RAII_CF_OK
  b = std::move(a);
#else
  b = a;
#endif
}
