//===- TransferAcquires.cpp - the transfer function: acquires, releases ---===//
//
// The part of TransferFunctions that changes what a path holds: an
// acquire (and what it overwrites or takes again), a release (and what it
// says of the callee that may have taken the handle), a guard's own
// unlock, release and lock methods.
//
//===----------------------------------------------------------------------===//
#include "engine/Transfer.h"
#include "catalog/FormatArgs.h"
#include "catalog/Vocabulary.h"
#include "engine/CalleeBodies.h"
#include "engine/HandOff.h"
#include "support/CalledFunction.h"
#include "support/GuardTypes.h"
#include "support/Lockables.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

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
    const bool InLoop = C.Body.enclosingLoop(Decl) != nullptr;
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
  // Another kind of resource the same object holds (`sem_init(&s, ..)`
  // then `sem_wait(&s)`: the object made, then its count taken) is
  // neither deepened, overwritten nor forgotten by this acquire.
  auto OtherKind = [&](const Acquisition &O) {
    return A.Fam && O.Fam && A.Fam->Kind != O.Fam->Kind && !O.isSeed();
  };
  for (unsigned J = 0; J < St->size(); ++J) {
    if ((J == I && !SelfOverwrite) || C.acqs()[J].Key != A.Key ||
        OtherKind(C.acqs()[J]))
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
    if (J != I && O.Key == A.Key && !O.isSeed() && !OtherKind(O) &&
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
  //
  // `new Node(list)`: a constructor of the file that lets `this` go
  // (`list.head = this;`) registers the object it builds, maybe taken
  // likewise.
  const auto *New = dyn_cast_or_null<CXXNewExpr>(A.Site);
  const CXXConstructExpr *CE = New ? New->getConstructExpr() : nullptr;
  if (!CE || C.Out.releasedInBody(A.Key, A.Fam))
    return;
  const FunctionDecl *Def = nullptr;
  if (CE->getConstructor()->hasBody(Def)) {
    if (!onlyBorrowsThis(cast<CXXMethodDecl>(Def), *A.Fam, C.Roles.catalog(),
                         C.Ctx))
      escape(I, true, CE);
    return;
  }
  if (llvm::any_of(CE->arguments(),
                   [](const Expr *Arg) {
                     return isa<CXXThisExpr>(Arg->IgnoreParenImpCasts());
                   }) &&
      keeperAmong(CE->getConstructor(), {CE->getArgs(), CE->getNumArgs()},
                  [](const Expr *Arg) {
                    return !isa<CXXThisExpr>(Arg->IgnoreParenImpCasts());
                  }))
    escape(I, true, CE);
}

/// \p Var counts from a constant up by one in \p For's init and increment
/// only, while its condition compares it with a constant (`i < n`, `i !=
/// n`): the values it takes in the body, [From, To).
static std::optional<std::pair<int64_t, int64_t>>
countedRange(const ForStmt *For, const VarDecl *Var, const BodyIndex &Body,
             ASTContext &Ctx) {
  auto Names = [&](const Expr *X) {
    const auto *DRE = X ? dyn_cast<DeclRefExpr>(X->IgnoreParenImpCasts())
                        : nullptr;
    return DRE && DRE->getDecl() == Var;
  };
  std::optional<int64_t> From;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(For->getInit());
      DS && DS->isSingleDecl() && DS->getSingleDecl() == Var && Var->getInit())
    From = constantValue(Var->getInit(), Ctx);
  else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(For->getInit());
           BO && BO->getOpcode() == BO_Assign && Names(BO->getLHS()))
    From = constantValue(BO->getRHS(), Ctx);
  const Expr *CondExpr = For->getCond();
  const auto *Cond =
      CondExpr ? dyn_cast<BinaryOperator>(CondExpr->IgnoreParenImpCasts())
               : nullptr;
  const auto *Inc = dyn_cast_or_null<UnaryOperator>(For->getInc());
  if (!From || !Cond || !Names(Cond->getLHS()) || !Inc ||
      !Inc->isIncrementOp() || !Names(Inc->getSubExpr()) ||
      Body.writeCount(Var) != 2 || !Body.writtenOnlyByName(Var))
    return std::nullopt;
  std::optional<int64_t> Bound = constantValue(Cond->getRHS(), Ctx);
  if (!Bound)
    return std::nullopt;
  int64_t To;
  switch (Cond->getOpcode()) {
  case BO_LT:
  case BO_NE:
    To = *Bound;
    break;
  case BO_LE:
    To = *Bound + 1;
    break;
  default:
    return std::nullopt;
  }
  if (To <= *From || To - *From > 16)
    return std::nullopt;
  return std::make_pair(*From, To);
}

llvm::SmallVector<HandleKey, 4>
TransferFunctions::elementsReleasedByLoop(const Expr *E,
                                          const ReleaseRole &R) {
  llvm::SmallVector<HandleKey, 4> Keys;
  const Expr *H = RuleCatalog::handleExpr(E, R.Handle.Spec);
  const auto *AS =
      H ? dyn_cast<ArraySubscriptExpr>(H->IgnoreParenImpCasts()) : nullptr;
  const auto *Idx =
      AS ? dyn_cast<DeclRefExpr>(ignoreValueCasts(AS->getIdx())) : nullptr;
  const auto *Var = Idx ? dyn_cast<VarDecl>(Idx->getDecl()) : nullptr;
  const auto *For =
      Var ? dyn_cast_or_null<ForStmt>(C.Body.enclosingLoop(E)) : nullptr;
  // The release runs in every round: the body, or a statement of it.
  const Stmt *Body = For ? For->getBody() : nullptr;
  const auto *BodyExpr = dyn_cast_or_null<Expr>(Body);
  if (!Body || !((BodyExpr && BodyExpr->IgnoreParenCasts() == E) ||
                 (isa<CompoundStmt>(Body) &&
                  llvm::any_of(cast<CompoundStmt>(Body)->body(),
                               [&](const Stmt *S) {
                                 const auto *X = dyn_cast<Expr>(S);
                                 return X && X->IgnoreParenCasts() == E;
                               }))))
    return Keys;
  // Every round runs to its end: nothing in the body leaves it early.
  if (BodyIndex::containsJump(Body))
    return Keys;
  auto Range = countedRange(For, Var, C.Body, C.Ctx);
  HandleKey Base;
  if (!Range || !C.KeyOf.keyOf(AS->getBase(), Base, false))
    return Keys;
  for (int64_t I = Range->first; I < Range->second; ++I) {
    HandleKey K = Base;
    K.addIndex(uint64_t(I));
    if (C.Keys.find(K) != ~0u)
      Keys.push_back(std::move(K));
  }
  return Keys;
}

void TransferFunctions::onRelease(const Expr *E, const ReleaseRole &R) {
  HandleKey K;
  if (CallRoles::keyFor(E, R.Handle, R.Rule->Fam->IsLock, C.KeyOf, K)) {
    releaseKey(E, R, K);
    return;
  }
  for (const HandleKey &Element : elementsReleasedByLoop(E, R))
    releaseKey(E, R, Element);
}

void TransferFunctions::releaseKey(const Expr *E, const ReleaseRole &R,
                                   const HandleKey &K) {
  const Family *Fam = R.Rule->Fam;
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
      // The caller's handle may be of either family: a function may end a
      // stream of either kind by a flag (`if (compress) deflateEnd(z);
      // else inflateEnd(z);`).
      if (A.Fam != Fam && !A.isSeed() && !R.Rule->AnyFamilyOfKind)
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
    const bool Held = S.held();
    S.dropTo(AcqState::Released);
    S.B &= ~AcqState::Entry;
    S.PendingOn = -1;
    S.LastRelease = E;
    if (Held)
      releaseOwned(J, E);
  }
}

void TransferFunctions::releaseOwned(unsigned Owner, const Expr *E) {
  // `fclose(f)` of `f = fdopen(fd, ..)` closes fd: where every path here
  // gave fd to f, fd is released by E. Only a descriptor: a block given
  // to a thread or as a stream's cookie (`g_thread_new(.., data)`,
  // `fopencookie(c, ..)`) is the taker's to free or not.
  for (State::Entry &En : St->stored()) {
    AcqState &S = En.second;
    const Family *Fam = C.acqs()[En.first].Fam;
    if (S.OwnedBy != int(Owner) || S.held() || S.B != AcqState::Escaped ||
        !Fam || Fam->Kind != "fd")
      continue;
    S.B = AcqState::Released;
    S.OwnedBy = -1;
    S.LastRelease = E;
  }
}

void TransferFunctions::closeAllDescriptors(const Expr *E, bool Tested) {
  for (State::Entry &En : St->stored()) {
    const Acquisition &A = C.acqs()[En.first];
    AcqState &S = En.second;
    if (!A.Fam || A.Fam->Kind != "fd" || A.isGuard() || !S.held())
      continue;
    if (Tested) {
      S.dropTo(AcqState::Escaped);
      continue;
    }
    S.dropTo(AcqState::Released);
    S.B &= ~AcqState::Entry;
    S.PendingOn = -1;
    S.LastRelease = E;
  }
}

void TransferFunctions::cleanupHandlerReleases(const CallExpr *E) {
  // A handler the file shows says what it does (its summary); one it
  // declares but does not show, installed for a held lock, is there to
  // unlock it. A routine the function was given may be anything.
  const FunctionDecl *FD = calledFunction(E);
  if (!FD || FD->hasBody())
    return;
  RoleHandle H;
  H.Spec = {HandleSpec::Arg, 0, 1};
  // The lock itself, or the one lock an object holds as a field, embedded
  // by value (multipath-tools' `&vecs->lock`, a `struct mutex_lock` whose
  // `pthread_mutex_t` is a field): not one of an object a field points to,
  // nor one of two locks.
  auto Within = [](const HandleKey &Obj, const HandleKey &Lock) {
    const auto &Steps = Lock.Steps;
    if (Obj.Steps.empty() || Obj.Steps.size() > Steps.size() ||
        !std::equal(Obj.Steps.begin(), Obj.Steps.end(), Steps.begin()))
      return false;
    for (size_t I = Obj.Steps.size(); I < Steps.size(); ++I) {
      if (!isa_and_nonnull<FieldDecl>(Steps[I].decl()))
        return false;
      // Past the object given, a field of a field held by value.
      const ValueDecl *Outer = Steps[I - 1].decl();
      if (I > Obj.Steps.size() && (!Outer || !Outer->getType()->isRecordType()))
        return false;
    }
    return true;
  };
  llvm::SmallVector<unsigned, 2> Locks;
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    HandleKey K;
    if (A.Fam && A.Fam->IsLock && !A.Fam->InPlace && !A.isGuard() &&
        (*St)[J].held() &&
        CallRoles::keyFor(E, H, A.Fam->IsLock, C.KeyOf, K) &&
        Within(K, C.Keys[A.Key]) &&
        !llvm::any_of(Locks, [&](unsigned L) {
          return C.acqs()[L].Key == A.Key;
        }))
      Locks.push_back(J);
  }
  if (Locks.size() != 1)
    return;
  const Acquisition &A = C.acqs()[Locks.front()];
  const auto Rel = llvm::find_if(A.Fam->Releases, [](const Release &R) {
    return R.Handle.Kind == HandleSpec::Arg && R.On == Release::Always;
  });
  if (Rel == A.Fam->Releases.end())
    return;
  ReleaseRole R;
  R.Rule = &*Rel;
  R.Handle = H;
  releaseKey(E, R, C.Keys[A.Key]);
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

} // namespace clang::tidy::raii
