//===- Correlation.cpp - results that need the body's shape ---------------===//
#include "engine/Correlation.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

/// The `if` whose then-branch holds \p S, if that is the innermost `if`.
static const IfStmt *guardingIf(const BodyIndex &Body, const Stmt *S) {
  const Stmt *Child = S;
  for (const Stmt *P = Body.parent(S); P; Child = P, P = Body.parent(P))
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getThen() == Child ? If : nullptr;
  return nullptr;
}

static bool sameCondition(const Expr *A, const Expr *B, ASTContext &Ctx) {
  llvm::FoldingSetNodeID IA, IB;
  A->IgnoreParenImpCasts()->Profile(IA, Ctx, /*Canonical=*/true);
  B->IgnoreParenImpCasts()->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

void markBodyShapeFacts(FunctionContext &C) {
  for (Acquisition &A : C.acqs()) {
    if (A.isSeed() || A.Releases.empty())
      continue;
    if (A.HeldAtExit) {
      const IfStmt *IfA = guardingIf(C.Body, A.Site);
      if (IfA && llvm::any_of(A.Releases, [&](const Expr *R) {
            const IfStmt *IfR = guardingIf(C.Body, R);
            return IfR && IfR != IfA && !C.Body.isAncestor(IfA, IfR) &&
                   sameCondition(IfA->getCond(), IfR->getCond(), C.Ctx);
          })) {
        A.HeldAtExit = false;
        A.Correlated = true;
      }
    }
    const Stmt *AcqStmt = C.Body.fullStatement(A.Site);
    const auto *Block = dyn_cast_or_null<CompoundStmt>(C.Body.parent(AcqStmt));
    A.ReleasedAtOnce =
        Block && llvm::all_of(A.Releases, [&](const Expr *R) {
          const Stmt *RelStmt = C.Body.fullStatement(R);
          if (C.Body.parent(RelStmt) != Block)
            return false;
          auto Body = Block->body();
          auto It = llvm::find(Body, AcqStmt);
          return It != Body.end() && std::next(It) != Body.end() &&
                 *std::next(It) == RelStmt;
        });
  }
}

} // namespace clang::tidy::raii
