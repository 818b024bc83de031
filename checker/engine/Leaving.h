//===- Leaving.h - may this expression leave by an exception or not return? ===//
//
// One answer, under the function's nothrow policy and the catalog's rules,
// for everything in the engine that asks whether a call, an allocation or
// a construction may throw, or whether a call never returns: the solver's
// exception edges and the transfer function.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_LEAVING_H
#define RAII_TIDY_ENGINE_LEAVING_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

/// An exception may leave \p E into the function: not without exceptions,
/// not out of a `[[noreturn]]` callee (the path ends there), not out of a
/// release whose rule says it does not throw.
bool callMayThrow(const CallExpr *E, const FunctionContext &C);
/// A `new` expression's allocation may throw (not `new (std::nothrow)`, not
/// placement `new`, not while allocation failure does not throw). Its
/// constructor is constructMayThrow's question.
bool newMayThrow(const CXXNewExpr *E, const FunctionContext &C);
/// A constructor that is not trivial and not `noexcept` may throw.
bool constructMayThrow(const CXXConstructExpr *E, const FunctionContext &C);
/// \p E never returns: `[[noreturn]]`, `exit`-like by its status, a
/// helper of the translation unit whose every path throws or exits, or an
/// unseen project function ending a `fork` child's branch after `exec`.
bool neverReturns(const CallExpr *E, const FunctionContext &C);

} // namespace clang::tidy::raii

#endif
