//===- UseGuardCheck.cpp - raii-use-guard ---------------------------------===//
#include "UseGuardCheck.h"

namespace clang::tidy::raii {

void UseGuardCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &A = FA.Acquisitions[I];
    if (A.isGuard() || !A.Reached || A.HeldAtExit || !A.ReleasedSomewhere ||
        A.Escaped || A.Correlated || A.Rule->isConditional() || A.Releases.empty() ||
        A.Call->getBeginLoc().isMacroID())
      continue;
    if (A.Rule->Handle.Kind == HandleSpec::Out && A.Rule->Handle.Count > 1)
      continue;
    auto Involved = [&](unsigned J) { return J == I; };
    if (llvm::any_of(FA.DoubleReleases,
                     [&](const DoubleRelease &D) { return Involved(D.Acq); }) ||
        llvm::any_of(FA.Mismatches,
                     [&](const Mismatch &M) { return Involved(M.Acq); }) ||
        llvm::any_of(FA.Reacquires,
                     [&](const Reacquire &R) { return R.Second == A.Call; }))
      continue;
    llvm::StringRef Guard = guardFor(*A.Fam);
    if (Guard.empty())
      continue;
    diag(A.diagLoc(), "'%0' is acquired by '%1' and released by hand; hold it "
                      "in '%2' instead")
        << A.Name << A.acquireName() << Guard;
  }
}

} // namespace clang::tidy::raii
