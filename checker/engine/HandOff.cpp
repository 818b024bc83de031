//===- HandOff.cpp - the hand-off rules -----------------------------------===//
#include "engine/HandOff.h"
#include "catalog/Vocabulary.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::raii {

static bool isLibraryFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  return Ctx.getSourceManager().isInSystemHeader(FD->getLocation());
}

static bool isCLibraryFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  return (FD->isExternC() || !Ctx.getLangOpts().CPlusPlus) &&
         isLibraryFunction(FD, Ctx);
}

/// True for `const T *` and `const T &` (and `T *const *`-free pointers to
/// const): the callee promises not to change what it is given.
static bool isConstView(QualType T) {
  if (const auto *R = T->getAs<ReferenceType>())
    return R->getPointeeType().isConstQualified();
  if (const auto *P = T->getAs<PointerType>())
    return P->getPointeeType().isConstQualified();
  return false;
}

/// True if another argument of \p C is a release function of \p Fam's
/// kind (`sqlite3_result_text(ctx, z, -1, sqlite3_free)`, `set(p, free)`):
/// the callee will release the handle with it.
static bool passesItsRelease(const CallExpr *C, unsigned I, const Family &Fam,
                             const RuleCatalog &Cat) {
  for (unsigned J = 0; J < C->getNumArgs(); ++J) {
    if (J == I)
      continue;
    const Expr *A = C->getArg(J)->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(A);
        UO && UO->getOpcode() == UO_AddrOf)
      A = UO->getSubExpr()->IgnoreParenImpCasts();
    const auto *R = dyn_cast<DeclRefExpr>(A);
    const auto *FD = R ? dyn_cast<FunctionDecl>(R->getDecl()) : nullptr;
    if (const Release *Rel = Cat.releaseRuleFor(FD);
        Rel && Rel->Fam->Kind == Fam.Kind)
      return true;
  }
  return false;
}

ArgFate argumentFate(const Expr *Call, unsigned I, bool AddrOf,
                     const Family &Fam, const RuleCatalog &Cat,
                     ASTContext &Ctx, bool IntoLocal) {
  const FunctionDecl *FD = nullptr;
  unsigned ParamIdx = I;
  if (const auto *C = dyn_cast<CallExpr>(Call)) {
    FD = C->getDirectCallee();
    if (storesArguments(C))
      return ArgFate::Taken;
    if (Cat.isTransfer(C, I, Fam) || passesItsRelease(C, I, Fam, Cat))
      return ArgFate::Taken;
    // The object argument of a member operator call is not a parameter.
    if (isa<CXXOperatorCallExpr>(C) && isa_and_nonnull<CXXMethodDecl>(FD)) {
      if (I == 0)
        return ArgFate::Borrowed;
      ParamIdx = I - 1;
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    if (!IntoLocal)
      return ArgFate::Taken; // the object takes the handle elsewhere
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (I < Ctor->getNumParams() &&
        isConstView(Ctor->getParamDecl(I)->getType()))
      return ArgFate::Borrowed;
    return ArgFate::MaybeTaken;
  }
  if (FD && ParamIdx < FD->getNumParams()) {
    QualType PT = FD->getParamDecl(ParamIdx)->getType();
    if (isConstView(PT))
      return ArgFate::Borrowed;
    // A value parameter that is not a pointer gets a copy of an integer
    // handle: only the callee's own code can tell what it does with it.
  } else if (FD && FD->isVariadic()) {
    return ArgFate::Borrowed; // `printf("%p", p)`, `log(fmt, ...)`
  }
  if (AddrOf)
    return ArgFate::Taken;
  if (!FD)
    return ArgFate::MaybeTaken; // through a function pointer
  if (isCLibraryFunction(FD, Ctx))
    return ArgFate::Borrowed;
  const FunctionDecl *Def = nullptr;
  const bool HasBody = FD->hasBody(Def);
  if (HasBody && ParamIdx < FD->getNumParams() && !isLibraryFunction(FD, Ctx) &&
      storesParameter(Def, ParamIdx))
    return ArgFate::Stored;
  if (Fam.CallsTakeOwnership)
    return ArgFate::MaybeTaken;
  if (!HasBody)
    return isLibraryFunction(FD, Ctx) ? ArgFate::Borrowed
                                      : ArgFate::MaybeTaken;
  return ArgFate::Borrowed;
}

/// The variable \p E names, when it is one of the function's locals.
static bool isLocalVariable(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
}

static bool namesParam(const Expr *E, const ParmVarDecl *P) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenCasts());
  return DRE && DRE->getDecl() == P;
}

static bool stores(const Stmt *S, const ParmVarDecl *P) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign && namesParam(BO->getRHS(), P) &&
      !isLocalVariable(BO->getLHS()))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(S); Call && storesArguments(Call)) {
    const Expr *Obj = nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      Obj = MC->getImplicitObjectArgument();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
             OC && OC->getNumArgs())
      Obj = OC->getArg(0);
    if (Obj && !isLocalVariable(Obj))
      for (const Expr *A : Call->arguments())
        if (A != Obj && namesParam(A, P))
          return true;
  }
  for (const Stmt *C : S->children())
    if (stores(C, P))
      return true;
  return false;
}

namespace {
llvm::DenseMap<const ParmVarDecl *, bool> &storedParameters() {
  static llvm::DenseMap<const ParmVarDecl *, bool> Answers;
  return Answers;
}
} // namespace

bool storesParameter(const FunctionDecl *FD, unsigned Param) {
  if (Param >= FD->getNumParams() || !FD->getBody())
    return false;
  const ParmVarDecl *P = FD->getParamDecl(Param);
  auto [It, New] = storedParameters().try_emplace(P, false);
  if (New)
    It->second = stores(FD->getBody(), P);
  return It->second;
}

void clearStoredParameters() { storedParameters().clear(); }

ArgFate objectFate(const CXXMemberCallExpr *MC, ASTContext &Ctx) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || MD->isConst() || isLibraryFunction(MD, Ctx))
    return ArgFate::Borrowed;
  const FunctionDecl *Def = nullptr;
  return MD->hasBody(Def) ? ArgFate::Borrowed : ArgFate::MaybeTaken;
}

} // namespace clang::tidy::raii
