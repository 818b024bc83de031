// Compile test: with RAII_CLEANUP_HAVE_UNISTD, _DIRENT and _PTHREAD defined
// to 0 (a target without POSIX, or a user opting out), <raii/cleanup.h>
// leaves out the fd, DIR and mutex parts and the standard C parts still work.
#define RAII_CLEANUP_HAVE_UNISTD 0
#define RAII_CLEANUP_HAVE_DIRENT 0
#define RAII_CLEANUP_HAVE_PTHREAD 0
#include <raii/cleanup.h>

#if defined(RAII_AUTOFD) || defined(RAII_AUTODIR) || defined(RAII_MUTEX_GUARD)
#error "a POSIX part of <raii/cleanup.h> was defined although turned off"
#endif

int main(void) {
  RAII_AUTOFILE FILE *f = fopen("/dev/null", "r");
  RAII_AUTOFREE char *p = (char *)malloc(16);
  return (f == NULL) + (p == NULL);
}
