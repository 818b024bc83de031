//===- HandOff.cpp - the hand-off rules -----------------------------------===//
#include "engine/HandOff.h"
#include "catalog/Vocabulary.h"
#include "engine/HandleKey.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

#include <functional>

namespace clang::tidy::raii {

static bool isLibraryFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  return Ctx.getSourceManager().isInSystemHeader(FD->getLocation());
}

static bool isCLibraryFunction(const FunctionDecl *FD, ASTContext &Ctx) {
  return (FD->isExternC() || !Ctx.getLangOpts().CPlusPlus) &&
         isLibraryFunction(FD, Ctx);
}

bool isConstView(QualType T) {
  if (const auto *R = T->getAs<ReferenceType>())
    return R->getPointeeType().isConstQualified();
  if (const auto *P = T->getAs<PointerType>())
    return P->getPointeeType().isConstQualified();
  return false;
}

bool libraryCopies(const CXXConstructExpr *CE, unsigned I, ASTContext &Ctx) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  return I < Ctor->getNumParams() &&
         isConstView(Ctor->getParamDecl(I)->getType()) &&
         isLibraryFunction(Ctor, Ctx);
}

/// True if another argument of \p C is a release function of \p Fam's
/// kind (`sqlite3_result_text(ctx, z, -1, sqlite3_free)`, `set(p, free)`):
/// the callee will release the handle with it.
static bool passesItsRelease(const CallExpr *C, unsigned I, const Family &Fam,
                             const RuleCatalog &Cat) {
  for (unsigned J = 0; J < C->getNumArgs(); ++J) {
    if (J == I)
      continue;
    const FunctionDecl *FD = designatedFunction(C->getArg(J));
    if (const Release *Rel = Cat.releaseRuleFor(FD);
        Rel && Rel->Fam->Kind == Fam.Kind)
      return true;
  }
  return false;
}

static bool onlyBorrows(const FunctionDecl *Def, unsigned Param,
                        const Family &Fam, const RuleCatalog &Cat,
                        ASTContext &Ctx);
static bool releasesParameter(const FunctionDecl *Def, unsigned Param,
                              const Family &Fam, const RuleCatalog &Cat);
static bool forwardsToTaker(const FunctionDecl *Def, unsigned Param,
                            const Family &Fam, const RuleCatalog &Cat,
                            ASTContext &Ctx);

ArgFate argumentFate(const Expr *Call, unsigned I, bool AddrOf,
                     const Family &Fam, const RuleCatalog &Cat,
                     ASTContext &Ctx, bool IntoLocal) {
  const FunctionDecl *FD = nullptr;
  unsigned ParamIdx = I;
  if (const auto *C = dyn_cast<CallExpr>(Call)) {
    FD = calledFunction(C);
    if (storesArguments(C))
      return ArgFate::Taken;
    if (buildsOwnedObject(C))
      return ArgFate::MaybeTaken;
    if (Cat.isTransfer(C, I, Fam) || passesItsRelease(C, I, Fam, Cat))
      return ArgFate::Taken;
    // The object argument of a member operator call is not a parameter.
    if (isa<CXXOperatorCallExpr>(C) && isa_and_nonnull<CXXMethodDecl>(FD)) {
      if (I == 0)
        return ArgFate::Borrowed;
      ParamIdx = I - 1;
    }
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    const bool ConstView = I < Ctor->getNumParams() &&
                           isConstView(Ctor->getParamDecl(I)->getType());
    if (libraryCopies(CE, I, Ctx))
      return ArgFate::Borrowed;
    if (!IntoLocal)
      return ArgFate::Taken; // the object takes the handle elsewhere
    return ConstView ? ArgFate::Borrowed : ArgFate::MaybeTaken;
  }
  if (FD && ParamIdx < FD->getNumParams()) {
    QualType PT = FD->getParamDecl(ParamIdx)->getType();
    if (isConstView(PT)) {
      // `T *const &` views the pointer, not what it points to: a body of
      // the file may copy the pointer where it outlives the call (a map's
      // `set(const K &, const V &value)` with V a pointer: `rec->value =
      // value;`).
      const FunctionDecl *Def = nullptr;
      if (PT->isReferenceType() &&
          PT.getNonReferenceType()->isPointerType() &&
          !PT.getNonReferenceType()->getPointeeType().isConstQualified() &&
          FD->hasBody(Def) && !isLibraryFunction(FD, Ctx) &&
          storesParameter(Def, ParamIdx))
        return ArgFate::Stored;
      return ArgFate::Borrowed;
    }
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
  const bool OwnBody =
      HasBody && ParamIdx < FD->getNumParams() && !isLibraryFunction(FD, Ctx);
  if (OwnBody && storesParameter(Def, ParamIdx))
    return ArgFate::Stored;
  if (Fam.CallsTakeOwnership &&
      !(OwnBody && onlyBorrows(Def, ParamIdx, Fam, Cat, Ctx)))
    return ArgFate::MaybeTaken;
  // Whatever the family says of calls, a function of the file that
  // releases its parameter on some path (`if (flag) fclose(f);`) may take
  // the handle.
  if (OwnBody && releasesParameter(Def, ParamIdx, Fam, Cat))
    return ArgFate::MaybeTaken;
  // ... or passes it on, as it is, to a callee that may take it (`static
  // int open_agent(int fd) { return open_channel(fd, &agent); }`).
  if (OwnBody && forwardsToTaker(Def, ParamIdx, Fam, Cat, Ctx))
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

/// \p LHS is memory inside the object \p P points to (`n->next`,
/// `(*n).v[1]`, `n[2]`), not reached through a pointer loaded from it
/// (`n->prev->next` is the neighbour's).
static bool insideParam(const Expr *LHS, const ParmVarDecl *P) {
  const Expr *E = LHS->IgnoreParenCasts();
  for (;;) {
    const Expr *Through = nullptr; // a dereference of this pointer
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (!ME->isArrow()) {
        E = ME->getBase()->IgnoreParenCasts();
        continue;
      }
      Through = ME->getBase();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (Base->getType()->isArrayType()) {
        E = Base->IgnoreParenCasts();
        continue;
      }
      Through = AS->getBase();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E);
               UO && UO->getOpcode() == UO_Deref) {
      Through = UO->getSubExpr();
    }
    return Through && namesParam(Through, P);
  }
}

bool inLocal(const Expr *LHS) {
  const Expr *E = LHS->IgnoreParenCasts();
  for (;;) {
    if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow()) {
      E = ME->getBase()->IgnoreParenCasts();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E);
        AS && AS->getBase()->IgnoreParenImpCasts()->getType()->isArrayType()) {
      E = AS->getBase()->IgnoreParenImpCasts()->IgnoreParenCasts();
      continue;
    }
    return isLocalVariable(E);
  }
}

bool calleeStoresArgument(const CallExpr *CE, unsigned I) {
  const FunctionDecl *FD = calledFunction(CE);
  if (!FD)
    return false;
  unsigned Param = I;
  if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD)) {
    if (I == 0)
      return false; // the object, not a parameter
    --Param;
  }
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !storesParameter(Def, Param))
    return false;
  // It may store it in the caller's own local given beside it
  // (`cursor_init(&c, &it->link)`): no keeper outside. A local of the
  // argument's own type is a list head the node is linked into
  // (`list_add(&it->link, &head)`), which a later walk may release.
  const QualType ArgType =
      CE->getArg(I)->IgnoreParenCasts()->getType().getCanonicalType();
  for (const Expr *Arg : CE->arguments()) {
    const Expr *A = Arg->IgnoreParenCasts();
    if (A->getType().getCanonicalType() == ArgType)
      continue;
    if (const auto *UO = dyn_cast<UnaryOperator>(A);
        UO && UO->getOpcode() == UO_AddrOf)
      A = UO->getSubExpr();
    else if (!A->getType()->isArrayType())
      continue;
    if (inLocal(A))
      return false;
  }
  return true;
}

/// \p E is the address of memory inside the object \p P points to
/// (`&n->link`).
static bool addressInsideParam(const Expr *E, const ParmVarDecl *P) {
  const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
  return UO && UO->getOpcode() == UO_AddrOf &&
         insideParam(UO->getSubExpr(), P);
}

static bool stores(const Stmt *S, const ParmVarDecl *P) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  // Stored into the object it points to (`n->next = n`) it is kept by
  // nothing outside.
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign && namesParam(BO->getRHS(), P) &&
      !inLocal(BO->getLHS()) && !insideParam(BO->getLHS(), P))
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
  // Passed on to a function of the file that stores it (`list_add_tail(n,
  // head)` calling `__list_add(n, head->prev, head)`), or the address of
  // its field given to one (`list_add_tail(&it->link, &queue)`: the list
  // keeps the block through its node).
  if (const auto *Call = dyn_cast<CallExpr>(S);
      Call && !isa<CXXOperatorCallExpr>(Call))
    if (const FunctionDecl *FD = calledFunction(Call)) {
      const FunctionDecl *Def = nullptr;
      if (FD->hasBody(Def) && !isLibraryFunction(FD, FD->getASTContext()))
        for (unsigned I = 0;
             I < Call->getNumArgs() && I < Def->getNumParams(); ++I) {
          const Expr *A = Call->getArg(I);
          if (namesParam(A, P) ? storesParameter(Def, I)
                               : addressInsideParam(A, P) &&
                                     calleeStoresArgument(Call, I))
            return true;
        }
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

using BorrowKey = std::pair<const ParmVarDecl *, const Family *>;
llvm::DenseMap<BorrowKey, bool> &borrowingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
  return Answers;
}

/// Finds the uses of parameter P in a body and asks of each whether it can
/// keep or release what P points to.
class BorrowScan {
public:
  BorrowScan(const ParmVarDecl *P, const Family &Fam, const RuleCatalog &Cat,
             ASTContext &Ctx)
      : P(P), Fam(Fam), Cat(Cat), Ctx(Ctx) {}

  /// False at the first use that may keep or release the handle.
  bool scan(const Stmt *S) {
    if (!S)
      return true;
    if (isa<LambdaExpr, BlockExpr>(S))
      return !refersToParam(S); // captured: it may outlive the call
    Parents.push_back(S);
    bool Ok = true;
    for (const Stmt *C : S->children())
      if (C && !(Ok = isa<DeclRefExpr>(C) ? use(cast<DeclRefExpr>(C))
                                            : scan(C)))
        break;
    Parents.pop_back();
    return Ok;
  }

private:
  bool refersToParam(const Stmt *S) const {
    if (const auto *R = dyn_cast_or_null<DeclRefExpr>(S))
      return R->getDecl() == P;
    for (const Stmt *C : S->children())
      if (C && refersToParam(C))
        return true;
    return false;
  }

  /// A use of P with Parents above it: borrowed when it only reads through
  /// the pointer, tests or compares it, overwrites the parameter itself, or
  /// passes it to a call that borrows it in turn.
  bool use(const DeclRefExpr *R) {
    if (R->getDecl() != P)
      return true;
    const Stmt *Child = R;
    for (auto It = Parents.rbegin(); It != Parents.rend(); Child = *It++) {
      const Stmt *Up = *It;
      if (const auto *Cast = dyn_cast<CastExpr>(Up)) {
        if (Cast->getCastKind() == CK_ToVoid ||
            Cast->getCastKind() == CK_PointerToBoolean ||
            Cast->getCastKind() == CK_IntegralToBoolean)
          return true;
        continue; // `(char *)p`, the load of p: still p
      }
      if (isa<ParenExpr>(Up))
        continue;
      if (const auto *UO = dyn_cast<UnaryOperator>(Up))
        return UO->getOpcode() == UO_Deref || UO->getOpcode() == UO_LNot;
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Up))
        return AS->getBase()->IgnoreParenCasts() ==
               cast<Expr>(Child)->IgnoreParenCasts();
      if (const auto *ME = dyn_cast<MemberExpr>(Up)) {
        if (!ME->isArrow())
          return false;
        // `p->f()`: as for the object of any member call (objectFate).
        auto Above = std::next(It);
        if (Above != Parents.rend())
          if (const auto *MC = dyn_cast<CXXMemberCallExpr>(*Above);
              MC && MC->getCallee() == ME)
            return objectFate(MC, Ctx) == ArgFate::Borrowed;
        return true; // `p->field`
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(Up)) {
        if (BO->isAdditiveOp())
          continue; // `p + 1` points into the same block
        return BO->isComparisonOp() || BO->isLogicalOp() ||
               (BO->isAssignmentOp() && BO->getLHS() == Child);
      }
      if (isa<UnaryExprOrTypeTraitExpr, IfStmt, WhileStmt, DoStmt, ForStmt>(
              Up))
        return true; // sizeof, a condition
      if (const auto *Call = dyn_cast<CallExpr>(Up)) {
        if (Call->getCallee() == Child || Cat.matchRelease(Call))
          return false; // `free(p)` on some path: no mere borrow
        for (unsigned I = 0; I < Call->getNumArgs(); ++I)
          if (Call->getArg(I) == Child)
            return argumentFate(Call, I, false, Fam, Cat, Ctx) ==
                   ArgFate::Borrowed;
        return false;
      }
      return false; // returned, copied, its address taken, ...
    }
    return false;
  }

  const ParmVarDecl *P;
  const Family &Fam;
  const RuleCatalog &Cat;
  ASTContext &Ctx;
  llvm::SmallVector<const Stmt *, 16> Parents;
};
} // namespace

/// True if a release of a \p Fam handle in \p Def's body names its
/// parameter \p Param, never assigned there (`fclose(f)`, `free((void
/// *)p)`), on whatever path. (`data = fopen(..); fclose(data);` closes
/// a handle of the callee's own; `CloseHandle((HANDLE)f)` no stream.)
static bool releasesParameter(const FunctionDecl *Def, unsigned Param,
                              const Family &Fam, const RuleCatalog &Cat) {
  const ParmVarDecl *P = Def->getParamDecl(Param);
  bool Assigned = false, Released = false;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || Assigned || isa<LambdaExpr, BlockExpr>(S))
      return;
    auto NamesP = [&](const Expr *E) {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      return R && R->getDecl() == P;
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && NamesP(BO->getLHS()))
      Assigned = true;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const Release *R = Cat.matchRelease(Call);
          R && R->Fam && R->Fam->Kind == Fam.Kind)
        Released |= llvm::any_of(Call->arguments(), NamesP);
    for (const Stmt *C : S->children())
      Scan(C);
  };
  Scan(Def->getBody());
  return Released && !Assigned;
}

/// True if \p Def's body does nothing with its parameter \p Param that
/// could keep or release a handle of \p Fam: a function of the file that
/// only reads through the pointer borrows it, whatever the family says of
/// calls in general. Releases it on some path, stores it, returns it,
/// copies it or passes it on to a callee that may take it: false. Asked
/// once per parameter and family; recursion answers false.
static bool onlyBorrows(const FunctionDecl *Def, unsigned Param,
                        const Family &Fam, const RuleCatalog &Cat,
                        ASTContext &Ctx) {
  if (!Def->getBody() || Param >= Def->getNumParams())
    return false;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  auto [It, New] = borrowingParameters().try_emplace({P, &Fam}, false);
  if (!New)
    return It->second;
  bool Borrows = BorrowScan(P, Fam, Cat, Ctx).scan(Def->getBody());
  borrowingParameters()[{P, &Fam}] = Borrows;
  return Borrows;
}

llvm::DenseMap<BorrowKey, bool> &forwardingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
  return Answers;
}

/// True if \p Def's body gives its parameter \p Param, as it is, to a call
/// that may take or keep a \p Fam handle. Asked once per parameter and
/// family; recursion answers false.
static bool forwardsToTaker(const FunctionDecl *Def, unsigned Param,
                            const Family &Fam, const RuleCatalog &Cat,
                            ASTContext &Ctx) {
  const ParmVarDecl *P = Def->getParamDecl(Param);
  auto [It, New] = forwardingParameters().try_emplace({P, &Fam}, false);
  if (!New)
    return It->second;
  bool Forwards = false;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || Forwards || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      for (unsigned I = 0; I < Call->getNumArgs() && !Forwards; ++I)
        if (const auto *R = dyn_cast<DeclRefExpr>(
                ignoreValueCasts(Call->getArg(I)));
            R && R->getDecl() == P)
          Forwards = argumentFate(Call, I, false, Fam, Cat, Ctx) !=
                     ArgFate::Borrowed;
    for (const Stmt *C : S->children())
      Scan(C);
  };
  Scan(Def->getBody());
  forwardingParameters()[{P, &Fam}] = Forwards;
  return Forwards;
}

bool storesParameter(const FunctionDecl *FD, unsigned Param) {
  if (Param >= FD->getNumParams() || !FD->getBody())
    return false;
  const ParmVarDecl *P = FD->getParamDecl(Param);
  // In progress: a recursive call stores nothing more.
  auto [It, New] = storedParameters().try_emplace(P, false);
  if (!New)
    return It->second;
  const bool Stores = stores(FD->getBody(), P);
  storedParameters()[P] = Stores;
  return Stores;
}

void clearStoredParameters() {
  storedParameters().clear();
  borrowingParameters().clear();
  forwardingParameters().clear();
}

ArgFate objectFate(const CXXMemberCallExpr *MC, ASTContext &Ctx) {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || MD->isConst() || isLibraryFunction(MD, Ctx))
    return ArgFate::Borrowed;
  const FunctionDecl *Def = nullptr;
  return MD->hasBody(Def) ? ArgFate::Borrowed : ArgFate::MaybeTaken;
}

} // namespace clang::tidy::raii
