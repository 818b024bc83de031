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
