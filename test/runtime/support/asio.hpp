// Test support: standalone Asio with its coroutine support on under Clang.
// Asio 1.22 turns co_await on for Clang only when __cpp_coroutines is
// defined (the Coroutines TS); Clang 17+ defines only __cpp_impl_coroutine,
// so it is said here. GCC needs nothing.
#ifndef RAII_TEST_SUPPORT_ASIO_HPP
#define RAII_TEST_SUPPORT_ASIO_HPP

#if defined(__clang__) && !defined(ASIO_HAS_CO_AWAIT)
#define ASIO_HAS_CO_AWAIT 1
#endif
#include <asio.hpp>

#endif // RAII_TEST_SUPPORT_ASIO_HPP
