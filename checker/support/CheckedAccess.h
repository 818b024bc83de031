//===- CheckedAccess.h - an accessor that throws only where a test says no -===//
//
// `opt.value()` of a `std::optional` (or `std::expected`, Boost's optional)
// throws only when the object holds no value. Under a test that says it
// does (`if (opt)`, `if (opt.has_value())`, `opt != std::nullopt`, the left
// side of a `&&`, the true arm of `?:`, or after `if (!opt) return;`),
// with nothing in between that could empty the object, the call cannot
// throw. The engine's
// exception edges and the exit-handler checks both ask this.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_SUPPORT_CHECKEDACCESS_H
#define RAII_TIDY_SUPPORT_CHECKEDACCESS_H

#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang {
class CallExpr;
class Expr;
class Stmt;
} // namespace clang

namespace clang::tidy::raii {

/// The object \p Call reads when it is a checked accessor (`opt` of
/// `opt.value()`) on a variable or a chain of fields; null otherwise.
const Expr *checkedAccessObject(const CallExpr *Call);

/// True if \p Cond, taking the value \p Truth, says \p Object holds a
/// value: `opt`, `opt.has_value()`, `opt != std::nullopt` (or the other way
/// round, or negated with the other truth), a true `&&` with such a side.
bool saysHoldsValue(const Expr *Cond, bool Truth, const Expr *Object);

/// True if \p Branch cannot empty \p Object: it names it, and the objects
/// it is reached through (`h` of `h.opt`, `this`), only to read it
/// (`opt.value()`, `*opt`, `opt->f`, `opt.has_value()`, a comparison); it
/// calls no non-const member of those objects nor of any optional (an
/// alias may name it), assigns none of them, calls nothing where the
/// object is reached from a global, and holds no label or `case`.
bool leavesValue(const Stmt *Branch, const Expr *Object);

/// True if \p Call is a checked accessor that a test around it, found by
/// walking \p Parent up from it, says holds a value (in an `if`'s branch,
/// `?:`'s arm, or the right side of `&&` / `||`; or after `if (!opt)
/// return;` in an enclosing block), and what runs from the test to the
/// call leaves the value.
bool accessCheckedAround(
    const CallExpr *Call,
    llvm::function_ref<const Stmt *(const Stmt *)> Parent);

} // namespace clang::tidy::raii

#endif
