// <raii/cleanup.h>: raii_steal_ptr hands off pointers. On an int it would
// store NULL into the int; descriptors have raii_steal_fd. Rejected.
// RAII_CF_EXPECT: (integer from pointer|pointer to integer)
#include <raii/cleanup.h>

int main(void) {
  RAII_AUTOFD int fd = dup(0);
#ifdef RAII_CF_OK
  int out = raii_steal_fd(&fd);
#else
  int out = raii_steal_ptr(&fd);
#endif
  return out < 0;
}
