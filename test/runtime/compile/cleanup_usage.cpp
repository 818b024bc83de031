// Compile test: cleanup_usage.c -- user code with every macro and helper of
// <raii/cleanup.h> -- compiled as C++ (the header is usable from C++ too).
// RAII_COMPILE_STD: 11 17 20
#include "cleanup_usage.c"
