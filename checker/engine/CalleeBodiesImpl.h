//===- CalleeBodiesImpl.h - shared by CalleeBodies.h's files --------------===//
//
// What the files implementing CalleeBodies.h share (CalleeBodies.cpp,
// CalleePointees.cpp, CalleeBindings.cpp): a helper, and the functions
// clearStoredParameters() forgets the others' answers through.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CALLEEBODIESIMPL_H
#define RAII_TIDY_ENGINE_CALLEEBODIESIMPL_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

/// \p E, parentheses and casts aside, names the parameter \p P.
inline bool namesParam(const Expr *E, const ParmVarDecl *P) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenCasts());
  return DRE && DRE->getDecl() == P;
}

/// Forgets the answers of CalleePointees.cpp.
void clearPointeeAnswers();
/// Forgets the answers of CalleeBindings.cpp.
void clearBindingAnswers();

} // namespace clang::tidy::raii

#endif
