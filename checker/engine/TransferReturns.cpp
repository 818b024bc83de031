//===- TransferReturns.cpp - the transfer function: returns, declarations ===//
//
// The part of TransferFunctions that follows a handle from one variable to
// another and out of the function: moves between handle variables
// (`p = tmp;`), declarations initialised with a handle, what a `return`
// gives the caller (a fresh handle, a constant, a borrowed one), a
// variable given a new value after its release, and captures by lambdas
// and initializer lists.
//
//===----------------------------------------------------------------------===//
#include "engine/HandOff.h"
#include "engine/Transfer.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

void TransferFunctions::givenAnotherValue(const ValueDecl *Root,
                                          unsigned Key) {
  for (State::Entry &Ent : St->stored()) {
    const Acquisition &A = C.acqs()[Ent.first];
    AcqState &S = Ent.second;
    if (A.IsLock || C.Keys[A.Key].root() != Root ||
        (Key != ~0u && A.Key != Key))
      continue;
    // `free(opts); opts = copy(..);`: the parameter names another value,
    // so releasing it again is no double release. The caller's handle
    // stays released (what a release wrapper's summary reads).
    if (A.isSeed()) {
      if (C.Keys[A.Key].Steps.size() == 1)
        S.LastRelease = nullptr;
      continue;
    }
    // A handle of the function's own is forgotten once released (`free(p);
    // p = NULL;` makes a later `free(p)` harmless).
    if ((S.B & AcqState::Released) && !S.held()) {
      S.B = (S.B & ~AcqState::Released) | AcqState::NotYet;
      S.LastRelease = nullptr;
      S.PendingOn = -1;
    }
  }
}

void TransferFunctions::onMove(unsigned I) {
  // `p = tmp;`: tmp's handle now lives in p.
  bool Any = false;
  const Expr *Released = nullptr;
  // A handle a callee may have taken (`list.add(p); last = p;`) stays so.
  AcqState Taken;
  for (unsigned J = 0; J < St->size(); ++J) {
    if (C.acqs()[J].Key != C.acqs()[I].MovedFromKey)
      continue;
    if ((*St)[J].held()) {
      if (const AcqState &S = (*St)[J]; (S.B & AcqState::Taken) &&
                                        !(Taken.B & AcqState::Taken)) {
        Taken.B = AcqState::Taken;
        Taken.TakenBy = S.TakenBy;
        Taken.KeptBy = S.KeptBy;
        Taken.TakerTests = S.TakerTests;
      }
      St->at(J).dropTo(AcqState::Escaped);
      Any = true;
    } else if ((*St)[J].B == AcqState::Released && (*St)[J].LastRelease) {
      Released = (*St)[J].LastRelease;
    }
  }
  if (Any) {
    onAcquire(I);
    if ((Taken.B & AcqState::Taken) && (*St)[I].held()) {
      AcqState &S = St->at(I);
      S.B |= AcqState::Taken;
      S.TakenBy = Taken.TakenBy;
      S.KeptBy = Taken.KeptBy;
      S.TakerTests = Taken.TakerTests;
    }
  } else if (Released) {
    // `free(tmp); p = tmp;` on every path: p holds a released handle, and
    // releasing it again is a second release.
    AcqState &S = St->at(I);
    S = AcqState();
    S.B = AcqState::Released;
    S.LastRelease = Released;
  }
}

bool TransferFunctions::returnsFailedValue(const Expr *E) const {
  // `fd = socket(..); if (fd < 0) return fd;`: a local whose every value
  // but constants comes from this function's acquires, none of which holds
  // here nor was let go, holds what a failed acquire gave (or a constant):
  // the failure passed on, no handle.
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!Var || !BodyIndex::isLocalVar(Var) || !C.Body.writtenOnlyByName(Var))
    return false;
  Var = Var->getCanonicalDecl();
  llvm::SmallPtrSet<const Expr *, 4> Sites;
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    if (!A.HandleVar || A.HandleVar->getCanonicalDecl() != Var)
      continue;
    if (A.isSeed() || A.Origin != Acquisition::Call ||
        (*St)[J].B != AcqState::NotYet || (*St)[J].held() ||
        (*St)[J].PendingOn != -1)
      return false;
    Sites.insert(A.Site);
  }
  return !Sites.empty() && Sites.size() == C.Body.valueWriteCount(Var);
}

ReturnedValue TransferFunctions::classifyReturn(const Expr *V) const {
  ReturnedValue R;
  if (!V || constantValue(V, C.Ctx)) {
    R.Kind = ReturnedValue::Nothing;
    return R;
  }
  const Expr *E = ignoreValueCasts(V);
  if (isa<CallExpr, CXXNewExpr>(E))
    if (auto Role = C.Roles.acquire(E);
        Role && Role->Rule->Handle.Kind == HandleSpec::Return &&
        Role->Rule->Reopens < 0) {
      R.Kind = ReturnedValue::Fresh;
      R.Rule = Role->Rule;
      R.Site = Role->ViaSite ? Role->ViaSite : E;
      return R;
    }
  if (returnsFailedValue(E)) {
    R.Kind = ReturnedValue::Nothing;
    return R;
  }
  if (const ValueDecl *Root = trackedRoot(E)) {
    for (unsigned J = 0; J < C.acqs().size(); ++J) {
      const Acquisition &A = C.acqs()[J];
      if (C.Keys[A.Key].root() != Root || C.Keys[A.Key].Steps.size() != 1 ||
          !A.Rule || A.isSeed() || !(*St)[J].held())
        continue;
      if ((*St)[J].B & ~AcqState::NotYet)
        break; // held on some paths, released or handed off on others
      R.Kind = ReturnedValue::Fresh;
      R.Acq = J;
      R.Rule = A.Rule;
      R.Site = A.ViaSite ? A.ViaSite : A.Site;
      return R;
    }
  }
  R.Kind = ReturnedValue::Other;
  return R;
}

std::optional<int64_t>
TransferFunctions::returnedConstant(const Expr *E) const {
  if (!E)
    return std::nullopt;
  if (auto V = constantValue(E, C.Ctx))
    return V;
  // `int ret = -1; ... return ret;` with ret never written again.
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(E));
  const auto *Var = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (Var && BodyIndex::isLocalVar(Var) && Var->getInit() &&
      C.Body.isUnchanged(Var) && C.Body.writtenOnlyByName(Var))
    return constantValue(Var->getInit(), C.Ctx);
  return std::nullopt;
}

/// The variables \p Value, written at \p At, reads keep, wherever the
/// function goes on, the values they had there: none is written after it
/// (`char *ret = r->name; r = malloc(n); .. return ret;` does not return
/// the new block).
bool TransferFunctions::valueStands(const Expr *Value, const Stmt *At) const {
  std::function<bool(const Stmt *)> Stands = [&](const Stmt *S) {
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
          V && V->hasLocalStorage() && C.Body.writtenAfter(V, At))
        return false;
    return !S || llvm::all_of(S->children(), Stands);
  };
  return At && Stands(Value);
}

/// The one value \p Var, a local pointer, is given and keeps: its
/// initialiser, where nothing else writes it, or, declared without one,
/// its only assignment, pointer steps aside (`res = (T *)(((uintptr_t)wrk
/// + mask) & ~mask);`), a statement of a block around \p Ret before it;
/// either only where the variables the value reads keep their values
/// after it.
const Expr *TransferFunctions::standingValue(const VarDecl *Var,
                                             const ReturnStmt *Ret) const {
  if (const Expr *Init = Var->getInit())
    return C.Body.isUnchanged(Var) &&
                   valueStands(Init, C.Body.declStmtOf(Var))
               ? Init
               : nullptr;
  // The assignment runs before \p Ret: a statement of a block around it,
  // earlier in that block.
  const auto Sites = C.Body.writeSites(Var);
  const auto *BO =
      Sites.size() == 1 ? dyn_cast<BinaryOperator>(Sites.front()) : nullptr;
  const Stmt *Block = BO ? C.Body.parent(BO) : nullptr;
  if (!BO || BO->getOpcode() != BO_Assign ||
      !isa_and_nonnull<CompoundStmt>(Block) ||
      !C.Body.isAncestor(Block, Ret) ||
      !C.Ctx.getSourceManager().isBeforeInTranslationUnit(BO->getEndLoc(),
                                                          Ret->getBeginLoc()) ||
      !C.Body.writtenOnlyByName(Var) || !valueStands(BO->getRHS(), BO))
    return nullptr;
  return BO->getRHS();
}

/// \p Var, a local integer as wide as a pointer, holds an address in its
/// initialiser's block: the initialiser converts a pointer (`uintptr_t p =
/// (uintptr_t)r;`) and the body only steps it (`p += adjust`, `p &= ~mask`,
/// `++p`), the rounding of an aligned allocation.
static bool addressInteger(const VarDecl *Var, const BodyIndex &B,
                           const ASTContext &Ctx) {
  const QualType T = Var->getType();
  if (!T->isIntegerType() ||
      Ctx.getTypeSize(T) != Ctx.getTypeSize(Ctx.VoidPtrTy))
    return false;
  const auto *Cast = dyn_cast<ExplicitCastExpr>(Var->getInit()->IgnoreParens());
  if (!Cast ||
      !Cast->getSubExpr()->IgnoreParenImpCasts()->getType()->isPointerType())
    return false;
  // Read or written by name only, and written only by steps.
  return B.writtenOnlyByName(Var) &&
         llvm::all_of(B.writeSites(Var), [](const Stmt *S) {
           if (const auto *BO = dyn_cast<BinaryOperator>(S))
             return llvm::is_contained({BO_AddAssign, BO_SubAssign,
                                        BO_AndAssign, BO_OrAssign},
                                       BO->getOpcode());
           const auto *UO = dyn_cast<UnaryOperator>(S);
           return isa<DeclStmt>(S) || (UO && UO->isIncrementDecrementOp());
         });
}

void TransferFunctions::returnsIntoFilledBlock(const VarDecl *Var,
                                               const ReturnStmt *Ret) {
  const QualType Pointee =
      Var->getType()->getPointeeType().getCanonicalType().getUnqualifiedType();
  if (Pointee->isVoidType())
    return;
  const SourceManager &SM = C.Ctx.getSourceManager();
  for (const Stmt *W : C.Body.writeSites(Var)) {
    const auto *UO = dyn_cast<UnaryOperator>(W);
    if (!UO || UO->getOpcode() != UO_AddrOf)
      continue;
    const Stmt *Out = nullptr;
    const auto *Call = dyn_cast_or_null<CallExpr>(C.Body.valueParent(UO, &Out));
    // A call before the return to a function whose body the translation
    // unit does not show (one it shows says what it does: `*out =
    // strdup(in)`), not one that acquires, given the address as a
    // declared parameter (not a variadic argument, `sscanf(s, "%ms",
    // &w)`).
    const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
    if (!FD || FD->hasBody() || C.AcqsAt.count(Call) ||
        !SM.isBeforeInTranslationUnit(Call->getEndLoc(), Ret->getBeginLoc()))
      continue;
    const auto Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
    if (llvm::find(Args, Out) - Args.begin() >= FD->getNumParams())
      continue;
    for (unsigned I = 0; I < Call->getNumArgs() && I < FD->getNumParams();
         ++I) {
      // A pointer (`&b->pw`, `s + n`) or an array field (`b->buf`) into
      // the block.
      const Expr *Arg = Call->getArg(I);
      const Expr *A = Arg->IgnoreParenImpCasts();
      QualType T;
      if (A->getType()->isPointerType())
        T = A->getType()->getPointeeType();
      else if (const auto *AT = C.Ctx.getAsArrayType(A->getType()))
        T = AT->getElementType();
      if (Arg == Out || T.isNull() ||
          T.getCanonicalType().getUnqualifiedType() != Pointee)
        continue;
      const auto *ME = dyn_cast<MemberExpr>(A);
      const ValueDecl *Root =
          trackedRoot(ME && ME->isArrow() && !A->getType()->isPointerType()
                          ? ME->getBase()
                          : BodyIndex::pointerBase(A));
      if (Root)
        escapeBlockBefore(Root, Call);
    }
  }
}

void TransferFunctions::escapeBlockBefore(const ValueDecl *Root,
                                          const CallExpr *Call) {
  // The block the root held at the call: acquired before it in the
  // source, and not replaced by another acquire before the call.
  const SourceManager &SM = C.Ctx.getSourceManager();
  auto Before = [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &Acq = C.acqs()[J];
    if (Acq.IsLock || Acq.isSeed() || !Acq.Fam || Acq.Fam->Kind != "memory" ||
        !Acq.Site || C.Keys[Acq.Key].root() != Root ||
        !Before(Acq.Site, Call))
      continue;
    const bool Replaced = llvm::any_of(C.acqs(), [&](const Acquisition &O) {
      return &O != &Acq && O.Key == Acq.Key && O.Site && !O.isSeed() &&
             Before(Acq.Site, O.Site) && Before(O.Site, Call);
    });
    if (!Replaced)
      escape(J, false, nullptr);
  }
}

void TransferFunctions::VisitReturnStmt(const ReturnStmt *S) {
  ReturnedValue V = classifyReturn(S->getRetValue());
  V.Constant = returnedConstant(S->getRetValue());
  for (unsigned J = 0; J < St->size(); ++J) {
    const AcqState &A = (*St)[J];
    V.Held.push_back(!A.held() ? 0 : A.surelyHeld() ? 1 : 2);
  }
  Ev->returned(S, V);
  // Every tracked handle the value mentions goes to the caller (`return f;`,
  // `return make_conn(fd);`, `return &p->base;`), but not one merely
  // compared (`return p != 0`), measured (`return end - p`) or read
  // through (`return c->fd;`, `return *n;`: a value out of the block,
  // which stays here), nor a pointer given to a call whose result is a
  // number (`return fgetc(f);`: the call itself may take it, as any call).
  // A local pointer nothing but its initialiser writes stands for that
  // initialiser (sudo's `debug_return_ptr(rcs->str)`: `void *ret =
  // (rcs->str); return ret;`), one declared without an initialiser for its
  // only assignment, and so does an integer holding an address in
  // its block (`uintptr_t p = (uintptr_t)r; p += adjust; return (void
  // *)p;`); a few such steps at most.
  unsigned Through = 0;
  std::function<void(const Stmt *, bool, bool)> Walk =
      [&](const Stmt *X, bool Addr, bool InNumberCall) {
    if (!X)
      return;
    if (const auto *XE = dyn_cast<Expr>(X)) {
      if (const ValueDecl *Root = trackedRoot(XE)) {
        if (!InNumberCall || Root->getType()->isIntegralOrEnumerationType())
          escapeRoot(Root);
        return;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(XE->IgnoreParenCasts());
          DRE && !Addr && Through < 4) {
        const auto *Var = dyn_cast<VarDecl>(DRE->getDecl());
        // Not a function pointer: a call through it returns no handle its
        // value was made from (`f = dlsym(h, ..); return f(x);`).
        const Expr *Value = nullptr;
        if (Var && BodyIndex::isLocalVar(Var)) {
          const QualType T = Var->getType();
          if (T->isPointerType() && !T->isFunctionPointerType())
            Value = standingValue(Var, S);
          else if (Var->getInit() && addressInteger(Var, C.Body, C.Ctx) &&
                   valueStands(Var->getInit(), C.Body.declStmtOf(Var)))
            Value = Var->getInit();
        }
        if (Value) {
          ++Through;
          Walk(Value, false, InNumberCall);
          --Through;
          return;
        }
      }
      // One element of a local handle array (`return pfd[0];`, or `ret =
      // pfd[0]; .. return ret;`) goes to the caller, and only that one.
      HandleKey K;
      if (!Addr &&
          isa<DeclRefExpr, ArraySubscriptExpr>(XE->IgnoreParenCasts()) &&
          C.KeyOf.keyOf(XE, K, false) && K.Steps.size() == 2 &&
          K.Steps[1].Kind == HandleKey::Step::ConstIndex &&
          K.root() && C.KeyOf.isHandleRoot(K.root())) {
        const unsigned Key = C.Keys.find(K);
        for (unsigned J = 0; Key != ~0u && J < C.acqs().size(); ++J)
          if (C.acqs()[J].Key == Key && !C.acqs()[J].IsLock &&
              !C.acqs()[J].isSeed())
            escape(J, false, nullptr);
        return;
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(X);
        Call && (Call->getType()->isArithmeticType() ||
                 Call->getType()->isVoidType()))
      InNumberCall = true;
    // A comparison, or the distance between two pointers, is no pointer.
    if (const auto *BO = dyn_cast<BinaryOperator>(X);
        BO && (BO->isComparisonOp() ||
               (BO->getOpcode() == BO_Sub &&
                BO->getLHS()->getType()->isPointerType() &&
                BO->getRHS()->getType()->isPointerType())))
      return;
    if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->getOpcode() == UO_AddrOf)
        return Walk(UO->getSubExpr(), true, InNumberCall);
      if (UO->getOpcode() == UO_Deref && !Addr)
        return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(X);
        ME && ME->isArrow() && !Addr && !ME->getType()->isArrayType())
      return;
    if (isa<ArraySubscriptExpr>(X) && !Addr)
      return;
    for (const Stmt *Child : X->children())
      Walk(Child, Addr && !isa<CallExpr>(X), InNumberCall);
  };
  Walk(S->getRetValue(), false, false);
  // The local pointer itself returned (`return pw;`).
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(
          S->getRetValue() ? S->getRetValue()->IgnoreParenCasts() : nullptr))
    if (const auto *Var = dyn_cast<VarDecl>(DRE->getDecl());
        Var && BodyIndex::isLocalVar(Var) && Var->getType()->isPointerType())
      returnsIntoFilledBlock(Var, S);
  if (S->getRetValue())
    escapeCopiedObject(S->getRetValue());
}

void TransferFunctions::VisitDeclStmt(const DeclStmt *S) {
  for (const Decl *D : S->decls()) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (VD && VD->hasLocalStorage())
      // A new variable (a loop runs its declaration again): what the last
      // one released is no release of this one's.
      for (State::Entry &E : St->stored()) {
        const Acquisition &A = C.acqs()[E.first];
        AcqState &X = E.second;
        if (A.HandleVar == VD && !A.IsLock && !X.held() &&
            (X.B & AcqState::Released)) {
          X.B = (X.B & ~AcqState::Released) | AcqState::NotYet;
          X.LastRelease = nullptr;
        }
      }
    if (!VD || !VD->getInit())
      continue;
    if (!VD->hasLocalStorage()) {
      escapeIfTracked(VD->getInit());
      continue;
    }
    copiedByIndex(VD->getInit(), VD->getInit());
    if (auto At = C.AcqsAt.find(VD->getInit());
        At != C.AcqsAt.end() && C.acqs()[At->second.front()].Origin ==
                                    Acquisition::Move)
      for (unsigned I : At->second)
        onMove(I);
  }
}

void TransferFunctions::VisitInitListExpr(const InitListExpr *E) {
  for (const Expr *Init : E->inits())
    escapeIfTracked(Init);
}

void TransferFunctions::VisitLambdaExpr(const LambdaExpr *E) {
  // A lambda may run later, where the function cannot see (`post([fd] {
  // serve(fd); })`): what it captures is maybe taken, as by a callee it
  // cannot see; a release by hand after it says the lambda only borrowed.
  // An init-capture (`[s = sock]`, `[p = std::move(p)]`) captures what its
  // initialiser names.
  for (const LambdaCapture &Cap : E->captures()) {
    if (!Cap.capturesVariable())
      continue;
    const ValueDecl *V = Cap.getCapturedVar();
    if (const auto *VD = dyn_cast<VarDecl>(V);
        VD && VD->isInitCapture() && VD->getInit()) {
      const Expr *Init = VD->getInit()->IgnoreParenCasts();
      if (const auto *Move = dyn_cast<CallExpr>(Init);
          Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
          Move->getDirectCallee()->isInStdNamespace() &&
          Move->getDirectCallee()->getIdentifier() &&
          Move->getDirectCallee()->getName() == "move")
        Init = Move->getArg(0);
      if (const ValueDecl *Root = trackedRoot(Init))
        escapeRoot(Root, E);
      continue;
    }
    if (C.KeyOf.isHandleRoot(V))
      escapeRoot(cast<ValueDecl>(V->getCanonicalDecl()), E);
  }
}

} // namespace clang::tidy::raii
