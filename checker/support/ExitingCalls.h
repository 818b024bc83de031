//===- ExitingCalls.h - calls that end the process or return only failing ===//
//
// glibc's `error(status, errnum, fmt, ...)` and `error_at_line(status,
// errnum, file, line, fmt, ...)` call `exit(status)` when status is not 0.
// glibc tells the compiler so only through a `__va_arg_pack` redirection
// clang does not support, so clang sees a function that returns. A call
// with a nonzero constant status ends its path as `exit()` does.
//
// The `exec` functions replace the process and return only where they
// failed, with -1: `if (execvp(..) == -1)` has no other branch.
//
// A project's fatal-error function in another file often says nothing of
// `noreturn` (pppd's `fatal`, gnulib's `xalloc_die`, busybox's
// `bb_error_msg_and_die`), nor does a logger given its fatal level
// (privoxy's `log_error(LOG_LEVEL_FATAL, ..)`): the names say it, and
// code after such calls is written as if they never return.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_EXITINGCALLS_H
#define RAII_TIDY_SUPPORT_EXITINGCALLS_H

namespace clang {
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace clang::tidy::raii {

/// True if \p Call is `error(K, ..)` or `error_at_line(K, ..)` of the C
/// library with a constant K other than 0.
bool exitsByStatus(const CallExpr *Call);

/// True if \p Call is of a function the translation unit has no body of,
/// declared outside system headers and returning void, named as a fatal
/// exit (its last word `fatal`, `die` or `panic`, also with `f` or `x`
/// after it: `fatalf`, `xalloc_die`, `kernel_panic`), or given a constant
/// whose name has the word `FATAL` (a macro or an enumerator:
/// `LOG_LEVEL_FATAL`), or a failing exit status (`EXIT_FAILURE`, a
/// `<sysexits.h>` macro) where it is err(3)-like (the status first, a
/// format next: `merr(EX_OSERR, "pipe")`) or named as an exit (first or
/// last word `usage`, `exit`, `quit`, `bail`: `usage(EXIT_FAILURE)`).
bool exitsByFatalName(const CallExpr *Call);

/// True if \p FD is one of the C library's `exec` functions (`execv`,
/// `execvp`, `execve`, `execl`, ..., `fexecve`): a call that returns gives
/// -1.
bool returnsOnlyFailing(const FunctionDecl *FD);

} // namespace clang::tidy::raii

#endif
