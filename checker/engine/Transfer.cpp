//===- Transfer.cpp - the transfer function: entry, calls, statements -----===//
#include "engine/Transfer.h"
#include "catalog/FormatArgs.h"
#include "catalog/Vocabulary.h"
#include "engine/CalleeBodies.h"
#include "engine/HandOff.h"
#include "engine/Leaving.h"
#include "support/CalledFunction.h"
#include "support/GuardTypes.h"
#include "support/LibraryFunctions.h"
#include "support/Lockables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

void TransferFunctions::apply(const Stmt *S, State &State, AnalysisEvents &Events,
                     ExitSink &Sink) {
  if (!State.Reachable)
    return;
  St = &State;
  Ev = &Events;
  Exits = &Sink;
  Element = S;
  Visit(S);
  Element = nullptr;
}

void TransferFunctions::destroy(const VarDecl *Var, State &State) {
  if (auto Adopted = C.AdoptedBy.find(Var); Adopted != C.AdoptedBy.end())
    for (unsigned J : Adopted->second)
      if (State[J].B & AcqState::Adopted)
        State.at(J).B &= ~AcqState::Adopted;
  auto It = C.GuardAcqs.find(Var);
  if (It == C.GuardAcqs.end())
    return;
  for (unsigned I : It->second)
    if (const AcqState &A = State[I]; A.held() || (A.B & AcqState::Lent))
      State.at(I).dropTo(AcqState::Released);
}

void TransferFunctions::cleanUp(const VarDecl *Var, State &State) {
  // The cleanup function is called with `&Var`: it frees, closes or unlocks
  // what the variable holds (GLib's g_autofree, g_autoptr, g_auto; systemd's
  // _cleanup_; <raii/cleanup.h>). Locks: the one its initialiser took
  // (`= g_mutex_locker_new(&m)`) or names (`= &m`).
  const auto *Root = cast<ValueDecl>(Var->getCanonicalDecl());
  HandleKey Pointee;
  unsigned PointeeKey = ~0u;
  if (const Expr *Init = Var->getInit())
    if (C.KeyOf.keyOf(Init, Pointee, /*StripDeref=*/true))
      PointeeKey = C.Keys.find(Pointee);
  llvm::ArrayRef<unsigned> InitAcqs;
  if (const Expr *Init = Var->getInit())
    if (auto At = C.AcqsAt.find(ignoreValueCasts(Init)); At != C.AcqsAt.end())
      InitAcqs = At->second;
  for (State::Entry &E : State.stored()) {
    const unsigned J = E.first;
    const Acquisition &A = C.acqs()[J];
    AcqState &S = E.second;
    if (!S.held() || A.isGuard() || A.isSeed())
      continue;
    const HandleKey &K = C.Keys[A.Key];
    bool Owned = !A.IsLock && K.Steps.size() == 1 && K.root() == Root;
    bool Unlocks = A.IsLock && (A.Key == PointeeKey ||
                                llvm::is_contained(InitAcqs, J));
    if (!Owned && !Unlocks)
      continue;
    S.dropTo(AcqState::Released);
    S.B &= ~AcqState::Entry;
    S.PendingOn = -1;
  }
}

bool TransferFunctions::namesAcq(const Expr *E, unsigned Acq) const {
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(E, Named);
  return llvm::is_contained(Named, Acq);
}

void TransferFunctions::mayThrowHere(const Stmt *Where) {
  if (C.Exceptions && !C.Body.inTryBlock(Where))
    Exits->exceptionFrom(Where, *St);
}

// --- statements -------------------------------------------------------------

void TransferFunctions::noteNonHeap(const Expr *E) {
  if (!C.Out.NonHeapCandidates.empty() &&
      llvm::any_of(C.Out.NonHeapCandidates,
                   [&](const NonHeapRelease &N) { return N.ReleaseExpr == E; }))
    Ev->releasedNonHeap(E);
}

void TransferFunctions::VisitCallExpr(const CallExpr *E) {
  noteNonHeap(E);
  for (const ReleaseRole &R : C.Roles.releases(E)) {
    if (R.Handle.Spec.Kind != HandleSpec::Format) {
      onRelease(E, R);
      continue;
    }
    // `sqlite3_mprintf("%z ..", s)`: each argument of a `%z` is released.
    llvm::SmallVector<unsigned, 2> Args;
    formatArgs(E, R.Handle.Spec.Index, R.Rule->Conversion, Args);
    for (unsigned I : Args) {
      ReleaseRole One = R;
      One.Handle.Spec = {HandleSpec::Arg, I, 1};
      onRelease(E, One);
    }
  }
  if (closesAllDescriptors(E))
    closeAllDescriptors(E, C.Body.valueUsed(E));
  // `pthread_exit(res)`: the thread's result, handed to `pthread_join` as
  // a return hands its value to the caller.
  if (E->getNumArgs() == 1 && endsThread(E)) {
    const Expr *Res = E->getArg(0)->IgnoreParenCasts();
    if (const auto *CO = dyn_cast<ConditionalOperator>(Res)) {
      escapeIfTracked(CO->getTrueExpr()); // `ok ? res : NULL`
      escapeIfTracked(CO->getFalseExpr());
    } else {
      escapeIfTracked(Res);
    }
  }
  if (C.Roles.releases(E).empty() && runsCleanupHandler(E, C.Ctx))
    cleanupHandlerReleases(E);
  writtenThroughArgs(E);
  auto At = C.AcqsAt.find(E);
  if (At != C.AcqsAt.end()) {
    movesBefore(E);
    handOffArgs(E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    // `sug->suggestions()` returning `new Sugs(this)`: the new object may
    // keep the one it was made by.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
      handOffObject(MC);
    for (unsigned I : At->second)
      onAcquire(I);
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
             !(MC && guardMemberCall(MC))) {
    handOffArgs(E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    if (MC)
      handOffObject(MC);
  }
  copiedIntoObject(E);
  if (endsPath(E))
    St->Reachable = false;
}

bool TransferFunctions::namesArrayHandle(const Expr *Value,
                                         const Expr *Element) const {
  const auto *AS = dyn_cast<ArraySubscriptExpr>(Element->IgnoreParens());
  const auto *Base =
      AS ? dyn_cast<DeclRefExpr>(AS->getBase()->IgnoreParenImpCasts())
         : nullptr;
  if (!Base)
    return false;
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(Value, Named);
  return llvm::any_of(Named, [&](unsigned J) {
    return C.Keys[C.acqs()[J].Key].root() ==
           Base->getDecl()->getCanonicalDecl();
  });
}

void TransferFunctions::writtenThroughArgs(const CallExpr *E) {
  if (St->stored().empty())
    return;
  // Which variables the call may write depends on the call alone: found
  // once per function.
  auto [It, New] = WrittenThrough.try_emplace(E);
  if (New)
    findWrittenThrough(E, It->second);
  for (const ValueDecl *Root : It->second)
    givenAnotherValue(Root);
}

void TransferFunctions::findWrittenThrough(
    const CallExpr *E, llvm::SmallVectorImpl<const ValueDecl *> &Roots) {
  const FunctionDecl *FD = calledFunction(E);
  // The parameters as the call sees them: the callee's, or the prototype
  // of the pointer it is called through. The object of a member operator
  // call (`functor(&p)`) is an argument before them.
  const FunctionProtoType *Proto = nullptr;
  if (!FD)
    if (const Expr *Callee = E->getCallee()) {
      QualType T = Callee->IgnoreParenImpCasts()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      Proto = T->getAs<FunctionProtoType>();
    }
  const unsigned First = firstParameterArgument(E);
  const FunctionDecl *Def = nullptr;
  const bool OwnBody = FD && FD->hasBody(Def) && !isLibraryFunction(FD);
  for (unsigned I = First; I < E->getNumArgs(); ++I) {
    const auto *UO =
        dyn_cast<UnaryOperator>(E->getArg(I)->IgnoreParenCasts());
    if (!UO || UO->getOpcode() != UO_AddrOf)
      continue;
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    // Of a variable that holds a handle's value (not an object initialised
    // in place, `pthread_attr_destroy(&attr)`).
    if (!V || !BodyIndex::isOwnedVar(V) ||
        !(V->getType()->isPointerType() || V->getType()->isIntegerType()))
      continue;
    const auto *Root = cast<ValueDecl>(V->getCanonicalDecl());
    if (!C.SeedVars.count(Root) && !C.KeyOf.isHandleRoot(Root))
      continue;
    // Through a parameter that may write: not `const T *`, not a variadic
    // argument (`printf("%p", &p)`), not one a body of the file only reads
    // through; any, through a pointer with no prototype.
    const unsigned Param = I - First;
    if (FD && (Param >= FD->getNumParams() ||
               isConstView(FD->getParamDecl(Param)->getType()) ||
               (OwnBody && !writesThroughParameter(Def, Param))))
      continue;
    if (Proto && (Param >= Proto->getNumParams() ||
                  isConstView(Proto->getParamType(Param))))
      continue;
    Roots.push_back(Root);
  }
}

void TransferFunctions::copiedIntoObject(const CallExpr *E) {
  if (St->stored().empty())
    return;
  // `attr_ = attr;` (a class's assignment operator), `o->emplace(attr)`:
  // a non-const member of an object outside the function's locals.
  const Expr *Dest = nullptr;
  llvm::ArrayRef<const Expr *> Args(E->getArgs(), E->getNumArgs());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Equal || Args.size() != 2)
      return;
    Dest = Args[0];
    Args = Args.drop_front();
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || MD->isConst())
      return;
    Dest = MC->getImplicitObjectArgument();
  }
  if (!Dest || !outsideLocals(Dest))
    return;
  for (const Expr *Arg : Args)
    escapeCopiedObject(Arg);
}

bool TransferFunctions::comparedWithForeign(const VarDecl *V) {
  if (!ComparedWithForeign) {
    ComparedWithForeign.emplace();
    findComparedWithForeign(C.Body.body());
  }
  return ComparedWithForeign->count(V->getCanonicalDecl());
}

void TransferFunctions::findComparedWithForeign(const Stmt *S) {
  if (!S)
    return;
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isComparisonOp()) {
    const Expr *Sides[2] = {BO->getLHS()->IgnoreParenImpCasts(),
                            BO->getRHS()->IgnoreParenImpCasts()};
    for (unsigned I = 0; I < 2; ++I) {
      const auto *DRE = dyn_cast<DeclRefExpr>(Sides[I]);
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      const Expr *Other = Sides[1 - I];
      if (V && (notAcquiredHere(Other) || (!V->getType()->isPointerType() &&
                                           numberNamed(Other, C.Ctx))))
        ComparedWithForeign->insert(V->getCanonicalDecl());
    }
  }
  for (const Stmt *Child : S->children())
    findComparedWithForeign(Child);
}

bool TransferFunctions::endsPath(const CallExpr *E) {
  auto [NoReturn, New] = NoReturnCache.try_emplace(E, false);
  if (New) {
    const FunctionDecl *FD = calledFunction(E);
    NoReturn->second = FD && !FD->isNoReturn() && neverReturns(E, C);
  }
  return NoReturn->second;
}

bool TransferFunctions::inertOnUntouched(const Stmt *S) {
  auto [It, New] = InertCache.try_emplace(S, false);
  if (!New)
    return It->second;
  bool Inert = !C.AcqsAt.count(S);
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    // A guard's `lock()` takes its lock again.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
    Inert = Inert && !(MC && guardAcqsOf(MC)) && !endsPath(CE);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    // A value in a result variable marks it stale (VisitBinaryOperator).
    const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (BO->isAssignmentOp() && V)
      for (const Acquisition &A : C.acqs())
        if (A.ResultVar &&
            A.ResultVar->getCanonicalDecl() == V->getCanonicalDecl())
          Inert = false;
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    // A move into a new variable (VisitDeclStmt).
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (VD && VD->getInit() && C.AcqsAt.count(VD->getInit()))
        Inert = false;
    }
  }
  It->second = Inert; // no insertion since try_emplace: It is valid
  return Inert;
}

void TransferFunctions::VisitCXXNewExpr(const CXXNewExpr *E) {
  // The CFG has no exception edge for `new`: it fails before acquiring. A
  // non-throwing allocation function (`new (std::nothrow)`, placement
  // `new (p)`) cannot, the global ones only while allocation failure
  // throws (the nothrow policy); a constructor that may throw gets its own
  // edge.
  if (newMayThrow(E, C))
    mayThrowHere(E);
  // `new (slot) T *(p)`, `new int(fd)`: the handle is stored in the new
  // object. (A constructor's arguments are visited with the constructor.)
  if (const Expr *Init = E->getInitializer();
      Init && !isa<CXXConstructExpr, InitListExpr, ParenListExpr>(
                  Init->IgnoreImplicit()))
    escapeIfTracked(Init);
  if (auto At = C.AcqsAt.find(E); At != C.AcqsAt.end()) {
    movesBefore(E);
    for (unsigned I : At->second)
      onAcquire(I);
  }
}

void TransferFunctions::movesBefore(const Expr *E) {
  if (auto Moves = C.MovesBefore.find(E); Moves != C.MovesBefore.end())
    for (unsigned I : Moves->second)
      onMove(I);
}

void TransferFunctions::VisitCXXDeleteExpr(const CXXDeleteExpr *E) {
  noteNonHeap(E);
  for (const ReleaseRole &R : C.Roles.releases(E))
    onRelease(E, R);
}

void TransferFunctions::VisitCXXConstructExpr(const CXXConstructExpr *E) {
  if (auto At = C.AcqsAt.find(E); At != C.AcqsAt.end()) {
    for (unsigned I : At->second)
      onAcquire(I);
    return;
  }
  adoptByGuard(E);
  adoptByExitAction(E);
  handOffArgs(E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
  if (constructMayThrow(E, C))
    mayThrowHere(E);
}

void TransferFunctions::VisitBinaryOperator(const BinaryOperator *E) {
  if (!E->isAssignmentOp())
    return;
  // (`*(&p) = NULL` of a macro given `&p` writes p.)
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueCasts(E->getLHS()));
  const auto *LHSVar = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // Another value in an acquire's result variable (`rc = work();` after
  // `rc = trylock(&m)`): its tests no longer tell of the acquire. (The
  // acquire's own assignment, also through `rc = s ? prepare(..) : NOMEM`,
  // is none.) Also where the acquire failed and left nothing: joined with
  // a path that holds, the test would say it holds.
  // Another value, of something else, in the variable of a handle still
  // held (`fd = fileno(stdin);` over an open descriptor): a later `fd !=
  // fileno(stdin)` no longer tells whether the acquisition is held. Not a
  // constant (`fd = -1;` after `keep = fd;`, the handle taken elsewhere),
  // nor a value made from the handle (`buf = memset(buf, ..)`, `p += 8`).
  // Asked only of an assignment to a held handle's variable: every
  // assignment of the function passes here on every path.
  auto OtherValue = [&] {
    return E->getOpcode() == BO_Assign &&
           !constantValue(E->getRHS(), C.Ctx) &&
           !BodyIndex::refersTo(E->getRHS(), LHSVar);
  };
  if (LHSVar)
    for (unsigned J = 0; J < St->size(); ++J)
      if (const Acquisition &A = C.acqs()[J];
          A.Site &&
          ((A.ResultVar && A.ResultVar->getCanonicalDecl() ==
                               LHSVar->getCanonicalDecl()) ||
           (A.HandleVar &&
            A.HandleVar->getCanonicalDecl() == LHSVar->getCanonicalDecl() &&
            (*St)[J].held() && comparedWithForeign(A.HandleVar) &&
            OtherValue())) &&
          (E->getOpcode() != BO_Assign || !C.Body.isAncestor(E, A.Site)))
        St->at(J).ResultStale = true;
  if (E->getOpcode() != BO_Assign)
    return;
  if (LHSVar && LHSVar->hasLocalStorage())
    copiedByIndex(E->getRHS(), E);
  auto At = C.AcqsAt.find(E);
  if (!LHSVar || !LHSVar->hasLocalStorage() ||
      LHSVar->getType()->isReferenceType()) {
    // `close(p[0]); p[0] = tmp;`: an element of a local array given
    // another value (not one of the same array's handles, `p[0] = p[1]`:
    // an alias this does not follow).
    if (HandleKey K; !LHSVar &&
                     isa<ArraySubscriptExpr>(E->getLHS()->IgnoreParens()) &&
                     C.KeyOf.keyOf(E->getLHS(), K, false) &&
                     K.Steps.size() == 2 &&
                     K.Steps[1].Kind == HandleKey::Step::ConstIndex &&
                     BodyIndex::isLocalVar(K.root()) &&
                     !namesArrayHandle(E->getRHS(), E->getLHS()))
      if (const unsigned Key = C.Keys.find(K); Key != ~0u)
        givenAnotherValue(K.root(), Key);
    // `c.buf = p;`, c a local object (Collector): the handle moves there.
    if (At != C.AcqsAt.end()) {
      for (unsigned I : At->second)
        onMove(I);
      return;
    }
    escapeIfTracked(E->getRHS());
    if (!inLocal(E->getLHS()))
      escapeCopiedObject(E->getRHS());
    return;
  }
  const auto *Root = cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
  // Only variables that hold handles have anything to forget.
  if (!C.SeedVars.count(Root) && !C.KeyOf.isHandleRoot(Root) &&
      At == C.AcqsAt.end())
    return;
  // `p = nullptr;` while p holds a handle: the author dropped it on purpose
  // (typically after handing it over); stop tracking.
  if (constantValue(E->getRHS(), C.Ctx) == 0)
    escapeRoot(Root);
  givenAnotherValue(Root);
  if (At != C.AcqsAt.end()) {
    for (unsigned I : At->second)
      onMove(I);
    return;
  }
  // Another value in the variable of a handle a callee may have kept
  // (`list_add(&it->link, &head)`, then `it = next_item(..)` walking the
  // list): the callee keeps it; the variable names something else now.
  llvm::SmallVector<unsigned, 4> Named;
  namedAcqs(E->getRHS(), Named);
  for (State::Entry &Ent : St->stored()) {
    const Acquisition &A = C.acqs()[Ent.first];
    AcqState &S = Ent.second;
    if (!A.IsLock && !A.isSeed() && C.Keys[A.Key].root() == Root &&
        S.held() && (S.B & AcqState::Taken) &&
        !llvm::is_contained(Named, Ent.first))
      S.dropTo(AcqState::Escaped);
  }
}

void TransferFunctions::VisitCoroutineSuspendExpr(
    const CoroutineSuspendExpr *E) {
  // The implicit initial and final suspensions are not the body's: at the
  // final one the body's locals are gone, and a lock still held by hand is
  // a skipped release.
  if (const auto *Await = dyn_cast<CoawaitExpr>(E); Await && Await->isImplicit())
    return;
  Ev->suspended(E, *St);
}

} // namespace clang::tidy::raii
