//===- CalleeBodies.cpp - what the file's functions do with arguments -----===//
//
// The scans of CalleeBodies.h that follow a parameter or `this` itself:
// stored (storesParameter, calleeStoresArgument), released
// (releasesParameter), only borrowed (onlyBorrows, onlyBorrowsThis) or
// passed on to a taker (forwardsToTaker); their answers cached per
// translation unit. What callees do through a pointer parameter is in
// CalleePointees.cpp, with a bound object in CalleeBindings.cpp, dup2's
// targets in CalleeDups.cpp.
//
//===----------------------------------------------------------------------===//
#include "engine/CalleeBodies.h"
#include "engine/CalleeBodiesImpl.h"
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

bool outsideLocals(const Expr *Obj) {
  return Obj->getType()->isPointerType() || !inLocal(Obj);
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

/// An object \p CE builds from the handle it is given as argument \p I may
/// keep it past the function that builds it: not a library object that
/// copies what it points to (`std::string s(p)`), and it leaves that
/// function (\p Outlives: `return Result(res);` of libpqxx's
/// make_result), its constructor is not in the file, its class has a
/// destructor of its own that may release what it keeps, or the
/// constructor's body does not only borrow it. A local object of the file
/// with none of these only reads it (`FileInfo fi(fd);`, `LineReader
/// r(f);`).
static bool constructionKeeps(const CXXConstructExpr *CE, unsigned I,
                              bool Outlives, const Family &Fam,
                              const RuleCatalog &Cat, ASTContext &Ctx) {
  if (libraryCopies(CE, I))
    return false;
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
  const FunctionDecl *Def = nullptr;
  if (Outlives || !Ctor || !Ctor->hasBody(Def) || !RD)
    return true;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (Dtor && Dtor->isUserProvided())
    return true;
  // A variadic constructor's `...` reads what it is given, as a variadic
  // function does.
  return I < Def->getNumParams() && !onlyBorrows(Def, I, Fam, Cat, Ctx);
}

/// What \p S, met above an expression, passes that expression's value on
/// through unchanged (a value a `return` or a `new` then takes).
static bool passesValue(const Stmt *S) {
  return isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ExprWithCleanups, CXXFunctionalCastExpr>(S);
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

llvm::DenseMap<BorrowKey, bool> &forwardingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
  return Answers;
}

llvm::DenseMap<BorrowKey, bool> &releasingParameters() {
  static llvm::DenseMap<BorrowKey, bool> Answers;
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
        if (Above != Parents.rend())
          if (const auto *UO = dyn_cast<UnaryOperator>(*Above);
              UO && UO->getOpcode() == UO_AddrOf)
            return fieldAddressBorrowed(UO, std::next(Above));
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
      // A library constructor that copies what it points to (`std::string
      // s(p)`), or an object of the file that only reads it and does not
      // leave the function (constructionKeeps).
      if (const auto *CE = dyn_cast<CXXConstructExpr>(Up))
        for (unsigned I = 0; I < CE->getNumArgs(); ++I)
          if (CE->getArg(I) == Child) {
            auto Above = std::next(It);
            while (Above != Parents.rend() && passesValue(*Above))
              ++Above;
            const bool Outlives = Above != Parents.rend() &&
                                  isa<ReturnStmt, CXXNewExpr>(*Above);
            return !constructionKeeps(CE, I, Outlives, Fam, Cat, Ctx);
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

  /// `&p->node` with \p Above its parents: given to a call of a project
  /// function of another file, or of this one that stores it (an
  /// intrusive list's or tree's insert, btrfs-progs' `rb_insert(&tree,
  /// &root->rb_node)`), the block it points into may be kept; given to
  /// the library or to a rule's call (`pthread_mutex_lock(&p->lock)`),
  /// stored in a local or read, borrowed.
  template <typename It>
  bool fieldAddressBorrowed(const UnaryOperator *Addr, It Above) const {
    const Stmt *Child = Addr;
    while (Above != Parents.rend() && isa<ParenExpr, CastExpr>(*Above))
      Child = *Above++;
    const auto *Call =
        Above != Parents.rend() ? dyn_cast<CallExpr>(*Above) : nullptr;
    if (!Call)
      return true;
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return false;
    if (isLibraryFunction(FD) || Cat.isRuleFunction(FD))
      return true;
    // As the caller's own call would (TransferHandOffs): a function of the
    // file keeps the block only where its body stores the node
    // (`list_add_tail(&it->list, head)`, not `node_init(&it->list)`).
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Child)
        return FD->hasBody() ? !calleeStoresArgument(Call, I)
                             : argumentFate(Call, I, false, Fam, Cat, Ctx) ==
                                   ArgFate::Borrowed;
    return true;
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
  // Outlives: S's value leaves the function (returned, or the object a
  // `new` builds).
  std::function<void(const Stmt *, bool)> Scan = [&](const Stmt *S,
                                                     bool Outlives) {
    if (!S || Forwards || isa<LambdaExpr, BlockExpr>(S))
      return;
    const auto *Call = dyn_cast<CallExpr>(S);
    const auto *CE = dyn_cast<CXXConstructExpr>(S);
    llvm::ArrayRef<const Expr *> Args;
    if (Call)
      Args = {Call->getArgs(), Call->getNumArgs()};
    else if (CE)
      Args = {CE->getArgs(), CE->getNumArgs()};
    for (unsigned I = 0; I < Args.size() && !Forwards; ++I)
      if (const auto *R = dyn_cast<DeclRefExpr>(ignoreValueCasts(Args[I]));
          R && R->getDecl() == P)
        Forwards = CE ? constructionKeeps(CE, I, Outlives, Fam, Cat, Ctx)
                      : argumentFate(Call, I, false, Fam, Cat, Ctx) !=
                            ArgFate::Borrowed;
    for (const Stmt *C : S->children())
      Scan(C, isa<ReturnStmt, CXXNewExpr>(S) || (passesValue(S) && Outlives));
  };
  Scan(Def->getBody(), false);
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
  clearPointeeAnswers();
  clearBindingAnswers();
}

} // namespace clang::tidy::raii
