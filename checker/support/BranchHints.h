//===- BranchHints.h - hints that leave a condition's truth as it was ------===//
//
// `__builtin_expect(x, c)` (glibc's `__glibc_unlikely`, the kernel's and
// many projects' `likely`/`unlikely` macros), its `_with_probability`
// form and `__builtin_unpredictable(x)` return x: a branch on one tests
// what x tests. Where only the truth of a value counts (a condition, the
// operand of `!`, `&&`, `||`, a test against 0), an explicit conversion to
// bool is true where x is, too (`bool(x)`: fish's `unlikely(x)` is
// `__builtin_expect(bool(x), 0)`); where the value counts (`(bool)m == 1`,
// `switch ((bool)m)`) it is not x.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_BRANCHHINTS_H
#define RAII_TIDY_SUPPORT_BRANCHHINTS_H

namespace clang {
class Expr;
} // namespace clang

namespace clang::tidy::raii {

/// \p E without parentheses, implicit casts and branch hints around it.
const Expr *ignoreBranchHints(const Expr *E);
/// The same, and without explicit conversions to bool: for an expression
/// whose truth alone is tested.
const Expr *ignoreTruthHints(const Expr *E);

} // namespace clang::tidy::raii

#endif
