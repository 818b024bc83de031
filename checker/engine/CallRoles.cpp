//===- CallRoles.cpp - acquire and release roles of calls -----------------===//
#include "engine/CallRoles.h"
#include "catalog/Vocabulary.h"
#include "engine/Summaries.h"
#include "support/CalledFunction.h"
#include "support/ExitingCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

namespace {
/// The second half of a RoleCache key: what kind of expression calls.
enum CalleeKind : unsigned { Call, Construct, New, NewArray, Delete, DeleteArray };
/// The `lock()` member of \p RD or of one of its bases, or null.
const CXXMethodDecl *lockMember(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "lock" && M->param_empty())
      return M;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXMethodDecl *M =
            lockMember(B.getType()->getAsCXXRecordDecl()))
      return M;
  return nullptr;
}
} // namespace

void RoleCache::lockEachArg(const FunctionDecl *FD,
                            llvm::SmallVectorImpl<AcquireRole> &Out) const {
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    QualType T = FD->getParamDecl(I)->getType().getNonReferenceType();
    if (const CXXMethodDecl *M = lockMember(T->getAsCXXRecordDecl()))
      if (const Acquire *Rule = Cat.acquireRuleFor(M)) {
        AcquireRole R;
        R.Rule = Rule;
        R.Handle.Spec = {HandleSpec::Arg, I, 1};
        Out.push_back(std::move(R));
      }
  }
}

/// The local variable \p Callee calls through (`closefunc(f)`,
/// `(*closefunc)(f)`), if a pointer to function of automatic storage.
static const VarDecl *pointerVariable(const Expr *Callee) {
  const Expr *E = Callee->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
                 V->getType()->isFunctionPointerType()
             ? V
             : nullptr;
}

/// The values \p V's function gives it, by initialiser or assignment, into
/// \p Out; false where it gives it anything else too (its address taken,
/// a reference bound to it, an increment, a value read from elsewhere than
/// a function's name or null).
static bool functionValues(const VarDecl *V,
                           llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  const auto *Fn = dyn_cast<FunctionDecl>(V->getDeclContext());
  if (!Fn || !Fn->getBody())
    return false;
  ASTContext &Ctx = V->getASTContext();
  auto Value = [&](const Expr *E) {
    if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      return true;
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_AddrOf)
      E = UO->getSubExpr()->IgnoreParens();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *FD = DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
    if (FD)
      Out.push_back(FD);
    return FD != nullptr;
  };
  if (V->getInit() && !Value(V->getInit()))
    return false;
  bool Ok = true;
  // Every mention of V is a call through it, a test of it, or a store of a
  // function into it.
  struct Walk {
    const VarDecl *V;
    llvm::function_ref<bool(const Expr *)> Value;
    bool &Ok;
    void visit(const Stmt *S, const Stmt *Parent) {
      if (!S || !Ok)
        return;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
          DRE && DRE->getDecl() == V) {
        // Read (an lvalue-to-rvalue conversion), or stored to by `=`; not
        // bound to a reference, its address taken, or changed otherwise.
        const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
        const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent);
        if (BO && BO->getOpcode() == BO_Assign && BO->getLHS() == DRE)
          Ok = Value(BO->getRHS());
        else
          Ok = Cast && Cast->getCastKind() == CK_LValueToRValue;
        return;
      }
      for (const Stmt *C : S->children())
        visit(C, isa_and_nonnull<ParenExpr>(S) ? Parent : S);
    }
  };
  Walk{V, Value, Ok}.visit(Fn->getBody(), nullptr);
  return Ok;
}

std::unique_ptr<Release> RoleCache::releaseThrough(const VarDecl *V) const {
  llvm::SmallVector<const FunctionDecl *, 2> Values;
  if (!functionValues(V, Values) || Values.empty())
    return nullptr;
  const Release *First = nullptr;
  bool AnyFamily = false;
  for (const FunctionDecl *FD : Values) {
    const Release *R = Cat.releaseRuleFor(FD);
    if (!R || R->On != Release::Always ||
        R->Handle.Kind != HandleSpec::Arg)
      return nullptr;
    if (!First) {
      First = R;
      continue;
    }
    if (R->Handle.Index != First->Handle.Index ||
        R->Fam->Kind != First->Fam->Kind)
      return nullptr;
    AnyFamily |= R->Fam != First->Fam;
  }
  auto Out = std::make_unique<Release>(*First);
  Out->Function = V->getName().str();
  Out->AnyFamilyOfKind |= AnyFamily;
  return Out;
}

RoleCache::Callee *RoleCache::calleeOf(const Expr *E) {
  const FunctionDecl *Direct = nullptr;
  const void *Decl = nullptr;
  unsigned Kind;
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    Direct = calledFunction(C);
    if (!Direct) {
      // A local function pointer given only releases (or null) keeps
      // their role; any other pointer may hold anything.
      const VarDecl *V = pointerVariable(C->getCallee());
      if (!V)
        return nullptr;
      std::unique_ptr<Callee> &Slot = Entries[{V, Call}];
      if (!Slot) {
        Slot = std::make_unique<Callee>();
        if ((Slot->Owned = releaseThrough(V))) {
          ReleaseRole R;
          R.Rule = Slot->Owned.get();
          R.Handle.Spec = Slot->Owned->Handle;
          Slot->Releases.push_back(std::move(R));
        }
      }
      return Slot->Releases.empty() ? nullptr : Slot.get();
    }
    Decl = Direct;
    Kind = Call;
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    Decl = CE->getConstructor();
    if (!Decl)
      return nullptr;
    Kind = Construct;
  } else if (const auto *N = dyn_cast<CXXNewExpr>(E)) {
    // Placement `new` constructs in storage it does not own (the catalog
    // matches it to nothing).
    if (N->getNumPlacementArgs() > 0 && !N->shouldNullCheckAllocation())
      return nullptr;
    Kind = N->isArray() ? NewArray : New;
  } else if (const auto *D = dyn_cast<CXXDeleteExpr>(E)) {
    Kind = D->isArrayForm() ? DeleteArray : Delete;
  } else {
    return nullptr;
  }
  std::unique_ptr<Callee> &Slot = Entries[{Decl, Kind}];
  if (Slot)
    return Slot.get();
  // The catalog's answer depends on the callee (or the spelling of `new`
  // and `delete`) only, so \p E stands for every call of it.
  auto C = std::make_unique<Callee>();
  if (const Acquire *A = Cat.matchAcquire(E)) {
    AcquireRole R;
    R.Rule = A;
    R.Handle.Spec = A->Handle;
    C->Acquire = std::move(R);
  }
  if (const Release *Rel = Cat.matchRelease(E)) {
    ReleaseRole R;
    R.Rule = Rel;
    R.Handle.Spec = Rel->Handle;
    C->Releases.push_back(std::move(R));
  }
  if (isLockEachFunction(Direct))
    lockEachArg(Direct, C->EachArg);
  C->FD = Direct;
  C->MaySummarise = Summaries && Direct && !Cat.isRuleFunction(Direct);
  Slot = std::move(C); // the catalog never calls back: Slot is still valid
  return Slot.get();
}

const FunctionSummary *RoleCache::summary(Callee &C, unsigned Depth) {
  if (!C.MaySummarise || Depth >= SummaryTable::MaxDepth)
    return nullptr;
  if (C.SummaryFinal)
    return C.Summary;
  bool Final = false;
  const FunctionSummary *S = Summaries->summaryOf(C.FD, Depth, &Final);
  if (Final) {
    C.SummaryFinal = true;
    C.Summary = S;
  }
  return S;
}

bool RoleCache::neverReturns(Callee &C, unsigned Depth) {
  if (!Summaries || !C.FD)
    return false;
  // The table keeps its first answer per function; so does this.
  if (!C.NeverReturns)
    C.NeverReturns = Summaries->neverReturns(C.FD, Depth);
  return *C.NeverReturns;
}

const AcquireRole *CallRoles::acquire(const Expr *E) const {
  RoleCache::Callee *C = Cache.calleeOf(E);
  if (!C)
    return nullptr;
  if (C->Acquire)
    return &*C->Acquire;
  if (const FunctionSummary *S = Cache.summary(*C, Depth))
    if (S->Acquires)
      return &*S->Acquires;
  return nullptr;
}

llvm::ArrayRef<AcquireRole> CallRoles::acquireEach(const Expr *E) const {
  if (!isa<CallExpr>(E))
    return {};
  RoleCache::Callee *C = Cache.calleeOf(E);
  return C ? llvm::ArrayRef<AcquireRole>(C->EachArg)
           : llvm::ArrayRef<AcquireRole>();
}

llvm::ArrayRef<ReleaseRole> CallRoles::releases(const Expr *E) const {
  RoleCache::Callee *C = Cache.calleeOf(E);
  if (!C)
    return {};
  if (!C->Releases.empty())
    return C->Releases;
  if (const FunctionSummary *S = Cache.summary(*C, Depth))
    return S->Releases;
  return {};
}

llvm::ArrayRef<KeepRole> CallRoles::keeps(const Expr *E) const {
  RoleCache::Callee *C = Cache.calleeOf(E);
  if (!C || !C->Releases.empty() || C->Acquire)
    return {};
  if (const FunctionSummary *S = Cache.summary(*C, Depth))
    return S->Keeps;
  return {};
}

bool CallRoles::hasRole(const Expr *E) const {
  RoleCache::Callee *C = Cache.calleeOf(E);
  if (!C)
    return false;
  if (C->Acquire || !C->Releases.empty() || !C->EachArg.empty())
    return true;
  const FunctionSummary *S = Cache.summary(*C, Depth);
  return S && (S->Acquires || !S->Releases.empty());
}

bool CallRoles::neverReturns(const CallExpr *C) const {
  const FunctionDecl *FD = calledFunction(C);
  if (!FD)
    return false;
  if (FD->isNoReturn() || exitsByStatus(C) || exitsByFatalName(C))
    return true;
  RoleCache::Callee *Entry = Cache.calleeOf(C);
  return Entry && Cache.neverReturns(*Entry, Depth);
}

/// \p E is a null pointer literal (`nullptr`, `NULL`, `0`, `(void *)0`).
static bool nullLiteral(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return true;
  const auto *IL = dyn_cast<IntegerLiteral>(E);
  return IL && IL->getValue() == 0;
}

/// \p E and \p F name the same variable.
static bool sameVariable(const Expr *E, const Expr *F) {
  const auto *A = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *B = dyn_cast<DeclRefExpr>(F->IgnoreParenImpCasts());
  return A && B &&
         A->getDecl()->getCanonicalDecl() == B->getDecl()->getCanonicalDecl();
}

/// `p == sb ? nullptr : p`, `!p ? NULL : p`, `p ? p : NULL` (fish's buffer
/// that starts on the stack, `realloc(p == sb ? nullptr : p, n)`): p,
/// where the null arm is taken exactly where p is what it is compared with,
/// something that holds no block the function acquired, or null.
static const Expr *unlessEqual(const Expr *HE) {
  const auto *CO = dyn_cast<ConditionalOperator>(HE->IgnoreParenImpCasts());
  if (!CO)
    return nullptr;
  const bool NullWhenTrue = nullLiteral(CO->getTrueExpr());
  if (!NullWhenTrue && !nullLiteral(CO->getFalseExpr()))
    return nullptr;
  const Expr *Own = NullWhenTrue ? CO->getFalseExpr() : CO->getTrueExpr();
  const Expr *Cond = CO->getCond()->IgnoreParenImpCasts();
  bool EqualWhenTrue; // the condition is true where p equals the other
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    // Compared with what holds no block of the function's own (a local
    // array, a global, a parameter, null): not with a local that may hold
    // p's block (`q = c ? p : NULL; free(p == q ? NULL : p)`).
    const Expr *Other = sameVariable(BO->getLHS(), Own)   ? BO->getRHS()
                        : sameVariable(BO->getRHS(), Own) ? BO->getLHS()
                                                          : nullptr;
    if (!Other || !(nullLiteral(Other) || notAcquiredHere(Other)))
      return nullptr;
    EqualWhenTrue = BO->getOpcode() == BO_EQ;
  } else if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
             UO && UO->getOpcode() == UO_LNot) {
    if (!sameVariable(UO->getSubExpr(), Own))
      return nullptr;
    EqualWhenTrue = true; // `!p`: p equals null
  } else if (sameVariable(Cond, Own)) {
    EqualWhenTrue = false; // `p`: p is not null
  } else {
    return nullptr;
  }
  return EqualWhenTrue == NullWhenTrue ? Own : nullptr;
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
  if (const Expr *Own = unlessEqual(HE))
    HE = Own;
  if (!Keys.keyOf(HE, Out, StripDeref || !H.Fields.empty()))
    return false;
  for (const ValueDecl *F : H.Fields)
    Out.addDecl(F);
  return true;
}

} // namespace clang::tidy::raii
