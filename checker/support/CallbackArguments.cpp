//===- CallbackArguments.cpp - what a function-pointer parameter is given -===//
#include "support/CallbackArguments.h"
#include "support/CalledFunction.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

static bool takesFunctionPointer(const FunctionDecl *FD) {
  return llvm::any_of(FD->parameters(), [](const ParmVarDecl *P) {
    return P->getType()->isFunctionPointerType();
  });
}

/// \p S assigns, increments or takes the address of \p P.
static bool writes(const Stmt *S, const ParmVarDecl *P) {
  if (!S)
    return false;
  const Expr *Target = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (const auto *UO = dyn_cast<UnaryOperator>(S);
           UO && (UO->isIncrementDecrementOp() ||
                  UO->getOpcode() == UO_AddrOf))
    Target = UO->getSubExpr();
  if (const auto *DRE =
          Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts())
                 : nullptr;
      DRE && DRE->getDecl() == P)
    return true;
  return llvm::any_of(S->children(),
                      [P](const Stmt *Child) { return writes(Child, P); });
}

const ParmVarDecl *CallbackArguments::calledParameter(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Callee);
      UO && UO->getOpcode() == UO_Deref)
    Callee = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Callee);
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  if (!P || !P->getType()->isFunctionPointerType())
    return nullptr;
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD || !FD->getBody() || writes(FD->getBody(), P))
    return nullptr;
  return P;
}

namespace {
/// Every call in the unit, system headers' and templates' instantiations
/// included (p8-platform's `CCondition<bool>::Wait` is both).
class Indexer : public RecursiveASTVisitor<Indexer> {
public:
  Indexer(llvm::DenseMap<const FunctionDecl *,
                         llvm::SmallVector<const CallExpr *, 4>> &Calls,
          llvm::DenseSet<const FunctionDecl *> &AddressTaken)
      : Calls(Calls), AddressTaken(AddressTaken) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && takesFunctionPointer(FD)) {
      Calls[FD->getCanonicalDecl()].push_back(Call);
      if (const auto *DRE = dyn_cast<DeclRefExpr>(
              Call->getCallee()->IgnoreParenImpCasts()))
        Callees.insert(DRE);
    }
    return true;
  }
  // A member called as `obj.f(..)` is a MemberExpr; a function named as
  // anything but a callee (`&f`, `&T::f`, `f` as a value) a DeclRefExpr.
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl());
        FD && takesFunctionPointer(FD))
      Named.push_back(DRE);
    return true;
  }
  void finish() {
    for (const DeclRefExpr *DRE : Named)
      if (!Callees.count(DRE))
        AddressTaken.insert(
            cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl());
  }

private:
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>>
      &Calls;
  llvm::DenseSet<const FunctionDecl *> &AddressTaken;
  llvm::DenseSet<const DeclRefExpr *> Callees;
  llvm::SmallVector<const DeclRefExpr *, 8> Named;
};
} // namespace

void CallbackArguments::index(const ASTContext &Ctx) {
  Indexed = true;
  Indexer I(Calls, AddressTaken);
  I.TraverseDecl(Ctx.getTranslationUnitDecl());
  I.finish();
}

std::optional<llvm::SmallVector<const FunctionDecl *, 2>>
CallbackArguments::given(const ParmVarDecl *P, const ASTContext &Ctx) {
  const auto *FD = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!FD)
    return std::nullopt;
  if (!Indexed)
    index(Ctx);
  FD = FD->getCanonicalDecl();
  auto It = Calls.find(FD);
  if (It == Calls.end() || AddressTaken.count(FD))
    return std::nullopt;
  const unsigned Idx = P->getFunctionScopeIndex();
  llvm::SmallVector<const FunctionDecl *, 2> Out;
  for (const CallExpr *Call : It->second) {
    if (isa<CXXOperatorCallExpr>(Call) || Idx >= Call->getNumArgs())
      return std::nullopt;
    const Expr *Arg = Call->getArg(Idx);
    if (isa<CXXDefaultArgExpr>(Arg))
      return std::nullopt;
    if (Arg->IgnoreParenCasts()->isNullPointerConstant(
            const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
      continue;
    const FunctionDecl *Given = designatedFunction(Arg);
    if (!Given)
      return std::nullopt;
    if (!llvm::is_contained(Out, Given))
      Out.push_back(Given);
  }
  return Out;
}

} // namespace clang::tidy::raii
