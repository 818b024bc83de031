// The async components are coroutines: in C++17 the header says so.
// RAII_CF_EXPECT: needs C\+\+20 coroutines
#ifdef RAII_CF_OK
#include <raii/with.hpp>
#else
#include <raii/async.hpp>
#endif

int main() {}
