//===- CallRoles.cpp - acquire and release roles of calls -----------------===//
#include "engine/CallRoles.h"
#include "engine/Summaries.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::raii {

static const FunctionDecl *directCallee(const Expr *E) {
  if (const auto *C = dyn_cast<CallExpr>(E))
    return C->getDirectCallee();
  return nullptr;
}

std::optional<AcquireRole> CallRoles::acquire(const Expr *E) const {
  if (const Acquire *A = Cat.matchAcquire(E)) {
    AcquireRole R;
    R.Rule = A;
    R.Handle.Spec = A->Handle;
    return R;
  }
  if (!Summaries)
    return std::nullopt;
  const FunctionDecl *FD = directCallee(E);
  if (!FD || Cat.isRuleFunction(FD))
    return std::nullopt;
  if (const FunctionSummary *S = Summaries->summaryOf(FD, Depth))
    if (S->Acquires)
      return S->Acquires;
  return std::nullopt;
}

llvm::SmallVector<ReleaseRole, 1> CallRoles::releases(const Expr *E) const {
  llvm::SmallVector<ReleaseRole, 1> Out;
  if (const Release *Rel = Cat.matchRelease(E)) {
    ReleaseRole R;
    R.Rule = Rel;
    R.Handle.Spec = Rel->Handle;
    Out.push_back(std::move(R));
    return Out;
  }
  if (!Summaries)
    return Out;
  const FunctionDecl *FD = directCallee(E);
  if (!FD || Cat.isRuleFunction(FD))
    return Out;
  if (const FunctionSummary *S = Summaries->summaryOf(FD, Depth))
    Out.append(S->Releases.begin(), S->Releases.end());
  return Out;
}

bool CallRoles::neverReturns(const CallExpr *C) const {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return false;
  if (FD->isNoReturn())
    return true;
  return Summaries && Summaries->neverReturns(FD, Depth);
}

bool CallRoles::keyFor(const Expr *Call, const RoleHandle &H, bool StripDeref,
                       const KeyBuilder &Keys, HandleKey &Out) {
  if (H.Fixed) {
    Out = *H.Fixed;
    return true;
  }
  const Expr *HE = RuleCatalog::handleExpr(Call, H.Spec);
  if (!HE)
    return false;
  if (!Keys.keyOf(HE, Out, StripDeref || !H.Fields.empty()))
    return false;
  for (const ValueDecl *F : H.Fields)
    Out.addDecl(F);
  return true;
}

} // namespace clang::tidy::raii
