//===- CalleeDups.cpp - descriptors duplicated onto others ----------------===//
//
// dupsOnto of CalleeBodies.h: whether a call gives a descriptor to
// `dup2`/`dup3` onto what may be a standard descriptor, directly or
// through functions of the file.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"

#include <functional>

namespace clang::tidy::raii {

/// \p Target, dup2's target, may be one of the standard descriptors: not a
/// constant outside 0 to 2 (a variable may be, `for (i = 0; i < 3; ++i)`).
/// \p Outer gives the caller's argument a parameter of the helper stands
/// for.
static bool mayBeStandard(const Expr *Target,
                          llvm::function_ref<const Expr *(const ParmVarDecl *)>
                              Outer,
                          ASTContext &Ctx) {
  const Expr *E = Target->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      if (const Expr *Arg = Outer(P))
        E = Arg->IgnoreParenImpCasts();
  Expr::EvalResult R;
  if (E->isValueDependent() || !E->EvaluateAsInt(R, Ctx))
    return true;
  const llvm::APSInt &V = R.Val.getInt();
  return V >= 0 && V <= 2;
}

static bool dupsOntoAt(const CallExpr *Call, const ValueDecl *V,
                       unsigned Depth,
                       llvm::function_ref<const Expr *(const ParmVarDecl *)>
                           Outer,
                       ASTContext &Ctx) {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || Call->getNumArgs() == 0)
    return false;
  auto Names = [V](const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl()->getCanonicalDecl() == V->getCanonicalDecl();
  };
  if (FD->getIdentifier() && Call->getNumArgs() >= 2 &&
      (FD->getName() == "dup2" || FD->getName() == "dup3"))
    return Names(Call->getArg(0)) &&
           mayBeStandard(Call->getArg(1), Outer, Ctx);
  const FunctionDecl *Def = nullptr;
  if (Depth >= 3 || isLibraryFunction(FD) || !FD->hasBody(Def))
    return false;
  // A member operator's first argument is the object (`f(fd, 0)` of a
  // function object): parameter I is argument I + 1.
  const unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD) &&
              !cast<CXXMethodDecl>(FD)->isStatic()
          ? 1
          : 0;
  // What a parameter of the helper stands for: the argument, or what the
  // caller's own parameter stands for in turn.
  auto ArgFor = [&](const ParmVarDecl *P) -> const Expr * {
    for (unsigned I = 0; I < Def->getNumParams(); ++I)
      if (Def->getParamDecl(I) == P && I + Offset < Call->getNumArgs()) {
        const Expr *Arg = Call->getArg(I + Offset);
        const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
        const auto *Q =
            DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
        const Expr *Further = Q ? Outer(Q) : nullptr;
        return Further ? Further : Arg;
      }
    return nullptr;
  };
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    if (I + Offset >= Call->getNumArgs() || !Names(Call->getArg(I + Offset)))
      continue;
    const ParmVarDecl *P = Def->getParamDecl(I);
    std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S)
        return false;
      if (const auto *Inner = dyn_cast<CallExpr>(S);
          Inner && dupsOntoAt(Inner, P, Depth + 1, ArgFor, Ctx))
        return true;
      for (const Stmt *C : S->children())
        if (Walk(C))
          return true;
      return false;
    };
    if (Walk(Def->getBody()))
      return true;
  }
  return false;
}

bool dupsOnto(const CallExpr *Call, const ValueDecl *V, ASTContext &Ctx) {
  return dupsOntoAt(
      Call, V, 0, [](const ParmVarDecl *) -> const Expr * { return nullptr; },
      Ctx);
}

} // namespace clang::tidy::raii
