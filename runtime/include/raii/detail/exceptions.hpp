// raii-tidy runtime: the guards with exceptions off (-fno-exceptions).
//
// There `try`, `catch` and `throw` do not compile, and nothing can throw
// (a failure terminates), so every handler is dead code. The macros spell
// the exception handling the runtime does:
//
//   ctor(...) RAII_DETAIL_FN_TRY : base(...) {} RAII_DETAIL_FN_CATCH({ ... })
//       a function try block; without exceptions the constructor alone;
//   RAII_DETAIL_TRY { ... } RAII_DETAIL_CATCH { ...; RAII_DETAIL_RETHROW; }
//       a statement; without exceptions the first block runs and the
//       handler is compiled but never entered.
#ifndef RAII_DETAIL_EXCEPTIONS_HPP
#define RAII_DETAIL_EXCEPTIONS_HPP

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define RAII_DETAIL_FN_TRY try
#define RAII_DETAIL_FN_CATCH(...) catch (...) __VA_ARGS__
#define RAII_DETAIL_TRY try
#define RAII_DETAIL_CATCH catch (...)
#define RAII_DETAIL_RETHROW throw
#else
#include <exception>
#define RAII_DETAIL_FN_TRY
#define RAII_DETAIL_FN_CATCH(...)
#define RAII_DETAIL_TRY if (true)
#define RAII_DETAIL_CATCH else
#define RAII_DETAIL_RETHROW std::terminate()
#endif

#endif
