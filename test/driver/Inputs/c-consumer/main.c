/* Consumer of the installed <raii/cleanup.h>: a user release runs when its
 * variable leaves the scope, after the body. */
#include <raii/cleanup.h>

static void say_cleanup(const char *what) { puts(what); }
RAII_DEFINE_CLEANUP(const char *, say_cleanup)

int main(void) {
  RAII_AUTOFREE char *buf = (char *)malloc(16);
  {
    RAII_AUTO(say_cleanup) const char *msg = "cleanup";
    puts(buf != NULL ? "body" : "no memory");
  }
  return 0;
}
