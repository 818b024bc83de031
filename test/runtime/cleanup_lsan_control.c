/* Control for the sanitizer builds of the C run tests of <raii/cleanup.h>:
 * the same allocation as cleanup_free_test.c without RAII_AUTOFREE. CTest
 * expects LeakSanitizer to report it, which shows that a leak in the run
 * tests would fail them. */
#include "support/c_check.h"

int main(void) {
  {
    char *p = (char *)malloc(4096);
    sink(p);
    sink(NULL);
  }
  puts("cleanup_lsan_control: returned");
  return 0;
}
