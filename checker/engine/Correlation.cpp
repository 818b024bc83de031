//===- Correlation.cpp - results that need the body's shape ---------------===//
#include "engine/Correlation.h"

namespace clang::tidy::raii {

/// The innermost `if` one of whose branches holds \p S.
static const IfStmt *branchingIf(const BodyIndex &Body, const Stmt *S) {
  const Stmt *Child = S;
  for (const Stmt *P = Body.parent(S); P; Child = P, P = Body.parent(P))
    if (const auto *If = dyn_cast<IfStmt>(P))
      if (If->getThen() == Child || If->getElse() == Child)
        return If;
  return nullptr;
}

/// Every release of lock \p Key is followed, in its block or an enclosing
/// one, by a statement that acquires it again.
static bool releasesRetaken(const FunctionContext &C, unsigned Key) {
  llvm::SmallVector<const Stmt *, 4> Sites;
  for (const Acquisition &A : C.Out.Acquisitions)
    if (A.IsLock && !A.isSeed() && A.Key == Key && A.Site)
      Sites.push_back(A.Site);
  for (const Acquisition &A : C.Out.Acquisitions) {
    if (!A.IsLock || A.isSeed() || A.Key != Key)
      continue;
    for (const Expr *R : A.Releases) {
      bool Retaken = false;
      const Stmt *Child = R;
      for (const Stmt *P = C.Body.parent(R); P && !Retaken;
           Child = P, P = C.Body.parent(P)) {
        const auto *CS = dyn_cast<CompoundStmt>(P);
        if (!CS)
          continue;
        auto It = llvm::find(CS->body(), Child);
        for (++It; It != CS->body_end() && !Retaken; ++It)
          Retaken = llvm::any_of(Sites, [&](const Stmt *S) {
            return C.Body.isAncestor(*It, S);
          });
      }
      if (!Retaken)
        return false;
    }
  }
  return true;
}

void markBodyShapeFacts(FunctionContext &C) {
  // A lock function lets go of its lock only to take it again later in the
  // block (`unlock(&m); wait(); lock(&m);`); a release taken again by no
  // later statement ends a critical section (a loop that locks at its top
  // and leaves by a `break` still holding it).
  for (auto &[Key, Held] : C.Out.LockHeldAtNormalExits)
    if (Held && !releasesRetaken(C, Key))
      Held = false;
  for (Acquisition &A : C.acqs()) {
    if (A.isSeed() || A.Releases.empty())
      continue;
    const IfStmt *IfA = branchingIf(C.Body, A.Site);
    A.ReleasedOutsideBranch =
        IfA && llvm::any_of(A.Releases, [&](const Expr *R) {
          const IfStmt *IfR = branchingIf(C.Body, R);
          return IfR && IfR != IfA && !C.Body.isAncestor(IfA, IfR);
        });
    // (Not `p = realloc(p, n)`'s: its result is the next handle.)
    A.ReleaseResultUsed = llvm::any_of(A.Releases, [&](const Expr *R) {
      return !C.AcqsAt.count(R) && C.Body.valueUsed(R);
    });
    const Stmt *Next = C.Body.nextStatement(C.Body.fullStatement(A.Site));
    // The release is the next statement, or the first of an `if` that
    // comes next (`if (f) { fclose(f); return true; }`).
    auto FirstOf = [](const Stmt *S) -> const Stmt * {
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
        return CS->body_empty() ? nullptr : CS->body_front();
      return S;
    };
    A.ReleasedAtOnce =
        Next && llvm::all_of(A.Releases, [&](const Expr *R) {
          const Stmt *RelStmt = R;
          while (C.Body.parent(RelStmt) &&
                 !isa<CompoundStmt, IfStmt>(C.Body.parent(RelStmt)))
            RelStmt = C.Body.parent(RelStmt);
          if (RelStmt == Next)
            return true;
          const auto *If = dyn_cast<IfStmt>(Next);
          return If && (FirstOf(If->getThen()) == RelStmt ||
                        FirstOf(If->getElse()) == RelStmt);
        });
  }
}

} // namespace clang::tidy::raii
