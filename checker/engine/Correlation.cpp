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

void markBodyShapeFacts(FunctionContext &C) {
  for (Acquisition &A : C.acqs()) {
    if (A.isSeed() || A.Releases.empty())
      continue;
    const IfStmt *IfA = branchingIf(C.Body, A.Site);
    A.ReleasedOutsideBranch =
        IfA && llvm::any_of(A.Releases, [&](const Expr *R) {
          const IfStmt *IfR = branchingIf(C.Body, R);
          return IfR && IfR != IfA && !C.Body.isAncestor(IfA, IfR);
        });
    const Stmt *AcqStmt = C.Body.fullStatement(A.Site);
    const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(AcqStmt));
    const Stmt *Next = nullptr;
    if (Block) {
      auto Body = Block->body();
      auto It = llvm::find(Body, AcqStmt);
      if (It != Body.end() && std::next(It) != Body.end())
        Next = *std::next(It);
    }
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
