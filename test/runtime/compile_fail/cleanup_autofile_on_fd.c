// <raii/cleanup.h>: RAII_AUTOFILE marks FILE * variables only. On an int
// descriptor the cleanup would fclose() the descriptor's value as a FILE *:
// rejected.
// RAII_CF_EXPECT: (incompatible|not compatible)
#include <raii/cleanup.h>

#include <fcntl.h>

int main(void) {
#ifdef RAII_CF_OK
  RAII_AUTOFD int fd = open("/dev/null", O_RDONLY);
#else
  RAII_AUTOFILE int fd = open("/dev/null", O_RDONLY);
#endif
  return fd < 0;
}
