//===- MismatchedReleaseCheck.cpp - raii-mismatched-release ---------------===//
#include "MismatchedReleaseCheck.h"

namespace clang::tidy::raii {

void MismatchedReleaseCheck::report(const FunctionAnalysis &FA,
                                    ASTContext &Ctx) {
  for (const Mismatch &M : FA.Mismatches) {
    const Acquisition &A = FA.Acquisitions[M.Acq];
    diag(exprDiagLoc(M.ReleaseExpr),
         "'%0' acquired by '%1' is released by '%2'; release it with '%3'")
        << A.Name << A.acquireName() << calleeName(M.ReleaseExpr)
        << A.Fam->Releases.front().Function;
    diag(A.diagLoc(), "'%0' acquired here", DiagnosticIDs::Note) << A.Name;
  }
}

} // namespace clang::tidy::raii
