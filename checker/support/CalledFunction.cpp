//===- CalledFunction.cpp - direct callees and constant function pointers -===//
#include "support/CalledFunction.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

const FunctionDecl *designatedFunction(const Expr *E) {
  // Explicit casts too: `(void *) pthread_mutex_unlock` given as a cleanup
  // routine still calls pthread_mutex_unlock.
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

/// Counts the references to \p V in \p S, and those that only read its
/// value (the operand of an lvalue-to-rvalue conversion).
static void countUses(const Stmt *S, const VarDecl *V, unsigned &Refs,
                      unsigned &Reads) {
  if (!S)
    return;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(S);
      ICE && ICE->getCastKind() == CK_LValueToRValue)
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(ICE->getSubExpr()->IgnoreParens());
        DRE && DRE->getDecl() == V) {
      ++Refs;
      ++Reads;
      return;
    }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S); DRE && DRE->getDecl() == V)
    ++Refs;
  for (const Stmt *Child : S->children())
    countUses(Child, V, Refs, Reads);
}

bool onlyRead(const Stmt *Body, const VarDecl *V) {
  unsigned Refs = 0, Reads = 0;
  countUses(Body, V, Refs, Reads);
  return Refs == Reads;
}

unsigned firstParameterArgument(const CallExpr *Call) {
  return isa<CXXOperatorCallExpr>(Call) &&
                 isa_and_nonnull<CXXMethodDecl>(calledFunction(Call))
             ? 1
             : 0;
}

const VarDecl *calleeVariable(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Callee);
      UO && UO->getOpcode() == UO_Deref)
    Callee = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(Callee);
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

const FunctionDecl *calledFunction(const CallExpr *Call) {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD;
  const VarDecl *V = calleeVariable(Call);
  // A `__block` variable may be written by a block (whose body a walk of
  // the function's children does not reach).
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || !V->getInit() ||
      V->getType()->isReferenceType() || V->hasAttr<BlocksAttr>())
    return nullptr;
  const FunctionDecl *Target = designatedFunction(V->getInit());
  const auto *Owner = dyn_cast<FunctionDecl>(V->getDeclContext());
  if (!Target || !Owner || !Owner->getBody())
    return nullptr;
  return onlyRead(Owner->getBody(), V) ? Target : nullptr;
}

} // namespace clang::tidy::raii
