// <raii/cleanup.h>: a jump into the scope of a cleanup variable, past its
// initialisation, would run the cleanup on an uninitialised value (free of
// a garbage pointer). Clang rejects it always; GCC accepts it silently
// unless -Wjump-misses-init is on (not in -Wall/-Wextra), as here.
// RAII_CF_EXPECT: (cannot jump|jump skips|jumps over)
// RAII_CF_FLAGS: -Wjump-misses-init
#include <raii/cleanup.h>

static int first_byte(int skip) {
#ifdef RAII_CF_OK
  if (skip)
    goto done;
#else
  if (skip)
    goto inside;
#endif
  {
    RAII_AUTOFREE char *p = (char *)calloc(1, 1);
#ifndef RAII_CF_OK
  inside:
#endif
    if (p == NULL)
      return -1;
    return p[0];
  }
#ifdef RAII_CF_OK
done:
#endif
  return 0;
}

int main(void) { return first_byte(0); }
