//===- ExitHandlers.cpp ---------------------------------------------------===//
#include "support/ExitHandlers.h"
#include "support/GuardTypes.h"
#include "support/Parents.h"
#include "clang-tidy/utils/ASTUtils.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::raii {

const char DefaultGuardFactories[] =
    "::gsl::finally;::absl::MakeCleanup;::boost::scope::make_scope_exit;"
    "::boost::scope::make_scope_fail;::boost::scope::make_scope_success;"
    "::std::experimental::make_scope_exit;::raii::make_scope_exit";

SourceLocation ExitHandler::location() const {
  if (Lambda)
    return Lambda->getBeginLoc();
  return Fn ? Fn->getLocation() : SourceLocation();
}

bool isExceptionPtrType(QualType T) {
  if (T.isNull())
    return false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "exception_ptr")
    return false;
  // libstdc++ declares it in std::__exception_ptr.
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

bool isExitMember(const FunctionDecl *FD) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
  return MD && !MD->isStatic() && MD->getIdentifier() &&
         MD->getName() == "exit" && MD->getNumParams() == 1 &&
         isExceptionPtrType(MD->getParamDecl(0)->getType());
}

bool ExitHandlerRecognizer::isGuardType(QualType T) const {
  const NamedDecl *D = guardDeclOf(T);
  return D && GuardTypes.matches(D);
}

/// Skips the implicit nodes between an argument and its call.
static bool isArgumentWrapper(const Stmt *S) {
  return isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ExprWithCleanups, ParenExpr, ConstantExpr>(S);
}

const Expr *ExitHandlerRecognizer::guardReceiving(const LambdaExpr *L,
                                                  ASTContext &Ctx,
                                                  SourceLocation *Loc) const {
  const Expr *Guard = findGuard(L, Ctx);
  if (Guard && Loc) {
    *Loc = Guard->getBeginLoc();
    DynTypedNode Node = DynTypedNode::create(*Guard);
    while (true) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.size() != 1)
        break;
      Node = Parents[0];
      if (const auto *VD = Node.get<VarDecl>())
        *Loc = VD->getLocation();
      const auto *S = Node.get<Stmt>();
      if (!S || !(isArgumentWrapper(S) || isa<CXXConstructExpr>(S)))
        break;
    }
  }
  return Guard;
}

const Expr *ExitHandlerRecognizer::findGuard(const LambdaExpr *L,
                                             ASTContext &Ctx) const {
  const Stmt *Child = L;
  DynTypedNode Node = DynTypedNode::create(*L);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    Node = Parents[0];
    if (const auto *VD = Node.get<VarDecl>())
      // `absl::Cleanup c = [] {...};`, `raii::scope_exit g{[] {...}}` in a
      // template (a ParenListExpr or InitListExpr initializer).
      return isGuardType(VD->getType()) ? cast<Expr>(Child) : nullptr;
    const auto *S = Node.get<Stmt>();
    if (!S)
      return nullptr;
    if (isArgumentWrapper(S) || isa<ParenListExpr, InitListExpr>(S)) {
      Child = S;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      // The closure's own copy or move (before C++17) is a wrapper too.
      if (CE->getType()->getAsCXXRecordDecl() == L->getLambdaClass()) {
        Child = S;
        continue;
      }
      // A converting construction (`absl::Cleanup c = lambda;`) is checked
      // by the variable above.
      if (isGuardType(CE->getType()))
        return CE;
      Child = S;
      if (CE->getNumArgs() == 1)
        continue;
      return nullptr;
    }
    if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(S))
      return isGuardType(UC->getTypeAsWritten()) ? UC : nullptr;
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(S)) {
      if (isGuardType(FC->getType()))
        return FC;
      Child = S;
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (Call->getCallee()->IgnoreImplicit() == Child)
        return nullptr; // The lambda is called, not handed over.
      if (const FunctionDecl *FD = Call->getDirectCallee())
        return GuardFactories.matches(FD) ? Call : nullptr;
      if (const auto *UL = dyn_cast<UnresolvedLookupExpr>(
              Call->getCallee()->IgnoreImplicit()))
        for (const NamedDecl *D : UL->decls())
          if (GuardFactories.matches(D->getUnderlyingDecl()))
            return Call;
      return nullptr;
    }
    return nullptr;
  }
}

ExitHandler ExitHandlerRecognizer::handlerOf(const FunctionDecl *FD) const {
  ExitHandler H;
  if (isa_and_nonnull<CXXDestructorDecl>(FD))
    H.Kind = ExitHandler::Destructor;
  else if (isExitMember(FD))
    H.Kind = ExitHandler::ExitMember;
  H.Fn = H.Kind == ExitHandler::None ? nullptr : FD;
  return H;
}

ExitHandler ExitHandlerRecognizer::enclosingHandler(const Stmt *S,
                                                    ASTContext &Ctx) const {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return {};
    Node = Parents[0];
    // A lambda's body has both the LambdaExpr and its call operator as
    // parents; the lambda tells where the callable goes.
    for (const DynTypedNode &P : Parents)
      if (P.get<LambdaExpr>())
        Node = P;
    if (const auto *MD = Node.get<CXXMethodDecl>();
        MD && MD->getParent()->isLambda())
      continue; // Up through the closure class to the LambdaExpr.
    if (const auto *LE = Node.get<LambdaExpr>()) {
      ExitHandler H;
      if (const Expr *Guard = guardReceiving(LE, Ctx, &H.GuardLoc)) {
        H.Kind = ExitHandler::GuardCallback;
        H.Fn = LE->getCallOperator();
        H.Lambda = LE;
        H.Guard = Guard;
      }
      return H;
    }
    if (const auto *FD = Node.get<FunctionDecl>())
      return handlerOf(FD);
    if (Node.get<BlockDecl>() || Node.get<CapturedDecl>())
      return {};
  }
}

llvm::SmallVector<const Stmt *, 4> handlerCleanup(const CXXCatchStmt *Catch,
                                                  bool &Rethrows) {
  llvm::SmallVector<const Stmt *, 4> Stmts;
  Rethrows = false;
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Catch->getHandlerBlock());
  if (!Block)
    return Stmts;
  for (const Stmt *S : Block->body())
    Stmts.push_back(S);
  if (!Stmts.empty())
    if (const auto *Throw = dyn_cast<CXXThrowExpr>(Stmts.back());
        Throw && !Throw->getSubExpr()) {
      Rethrows = true;
      Stmts.pop_back();
    }
  return Stmts;
}

bool fallsOffEnd(const Stmt *Body) {
  const Stmt *Last = Body;
  while (const auto *CS = dyn_cast_or_null<CompoundStmt>(Last)) {
    if (CS->body_empty())
      return true;
    Last = CS->body_back();
  }
  if (!Last)
    return true;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt,
          CoreturnStmt, CXXThrowExpr>(Last))
    return false;
  if (const auto *E = dyn_cast<Expr>(Last)) {
    E = E->IgnoreParenImpCasts();
    if (isa<CXXThrowExpr>(E))
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *FD = Call->getDirectCallee();
          FD && FD->isNoReturn())
        return false;
  }
  return true;
}

llvm::SmallVector<const Stmt *, 4> followingStatements(const Stmt *S,
                                                       ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 4> After;
  const auto *CS = dyn_cast_or_null<CompoundStmt>(parentStmt(S, Ctx));
  if (!CS)
    return After;
  bool Seen = false;
  for (const Stmt *Each : CS->body()) {
    if (Seen)
      After.push_back(Each);
    Seen = Seen || Each == S;
  }
  return After;
}

llvm::SmallVector<const Stmt *, 4>
trailingCopyOf(const CXXTryStmt *Try, llvm::ArrayRef<const Stmt *> Cleanup,
               ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 4> After = followingStatements(Try, Ctx);
  if (Cleanup.empty() || After.size() < Cleanup.size())
    return {};
  After.resize(Cleanup.size());
  for (size_t I = 0; I < Cleanup.size(); ++I)
    if (!utils::areStatementsIdentical(Cleanup[I], After[I], Ctx,
                                       /*Canonical=*/true))
      return {};
  return After;
}

} // namespace clang::tidy::raii
