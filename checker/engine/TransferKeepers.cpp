//===- TransferKeepers.cpp - whether a callee kept the handle -------------===//
//
// The transfer function's reading of a call given a handle: whether an
// object or a place beside the handle could keep it (keeperBeside,
// keeperAmong, contextForCallback), whether it keeps it only where it
// succeeds (mayKeepOnSuccess), and whether the function names the handle
// after the call only to release it in one test's branches.
//
//===----------------------------------------------------------------------===//
#include "engine/Transfer.h"
#include "engine/CalleeBodies.h"
#include "engine/HandOff.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

bool TransferFunctions::keeperBeside(const CallExpr *Call,
                                     unsigned Acq) const {
  auto NamesAcq = [&](const Expr *E) { return namesAcq(E, Acq); };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && !MD->isConst() && Obj && !NamesAcq(Obj) && outsideLocals(Obj))
      return true;
  }
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || isa<CXXOperatorCallExpr>(Call))
    return false;
  return keeperAmong(FD, {Call->getArgs(), Call->getNumArgs()}, NamesAcq);
}

bool TransferFunctions::contextForCallback(const CallExpr *Call,
                                           unsigned Acq) const {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD)
    return false;
  bool Context = false, Callback = false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < FD->getNumParams();
       ++I) {
    const QualType PT = FD->getParamDecl(I)->getType();
    const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
    if (PT->isFunctionPointerType())
      Callback |= constantValue(Arg, C.Ctx) != 0;
    else if (PT->isVoidPointerType() &&
             !PT->getPointeeType().isConstQualified() && namesAcq(Arg, Acq))
      Context = true;
  }
  return Context && Callback;
}

bool TransferFunctions::keeperAmong(
    const FunctionDecl *FD, llvm::ArrayRef<const Expr *> Args,
    llvm::function_ref<bool(const Expr *)> Skip) const {
  auto KeeperType = [](QualType Pointee) {
    return !Pointee.isConstQualified() &&
           (Pointee->isRecordType() || Pointee->isPointerType());
  };
  for (unsigned I = 0; I < Args.size() && I < FD->getNumParams(); ++I) {
    const QualType PT = FD->getParamDecl(I)->getType();
    const Expr *Arg = Args[I]->IgnoreParenImpCasts();
    if (Skip(Arg))
      continue;
    if (PT->isReferenceType()) {
      if (KeeperType(PT.getNonReferenceType()) && !inLocal(Arg))
        return true;
      continue;
    }
    if (!PT->isPointerType() || !KeeperType(PT->getPointeeType()) ||
        !Arg->getType()->isPointerType() ||
        !KeeperType(Arg->getType()->getPointeeType()))
      continue;
    const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
    if (UO && UO->getOpcode() == UO_AddrOf && inLocal(UO->getSubExpr()))
      continue;
    if (constantValue(Arg, C.Ctx) == 0)
      continue; // `adopt(NULL, buf)`
    return true;
  }
  return false;
}

bool TransferFunctions::mayKeepOnSuccess(const Stmt *Call,
                                         unsigned Acq) const {
  // A lambda is taken by the call it is given to (`if (!pool.post([fd] {
  // .. })) close(fd);`).
  if (isa<LambdaExpr>(Call))
    for (const Stmt *P = C.Body.parent(Call); P && isa<Expr>(P);
         P = C.Body.parent(P))
      if (isa<CallExpr>(P)) {
        Call = P;
        break;
      }
  // A callee whose body the translation unit has stores the handle or
  // takes a `calls: take` family's; one it cannot see may as well borrow
  // the handle and fail, unless it is given a place to keep it, a function
  // to call with it, or returns a new object that may keep it (`e =
  // entry_create(key, v); if (!e) free(key);`), or a status after which
  // the handle is named only to release it under the status's test.
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? calledFunction(CE) : nullptr;
  if (!FD)
    return false;
  if (FD->hasBody() || keeperBeside(CE, Acq) || contextForCallback(CE, Acq))
    return true;
  // `write(pipe, &p, sizeof p)`: the reader owns p where it was sent.
  for (unsigned I = 0; I < CE->getNumArgs(); ++I)
    if (const auto *UO =
            dyn_cast<UnaryOperator>(CE->getArg(I)->IgnoreParenCasts());
        UO && UO->getOpcode() == UO_AddrOf &&
        namesAcq(UO->getSubExpr(), Acq) && sendsPointer(CE, I, C.Ctx))
      return true;
  const QualType RT = CE->getType();
  if (RT->isIntegralOrEnumerationType() && releasedOnlyInBranches(CE, Acq))
    return true;
  if (!RT->isPointerType() || !RT->getPointeeType()->isRecordType() ||
      RT->getPointeeType().isConstQualified())
    return false;
  // Not a member of the handle's own object (`t->get_mailbox()` returns a
  // part of it).
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  return !(MC && namesAcq(MC->getImplicitObjectArgument(), Acq));
}

/// Each reference to \p V in \p S after \p Call ends (not in the other arm
/// of an `if` that makes the call) is an argument of a call that releases
/// something, inside \p Branches' then or else.
static bool releasedOnlyIn(const Stmt *S, const VarDecl *V,
                           const CallExpr *Call, const IfStmt *Branches,
                           const FunctionContext &C) {
  const SourceManager &SM = C.Ctx.getSourceManager();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
      DRE && DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl() &&
      SM.isBeforeInTranslationUnit(Call->getEndLoc(), DRE->getBeginLoc())) {
    const auto *User = dyn_cast_or_null<CallExpr>(C.Body.valueParent(DRE));
    return User && !C.Roles.releases(User).empty() &&
           ((Branches->getThen() &&
             C.Body.isAncestor(Branches->getThen(), User)) ||
            (Branches->getElse() &&
             C.Body.isAncestor(Branches->getElse(), User)));
  }
  // The other arm of an `if` one arm of which makes the call does not
  // follow it.
  const auto *If = dyn_cast<IfStmt>(S);
  const Stmt *Skip =
      !If ? nullptr
      : If->getThen() && C.Body.isAncestor(If->getThen(), Call) ? If->getElse()
      : If->getElse() && C.Body.isAncestor(If->getElse(), Call) ? If->getThen()
                                                                  : nullptr;
  for (const Stmt *Child : S->children())
    if (Child && Child != Skip &&
        !releasedOnlyIn(Child, V, Call, Branches, C))
      return false;
  return true;
}

bool TransferFunctions::releasedOnlyInBranches(const CallExpr *Call,
                                               unsigned Acq) const {
  auto [It, New] = ReleasedOnlyInBranches.try_emplace({Call, Acq}, false);
  if (!New)
    return It->second;
  const Acquisition &A = C.acqs()[Acq];
  const IfStmt *If = testingIf(Call);
  if (!A.HandleVar || !A.Site || !If)
    return false;
  // A loop around the call that does not acquire anew comes back to the
  // uses before it.
  if (const Stmt *Loop = C.Body.enclosingLoop(Call);
      Loop && !C.Body.isAncestor(Loop, A.Site))
    return false;
  It->second = releasedOnlyIn(C.Body.body(), A.HandleVar, Call, If, C);
  return It->second;
}

} // namespace clang::tidy::raii
