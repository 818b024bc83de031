//===- ReacquireCheck.cpp - raii-reacquire --------------------------------===//
#include "ReacquireCheck.h"

namespace clang::tidy::raii {

void ReacquireCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (const Reacquire &R : FA.Reacquires) {
    const Acquisition &Held = FA.Acquisitions[R.Held];
    diag(exprDiagLoc(R.Second), "'%0' is acquired again while this function "
                                "already holds it; a non-recursive lock "
                                "deadlocks")
        << Held.Name;
    if (Held.isGuard())
      diag(Held.GuardVar->getLocation(), "'%0' is held by guard %1 since here",
           DiagnosticIDs::Note)
          << Held.Name << Held.GuardVar;
    else
      diag(Held.diagLoc(), "'%0' was first acquired here", DiagnosticIDs::Note)
          << Held.Name;
  }
}

} // namespace clang::tidy::raii
