//===- UseGuardCheck.cpp - raii-use-guard ---------------------------------===//
#include "UseGuardCheck.h"

namespace clang::tidy::raii {

void UseGuardCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &A = FA.Acquisitions[I];
    if (A.Origin != Acquisition::Call || !A.Reached || A.HeldAtExit ||
        !A.ReleasedSomewhere || A.Escaped || A.MaybeTaken || A.ReleasedOutsideBranch ||
        A.ResultTested || A.ReleasedAtOnce || A.Releases.empty() ||
        A.Site->getBeginLoc().isMacroID())
      continue;
    if (A.Rule->Handle.Kind == HandleSpec::Out && A.Rule->Handle.Count > 1)
      continue;
    if (llvm::any_of(FA.DoubleReleases,
                     [&](const DoubleRelease &D) { return D.Acq == I; }) ||
        llvm::any_of(FA.Mismatches,
                     [&](const Mismatch &M) { return M.Acq == I; }) ||
        llvm::any_of(FA.Reacquires,
                     [&](const Reacquire &R) { return R.Second == A.Site; }))
      continue;
    std::optional<llvm::StringRef> Guard = guardAdvice(A, Ctx.getLangOpts());
    if (!Guard)
      continue; // no guard fits
    std::optional<GuardRewrite> Fix = planGuardFix(FA, I, Guard, Ctx);
    diag(A.diagLoc(), "'%0' is acquired by '%1' and released by hand; hold it "
                      "in %select{'%3'|a scope guard}2 instead")
        << A.Name << A.acquireName() << shownGuard(*Guard, Fix).empty()
        << guardText(shownGuard(*Guard, Fix), A, Ctx) << fixesOf(Fix);
    noteRefusal(Fix, A, Ctx.getSourceManager());
    noteWrapper(A.Via, A.ViaSite, "acquires the resource");
  }
}

} // namespace clang::tidy::raii
