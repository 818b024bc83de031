//===- BranchHints.h - hints that leave a condition's truth as it was ------===//
//
// `__builtin_expect(x, c)` (glibc's `__glibc_unlikely`, the kernel's and
// many projects' `likely`/`unlikely` macros), its `_with_probability`
// form and `__builtin_unpredictable(x)` return x, and an explicit
// conversion to bool (`bool(x)`: fish's `unlikely(x)` is
// `__builtin_expect(bool(x), 0)`) is true where x is: a branch on one tests
// what x tests.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_BRANCHHINTS_H
#define RAII_TIDY_SUPPORT_BRANCHHINTS_H

namespace clang {
class Expr;
} // namespace clang

namespace clang::tidy::raii {

/// \p E without parentheses, implicit casts, conversions to bool and branch
/// hints around it.
const Expr *ignoreBranchHints(const Expr *E);

} // namespace clang::tidy::raii

#endif
