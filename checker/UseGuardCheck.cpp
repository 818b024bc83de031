//===- UseGuardCheck.cpp - raii-use-guard ---------------------------------===//
#include "UseGuardCheck.h"

namespace clang::tidy::raii {

namespace {
/// One acquisition the check advises a guard for.
struct Advice {
  unsigned Acq;
  llvm::StringRef Guard;
  std::optional<GuardRewrite> Fix;
  /// The earlier advice this one joins (its own index if none): pairs of
  /// one variable and family that no fix rewrites are one piece of advice
  /// (`if (k) f = fopen(a); else f = fopen(b);` released on two paths, a
  /// spin lock taken again inside its wait loop).
  unsigned JoinedTo;
};
} // namespace

void UseGuardCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  llvm::SmallVector<Advice, 4> All;
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &A = FA.Acquisitions[I];
    if (A.Origin != Acquisition::Call || !A.Reached || A.HeldAtExit ||
        !A.ReleasedSomewhere || A.Escaped || A.MaybeTaken ||
        A.ReleasedOutsideBranch || A.ResultTested || A.ReleasedAtOnce ||
        A.ReleaseResultUsed || A.Releases.empty() ||
        A.Site->getBeginLoc().isMacroID())
      continue;
    if (A.Rule->Handle.Kind == HandleSpec::Out && A.Rule->Handle.Count > 1)
      continue;
    // The pair is correct on every path, so with one release every path
    // that holds the handle leaves through it: a guard would change no
    // path (a call that ends the program runs no destructor either). A
    // lock keeps the advice (C++ Core Guidelines CP.20).
    // A release that hands the block on to the same variable (`buf =
    // realloc(buf, n)` growing it in a loop) is no release by hand: the
    // block lives on under that name, and the one `free` ends it.
    const auto HandsOnInPlace = [&](const Expr *R) {
      return llvm::any_of(FA.Acquisitions, [&](const Acquisition &B) {
        return B.Site == R && B.Key == A.Key && B.Fam == A.Fam;
      });
    };
    if (!A.IsLock &&
        llvm::count_if(A.Releases, [&](const Expr *R) {
          return !HandsOnInPlace(R);
        }) == 1)
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
    Advice Adv{I, *Guard, planGuardFix(FA, I, Guard, Ctx),
               unsigned(All.size())};
    auto Fixed = [](const Advice &X) {
      return X.Fix && (X.Fix->ok() || X.Fix->Covered);
    };
    for (unsigned K = 0; K < All.size() && !Fixed(Adv); ++K) {
      const Acquisition &B = FA.Acquisitions[All[K].Acq];
      if (All[K].JoinedTo == K && !Fixed(All[K]) && B.Key == A.Key &&
          B.Fam == A.Fam && All[K].Guard == Adv.Guard) {
        Adv.JoinedTo = K;
        break;
      }
    }
    All.push_back(std::move(Adv));
  }
  for (unsigned K = 0; K < All.size(); ++K) {
    const Advice &Adv = All[K];
    if (Adv.JoinedTo != K)
      continue;
    const Acquisition &A = FA.Acquisitions[Adv.Acq];
    const std::optional<GuardRewrite> &Fix = Adv.Fix;
    diag(A.diagLoc(), "'%0' is acquired by '%1' and released by hand; hold it "
                      "in %select{'%3'|a scope guard}2 instead")
        << A.Name << A.acquireName() << shownGuard(Adv.Guard, Fix).empty()
        << guardText(shownGuard(Adv.Guard, Fix), A, Ctx) << fixesOf(Fix);
    noteRefusal(Fix, A, Ctx.getSourceManager());
    noteWrapper(A.Via, A.ViaSite, "acquires the resource");
    for (unsigned J = K + 1; J < All.size(); ++J)
      if (All[J].JoinedTo == K)
        noteAlsoAcquired(FA.Acquisitions[All[J].Acq]);
  }
}

} // namespace clang::tidy::raii
