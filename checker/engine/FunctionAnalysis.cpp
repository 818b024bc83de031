//===- FunctionAnalysis.cpp - recording the final pass's events -----------===//
#include "engine/FunctionAnalysis.h"
#include "catalog/Vocabulary.h"
#include "support/CalledFunction.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>
#include <functional>

namespace clang::tidy::raii {

bool SkipCause::operator<(const SkipCause &O) const {
  if (Where != O.Where) {
    if (!Where || !O.Where)
      return !O.Where; // FunctionEnd last
    // In source order of the notes: a scope's end where it closes.
    auto At = [](const SkipCause &C) {
      return (C.Kind == ScopeEnd ? C.Where->getEndLoc()
                                 : C.Where->getBeginLoc())
          .getRawEncoding();
    };
    return At(*this) < At(O);
  }
  if (Kind != O.Kind)
    return Kind < O.Kind;
  return std::less<const Stmt *>()(TakenBy, O.TakenBy);
}

SourceLocation exprDiagLoc(const Expr *E) {
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return CE->getCallee()->getBeginLoc();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->getRHS()->getBeginLoc();
  return E->getBeginLoc();
}

std::string calleeName(const Expr *E) {
  if (!E)
    return "";
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return New->isArray() ? "new[]" : "new";
  if (const auto *Del = dyn_cast<CXXDeleteExpr>(E))
    return Del->isArrayForm() ? "delete[]" : "delete";
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = calledFunction(C))
      return FD->getNameAsString();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return CE->getType().getAsString();
  return "";
}

SourceLocation Acquisition::diagLoc() const {
  // A seed has no acquire of its own: the parameter that brings it.
  if (!Site)
    return SeedDecl ? SeedDecl->getLocation() : SourceLocation();
  if (CopiedValue)
    return CopiedValue->getBeginLoc();
  return exprDiagLoc(Site);
}

std::string Acquisition::acquireName() const {
  if (Origin == Move && Rule)
    return Rule->Function;
  // `std::lock`, not `lock`: its rule is that of the argument's `lock()`.
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Site))
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && isLockEachFunction(FD))
      return FD->getQualifiedNameAsString();
  return calleeName(Site);
}

void FunctionAnalysis::acquired(unsigned Acq) {
  if (!counts(Acq))
    return;
  Acquisitions[Acq].Reached = true;
}

void FunctionAnalysis::released(unsigned Acq, const Expr *Release) {
  if (!counts(Acq))
    return;
  Acquisition &A = Acquisitions[Acq];
  A.ReleasedSomewhere = true;
  if (!llvm::is_contained(A.Releases, Release))
    A.Releases.push_back(Release);
}

void FunctionAnalysis::releasedAfterTake(unsigned Acq, const Stmt *Call) {
  if (!counts(Acq))
    return;
  if (!llvm::is_contained(Acquisitions[Acq].BorrowedBy, Call))
    Acquisitions[Acq].BorrowedBy.push_back(Call);
}

void FunctionAnalysis::handedOff(unsigned Acq, const Stmt *TentativeBy,
                                 const Stmt *Where) {
  if (!counts(Acq))
    return;
  Acquisition &A = Acquisitions[Acq];
  if (!TentativeBy) {
    A.Escaped = true;
    if (!Where)
      A.HandedOffElsewhere = true;
    else if (!llvm::is_contained(A.HandOffs, Where))
      A.HandOffs.push_back(Where);
  } else if (!llvm::is_contained(A.TakenBy, TentativeBy))
    A.TakenBy.push_back(TentativeBy);
}

void FunctionAnalysis::doubleRelease(unsigned Acq, const Expr *Second,
                                     const Expr *First) {
  if (counts(Acq) && Reported.insert(Second).second)
    DoubleReleases.push_back({Second, First, Acq});
}

void FunctionAnalysis::releasedNonHeap(const Expr *ReleaseExpr) {
  if (!CountsShared)
    return;
  auto Is = [&](const NonHeapRelease &N) {
    return N.ReleaseExpr == ReleaseExpr;
  };
  if (llvm::any_of(NonHeapReleases, Is))
    return;
  auto It = llvm::find_if(NonHeapCandidates, Is);
  if (It != NonHeapCandidates.end())
    NonHeapReleases.push_back(*It);
}

void FunctionAnalysis::mismatchedRelease(unsigned Acq,
                                         const Expr *ReleaseExpr,
                                         const Release *Rule) {
  if (counts(Acq) && Reported.insert(ReleaseExpr).second)
    Mismatches.push_back({ReleaseExpr, Rule, Acq});
}

void FunctionAnalysis::reacquired(unsigned HeldAcq, const Expr *Second) {
  if (counts(HeldAcq) && Reported.insert(Second).second)
    Reacquires.push_back({Second, HeldAcq});
}

void FunctionAnalysis::lostOnFailure(const Expr *Call, const Expr *Target) {
  if (Reported.insert(Call).second)
    LostOnFailures.push_back({Call, Target});
}

void FunctionAnalysis::returned(const Stmt *Ret, const ReturnedValue &V) {
  if (!CountsShared)
    return;
  for (auto &[S, Old] : Returns)
    if (S == Ret) {
      if (Old.Kind != V.Kind || Old.Rule != V.Rule)
        Old.Kind = ReturnedValue::Other;
      for (unsigned I = 0; I < Old.Held.size() && I < V.Held.size(); ++I)
        if (Old.Held[I] != V.Held[I])
          Old.Held[I] = 2;
      return;
    }
  Returns.push_back({Ret, V});
}

void FunctionAnalysis::leftFunction(const State &S) { AtExit.join(S); }

void FunctionAnalysis::returnedNormally(const State &S, const ReturnStmt *Ret,
                                        std::optional<bool> Truth) {
  AtNormalExit.join(S);
  if (S.Reachable)
    for (unsigned I = 0; I < Acquisitions.size(); ++I) {
      const Acquisition &A = Acquisitions[I];
      if (!counts(I) || !A.IsLock || A.isSeed() || A.isGuard() || A.LocalObject)
        continue;
      bool Held = false;
      for (unsigned J = 0; J < Acquisitions.size() && !Held; ++J)
        Held = Acquisitions[J].Key == A.Key && !Acquisitions[J].isSeed() &&
               J < S.size() && S[J].surelyHeld();
      auto [It, New] = LockHeldAtNormalExits.try_emplace(A.Key, Held);
      if (!New)
        It->second = It->second && Held;
    }
  if (!Ret || !Ret->getRetValue() || !CountsShared)
    return;
  for (ReturnState &R : AtReturns)
    if (R.Ret == Ret && R.Truth == Truth) {
      R.St.join(S);
      return;
    }
  AtReturns.push_back({Ret, Truth, S});
}

std::optional<int64_t>
FunctionAnalysis::constantReturned(const Stmt *Ret) const {
  std::optional<int64_t> K;
  for (const auto &[R, V] : Returns)
    if (R == Ret && V.Constant)
      K = V.Constant;
  return K;
}

bool FunctionAnalysis::inLoopOrAfterLabel(const Stmt *Site) const {
  const SourceManager &SM = Fn->getASTContext().getSourceManager();
  bool Found = false;
  // True if S holds Site under a loop, or a label before Site.
  std::function<bool(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                    bool InLoop) {
    if (!S || Found)
      return false;
    if (S == Site) {
      Found = true;
      return InLoop;
    }
    if (isa<LabelStmt>(S) &&
        SM.isBeforeInTranslationUnit(S->getBeginLoc(), Site->getBeginLoc()))
      return true;
    const bool Loop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
    for (const Stmt *Child : S->children())
      if (Walk(Child, InLoop || Loop))
        return true;
    return false;
  };
  return Walk(Fn->getBody(), false);
}

std::optional<Success>
FunctionAnalysis::lockResultConvention(unsigned I, bool UntakenPaths) const {
  const QualType RT = Fn->getReturnType();
  if (!RT->isPointerType() && !RT->isIntegerType())
    return std::nullopt;
  const bool NonzeroSucceeds = RT->isPointerType() || RT->isBooleanType();
  bool Kept = false, Released = false;
  // Not acquired on a path only for an object set up in place, once, by
  // an acquire in no loop (zero rounds would be the untaken path) after no
  // label (a `goto` back to it makes one), where no other acquire of the
  // function takes it (one that does starts this one afresh there).
  const Acquisition &Own = Acquisitions[I];
  UntakenPaths = UntakenPaths && Own.Fam && Own.Fam->InPlace && Own.Site &&
                 !inLoopOrAfterLabel(Own.Site);
  for (unsigned J = 0; J < Acquisitions.size() && UntakenPaths; ++J)
    if (J != I && !Acquisitions[J].isSeed() &&
        Acquisitions[J].Key == Acquisitions[I].Key)
      UntakenPaths = false;
  for (const ReturnState &R : AtReturns) {
    if (!R.St.Reachable || R.St.size() <= I)
      continue;
    const AcqState &A = R.St[I];
    if (A.held() != A.surelyHeld() &&
        !(UntakenPaths && A.B == AcqState::NotYet))
      return std::nullopt; // held on some of its paths only
    // A constant, also through a local never changed (`return ret;`), else
    // what the path's branches tell.
    std::optional<bool> Nonzero = R.Truth;
    if (std::optional<int64_t> K = constantReturned(R.Ret))
      Nonzero = *K != 0;
    if (!Nonzero) {
      if (A.held())
        return std::nullopt;
      continue;
    }
    if (A.held() != (*Nonzero == NonzeroSucceeds))
      return std::nullopt;
    (A.held() ? Kept : Released) = true;
  }
  if (!Kept || !Released)
    return std::nullopt;
  return NonzeroSucceeds ? Success::True : Success::Zero;
}

void FunctionAnalysis::suspended(const Expr *Suspend, const State &S) {
  for (unsigned I = 0; I < Acquisitions.size(); ++I) {
    const Acquisition &A = Acquisitions[I];
    const bool Held = S[I].held() || (S[I].B & AcqState::Adopted);
    if (!counts(I) || !A.IsLock || A.Awaited)
      continue;
    if (!Held) {
      // Another path may hold it here: not held on every path.
      NotHeldAtSuspend.insert({Suspend, I});
      continue;
    }
    // Held (by hand or by the guard that adopted it) on every path.
    const bool EveryPath =
        S[I].surelyHeld() ||
        (S[I].B == (AcqState::Escaped | AcqState::Adopted) && !S[I].held());
    auto Same = [&](const HeldAtSuspend &H) {
      return H.Suspend == Suspend && H.Acq == I;
    };
    if (auto It = llvm::find_if(HeldAtSuspends, Same);
        It != HeldAtSuspends.end())
      It->OnEveryPath &= EveryPath;
    else
      HeldAtSuspends.push_back(
          {Suspend, I, EveryPath,
           S[I].held() ? nullptr : AdoptingGuard.lookup(I)});
  }
}

/// Acquisition \p I initialises in place an object of static storage
/// (`static pthread_attr_t attr; .. pthread_attr_init(&attr);`, monit's
/// Thread.c, destroyed by an `atexit` handler; a `static regex_t`
/// compiled once), and either other code of the file uses the object (an
/// init function whose error paths undo what the others will use) or no
/// path that returns normally released it (the function does not manage
/// its lifetime: monit destroys it only before `abort()`): the object
/// outlives the function, so leaving it initialised loses nothing. A lock
/// left held so is still held.
bool FunctionAnalysis::keptInStatic(unsigned I) const {
  const Acquisition &A = Acquisitions[I];
  const auto *V = dyn_cast_or_null<VarDecl>(Keys[A.Key].root());
  if (!A.Fam || !A.Fam->InPlace || !V || !V->hasGlobalStorage())
    return false;
  if (A.SharedStatic)
    return true;
  for (unsigned J = 0; J < Acquisitions.size() && J < AtNormalExit.size();
       ++J)
    if (Acquisitions[J].Key == A.Key &&
        (AtNormalExit[J].B & AcqState::Released))
      return false;
  return true;
}

void FunctionAnalysis::finish() {
  if (AtExit.size() != Acquisitions.size()) {
    AtExit = State::nothing(Acquisitions.size());
    AtExit.Reachable = false;
  }
  // Released after both outcomes of the call, seen by the last test of
  // each path and by the first: it only borrowed.
  for (const auto &[Key, Edges] : ReleaseEdges)
    if (AcqState::bothOutcomes(Edges))
      releasedAfterTake(Key.first, Key.second);
  for (unsigned I = 0; I < Acquisitions.size(); ++I) {
    Acquisition &A = Acquisitions[I];
    const AcqState &X = AtExit[I];
    if (A.isSeed()) {
      A.SeedReleasedOnSomePath = X.B & AcqState::Released;
      A.SeedKeptOnSomePath =
          X.held() || (X.B & (AcqState::Entry | AcqState::Escaped |
                              AcqState::Taken | AcqState::Lent));
      continue;
    }
    // A handle passed to a callee that may have taken it is handed off,
    // unless some path releases it after that call.
    const bool Kept =
        A.KeptAsStandard || (!X.Causes.empty() && keptInStatic(I));
    for (const SkipCause &C : X.Causes)
      if (!Kept &&
          (!C.TakenBy || llvm::is_contained(A.BorrowedBy, C.TakenBy)))
        A.Skips.push_back(C);
    A.HeldAtExit = !A.Skips.empty();
    A.MaybeTaken = llvm::any_of(A.TakenBy, [&](const Stmt *Call) {
      return !llvm::is_contained(A.BorrowedBy, Call);
    });
    llvm::sort(A.Skips);
    A.Skips.erase(std::unique(A.Skips.begin(), A.Skips.end()), A.Skips.end());
  }
  for (HeldAtSuspend &H : HeldAtSuspends)
    if (NotHeldAtSuspend.count({H.Suspend, H.Acq}))
      H.OnEveryPath = false;
  llvm::erase_if(Reacquires, [&](const Reacquire &R) {
    return NotReacquired.count(R.Second);
  });
  llvm::stable_sort(HeldAtSuspends, [](const HeldAtSuspend &L,
                                       const HeldAtSuspend &R) {
    return L.Suspend->getBeginLoc().getRawEncoding() <
           R.Suspend->getBeginLoc().getRawEncoding();
  });
}

bool FunctionAnalysis::foundOnSomePath() const {
  return !DoubleReleases.empty() || !Reacquires.empty() ||
         !HeldAtSuspends.empty() || !NonHeapReleases.empty() ||
         llvm::any_of(Acquisitions,
                      [](const Acquisition &A) { return A.HeldAtExit; });
}

} // namespace clang::tidy::raii
