//===- ReleaseSkippedCheck.cpp - raii-release-skipped ---------------------===//
#include "ReleaseSkippedCheck.h"
#include "catalog/RuleCatalog.h"
#include "engine/Collector.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>

namespace clang::tidy::raii {

static std::string throwerName(const Stmt *S, ASTContext &Ctx) {
  if (isa<CXXNewExpr>(S))
    return "'new'";
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return "the constructor of '" +
           CE->getType().getAsString(Ctx.getPrintingPolicy()) + "'";
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = C->getDirectCallee())
      return "'" + FD->getNameAsString() + "'";
  return "the call";
}

void ReleaseSkippedCheck::reportLost(const FunctionAnalysis &FA,
                                     ASTContext &Ctx) {
  for (const LostOnFailure &L : FA.LostOnFailures) {
    std::string Target = spellHandle(L.Target, Ctx);
    diag(exprDiagLoc(L.Call),
         "when '%0' fails it returns null and '%1' loses the only pointer "
         "to the block it did not release; assign the result to another "
         "variable first")
        << calleeName(L.Call) << Target;
  }
  for (const DroppedHandle &D : FA.DroppedHandles) {
    diag(exprDiagLoc(D.Call), "the result of '%0' is discarded: what it "
                              "acquires is never released")
        << calleeName(D.Call);
    noteWrapper(D.Via, D.ViaSite, "acquires the resource");
  }
}

/// A lock the function did not create, kept on the paths that report
/// success and released on those that report failure: a conditional
/// acquire wrapper whose result tells the caller
/// (FunctionAnalysis::lockResultConvention).
static bool isConditionalLockWrapper(const FunctionAnalysis &FA, unsigned I) {
  const Acquisition &A = FA.Acquisitions[I];
  return A.IsLock && !A.LocalObject &&
         llvm::all_of(A.Skips,
                      [](const SkipCause &C) {
                        return C.Kind == SkipCause::Return;
                      }) &&
         FA.lockResultConvention(I, /*UntakenPaths=*/true);
}

/// The local variable \p E names, through `&` and `.` fields (`&done`,
/// `&mt.finish`), if any.
static const VarDecl *namedLocal(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow())
      return nullptr;
    E = ME->getBase()->IgnoreParenCasts();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() ? V : nullptr;
}

/// Whether code besides the function can reach local \p V: some use of it
/// is not the object of a call the catalog names, an argument of a
/// library call given no function to run (`sem_getvalue(&s, &v)`,
/// `memset`), nor under `sizeof` (`pthread_create(.., worker, &done)`,
/// `start(&mt)`, a capture, a pointer kept to it do reach it).
static bool reachableByOthers(const FunctionAnalysis &FA, const VarDecl *V) {
  unsigned Uses = 0, Harmless = 0;
  auto Callback = [](const Expr *Arg) {
    QualType T = Arg->IgnoreParenImpCasts()->getType();
    return T->isFunctionPointerType() || T->isFunctionType() ||
           T->isBlockPointerType();
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    // What `sizeof` reads is never evaluated.
    if (!S || isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
      ++Uses;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      const bool Own = FD && FA.Catalog && FA.Catalog->isRuleFunction(FD);
      if (Own || (FD && isLibraryFunction(FD) &&
                  llvm::none_of(Call->arguments(), Callback)))
        for (const Expr *Arg : Call->arguments())
          Harmless += namedLocal(Arg) == V;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call); Own && MC)
        Harmless += namedLocal(MC->getImplicitObjectArgument()) == V;
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(FA.Fn->getBody());
  return Uses > Harmless;
}

/// Acquisition \p I is a finding: acquired, held where the function ends
/// on some path, and no wrapper handing it to the caller.
static bool reported(const FunctionAnalysis &FA, unsigned I) {
  const Acquisition &A = FA.Acquisitions[I];
  if (A.isGuard() || A.isSeed() || !A.Reached || !A.HeldAtExit)
    return false;
  // An acquire whose rule says `lifetime: process` that the function
  // releases, keeps and hands off nowhere, nor acquires again while it
  // holds it, keeps what it got for good (`h = dlopen(..); if (!h)
  // exit(1);` loading a library). One stored on some paths (a plugin table)
  // and lost on others, or probed in a loop, is still lost.
  if (A.Rule && A.Rule->ProcessLifetime && !A.ReleasedSomewhere &&
      !FA.releasedInBody(A.Key, A.Fam) && !A.Escaped && !A.MaybeTaken &&
      A.HandOffs.empty() &&
      llvm::none_of(A.Skips, [](const SkipCause &C) {
        return C.Kind == SkipCause::Overwrite || C.Kind == SkipCause::ScopeEnd;
      }))
    return false;
  // A wait on a counting semaphore that the function posts nowhere takes
  // what another thread gives (`sem_wait(&done)` after `pthread_create(..,
  // &done)`): a signal consumed, no hold. Not on a local semaphore that
  // nothing else can reach (no one could post it), nor one posted on some
  // paths and not on others.
  if (A.IsLock && A.Fam && A.Fam->Counting && !A.ReleasedSomewhere &&
      !FA.releasedInBody(A.Key, A.Fam)) {
    const VarDecl *Local = A.HandleExpr ? namedLocal(A.HandleExpr) : nullptr;
    if (!A.LocalObject || (Local && reachableByOthers(FA, Local)))
      return false;
  }
  // A lock taken on an object the function did not create and released on
  // no path is an acquire wrapper: the caller releases it. (A release in the
  // body on paths that do not hold it, `switch (op) { case PAUSE: lock(&m);
  // break; case RESUME: unlock(&m); }`, is the other half of such an
  // interface.) So is one that lets go and takes it again in between but
  // holds it wherever it returns.
  return !isConditionalLockWrapper(FA, I) &&
         !(A.IsLock && !A.LocalObject &&
           (!A.ReleasedSomewhere || FA.lockHeldAtNormalExits(A.Key)));
}

/// The findings of acquisitions of one variable reported alike (`if (a) p
/// = new A; else p = new B;`, each `case` storing its object in one `db`)
/// are one: per reported acquisition, the earlier one whose finding it
/// joins (itself if none). The finding names the first site, a note each
/// other one.
static std::vector<unsigned> findingOf(const FunctionAnalysis &FA,
                                       const std::vector<bool> &Reported) {
  std::vector<unsigned> Of(FA.Acquisitions.size());
  for (unsigned I = 0; I < Of.size(); ++I) {
    Of[I] = I;
    const Acquisition &A = FA.Acquisitions[I];
    for (unsigned J = 0; J < I && Reported[I]; ++J) {
      const Acquisition &B = FA.Acquisitions[J];
      if (Reported[J] && Of[J] == J && B.Key == A.Key && B.Fam == A.Fam &&
          B.Origin == A.Origin && B.ReleasedSomewhere == A.ReleasedSomewhere &&
          B.Escaped == A.Escaped && B.MaybeTaken == A.MaybeTaken &&
          B.Skips == A.Skips) {
        Of[I] = J;
        break;
      }
    }
  }
  return Of;
}

void ReleaseSkippedCheck::report(const FunctionAnalysis &FA, ASTContext &Ctx) {
  reportLost(FA, Ctx);
  std::vector<bool> Reported(FA.Acquisitions.size());
  for (unsigned I = 0; I < Reported.size(); ++I)
    Reported[I] = reported(FA, I);
  const std::vector<unsigned> Of = findingOf(FA, Reported);
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &A = FA.Acquisitions[I];
    if (!Reported[I] || Of[I] != I)
      continue;
    auto NoteAlso = [&] {
      for (unsigned J = I + 1; J < FA.Acquisitions.size(); ++J)
        if (Of[J] == I)
          noteAlsoAcquired(FA.Acquisitions[J]);
    };
    const bool ReleasedInBody = FA.releasedInBody(A.Key, A.Fam);
    if (!A.ReleasedSomewhere && !ReleasedInBody) {
      // Released on no path at all: say so. Where it is handed off on some
      // paths or acquired again while held, the notes still show the exits
      // that lose it; otherwise every exit does, and naming them is noise.
      // Handed off on every path that returns, lost only by exceptions:
      // say that, not "never released".
      // A field of the object a constructor builds is the object's once
      // the constructor returns.
      const bool HandedOff = A.Escaped || A.MaybeTaken || A.KeptByObject;
      const bool OnlyExceptions =
          HandedOff && !A.Skips.empty() &&
          llvm::all_of(A.Skips, [](const SkipCause &C) {
            return C.Kind == SkipCause::Exception ||
                   C.Kind == SkipCause::Throw;
          });
      diag(A.diagLoc(), "'%0' acquired by '%1' %select{is never released|is "
                        "never released, and not handed off on every path|"
                        "leaks when an exception is thrown before it is "
                        "handed off|leaks when the constructor throws: no "
                        "destructor runs for an object whose constructor "
                        "throws}2")
          << A.Name << A.acquireName()
          << (OnlyExceptions ? (A.KeptByObject ? 3 : 2) : HandedOff ? 1 : 0);
      noteWrapper(A.Via, A.ViaSite, "acquires the resource");
      NoteAlso();
      bool Overwritten = llvm::any_of(A.Skips, [](const SkipCause &C) {
        return C.Kind == SkipCause::Overwrite ||
               C.Kind == SkipCause::ScopeEnd;
      });
      if (!HandedOff && !Overwritten)
        continue;
    } else {
      std::optional<llvm::StringRef> Guard = guardAdvice(A, Ctx.getLangOpts());
      if (A.KeptByObject) {
        // Released on some paths of the constructor, kept by the object on
        // its returns: what leaks is what the exceptions skip.
        diag(A.diagLoc(), "'%0' acquired by '%1' leaks when the constructor "
                          "throws: no destructor runs for an object whose "
                          "constructor throws")
            << A.Name << A.acquireName();
      } else if (!Ctx.getLangOpts().CPlusPlus) {
        // C: with RaiiCCleanupAttribute, a cleanup variable releases it.
        std::optional<GuardRewrite> Fix = planGuardFix(FA, I, std::nullopt, Ctx);
        diag(A.diagLoc(),
             "'%0' acquired by '%1' is not released on every path")
            << A.Name << A.acquireName() << fixesOf(Fix);
        noteRefusal(Fix, A, Ctx.getSourceManager());
      } else if (!Guard) {
        diag(A.diagLoc(),
             "'%0' acquired by '%1' is not released on every path")
            << A.Name << A.acquireName();
      } else {
        std::optional<GuardRewrite> Fix = planGuardFix(FA, I, Guard, Ctx);
        diag(A.diagLoc(), "'%0' acquired by '%1' is not released on every "
                          "path; hold it in %select{'%3'|a scope guard}2 to "
                          "release it automatically")
            << A.Name << A.acquireName() << shownGuard(*Guard, Fix).empty()
            << guardText(shownGuard(*Guard, Fix), A, Ctx) << fixesOf(Fix);
        noteRefusal(Fix, A, Ctx.getSourceManager());
      }
      noteWrapper(A.Via, A.ViaSite, "acquires the resource");
      NoteAlso();
    }
    noteSkips(FA, A, Ctx);
  }
}

void ReleaseSkippedCheck::noteSkips(const FunctionAnalysis &FA,
                                    const Acquisition &A, ASTContext &Ctx) {
  // At most MaxNotes exits are named, one per location (MaxNotes + 1 where
  // that is all of them); the rest are counted in one note at the first of
  // them.
  const unsigned MaxNotes = 3;
  llvm::DenseSet<unsigned> Seen;
  // An exception from building the thrown object (`throw Error("open: " +
  // path);`, `throw Fatal(FMT(..))`) leaves where the `throw` does: the
  // throw's note says it.
  llvm::SmallVector<const Stmt *, 2> Throws;
  for (const SkipCause &C : A.Skips)
    if (C.Kind == SkipCause::Throw && C.Where)
      Throws.push_back(C.Where);
  std::function<bool(const Stmt *, const Stmt *)> Within =
      [&](const Stmt *S, const Stmt *In) {
        if (S == In)
          return true;
        for (const Stmt *Child : In->children())
          if (Child && !isa<LambdaExpr>(Child) && Within(S, Child))
            return true;
        return false;
      };
  auto InThrow = [&](const Stmt *S) {
    return llvm::any_of(Throws, [&](const Stmt *T) { return Within(S, T); });
  };
  // One location per exit.
  llvm::SmallVector<std::pair<const SkipCause *, SourceLocation>, 4> Exits;
  for (const SkipCause &C : A.Skips) {
    if (C.Kind == SkipCause::Exception && C.Where && InThrow(C.Where))
      continue;
    SourceLocation Loc =
        C.Where ? C.Where->getBeginLoc() : FA.Fn->getBody()->getEndLoc();
    if (C.Where && isa<CallExpr>(C.Where))
      Loc = exprDiagLoc(cast<Expr>(C.Where));
    if (C.Kind == SkipCause::ScopeEnd)
      Loc = C.Where->getEndLoc();
    if (Seen.insert(Loc.getRawEncoding()).second)
      Exits.push_back({&C, Loc});
  }
  const size_t Named =
      Exits.size() <= MaxNotes + 1 ? Exits.size() : size_t(MaxNotes);
  for (size_t I = 0; I < Named; ++I) {
    const SkipCause &C = *Exits[I].first;
    const SourceLocation Loc = Exits[I].second;
    switch (C.Kind) {
    case SkipCause::Return:
    case SkipCause::Break:
    case SkipCause::Continue:
    case SkipCause::Goto:
    case SkipCause::Throw: {
      static const char *const Jumps[] = {"return", "break", "continue",
                                          "goto", "throw"};
      diag(Loc, "release of '%0' is skipped by this %1", DiagnosticIDs::Note)
          << A.Name << Jumps[C.Kind];
      break;
    }
    case SkipCause::Exception:
      diag(Loc, "release of '%0' is skipped when %1 throws an exception",
           DiagnosticIDs::Note)
          << A.Name << throwerName(C.Where, Ctx);
      break;
    case SkipCause::FunctionEnd:
      diag(Loc, "release of '%0' is skipped when the function ends here",
           DiagnosticIDs::Note)
          << A.Name;
      break;
    case SkipCause::ScopeEnd:
      diag(Loc,
           "release of '%0' is skipped where its variable's scope ends, "
           "before it is acquired again",
           DiagnosticIDs::Note)
          << A.Name;
      break;
    case SkipCause::ThreadExit:
      diag(Loc, "release of '%0' is skipped when '%1' ends the thread",
           DiagnosticIDs::Note)
          << A.Name << calleeName(cast<Expr>(C.Where));
      break;
    case SkipCause::Overwrite:
      diag(Loc, "'%0' is acquired again here while it still holds the "
                "earlier resource",
           DiagnosticIDs::Note)
          << A.Name;
      break;
    }
  }
  // The rest are counted at the first of them.
  if (Exits.size() > Named)
    diag(Exits[Named].second,
         "release of '%0' is also skipped here and on %plural{1:1 other "
         "exit|:%1 other exits}1",
         DiagnosticIDs::Note)
        << A.Name << unsigned(Exits.size() - Named - 1);
}

} // namespace clang::tidy::raii
