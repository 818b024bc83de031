//===- CalleeBodies.cpp - what the file's functions do with arguments -----===//
//
// The scans of CalleeBodies.h, and their answers cached per translation
// unit.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "catalog/Vocabulary.h"
#include "engine/HandOff.h"
#include "engine/HandleKey.h"
#include "support/CalledFunction.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"

#include <functional>

namespace clang::tidy::raii {

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

/// What storage \p LHS is part of is reached through: \p LHS without its
/// own fields (`.f`) and elements of arrays it holds (`a[i]`).
static const Expr *ownStorageBase(const Expr *LHS) {
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
    return E;
  }
}

bool inLocal(const Expr *LHS) { return isLocalVariable(ownStorageBase(LHS)); }

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
      if (FD->hasBody(Def) && !isLibraryFunction(FD))
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

using ElementKey = std::tuple<const ParmVarDecl *, uint64_t, const Family *>;
llvm::DenseMap<ElementKey, std::optional<ArgFate>> &elementFates() {
  static llvm::DenseMap<ElementKey, std::optional<ArgFate>> Answers;
  return Answers;
}

llvm::DenseMap<const ParmVarDecl *, bool> &writingParameters() {
  static llvm::DenseMap<const ParmVarDecl *, bool> Answers;
  return Answers;
}

llvm::DenseMap<BorrowKey, bool> &forwardingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
  return Answers;
}

llvm::DenseMap<BorrowKey, bool> &releasingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
  return Answers;
}

/// mayKeepBoundObject() per function and parameter: asked on every visit
/// of a call given `*p`, and its walk reads the callee's body and the
/// functions it passes the object to.
using BindingKey = std::pair<const FunctionDecl *, unsigned>;
llvm::DenseMap<BindingKey, bool> &keptBindings() {
  static llvm::DenseMap<BindingKey, bool> Answers;
  return Answers;
}

using ThisKey = std::pair<const CXXMethodDecl *, const Family *>;
llvm::DenseMap<ThisKey, bool> &borrowingThis() {
  static llvm::DenseMap<ThisKey, bool> Answers;
  return Answers;
}

/// \p LHS is memory of the object `this` points to (`self_`, `a.b`,
/// `this->v[1]` of a member array), not reached through a pointer loaded
/// from it.
bool insideThis(const Expr *LHS) {
  const auto *ME = dyn_cast<MemberExpr>(ownStorageBase(LHS));
  return ME && ME->isArrow() &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

/// Finds the uses of a subject in a body, parameter P or (P null) `this`,
/// and asks of each whether it can keep or release what the subject
/// points to.
class BorrowScan {
public:
  BorrowScan(const ParmVarDecl *P, const Family &Fam, const RuleCatalog &Cat,
             ASTContext &Ctx, const CXXMethodDecl *Self = nullptr)
      : P(P), Fam(Fam), Cat(Cat), Ctx(Ctx), Self(Self) {}

  /// False at the first use that may keep or release the handle.
  bool scan(const Stmt *S) {
    if (!S)
      return true;
    if (isa<LambdaExpr, BlockExpr>(S))
      return !refersToSubject(S); // captured: it may outlive the call
    Parents.push_back(S);
    bool Ok = true;
    for (const Stmt *C : S->children())
      if (C && !(Ok = isSubject(C) ? use(cast<Expr>(C)) : scan(C)))
        break;
    Parents.pop_back();
    return Ok;
  }

  /// As scan(), of the initialiser of one of the object's own members or
  /// bases: `this` given to it, as it is or to its constructor
  /// (`owner_(this)`, `timer_(this)`), stays in the object.
  bool scanMemberInit(const Expr *Init) {
    InMemberInit = true;
    const bool Ok = scan(Init);
    InMemberInit = false;
    return Ok;
  }

private:
  bool isSubject(const Stmt *S) const {
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      return P && R->getDecl() == P;
    return !P && isa<CXXThisExpr>(S);
  }

  bool refersToSubject(const Stmt *S) const {
    if (isSubject(S))
      return true;
    for (const Stmt *C : S->children())
      if (C && refersToSubject(C))
        return true;
    return false;
  }

  /// A use of the subject with Parents above it: borrowed when it only
  /// reads through the pointer, tests or compares it, overwrites the
  /// parameter itself, or passes it to a call that borrows it in turn.
  bool use(const Expr *R) {
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
      if (InMemberInit && std::next(It) == Parents.rend() &&
          isa<CXXConstructExpr, InitListExpr, ParenListExpr>(Up))
        return true; // `owner_(this)`
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
            return !P ? memberOfThisBorrows(MC)
                      : objectFate(MC, Fam, Cat, Ctx) == ArgFate::Borrowed;
        return true; // `p->field`
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(Up)) {
        if (BO->isAdditiveOp())
          continue; // `p + 1` points into the same block
        // `self_ = this`: kept by the object itself.
        return BO->isComparisonOp() || BO->isLogicalOp() ||
               (BO->isAssignmentOp() &&
                (BO->getLHS() == Child || (!P && insideThis(BO->getLHS()))));
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
      // `return this;` hands the caller the pointer it called with.
      if (!P && isa<ReturnStmt>(Up))
        return true;
      // Returned, copied, its address taken, deleted, given to a
      // constructor, ...
      return false;
    }
    return InMemberInit; // `self_(this)`
  }

  /// `this->f()` inside the member scanned: the member itself again adds
  /// nothing, nor does one whose body the file lacks (taking it for a
  /// keeper would make every object whose members call one out of file
  /// maybe taken); any other as objectFate says.
  bool memberOfThisBorrows(const CXXMemberCallExpr *MC) const {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || MD->getCanonicalDecl() == Self->getCanonicalDecl() ||
        !MD->hasBody())
      return true;
    return objectFate(MC, Fam, Cat, Ctx) == ArgFate::Borrowed;
  }

  const ParmVarDecl *P;
  const Family &Fam;
  const RuleCatalog &Cat;
  ASTContext &Ctx;
  const CXXMethodDecl *Self; ///< the member whose `this` is scanned
  llvm::SmallVector<const Stmt *, 16> Parents;
  bool InMemberInit = false;
};
} // namespace

bool releasesParameter(const FunctionDecl *Def, unsigned Param,
                       const Family &Fam, const RuleCatalog &Cat) {
  const ParmVarDecl *P = Def->getParamDecl(Param);
  auto [It, New] = releasingParameters().try_emplace({P, &Fam}, false);
  if (!New)
    return It->second;
  bool Assigned = false, Released = false;
  // The parameter, or a local initialised with it (`struct foo *f = p;`,
  // a destroy callback's typed view of its `void *`), met in the walk
  // before its uses.
  llvm::SmallVector<const Decl *, 2> Names{P};
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || Assigned || isa<LambdaExpr, BlockExpr>(S))
      return;
    auto NamesP = [&](const Expr *E) {
      const auto *R = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      return R && llvm::is_contained(Names, R->getDecl());
    };
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getInit() && V->getType()->isPointerType())
          if (const auto *R =
                  dyn_cast<DeclRefExpr>(V->getInit()->IgnoreParenCasts());
              R && R->getDecl() == P)
            Names.push_back(V);
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && NamesP(BO->getLHS()))
      Assigned = true;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const Release *R = Cat.matchRelease(Call);
          R && R->Fam && R->Fam->Kind == Fam.Kind)
        Released |= llvm::any_of(Call->arguments(), NamesP);
    // `delete static_cast<T *>(closure);`
    if (const auto *Del = dyn_cast<CXXDeleteExpr>(S))
      if (const Release *R = Cat.matchRelease(Del);
          R && R->Fam && R->Fam->Kind == Fam.Kind)
        Released |= NamesP(Del->getArgument());
    for (const Stmt *C : S->children())
      Scan(C);
  };
  Scan(Def->getBody());
  releasingParameters()[{P, &Fam}] = Released && !Assigned;
  return Released && !Assigned;
}

bool onlyBorrows(const FunctionDecl *Def, unsigned Param, const Family &Fam,
                 const RuleCatalog &Cat, ASTContext &Ctx) {
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

bool onlyBorrowsThis(const CXXMethodDecl *Def, const Family &Fam,
                     const RuleCatalog &Cat, ASTContext &Ctx) {
  if (!Def->getBody())
    return false;
  // Round a cycle of members calling each other: not known to borrow.
  auto [It, New] = borrowingThis().try_emplace({Def, &Fam}, false);
  if (!New)
    return It->second;
  BorrowScan Scan(nullptr, Fam, Cat, Ctx, Def);
  bool Borrows = true;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->isWritten() && !(Borrows = Scan.scanMemberInit(I->getInit())))
        break;
  Borrows = Borrows && Scan.scan(Def->getBody());
  borrowingThis()[{Def, &Fam}] = Borrows;
  return Borrows;
}

bool forwardsToTaker(const FunctionDecl *Def, unsigned Param,
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
  borrowingThis().clear();
  releasingParameters().clear();
  elementFates().clear();
  writingParameters().clear();
  keptBindings().clear();
}

/// The nearest parent of \p Up[L - 1] and above that is not a parenthesis
/// (nor, with \p Casts, a cast), moving \p L to it; null at the top.
static const Stmt *parentAbove(llvm::ArrayRef<const Stmt *> Up, size_t &L,
                               bool Casts) {
  while (L > 0 && (isa<ParenExpr>(Up[L - 1]) ||
                   (Casts && isa<ImplicitCastExpr, CStyleCastExpr>(Up[L - 1]))))
    --L;
  return L > 0 ? Up[--L] : nullptr;
}

/// Calls \p OnUse at each reference to \p P in \p Body with its parents
/// (the nearest last), until it returns false.
static void forEachUse(const Stmt *Body, const ParmVarDecl *P,
                       llvm::function_ref<bool(llvm::ArrayRef<const Stmt *>)>
                           OnUse) {
  llvm::SmallVector<const Stmt *, 16> Up;
  bool Go = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !Go)
      return;
    if (const auto *R = dyn_cast<DeclRefExpr>(S)) {
      if (R->getDecl() == P)
        Go = OnUse(Up);
      return;
    }
    Up.push_back(S);
    for (const Stmt *C : S->children())
      Walk(C);
    Up.pop_back();
  };
  Walk(Body);
}

bool writesThroughParameter(const FunctionDecl *Def, unsigned Param) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return true;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  if (auto It = writingParameters().find(P); It != writingParameters().end())
    return It->second;
  // A use of P (its parents in Up, the nearest last) that leaves what it
  // points to as it was: a comparison, or `*pp` / `pp[i]` read as a value
  // (an lvalue bound to a reference, assigned, incremented or whose
  // address is taken may be written).
  auto Reads = [](llvm::ArrayRef<const Stmt *> Up) {
    size_t L = Up.size();
    const Stmt *Use = parentAbove(Up, L, /*Casts=*/true);
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Use);
        BO && BO->isComparisonOp())
      return true;
    const auto *UO = dyn_cast_or_null<UnaryOperator>(Use);
    if (!(UO && UO->getOpcode() == UO_Deref) &&
        !isa_and_nonnull<ArraySubscriptExpr>(Use))
      return false;
    // Read as a value, or bound to a reference to const (`v.push_back(*pp)`,
    // `const auto &s = *pp;`: a conversion adding the `const`).
    const Stmt *Above = parentAbove(Up, L, /*Casts=*/false);
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Above))
      return Cast->getCastKind() == CK_LValueToRValue ||
             (Cast->getCastKind() == CK_NoOp &&
              Cast->getType().isConstQualified());
    return isa_and_nonnull<MemberExpr, UnaryExprOrTypeTraitExpr>(Above);
  };
  bool Writes = false;
  forEachUse(Def->getBody(), P, [&](llvm::ArrayRef<const Stmt *> Up) {
    Writes = !Reads(Up);
    return !Writes;
  });
  writingParameters()[P] = Writes;
  return Writes;
}

std::optional<ArgFate> elementFate(const FunctionDecl *Def, unsigned Param,
                                   uint64_t Index, const Family &Fam,
                                   const RuleCatalog &Cat) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return std::nullopt;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  ASTContext &Ctx = Def->getASTContext();
  const ElementKey Key{P, Index, &Fam};
  if (auto It = elementFates().find(Key); It != elementFates().end())
    return It->second;
  std::optional<ArgFate> Fate = ArgFate::Borrowed;
  // Keeps the worst: maybe taken (a release of it, whatever else the body
  // does), then unknown, stored, borrowed.
  auto Worst = [&](std::optional<ArgFate> F) {
    if (Fate == ArgFate::MaybeTaken)
      return;
    if (F == ArgFate::MaybeTaken || !F ||
        (Fate && *F == ArgFate::Stored && *Fate == ArgFate::Borrowed))
      Fate = F;
  };
  // A call releasing a handle of Fam's kind.
  auto Releases = [&](const CallExpr *Call) {
    const Release *R = Call ? Cat.matchRelease(Call) : nullptr;
    return R && R->Fam && R->Fam->Kind == Fam.Kind;
  };
  // What the expression holding the element (Up[L], its parents above it)
  // does with it.
  auto UseOfElement = [&](llvm::ArrayRef<const Stmt *> Up, size_t L,
                          const Expr *Elem) {
    const Stmt *U = parentAbove(Up, L, /*Casts=*/true);
    if (const auto *Call = dyn_cast_or_null<CallExpr>(U)) {
      if (Releases(Call))
        return Worst(ArgFate::MaybeTaken);
      const FunctionDecl *FD = calledFunction(Call);
      if (!FD || isa<CXXOperatorCallExpr>(Call))
        return Worst(std::nullopt);
      if (isLibraryFunction(FD))
        return;
      // Given to a function: what its body does with that parameter.
      const FunctionDecl *Callee = nullptr;
      unsigned I = 0;
      while (I < Call->getNumArgs() &&
             Call->getArg(I)->IgnoreParenCasts() != Elem)
        ++I;
      if (I >= FD->getNumParams() || !FD->hasBody(Callee))
        return Worst(ArgFate::MaybeTaken);
      if (storesParameter(Callee, I))
        return Worst(ArgFate::Stored);
      if (!onlyBorrows(Callee, I, Fam, Cat, Ctx))
        return Worst(ArgFate::MaybeTaken);
      return;
    }
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U);
        BO && BO->getOpcode() == BO_Assign &&
        BO->getRHS()->IgnoreParenCasts() == Elem)
      return Worst(inLocal(BO->getLHS()) ? std::nullopt
                                         : std::optional(ArgFate::Stored));
    if (isa_and_nonnull<DeclStmt, ReturnStmt, InitListExpr,
                        ConditionalOperator, CXXConstructExpr>(U))
      return Worst(std::nullopt);
  };
  forEachUse(Def->getBody(), P, [&](llvm::ArrayRef<const Stmt *> Up) {
    size_t L = Up.size();
    const Stmt *U = parentAbove(Up, L, /*Casts=*/true);
    // `p[K]`, or `*p` for element 0; the pointer compared; anything else
    // lets it go where this does not follow.
    std::optional<int64_t> K;
    const Expr *Elem = nullptr;
    if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(U)) {
      K = constantValue(AS->getIdx(), Ctx);
      Elem = AS;
    } else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(U);
               UO && UO->getOpcode() == UO_Deref) {
      K = 0;
      Elem = UO;
    } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U);
               BO && BO->isComparisonOp()) {
      return true;
    }
    // An index that is not constant may be any element's: released there
    // (`for (i = 0; i < 2; i++) close(p[i]);`), maybe taken; else unknown.
    if (!K && Elem) {
      size_t At = L;
      Worst(Releases(dyn_cast_or_null<CallExpr>(
                parentAbove(Up, At, /*Casts=*/true)))
                ? std::optional(ArgFate::MaybeTaken)
                : std::nullopt);
    } else if (!K) {
      Worst(std::nullopt);
    } else if (uint64_t(*K) == Index) {
      UseOfElement(Up, L, Elem);
    }
    return Fate != ArgFate::MaybeTaken;
  });
  elementFates()[Key] = Fate;
  return Fate;
}

bool copiesPointee(const FunctionDecl *Def, unsigned Param) {
  if (Param >= Def->getNumParams() || !Def->hasBody())
    return false;
  if (storesParameter(Def, Param))
    return true;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = calledFunction(Call);
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (!namesParam(Call->getArg(I), P))
          continue;
        if (!FD || !isLibraryFunction(FD))
          return true; // passed on to code that may copy them
        const llvm::StringRef Name =
            FD->getIdentifier() ? FD->getName() : llvm::StringRef();
        if ((I == 1 && llvm::is_contained({"memcpy", "memmove",
                                           "__builtin_memcpy",
                                           "__builtin_memmove",
                                           "__builtin___memcpy_chk",
                                           "__builtin___memmove_chk"},
                                          Name)) ||
            (I == 0 && Name == "bcopy"))
          return true;
      }
    }
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  return Walk(Def->getBody());
}

static bool keepsReferentAt(const FunctionDecl *Def, unsigned Param,
                            unsigned Depth);

/// Binding an object to parameter \p I of \p FD may keep it: a non-const
/// lvalue reference of a function (not an operator) that is not the
/// library's and whose body the file lacks or may keep it.
static bool bindingMayKeep(const FunctionDecl *FD, unsigned I,
                           unsigned Depth) {
  if (isLibraryFunction(FD) || FD->isOverloadedOperator() ||
      I >= FD->getNumParams())
    return false;
  const QualType PT = FD->getParamDecl(I)->getType();
  if (!PT->isLValueReferenceType() || isConstView(PT))
    return false;
  const FunctionDecl *Def = nullptr;
  return !FD->hasBody(Def) || keepsReferentAt(Def, I, Depth);
}

/// \p Args bind \p P (as it is) to a parameter of \p FD that may keep it
/// (bindingMayKeep), or \p FD is unknown.
static bool rebindsParam(const FunctionDecl *FD,
                         llvm::ArrayRef<const Expr *> Args,
                         const ParmVarDecl *P, unsigned Depth) {
  for (unsigned I = 0; I < Args.size(); ++I)
    if (namesParam(Args[I], P) &&
        (!FD || bindingMayKeep(FD, I, Depth + 1)))
      return true;
  return false;
}

static bool returnsIntoParam(const FunctionDecl *Def, unsigned Param,
                             unsigned Depth);

/// \p E is the object \p P is bound to, or a part of it: a field (`t.hook`),
/// a base (`static_cast<Hook &>(t)`), what a function of the file returns a
/// reference into when given it (`ToNode(t)`), or a local reference bound
/// to one of these (\p Aliases).
static bool partOfParam(const Expr *E, const ParmVarDecl *P,
                        llvm::ArrayRef<const VarDecl *> Aliases,
                        unsigned Depth) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == P ||
           llvm::is_contained(Aliases, dyn_cast<VarDecl>(DRE->getDecl()));
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return !ME->isArrow() && isa<FieldDecl>(ME->getMemberDecl()) &&
           partOfParam(ME->getBase(), P, Aliases, Depth);
  // A member call's arguments are its parameters; an operator's first one
  // may be its object, and is left out.
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && !isa<CXXOperatorCallExpr>(Call) && Depth < 4) {
    const FunctionDecl *FD = calledFunction(Call);
    const FunctionDecl *Def = nullptr;
    if (!FD || isLibraryFunction(FD) || !FD->hasBody(Def) ||
        !FD->getReturnType()->isLValueReferenceType())
      return false;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (partOfParam(Call->getArg(I), P, Aliases, Depth + 1) &&
          returnsIntoParam(Def, I, Depth + 1))
        return true;
  }
  return false;
}

/// Every return of \p Def (returning an lvalue reference) is a part of its
/// parameter \p Param (`static Node &ToNode(T &t) { return
/// static_cast<Hook &>(t).siblings; }`).
static bool returnsIntoParam(const FunctionDecl *Def, unsigned Param,
                             unsigned Depth) {
  if (Param >= Def->getNumParams() ||
      !Def->getParamDecl(Param)->getType()->isLValueReferenceType())
    return false;
  const ParmVarDecl *P = Def->getParamDecl(Param);
  bool Any = false, All = true;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || !All || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      Any = true;
      All = R->getRetValue() && partOfParam(R->getRetValue(), P, {}, Depth);
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Any && All;
}

static bool keepsReferentAt(const FunctionDecl *Def, unsigned Param,
                            unsigned Depth) {
  if (Depth > 3 || Param >= Def->getNumParams() || !Def->hasBody())
    return Depth > 3; // too deep to tell: it may
  const ParmVarDecl *P = Def->getParamDecl(Param);
  // Local references bound to a part of the object (`Node &n =
  // ToNode(t);`), in the order they are declared.
  llvm::SmallVector<const VarDecl *, 2> Aliases;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getType()->isLValueReferenceType() && V->getInit() &&
            partOfParam(V->getInit(), P, Aliases, 0))
          Aliases.push_back(V);
    for (const Stmt *C : S->children())
      Collect(C);
  };
  Collect(Def->getBody());
  // The address of the object or of a part of it that is an object of
  // its own (a list's hook, `&n` of `Node &n = ToNode(t)`): not of a
  // number or a pointer in it (`fill(&o.x)`), which says nothing of the
  // object's life.
  auto AddressOfPart = [&](const UnaryOperator *UO) {
    if (UO->getOpcode() != UO_AddrOf)
      return false;
    const Expr *Sub = UO->getSubExpr();
    return namesParam(Sub, P) ||
           (Sub->getType()->isRecordType() &&
            partOfParam(Sub, P, Aliases, 0));
  };
  auto IsAddress = [&](const Expr *E) {
    const auto *UO = dyn_cast<UnaryOperator>(E->IgnoreParenCasts());
    return UO && AddressOfPart(UO);
  };
  std::function<bool(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && AddressOfPart(UO))
      return true;
    // `this == &other` compares; `memset(&h, 0, sizeof h)`, `fread(&h,
    // ..)` only fill it.
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isComparisonOp())
      return (!IsAddress(BO->getLHS()) && Walk(BO->getLHS())) ||
             (!IsAddress(BO->getRHS()) && Walk(BO->getRHS()));
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = calledFunction(Call);
      if (FD && FD->getIdentifier() && FD->getName() == "addressof" &&
          Call->getNumArgs() == 1 && namesParam(Call->getArg(0), P))
        return true;
      llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
      // The object of a member operator call is no parameter.
      Args.erase(Args.begin(), Args.begin() + firstParameterArgument(Call));
      if (rebindsParam(FD, Args, P, Depth))
        return true;
      const bool Library = FD && isLibraryFunction(FD);
      for (const Stmt *C : S->children())
        if (!(Library && isa<Expr>(C) && IsAddress(cast<Expr>(C))) && Walk(C))
          return true;
      return false;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
      llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
      if (rebindsParam(CE->getConstructor(), Args, P, Depth))
        return true;
    }
    for (const Stmt *C : S->children())
      if (Walk(C))
        return true;
    return false;
  };
  // A constructor's member initialisers (`Frame(Buffer &b) : buf(&b) {}`).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Walk(Init->getInit()))
        return true;
  return Walk(Def->getBody());
}

bool mayKeepBoundObject(const FunctionDecl *FD, unsigned Param) {
  const BindingKey K{FD->getCanonicalDecl(), Param};
  if (auto It = keptBindings().find(K); It != keptBindings().end())
    return It->second;
  const bool Keeps = bindingMayKeep(FD, Param, 0);
  keptBindings()[K] = Keeps;
  return Keeps;
}

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
