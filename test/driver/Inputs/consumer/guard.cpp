// Built only with -DRAII_CONSUMER_LINT=ON: a finding for CMAKE_CXX_CLANG_TIDY.
#include <raii/raii.hpp>

void guarded(void (*f)()) {
  raii::scope_exit{f};
}
