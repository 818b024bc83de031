// <raii/cleanup.h> on a compiler that is neither GCC nor Clang (simulated
// by undefining their macros) stops at an #error naming the attribute it
// needs, instead of compiling cleanup variables that never clean up.
// RAII_CF_EXPECT: needs the GCC/Clang __attribute__\(\(cleanup\)\)
#ifndef RAII_CF_OK
#undef __GNUC__
#undef __clang__
#endif
#include <raii/cleanup.h>

int main(void) { return 0; }
