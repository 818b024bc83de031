//===- Leaving.cpp - may this expression leave by an exception or not return?//
#include "engine/Leaving.h"
#include "support/CalledFunction.h"
#include "support/CheckedAccess.h"
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

bool neverReturns(const CallExpr *E, const FunctionContext &C) {
  return C.Roles.neverReturns(E);
}

} // namespace clang::tidy::raii
