//===- FormatArgs.h - the arguments a printf format's conversions take ----===//
//
// `sqlite3_mprintf("%z OR %s", a, b)` frees a: a release whose handle is
// `format N` releases the arguments that one conversion letter of the
// format literal in argument N consumes. This reads the literal as printf
// does: flags, a width and a precision (each `*` takes an argument of its
// own), length modifiers, `%%`. It also tells whether a format prints
// anything whatever its arguments.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_CATALOG_FORMATARGS_H
#define RAII_TIDY_CATALOG_FORMATARGS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

/// The indices of \p Call's arguments that the \p Conversion conversions of
/// the string literal in argument \p FormatArg consume (a `?:` of literals
/// that agree counts as one). False when nothing is known: no literal, or
/// literals that disagree.
bool formatArgs(const CallExpr *Call, unsigned FormatArg, char Conversion,
                llvm::SmallVectorImpl<unsigned> &Out);

/// Every format the printf-like \p Call may get (the literal in the
/// argument its callee's `format` attribute names, or each arm of a `?:`
/// of literals) prints at least one character: text outside conversions,
/// `%%`, `%c`, or a number without a precision (which may print nothing
/// for zero). Such a call (`asprintf`) returns a positive count when it
/// succeeds.
bool formatPrintsSomething(const CallExpr *Call);

} // namespace clang::tidy::raii

#endif
