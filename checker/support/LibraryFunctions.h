//===- LibraryFunctions.h - is this function the system's? ----------------===//
//
// Whether a function is declared in a system header (the C or C++ library,
// POSIX, a library installed on the system), and whether it is one of the
// C library's. The engine trusts such functions to do what their rules
// say and nothing else (borrow what they are given, never be summarised);
// the project's own functions it reads instead. The C library's byte
// copies, which copy a handle's bytes where it is given by address, its
// `errno`, the calls closing every descriptor from a number on, the call
// of a thread's cleanup handler that `pthread_cleanup_pop` makes, the
// calls that end a thread and the scope of a cleanup handler.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_LIBRARYFUNCTIONS_H
#define RAII_TIDY_SUPPORT_LIBRARYFUNCTIONS_H

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace clang::tidy::raii {

/// \p FD is declared in a system header.
bool isLibraryFunction(const FunctionDecl *FD);

/// \p FD is declared in a system header with C linkage (in C, any function
/// of a system header): `fprintf`, `memcpy`, `pthread_mutex_lock`, not
/// `std::vector::push_back`.
bool isCLibraryFunction(const FunctionDecl *FD);

/// The arguments of a byte copy of the C library's: where to and from.
struct ByteCopyArgs {
  unsigned Dst, Src;
};
/// For `memcpy`, `memmove` (their builtins and `_chk` forms) and `bcopy`
/// of a system header or the compiler: which argument is which.
std::optional<ByteCopyArgs> byteCopyArgs(const FunctionDecl *FD);

/// \p E reads the C library's `errno` (glibc's `*__errno_location()`,
/// the BSDs' `*__error()`, Windows' `*_errno()`, or a variable of a system
/// header named so), through parentheses and casts.
bool readsErrno(const Expr *E);

/// \p Call closes every descriptor from one no higher than the first
/// after the standard streams on (`closefrom(3)`, `closefrom(STDERR_FILENO
/// + 1)`, Linux's `close_range(3, ~0U, 0)` but with CLOSE_RANGE_CLOEXEC):
/// every descriptor the function opened. `closefrom` by name wherever
/// declared (the BSDs' and glibc's, or a project's compat copy).
bool closesAllDescriptors(const CallExpr *Call);

/// \p Call is the call of a cleanup handler that POSIX's
/// `pthread_cleanup_pop(execute)` expands into (glibc's C expansion
/// without `-fexceptions`: `if (execute) __cancel_routine(__cancel_arg);`,
/// through the local function pointer the matching
/// `pthread_cleanup_push(routine, arg)` declared), given its argument.
/// glibc's C++ and `-fexceptions` expansions run the handler from a
/// destructor or a cleanup attribute instead: no such call.
bool runsCleanupHandler(const CallExpr *Call, const ASTContext &Ctx);

/// \p Call ends the calling thread, not the process: POSIX's
/// `pthread_exit`, C11's `thrd_exit` (of a system header, with C linkage).
bool endsThread(const CallExpr *Call);

/// \p S is the `do` statement a `pthread_cleanup_push` (or glibc's
/// `pthread_cleanup_push_defer_np`) expands into: inside it, the handler
/// runs where the thread ends.
bool isCleanupPushScope(const Stmt *S, const ASTContext &Ctx);

} // namespace clang::tidy::raii

#endif
