// <raii/cleanup.h>: RAII_AUTOFD marks int descriptors only. On a FILE *
// the cleanup would get a FILE ** where it reads an int: rejected, not a
// close() of a pointer's bits.
// RAII_CF_EXPECT: (incompatible|not compatible)
#include <raii/cleanup.h>

int main(void) {
#ifdef RAII_CF_OK
  RAII_AUTOFILE FILE *f = fopen("/dev/null", "r");
#else
  RAII_AUTOFD FILE *f = fopen("/dev/null", "r");
#endif
  return f == NULL;
}
