//===- UnwindingGuard.h - code a destructor runs only when not unwinding --===//
//
// A destructor declared `noexcept(false)` that throws only when no
// exception is in flight is the deliberate "report a failed flush by
// exception" idiom (kakoune's BufferedWriter): the count of uncaught
// exceptions saved at construction is compared with the current one, and
// the throwing code runs only where they are equal, so the exception can
// never meet another one and end in std::terminate.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_UNWINDINGGUARD_H
#define RAII_TIDY_SUPPORT_UNWINDINGGUARD_H

namespace clang {
class Stmt;
} // namespace clang

namespace clang::tidy::raii {

/// True if \p Body reaches \p S only where a test of
/// `std::uncaught_exceptions()` or `std::uncaught_exception()` says that no
/// new exception is in flight: \p S lies in the `then` branch of an `if`
/// one of whose `&&` operands is `std::uncaught_exceptions() == n` (either
/// way round) or `!std::uncaught_exception()`, or after a statement of the
/// body `if (std::uncaught_exceptions() != n) return;` (also `>`, or
/// `if (std::uncaught_exception()) return;`).
bool onlyWhenNotUnwinding(const Stmt *Body, const Stmt *S);

} // namespace clang::tidy::raii

#endif
