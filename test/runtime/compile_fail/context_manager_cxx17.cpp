// context_manager is a coroutine type: in C++17 the header says so and
// names the C++17 alternative (the tests compile as C++17).
// RAII_CF_EXPECT: needs C\+\+20 coroutines
#ifdef RAII_CF_OK
#include <raii/make_context.hpp>
#else
#include <raii/context_manager.hpp>
#endif

int main() {}
