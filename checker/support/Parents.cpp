//===- Parents.cpp --------------------------------------------------------===//
#include "support/Parents.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx) {
  auto Parents = Ctx.getParents(*S);
  if (Parents.size() != 1)
    return nullptr;
  return Parents[0].get<Stmt>();
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *FD = Node.get<FunctionDecl>())
      return FD;
    if (const auto *LE = Node.get<LambdaExpr>())
      return LE->getCallOperator();
  }
}

const Expr *outermostWrapper(const Expr *E, ASTContext &Ctx) {
  const Expr *Top = E;
  while (const Stmt *P = parentStmt(Top, Ctx)) {
    if (isa<ExprWithCleanups, CXXBindTemporaryExpr, MaterializeTemporaryExpr,
            ImplicitCastExpr, ParenExpr, ConstantExpr, CXXFunctionalCastExpr>(
            P)) {
      Top = cast<Expr>(P);
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P);
        CE && CE->isElidable()) {
      Top = CE;
      continue;
    }
    break;
  }
  return Top;
}

bool isDiscardedStatement(const Stmt *S, ASTContext &Ctx) {
  const Stmt *P = parentStmt(S, Ctx);
  if (!P)
    return false;
  if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
    const Stmt *GP = parentStmt(CS, Ctx);
    if (GP && isa<StmtExpr>(GP) && CS->body_back() == S)
      return false;
    return true;
  }
  if (const auto *If = dyn_cast<IfStmt>(P))
    return If->getThen() == S || If->getElse() == S;
  if (const auto *For = dyn_cast<ForStmt>(P))
    return For->getBody() == S;
  if (const auto *While = dyn_cast<WhileStmt>(P))
    return While->getBody() == S;
  if (const auto *Do = dyn_cast<DoStmt>(P))
    return Do->getBody() == S;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(P))
    return Range->getBody() == S;
  if (const auto *SC = dyn_cast<SwitchCase>(P))
    return SC->getSubStmt() == S;
  if (const auto *Label = dyn_cast<LabelStmt>(P))
    return Label->getSubStmt() == S;
  return false;
}

} // namespace clang::tidy::raii
