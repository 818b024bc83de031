//===- BranchHints.cpp - hints that leave a condition's truth as it was ----===//
#include "support/BranchHints.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Builtins.h"

namespace clang::tidy::raii {

const Expr *ignoreBranchHints(const Expr *E) {
  for (;;) {
    E = E->IgnoreParenImpCasts();
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || Call->getNumArgs() == 0)
      return E;
    switch (Call->getBuiltinCallee()) {
    case Builtin::BI__builtin_expect:
    case Builtin::BI__builtin_expect_with_probability:
    case Builtin::BI__builtin_unpredictable:
      E = Call->getArg(0);
      break;
    default:
      return E;
    }
  }
}

const Expr *ignoreTruthHints(const Expr *E) {
  for (;;) {
    E = ignoreBranchHints(E);
    // `bool(x)`, `(bool)x`, `static_cast<bool>(x)`: true where x is.
    const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
    if (!Cast || !Cast->getType()->isBooleanType())
      return E;
    E = Cast->getSubExpr();
  }
}

} // namespace clang::tidy::raii
