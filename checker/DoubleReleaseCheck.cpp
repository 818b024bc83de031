//===- DoubleReleaseCheck.cpp - raii-double-release -----------------------===//
#include "DoubleReleaseCheck.h"

namespace clang::tidy::raii {

void DoubleReleaseCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (const DoubleRelease &D : FA.DoubleReleases) {
    const Acquisition &A = FA.Acquisitions[D.Acq];
    diag(exprDiagLoc(D.Second),
         "'%0' is released by '%1' on a path where it was already released")
        << A.Name << calleeName(D.Second);
    diag(exprDiagLoc(D.First), "'%0' was first released here",
         DiagnosticIDs::Note)
        << A.Name;
  }
}

} // namespace clang::tidy::raii
