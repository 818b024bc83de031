//===- ExitingCalls.h - calls that end the process by their argument -----===//
//
// glibc's `error(status, errnum, fmt, ...)` and `error_at_line(status,
// errnum, file, line, fmt, ...)` call `exit(status)` when status is not 0.
// glibc tells the compiler so only through a `__va_arg_pack` redirection
// clang does not support, so clang sees a function that returns. A call
// with a nonzero constant status ends its path as `exit()` does.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_EXITINGCALLS_H
#define RAII_TIDY_SUPPORT_EXITINGCALLS_H

namespace clang {
class CallExpr;
} // namespace clang

namespace clang::tidy::raii {

/// True if \p Call is `error(K, ..)` or `error_at_line(K, ..)` of the C
/// library with a constant K other than 0.
bool exitsByStatus(const CallExpr *Call);

} // namespace clang::tidy::raii

#endif
