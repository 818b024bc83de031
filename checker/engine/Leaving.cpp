//===- Leaving.cpp - may this expression leave by an exception or not return?//
#include "engine/Leaving.h"
#include "support/CalledFunction.h"
#include "support/CheckedAccess.h"
#include "support/ExitingCalls.h"
#include "support/LibraryFunctions.h"
#include "support/NothrowPolicy.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

bool callMayThrow(const CallExpr *E, const FunctionContext &C) {
  if (!C.Exceptions)
    return false;
  const FunctionDecl *FD = calledFunction(E);
  if (!FD)
    return C.Policy.indirectMayThrow(E, C.Ctx);
  if (FD->isNoReturn())
    return false;
  // Releases do not throw unless their rule says so (a wrapper's summary
  // release takes the word of the release inside it).
  for (const ReleaseRole &R : C.Roles.releases(E))
    if (!R.Rule->MayThrow)
      return false;
  if (!C.Policy.mayThrow(FD))
    return false;
  // `if (opt) use(opt.value());`: it throws only without a value.
  return !accessCheckedAround(
      E, [&](const Stmt *S) { return C.Body.parent(S); });
}

bool newMayThrow(const CXXNewExpr *E, const FunctionContext &C) {
  const FunctionDecl *OpNew = E->getOperatorNew();
  return C.Exceptions && (!OpNew || C.Policy.mayThrow(OpNew));
}

bool constructMayThrow(const CXXConstructExpr *E, const FunctionContext &C) {
  const CXXConstructorDecl *Ctor = E->getConstructor();
  if (!C.Exceptions || Ctor->isTrivial())
    return false;
  const auto *FPT = Ctor->getType()->getAs<FunctionProtoType>();
  return FPT && !declaredNothrow(FPT) && C.Policy.mayThrow(Ctor);
}

/// \p S calls one of the C library's `exec` functions, as a statement of
/// its own or in the condition of one (`if (execvp(..) < 0)`).
static bool callsExec(const Stmt *S) {
  if (const auto *If = dyn_cast<IfStmt>(S))
    S = If->getCond();
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    E = BO->getLHS()->IgnoreParenImpCasts();
  const auto *Call = dyn_cast<CallExpr>(E);
  return Call && returnsOnlyFailing(calledFunction(Call));
}

/// A call of the C library's `fork` or `vfork`.
static bool isForkCall(const Stmt *S) {
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
  return FD && FD->getIdentifier() &&
         (FD->getName() == "fork" || FD->getName() == "vfork") &&
         isCLibraryFunction(FD);
}

/// \p Cond tells the child of a `fork` from its parent: it calls `fork`
/// or reads a local given a `fork` result (`if (pid == 0)`).
static bool testsFork(const Expr *Cond, const FunctionContext &C) {
  for (const Expr *Call : C.Body.candidates()) {
    if (!isForkCall(Call))
      continue;
    if (C.Body.isAncestor(Cond, Call))
      return true;
    const Stmt *P = C.Body.valueParent(Call);
    const VarDecl *V = nullptr;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
        BO && BO->getOpcode() == BO_Assign)
      if (const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(BO->getLHS())))
        V = dyn_cast<VarDecl>(R->getDecl());
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P);
        DS && DS->isSingleDecl())
      V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (V && BodyIndex::refersTo(Cond, V))
      return true;
  }
  return false;
}

/// \p E, a call of a project's function the file has no body of, ends a
/// branch of an `if` telling a `fork` child from its parent, after a call
/// of an `exec` function in that branch (`if (pid == 0) { ..; execl(..);
/// fatal("exec failed"); }`): the failure tail of the child, which ends
/// it; the child never falls out of the branch into its parent's code
/// (pppd's `fatal` exits without saying `noreturn`).
static bool endsFailedExec(const CallExpr *E, const FunctionContext &C) {
  const FunctionDecl *FD = calledFunction(E);
  if (!FD || FD->hasBody() || isLibraryFunction(FD))
    return false;
  const Stmt *Full = E;
  const Stmt *P = C.Body.parent(E);
  while (isa_and_nonnull<ExprWithCleanups, ImplicitCastExpr, CStyleCastExpr,
                         ParenExpr>(P)) {
    Full = P;
    P = C.Body.parent(P);
  }
  const auto *Block = dyn_cast_or_null<CompoundStmt>(P);
  if (!Block || Block == C.Body.body() || Block->body_back() != Full)
    return false;
  const auto *If = dyn_cast_or_null<IfStmt>(C.Body.parent(Block));
  if (!If || !testsFork(If->getCond(), C))
    return false;
  return llvm::any_of(Block->body(), [&](const Stmt *S) {
    return S != Full && callsExec(S);
  });
}

bool neverReturns(const CallExpr *E, const FunctionContext &C) {
  return C.Roles.neverReturns(E) || endsFailedExec(E, C);
}

} // namespace clang::tidy::raii
