//===- Transfer.cpp - the transfer function: acquires, releases, statements ===//
#include "engine/Transfer.h"
#include "catalog/FormatArgs.h"
#include "catalog/Vocabulary.h"
#include "engine/HandOff.h"
#include "support/CalledFunction.h"
#include "support/GuardTypes.h"
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

bool TransferFunctions::keeperBeside(const CallExpr *Call,
                                     unsigned Acq) const {
  auto NamesAcq = [&](const Expr *E) { return namesAcq(E, Acq); };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (MD && !MD->isConst() && Obj && !NamesAcq(Obj) &&
        (Obj->getType()->isPointerType() || !inLocal(Obj)))
      return true;
  }
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD || isa<CXXOperatorCallExpr>(Call))
    return false;
  return keeperAmong(FD, {Call->getArgs(), Call->getNumArgs()}, NamesAcq);
}

bool TransferFunctions::contextForCallback(const CallExpr *Call,
                                           unsigned Acq) const {
  const FunctionDecl *FD = calledFunction(Call);
  if (!FD)
    return false;
  bool Context = false, Callback = false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < FD->getNumParams();
       ++I) {
    const QualType PT = FD->getParamDecl(I)->getType();
    const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
    if (PT->isFunctionPointerType())
      Callback |= constantValue(Arg, C.Ctx) != 0;
    else if (PT->isVoidPointerType() &&
             !PT->getPointeeType().isConstQualified() && namesAcq(Arg, Acq))
      Context = true;
  }
  return Context && Callback;
}

bool TransferFunctions::keeperAmong(
    const FunctionDecl *FD, llvm::ArrayRef<const Expr *> Args,
    llvm::function_ref<bool(const Expr *)> Skip) const {
  auto KeeperType = [](QualType Pointee) {
    return !Pointee.isConstQualified() &&
           (Pointee->isRecordType() || Pointee->isPointerType());
  };
  for (unsigned I = 0; I < Args.size() && I < FD->getNumParams(); ++I) {
    const QualType PT = FD->getParamDecl(I)->getType();
    const Expr *Arg = Args[I]->IgnoreParenImpCasts();
    if (Skip(Arg))
      continue;
    if (PT->isReferenceType()) {
      if (KeeperType(PT.getNonReferenceType()) && !inLocal(Arg))
        return true;
      continue;
    }
    if (!PT->isPointerType() || !KeeperType(PT->getPointeeType()) ||
        !Arg->getType()->isPointerType() ||
        !KeeperType(Arg->getType()->getPointeeType()))
      continue;
    const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
    if (UO && UO->getOpcode() == UO_AddrOf && inLocal(UO->getSubExpr()))
      continue;
    if (constantValue(Arg, C.Ctx) == 0)
      continue; // `adopt(NULL, buf)`
    return true;
  }
  return false;
}

bool TransferFunctions::mayKeepOnSuccess(const Stmt *Call,
                                         unsigned Acq) const {
  // A lambda is taken by the call it is given to (`if (!pool.post([fd] {
  // .. })) close(fd);`).
  if (isa<LambdaExpr>(Call))
    for (const Stmt *P = C.Body.parent(Call); P && isa<Expr>(P);
         P = C.Body.parent(P))
      if (isa<CallExpr>(P)) {
        Call = P;
        break;
      }
  // A callee whose body the translation unit has stores the handle or
  // takes a `calls: take` family's; one it cannot see may as well borrow
  // the handle and fail, unless it is given a place to keep it, a function
  // to call with it, or returns a new object that may keep it (`e =
  // entry_create(key, v); if (!e) free(key);`).
  const auto *CE = dyn_cast<CallExpr>(Call);
  const FunctionDecl *FD = CE ? calledFunction(CE) : nullptr;
  if (!FD)
    return false;
  if (FD->hasBody() || keeperBeside(CE, Acq) || contextForCallback(CE, Acq))
    return true;
  const QualType RT = CE->getType();
  if (!RT->isPointerType() || !RT->getPointeeType()->isRecordType() ||
      RT->getPointeeType().isConstQualified())
    return false;
  // Not a member of the handle's own object (`t->get_mailbox()` returns a
  // part of it).
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  return !(MC && namesAcq(MC->getImplicitObjectArgument(), Acq));
}

void TransferFunctions::mayThrowHere(const Stmt *Where) {
  if (C.Exceptions && !C.Body.inTryBlock(Where))
    Exits->exceptionFrom(Where, *St);
}

// --- acquire and release ----------------------------------------------------

bool TransferFunctions::adoptedByExitAction(unsigned J) const {
  auto It = C.Out.AdoptingGuard.find(J);
  return It != C.Out.AdoptingGuard.end() &&
         runsActionOnEveryExit(guardDeclOf(It->second->getType()));
}

bool TransferFunctions::reopenForeign(unsigned I) {
  const Acquisition &A = C.acqs()[I];
  const auto *CE = dyn_cast_or_null<CallExpr>(A.Site);
  HandleKey K;
  if (!CE || unsigned(A.Rule->Reopens) >= CE->getNumArgs() ||
      !C.KeyOf.keyOf(CE->getArg(A.Rule->Reopens), K, false))
    return true;
  const unsigned Key = C.Keys.find(K);
  // The stream the function holds moves into the reopened one (freopen
  // closes it even where it fails).
  bool Held = false;
  for (unsigned J = 0; Key != ~0u && J < St->size(); ++J)
    if (C.acqs()[J].Key == Key && (*St)[J].held()) {
      St->at(J).dropTo(AcqState::Escaped);
      if (J != I) // the last round's stream, reopened again: no hand-off
        Ev->handedOff(J, nullptr, A.Site);
      Held = true;
    }
  return !Held;
}

void TransferFunctions::onAcquire(unsigned I) {
  Acquisition &A = C.acqs()[I];
  const bool Try = A.Rule && A.Rule->Try;
  // Every way out of here says whether this path surely held the lock.
  struct Veto {
    const Acquisition &A;
    unsigned I;
    AnalysisEvents &Ev;
    bool Reacquired = false;
    ~Veto() {
      if (A.IsLock && !Reacquired)
        Ev.notReacquired(I, A.Site);
    }
  } V{A, I, *Ev};
  const bool Foreign = A.Rule && A.Rule->Reopens >= 0 && reopenForeign(I);
  // A handle acquired again by the same call while it holds the last one
  // (`for (;;) { fd = open(..); .. }`) loses it like any overwrite; not when
  // the call initialises a variable declared there, a new one each time
  // (the last one was lost where its scope ended).
  const Stmt *Decl = A.HandleVar ? C.Body.declStmtOf(A.HandleVar) : nullptr;
  const bool SelfOverwrite = !A.IsLock && !A.isSeed() &&
                             !(Decl && C.Body.isAncestor(Decl, A.Site));
  // Reached again still holding the last handle, whose variable was a new
  // one (`for (;;) { int fd = open(..); if (fd < 0) break; .. }`): that
  // handle was lost where the variable's scope ended, the compound
  // statement, or the loop or `if` whose condition declares it (unless the
  // path already says where, `continue`). Outside any loop a backward
  // `goto` came back: the handle was lost to this acquire. Not when this
  // call lets go of it where it succeeds (`T *tmp = realloc(keys, n); ..
  // keys = tmp;`, keys a copy of the last round's tmp).
  if (!A.IsLock && !A.isSeed() && !SelfOverwrite && (*St)[I].held() &&
      (*St)[I].Causes.empty() && (*St)[I].PendingOn != int(I)) {
    const AcqState &Last = (*St)[I];
    const Stmt *Scope = C.Body.parent(Decl);
    bool InLoop = false;
    for (const Stmt *P = Scope; P && !InLoop; P = C.Body.parent(P))
      InLoop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P);
    State Only = State::nothing(St->size());
    AcqState &Lost = Only.at(I);
    Lost = Last;
    const Stmt *Taker = (Last.B & AcqState::Taken) ? Last.taker() : nullptr;
    if (Scope && InLoop)
      Lost.addCause({SkipCause::ScopeEnd, Scope, Taker});
    else
      Lost.addCause({SkipCause::Overwrite, A.Site, Taker});
    Ev->leftFunction(Only);
  }
  for (unsigned J = 0; J < St->size(); ++J) {
    if ((J == I && !SelfOverwrite) || C.acqs()[J].Key != A.Key)
      continue;
    const Acquisition &O = C.acqs()[J];
    AcqState &S = St->at(J);
    if (A.IsLock && O.isGuard() && !A.isGuard() && (S.B & AcqState::Lent) &&
        !S.held()) {
      // The guard's lock, released by hand, is taken again by hand.
      S.B &= ~AcqState::Lent;
      S.setHeld();
      Ev->acquired(I);
      return;
    }
    if (O.isSeed()) {
      if (A.IsLock && (S.B & AcqState::Released) && !A.isGuard()) {
        // The caller's lock, let go and taken back (`unlock(&mu); wait();
        // lock(&mu);`): the caller holds it again; nothing new to release.
        S.B = (S.B & ~AcqState::Released) | AcqState::Entry;
        S.LastRelease = nullptr;
        S.PendingOn = -1;
        Ev->acquired(I);
        return;
      }
      // The handle variable gets a new handle: the parameter's, where still
      // held, is no longer named by it (and the function is no release
      // wrapper); where already released it stays released (`fclose(f); f
      // = fopen(..);` still releases the caller's handle), and releasing
      // the new one is no second release of it.
      if (S.B & AcqState::Entry)
        S.B = (S.B & ~AcqState::Entry) | AcqState::Escaped;
      S.LastRelease = nullptr;
      S.PendingOn = -1;
      continue;
    }
    if (A.IsLock && !A.isGuard() && !Try && !(A.Reentrant || O.Reentrant) &&
        S.B == (AcqState::Escaped | AcqState::Adopted) &&
        adoptedByExitAction(J)) {
      // Still locked: the scope guard's action unlocks it when the scope
      // ends.
      Ev->reacquired(J, A.Site);
      V.Reacquired = true;
      continue;
    }
    if (!S.held())
      continue;
    if (A.IsLock) {
      if (A.Reentrant || O.Reentrant) {
        if (!A.isGuard()) {
          // Nested in the holder: one level deeper (until a test of a
          // conditional acquire says it failed).
          S.Depths = uint8_t((S.Depths << 1) | (S.Depths & 0x80));
          if (A.Rule && A.Rule->isConditional())
            S.DeeperOn = int(I);
          // Its result is new: a value the variable had before says
          // nothing of it. (Stale means stored: no insertion.)
          if ((*St)[I].ResultStale)
            St->at(I).ResultStale = false;
          Ev->acquired(I);
          return;
        }
        continue;
      }
      if (S.surelyHeld() && !Try) {
        Ev->reacquired(J, A.Site);
        V.Reacquired = true;
      }
    } else if (!O.isGuard() && S.PendingOn != int(I)) {
      // The handle variable is overwritten while it still holds a handle
      // (`p = realloc(p, n)` is reported on its own).
      State Only = State::nothing(St->size());
      AcqState &Lost = Only.at(J);
      Lost = S;
      // A callee that may have taken the handle (`dispatch(fd)` in an
      // accept loop) makes this no loss, as on any other exit.
      Lost.addCause({SkipCause::Overwrite, A.Site,
                     (S.B & AcqState::Taken) ? S.taker() : nullptr});
      Ev->leftFunction(Only);
    }
  }
  for (unsigned J = 0; J < St->size(); ++J) {
    const Acquisition &O = C.acqs()[J];
    if (J != I && O.Key == A.Key && !O.isSeed() &&
        (!A.IsLock || !(*St)[J].held() || O.isGuard() == A.isGuard()))
      St->at(J) = AcqState();
  }
  AcqState &S = St->at(I);
  S = AcqState();
  if (Foreign) {
    // `freopen(.., stdin)`: the stream stays its owner's (a second fclose
    // is still a double release).
    S.B = AcqState::Entry;
    Ev->acquired(I);
    return;
  }
  S.B = 0;
  S.setHeld();
  Ev->acquired(I);
  // `new Network(this, id)`: a constructor the file cannot see, given the
  // object that makes it, may register the new object with its maker (a Qt
  // parent, znc's user): maybe taken from the start, unless the function
  // deletes it somewhere. (Other objects given to a constructor are more
  // often copied from: `new ROW(to_row, ..)`, `new WERD(.., clone)`.)
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(A.Site))
    if (const CXXConstructExpr *CE = New->getConstructExpr();
        CE && !CE->getConstructor()->hasBody() &&
        !C.Out.releasedInBody(A.Key, A.Fam) &&
        llvm::any_of(CE->arguments(),
                     [](const Expr *Arg) {
                       return isa<CXXThisExpr>(Arg->IgnoreParenImpCasts());
                     }) &&
        keeperAmong(CE->getConstructor(), {CE->getArgs(), CE->getNumArgs()},
                    [](const Expr *Arg) {
                      return !isa<CXXThisExpr>(Arg->IgnoreParenImpCasts());
                    }))
      escape(I, true, CE);
}

void TransferFunctions::onRelease(const Expr *E, const ReleaseRole &R) {
  const Family *Fam = R.Rule->Fam;
  HandleKey K;
  if (!CallRoles::keyFor(E, R.Handle, Fam->IsLock, C.KeyOf, K))
    return;
  const bool OnSuccess = R.Rule->On == Release::OnSuccess;
  auto At = C.AcqsAt.find(E);
  const int Pending = OnSuccess && At != C.AcqsAt.end()
                          ? int(At->second.front())
                          : -1;
  unsigned Key = C.Keys.find(K);
  if (Key == ~0u)
    return;
  for (unsigned J = 0; J < St->size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    if (A.Key != Key)
      continue;
    AcqState &S = St->at(J);
    if (A.isGuard()) {
      // A guard's lock released by hand: the guard will take it back or
      // release it when it dies.
      if (S.held())
        S.dropTo(AcqState::Lent);
      continue;
    }
    if (!A.Fam || A.Fam->Kind != Fam->Kind)
      continue;
    // A lock the caller held may be taken again in ways the function does
    // not show (pthread_cond_wait, a wrapper without summary): releasing it
    // twice is no evidence.
    if ((S.B & AcqState::Released) && S.PendingOn < 0 && S.LastRelease &&
        S.LastRelease != E && !(S.held() && A.Reentrant) &&
        !(A.isSeed() && A.IsLock))
      Ev->doubleRelease(J, E, S.LastRelease);
    bool Holds = S.held() || (S.B & AcqState::Entry);
    if (S.held() && (S.B & AcqState::Taken)) {
      for (const Expr *By : {S.TakenBy, S.KeptBy}) {
        if (!By)
          continue;
        if (const uint8_t Edges = By == S.taker() ? S.releaseEdges() : 0;
            Edges && mayKeepOnSuccess(By, J))
          Ev->releasedOnEdge(J, By, Edges);
        else
          Ev->releasedAfterTake(J, By);
      }
    }
    if (Holds) {
      if (A.Fam != Fam)
        Ev->mismatchedRelease(J, E, R.Rule);
      else
        Ev->released(J, E);
    }
    if (!Holds && !(S.B & AcqState::Released)) {
      // A lock a guard took over, unlocked by hand before its scope ends
      // (then dismissed, `lock_m.release()`): no longer held.
      if (A.IsLock && S.B == (AcqState::Escaped | AcqState::Adopted))
        S.B = AcqState::Escaped;
      continue;
    }
    if (Pending >= 0 && (S.held() || (S.B & AcqState::Entry))) {
      S.B |= AcqState::Released;
      S.PendingOn = Pending;
      S.PendingEscape = false;
      S.LastRelease = E;
      continue;
    }
    if (A.Reentrant && S.held() && (S.Depths & ~1u)) {
      bool Last = S.Depths & 1;
      S.Depths >>= 1;
      if (Last)
        S.B |= AcqState::Released;
      S.LastRelease = E;
      continue;
    }
    S.dropTo(AcqState::Released);
    S.B &= ~AcqState::Entry;
    S.PendingOn = -1;
    S.LastRelease = E;
  }
}

const llvm::SmallVector<unsigned, 2> *
TransferFunctions::guardAcqsOf(const CXXMemberCallExpr *MC) const {
  const auto *DRE = dyn_cast<DeclRefExpr>(
      MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  auto It = V ? C.GuardAcqs.find(V) : C.GuardAcqs.end();
  return It == C.GuardAcqs.end() ? nullptr : &It->second;
}

bool TransferFunctions::guardMemberCall(const CXXMemberCallExpr *MC) {
  const llvm::SmallVector<unsigned, 2> *Acqs = guardAcqsOf(MC);
  if (!Acqs)
    return false;
  const CXXMethodDecl *MD = MC->getMethodDecl();
  llvm::StringRef N =
      MD && MD->getIdentifier() ? MD->getName() : llvm::StringRef();
  for (unsigned I : *Acqs) {
    if (isUnlockMethodName(N))
      St->at(I).dropTo(AcqState::Released);
    else if (isGuardReleaseMethodName(N))
      St->at(I).dropTo(AcqState::Escaped);
    else if (isBlockingLockMethodName(N))
      onAcquire(I);
  }
  return true;
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
  auto At = C.AcqsAt.find(E);
  if (At != C.AcqsAt.end()) {
    handOffArgs(E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    for (unsigned I : At->second)
      onAcquire(I);
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
             !(MC && guardMemberCall(MC))) {
    handOffArgs(E, llvm::ArrayRef(E->getArgs(), E->getNumArgs()));
    if (MC)
      handOffObject(MC);
  }
  if (endsPath(E))
    St->Reachable = false;
}

bool TransferFunctions::endsPath(const CallExpr *E) {
  auto [NoReturn, New] = NoReturnCache.try_emplace(E, false);
  if (New) {
    const FunctionDecl *FD = calledFunction(E);
    NoReturn->second = FD && !FD->isNoReturn() && C.Roles.neverReturns(E);
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
  const FunctionDecl *OpNew = E->getOperatorNew();
  if (C.Exceptions && (!OpNew || C.Policy.mayThrow(OpNew)))
    mayThrowHere(E);
  // `new (slot) T *(p)`, `new int(fd)`: the handle is stored in the new
  // object. (A constructor's arguments are visited with the constructor.)
  if (const Expr *Init = E->getInitializer();
      Init && !isa<CXXConstructExpr, InitListExpr, ParenListExpr>(
                  Init->IgnoreImplicit()))
    escapeIfTracked(Init);
  if (auto At = C.AcqsAt.find(E); At != C.AcqsAt.end())
    for (unsigned I : At->second)
      onAcquire(I);
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
  if (!E->getConstructor()->isTrivial())
    if (const auto *FPT =
            E->getConstructor()->getType()->getAs<FunctionProtoType>();
        FPT && !FPT->isNothrow() && C.Exceptions &&
        C.Policy.mayThrow(E->getConstructor()))
      mayThrowHere(E);
}

void TransferFunctions::VisitBinaryOperator(const BinaryOperator *E) {
  if (!E->isAssignmentOp())
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(E->getLHS()->IgnoreParenImpCasts());
  const auto *LHSVar = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  // Another value in an acquire's result variable (`rc = work();` after
  // `rc = trylock(&m)`): its tests no longer tell of the acquire. (The
  // acquire's own assignment, also through `rc = s ? prepare(..) : NOMEM`,
  // is none.) Also where the acquire failed and left nothing: joined with
  // a path that holds, the test would say it holds.
  if (LHSVar)
    for (unsigned J = 0; J < St->size(); ++J)
      if (const Acquisition &A = C.acqs()[J];
          A.ResultVar && A.Site &&
          A.ResultVar->getCanonicalDecl() == LHSVar->getCanonicalDecl() &&
          (E->getOpcode() != BO_Assign || !C.Body.isAncestor(E, A.Site)))
        St->at(J).ResultStale = true;
  if (E->getOpcode() != BO_Assign)
    return;
  if (!LHSVar || !LHSVar->hasLocalStorage() ||
      LHSVar->getType()->isReferenceType()) {
    escapeIfTracked(E->getRHS());
    return;
  }
  const auto *Root = cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl());
  auto At = C.AcqsAt.find(E);
  if (C.SeedVars.count(Root))
    forgetSeedRelease(Root);
  // Only variables that hold handles have anything to forget.
  if (!C.KeyOf.isHandleRoot(Root) && At == C.AcqsAt.end())
    return;
  // `p = nullptr;` while p holds a handle: the author dropped it on purpose
  // (typically after handing it over); stop tracking.
  if (constantValue(E->getRHS(), C.Ctx) == 0)
    escapeRoot(Root);
  // Overwriting the handle variable forgets a released handle (`free(p);
  // p = NULL;` makes a later `free(p)` harmless).
  for (State::Entry &Ent : St->stored()) {
    const Acquisition &A = C.acqs()[Ent.first];
    AcqState &S = Ent.second;
    if (!A.IsLock && !A.isSeed() && C.Keys[A.Key].root() == Root &&
        (S.B & AcqState::Released) && !S.held()) {
      S.B = (S.B & ~AcqState::Released) | AcqState::NotYet;
      S.LastRelease = nullptr;
      S.PendingOn = -1;
    }
  }
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
