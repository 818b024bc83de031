//===- MismatchedReleaseCheck.cpp - raii-mismatched-release ---------------===//
#include "MismatchedReleaseCheck.h"
#include "engine/Collector.h"
#include "engine/HandleKey.h"

namespace clang::tidy::raii {

/// What a pointer that no allocator gave out points to, in words.
static std::string describe(const StorageOrigin &O) {
  if (O.Kind == StorageOrigin::Literal)
    return "a string literal";
  if (O.Kind == StorageOrigin::Alloca)
    return "stack memory from 'alloca'";
  const VarDecl *V = O.Var;
  std::string S = O.Part ? "part of the " : "the ";
  if (V->getTLSKind() != VarDecl::TLS_None)
    S += "thread-local ";
  else if (V->hasLocalStorage())
    S += "local ";
  else if (V->isStaticLocal() || !V->isExternallyVisible())
    S += "static ";
  else
    S += "global ";
  S += !O.Part && V->getType()->isArrayType() ? "array '" : "variable '";
  return S + V->getNameAsString() + "'";
}

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
  for (const NonHeapRelease &N : FA.NonHeapReleases) {
    const bool Direct = ignoreValueCasts(N.Handle) == N.Origin.Where;
    if (Direct) {
      diag(exprDiagLoc(N.ReleaseExpr),
           "'%0' releases %1, which no allocator gave out")
          << calleeName(N.ReleaseExpr) << describe(N.Origin);
      continue;
    }
    std::string Name = spellHandle(N.Handle, Ctx);
    diag(exprDiagLoc(N.ReleaseExpr),
         "'%0' is released by '%1' but points to %2, which no allocator "
         "gave out")
        << Name << calleeName(N.ReleaseExpr) << describe(N.Origin);
    diag(exprDiagLoc(N.Origin.Where), "'%0' gets that address here",
         DiagnosticIDs::Note)
        << (N.Origin.Holder ? N.Origin.Holder->getNameAsString() : Name);
  }
}

} // namespace clang::tidy::raii
