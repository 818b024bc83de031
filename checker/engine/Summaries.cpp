//===- Summaries.cpp - function summaries inside the translation unit -----===//
#include "engine/Summaries.h"
#include "engine/BodyIndex.h"
#include "engine/FunctionAnalysis.h"
#include "engine/HandOff.h"
#include "engine/OutParams.h"
#include "support/CalledFunction.h"
#include "support/ExitingCalls.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include <functional>

namespace clang::tidy::raii {

/// The role handle for \p K as seen by a caller of \p Fn: a parameter or
/// `this` plus fields, or a fixed global. False for keys a caller cannot
/// name (locals, array elements).
static bool callerHandle(const HandleKey &K, const FunctionDecl *Fn,
                         RoleHandle &H) {
  if (K.empty())
    return false;
  for (unsigned I = 1; I < K.Steps.size(); ++I)
    if (K.Steps[I].Kind != HandleKey::Step::Decl)
      return false;
  auto Fields = [&] {
    for (unsigned I = 1; I < K.Steps.size(); ++I)
      H.Fields.push_back(K.Steps[I].decl());
  };
  if (K.isThisBased()) {
    H.Spec.Kind = HandleSpec::This;
    Fields();
    return true;
  }
  const ValueDecl *Root = K.root();
  if (const auto *P = dyn_cast_or_null<ParmVarDecl>(Root)) {
    if (P->getDeclContext() != Fn)
      return false;
    H.Spec.Kind = HandleSpec::Arg;
    H.Spec.Index = P->getFunctionScopeIndex();
    Fields();
    return true;
  }
  if (const auto *V = dyn_cast_or_null<VarDecl>(Root);
      V && V->hasGlobalStorage()) {
    H.Spec.Kind = HandleSpec::Global;
    H.Fixed = K;
    return true;
  }
  return false;
}

/// How a function whose every `return` hands back the result of conditional
/// acquire \p Site (`return pthread_mutex_trylock(&m) == 0;`) reports
/// success: as \p Inner does for the call itself, the other way round for
/// its test against zero or its negation. Nullopt when some return gives
/// anything else (the lock is then taken whatever it returns).
static std::optional<Success> returnedSuccess(const FunctionDecl *Def,
                                              const Expr *Site,
                                              Success Inner) {
  std::optional<Success> Out;
  bool Other = false;
  auto Flip = [](Success S) {
    return S == Success::Zero ? Success::True : Success::Zero;
  };
  auto Strip = [](const Expr *E) {
    return E ? E->IgnoreParenImpCasts() : nullptr;
  };
  auto IsZero = [&](const Expr *E) {
    Expr::EvalResult R;
    return E && !E->isValueDependent() &&
           E->EvaluateAsInt(R, Def->getASTContext()) &&
           R.Val.getInt().isZero();
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Other || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      const Expr *V = Strip(Ret->getRetValue());
      std::optional<Success> Says;
      if (V == Site)
        Says = Inner;
      else if (Inner == Success::Positive) // a test of a count is no count
        Says = std::nullopt;
      else if (const auto *Not = dyn_cast_or_null<UnaryOperator>(V);
               Not && Not->getOpcode() == UO_LNot &&
               Strip(Not->getSubExpr()) == Site)
        Says = Flip(Inner);
      else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(V);
               BO && BO->isEqualityOp()) {
        const Expr *L = Strip(BO->getLHS()), *R = Strip(BO->getRHS());
        if ((L == Site && IsZero(R)) || (R == Site && IsZero(L)))
          Says = BO->getOpcode() == BO_EQ ? Flip(Inner) : Inner;
      }
      if (!Says || (Out && *Out != *Says))
        Other = true;
      else
        Out = Says;
      return;
    }
    for (const Stmt *C : S->children())
      Walk(C);
  };
  Walk(Def->getBody());
  return Other ? std::nullopt : Out;
}

/// How a function reports that it holds acquire \p I, when each of its
/// `return`s gives a constant, or a value its paths' branches tell zero or
/// not, and holds the lock exactly where that value says (`if (rc ==
/// EBUSY) return false; ...; return true;`, `if (!e->meta) unlock(&m);
/// return e->meta;`).
static std::optional<Success> successByReturns(const FunctionAnalysis &FA,
                                               unsigned I) {
  std::optional<bool> HeldWhenNonzero;
  for (const FunctionAnalysis::ReturnState &RS : FA.AtReturns) {
    const State &St = RS.St;
    if (!St.Reachable || St.size() <= I)
      continue;
    std::optional<bool> Nonzero = RS.Truth;
    Expr::EvalResult R;
    if (RS.Ret->getRetValue()->EvaluateAsInt(R, FA.Fn->getASTContext()))
      Nonzero = !R.Val.getInt().isZero();
    if (!Nonzero)
      return std::nullopt;
    const AcqState &A = St[I];
    if (A.held() != A.surelyHeld())
      return std::nullopt; // held on some paths only
    const bool Says = A.held() == *Nonzero;
    if (HeldWhenNonzero && *HeldWhenNonzero != Says)
      return std::nullopt;
    HeldWhenNonzero = Says;
  }
  if (!HeldWhenNonzero)
    return std::nullopt;
  return *HeldWhenNonzero ? Success::True : Success::Zero;
}

/// \p Def does nothing with its parameter \p P but release it and lend it:
/// every use is an argument of a release of \p Fam, an argument a call
/// only borrows (`setsockopt(fd, ..)`, `fstat(fd, &st)`), or a read of
/// the value in place (a test or comparison, the condition of `?:`, the
/// discarded side of `,`, an integer sum, `*p`, `p->f`, `p[i]`). A copy
/// (`int x = fd;`, through `?:` or `,`), a store, a return, its address or
/// a field's (`&it->node`), pointer arithmetic, a capture or a call that
/// may take it (`watch_fd(fd)`, `list_add(l, item)`, `configure(fd)` of
/// another file) may have handed it off where the function succeeded.
static bool onlyLendsBesidesRelease(const FunctionDecl *Def,
                                    const ParmVarDecl *P, const Family &Fam,
                                    const RuleCatalog &Cat) {
  ASTContext &Ctx = Def->getASTContext();
  bool Lends = true;
  // Walks \p S with the expression that holds each node as its value user.
  std::function<void(const Stmt *, const Stmt *)> Scan =
      [&](const Stmt *S, const Stmt *User) {
        if (!S || !Lends)
          return;
        if (isa<LambdaExpr, BlockExpr>(S)) {
          Lends = false; // a capture may outlive the call
          return;
        }
        if (const auto *R = dyn_cast<DeclRefExpr>(S); R && R->getDecl() == P) {
          // Through the casts that keep the value, to what uses it.
          const Stmt *U = User;
          if (const auto *Call = dyn_cast_or_null<CallExpr>(U)) {
            if (Cat.matchRelease(Call))
              return;
            for (unsigned I = 0; I < Call->getNumArgs(); ++I)
              if (Call->getArg(I)->IgnoreParenCasts() == R)
                if (argumentFate(Call, I, false, Fam, Cat, Ctx) !=
                    ArgFate::Borrowed)
                  Lends = false;
            return;
          }
          // A comparison, a test, an integer sum read the value; an
          // assignment's right side, the second operand of `,`, an arm of
          // `?:` and pointer arithmetic pass it (or a pointer into it) on.
          if (const auto *BO = dyn_cast_or_null<BinaryOperator>(U))
            Lends = BO->isComparisonOp() || BO->isLogicalOp() ||
                    (BO->isAssignmentOp()
                         ? BO->getLHS()->IgnoreParenCasts() == R
                     : BO->getOpcode() == BO_Comma
                         ? BO->getLHS()->IgnoreParenCasts() == R
                         : !BO->getType()->isPointerType());
          else if (const auto *CO = dyn_cast_or_null<ConditionalOperator>(U))
            Lends = CO->getCond()->IgnoreParenCasts() == R;
          else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(U))
            Lends = UO->getOpcode() != UO_AddrOf;
          else
            Lends = isa_and_nonnull<MemberExpr, ArraySubscriptExpr, IfStmt,
                                    WhileStmt, ForStmt, DoStmt, SwitchStmt>(
                U);
          return;
        }
        // `&p->node`, `&p[i]`: a pointer into the block (an intrusive
        // list's `list_add(&it->node, &head)` keeps the block).
        if (const auto *UO = dyn_cast<UnaryOperator>(S);
            UO && UO->getOpcode() == UO_AddrOf) {
          const Expr *In = UO->getSubExpr()->IgnoreParenCasts();
          while (isa<MemberExpr, ArraySubscriptExpr>(In))
            In = (isa<MemberExpr>(In) ? cast<MemberExpr>(In)->getBase()
                                      : cast<ArraySubscriptExpr>(In)->getBase())
                     ->IgnoreParenCasts();
          if (const auto *B = dyn_cast<DeclRefExpr>(In); B && B->getDecl() == P) {
            Lends = false;
            return;
          }
        }
        // Casts and parentheses pass the value on to their own user.
        const Stmt *Next = isa<CastExpr, ParenExpr>(S) ? User : S;
        for (const Stmt *C : S->children())
          Scan(C, Next);
      };
  Scan(Def->getBody(), nullptr);
  return Lends;
}

/// The convention by which a function's result tells whether it released
/// seed \p I (its caller's handle), when it releases it on exactly the
/// returns that report failure and on none that report success: every
/// return's value known (a constant, or what its paths' branches tell),
/// the seed on each released on every path there or untouched on every
/// path. A pointer or `bool` reports success by a nonzero value, an
/// integer by zero (`return -1;` after `close(fd)`).
static std::optional<KeepRole> keptByResult(const FunctionAnalysis &FA,
                                            unsigned I) {
  const QualType RT = FA.Fn->getReturnType();
  if (!RT->isPointerType() && !RT->isIntegerType())
    return std::nullopt;
  const bool NonzeroKeeps = RT->isPointerType() || RT->isBooleanType();
  bool Kept = false, Released = false, FailsNegative = true;
  for (const FunctionAnalysis::ReturnState &R : FA.AtReturns) {
    if (!R.St.Reachable || R.St.size() <= I)
      continue;
    const AcqState &A = R.St[I];
    const bool Gone = A.B == AcqState::Released && !A.held();
    const bool Still =
        !(A.B & (AcqState::Released | AcqState::Escaped | AcqState::Taken |
                 AcqState::NotYet | AcqState::Lent)) &&
        (A.held() || (A.B & AcqState::Entry));
    if (!Gone && !Still)
      return std::nullopt;
    std::optional<bool> Nonzero = R.Truth;
    const std::optional<int64_t> Constant = FA.constantReturned(R.Ret);
    if (Constant)
      Nonzero = *Constant != 0;
    if (!Nonzero || *Nonzero != (Still == NonzeroKeeps))
      return std::nullopt;
    if (Gone && !(Constant && *Constant < 0))
      FailsNegative = false;
    (Still ? Kept : Released) = true;
  }
  if (!Kept || !Released)
    return std::nullopt;
  KeepRole K;
  K.KeptWhen = NonzeroKeeps ? Success::True : Success::Zero;
  K.FailsNegative = FailsNegative && RT->isSignedIntegerType();
  return K;
}

/// Makes \p S's acquire role: a rule named after \p Def acquiring a handle
/// of \p Fam through \p H, with the acquire \p Site inside it.
static void setAcquire(FunctionSummary &S, const FunctionDecl *Def,
                       RoleHandle H, InvalidValue Invalid, const Family *Fam,
                       const Stmt *Site) {
  auto A = std::make_unique<Acquire>();
  A->Function = Def->getNameAsString();
  A->Handle = H.Spec;
  A->Invalid = Invalid;
  A->Fam = Fam;
  AcquireRole Role;
  Role.Rule = A.get();
  Role.Handle = std::move(H);
  Role.Via = Def;
  Role.ViaSite = Site;
  S.OwnedAcquire = std::move(A);
  S.Acquires = std::move(Role);
}

/// The function lets go of lock \p Key that its caller held on entry (a
/// seed released on some path: `unlock(&m); wait(); lock(&m);`), so taking
/// it again is no acquire for the caller.
static bool seedReleased(const FunctionAnalysis &FA, unsigned Key) {
  return llvm::any_of(FA.Acquisitions, [&](const Acquisition &A) {
    return A.isSeed() && A.Key == Key && A.SeedReleasedOnSomePath;
  });
}

std::unique_ptr<FunctionSummary>
SummaryTable::build(const FunctionDecl *Def, const FunctionAnalysis &FA) {
  auto S = std::make_unique<FunctionSummary>();
  const std::string Name = Def->getNameAsString();
  // Releases: seeds let go on every path that held them, or on exactly
  // those that report failure.
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &A = FA.Acquisitions[I];
    if (!A.isSeed() || !A.SeedReleasedOnSomePath)
      continue;
    RoleHandle H;
    if (!callerHandle(FA.Keys[A.Key], Def, H))
      continue;
    if (A.SeedKeptOnSomePath) {
      // Released where it fails. Kept where it succeeds only if it does
      // nothing with the handle but lend it: the seed's state says nothing
      // of a hand-off (a caller's handle is not the function's to give),
      // so `list_add(l, item)` before `return true;` shows only in the
      // body.
      if (H.Spec.Kind != HandleSpec::Arg || !H.Fields.empty() || A.IsLock ||
          !A.Fam || H.Spec.Index >= Def->getNumParams())
        continue;
      if (std::optional<KeepRole> K = keptByResult(FA, I)) {
        K->KeepsOnSuccess = onlyLendsBesidesRelease(
            Def, Def->getParamDecl(H.Spec.Index), *A.Fam, Cat);
        K->Handle = std::move(H);
        S->Keeps.push_back(std::move(*K));
      }
      continue;
    }
    auto R = std::make_unique<Release>();
    R->Function = Name;
    R->Handle = H.Spec;
    R->Fam = A.Fam;
    for (const Expr *E : A.Releases)
      if (const auto *Call = dyn_cast<CallExpr>(E))
        if (const Release *Rel = Cat.releaseRuleFor(calledFunction(Call));
            Rel && Rel->Fam != A.Fam)
          R->AnyFamilyOfKind = true;
    ReleaseRole Role;
    Role.Rule = R.get();
    Role.Handle = std::move(H);
    Role.Via = Def;
    Role.ViaSite = A.Releases.empty() ? nullptr : A.Releases.front();
    S->OwnedReleases.push_back(std::move(R));
    S->Releases.push_back(std::move(Role));
  }
  // Acquire: every return gives a fresh handle of one family, or nothing.
  const Acquire *Fresh = nullptr;
  const Stmt *FreshSite = nullptr;
  bool Other = FA.Returns.empty();
  for (const auto &[Ret, V] : FA.Returns) {
    if (V.Kind == ReturnedValue::Other ||
        (V.Kind == ReturnedValue::Fresh && Fresh &&
         Fresh->Fam != V.Rule->Fam)) {
      Other = true;
      break;
    }
    if (V.Kind == ReturnedValue::Fresh && !Fresh) {
      Fresh = V.Rule;
      FreshSite = V.Site;
    }
  }
  QualType RT = Def->getReturnType();
  if (!Other && Fresh && (RT->isPointerType() || RT->isIntegerType())) {
    RoleHandle H;
    H.Spec.Kind = HandleSpec::Return;
    // A pointer wrapper fails with null, or with the all-ones pointer
    // of an acquire it returns as it is (`return mmap(..);`).
    InvalidValue Invalid = Fresh->Invalid;
    if (RT->isPointerType() && Invalid != InvalidValue::AllOnes)
      Invalid = InvalidValue::Null;
    setAcquire(*S, Def, std::move(H), Invalid, Fresh->Fam, FreshSite);
    return S;
  }
  // Acquire: a lock on an outside object held on every normal exit (a
  // tested result is fine when the failure path does not return; an
  // exception from the lock itself leaves nothing held), released on none,
  // or let go and taken again in between (`retry: .. unlock(&m); wait();
  // lock(&m); goto retry;`: some acquisition of it holds it on every path
  // that returns).
  for (unsigned I = 0; I < FA.Acquisitions.size(); ++I) {
    const Acquisition &L = FA.Acquisitions[I];
    if (L.isSeed() || L.isGuard() || !L.IsLock || L.LocalObject ||
        !L.Rule || !L.Reached || FA.AtNormalExit.size() <= I ||
        !FA.AtNormalExit.Reachable)
      continue;
    if (L.ReleasedSomewhere || !FA.AtNormalExit[I].held()) {
      if (seedReleased(FA, L.Key))
        continue;
      // Held on some exits only, exactly where the value returned says
      // (`if (!e->meta) unlock(&m); return e->meta;`): a conditional
      // acquire.
      std::optional<Success> Says;
      if (!FA.lockHeldAtNormalExits(L.Key))
        Says = FA.lockResultConvention(I);
      if (!Says && !FA.lockHeldAtNormalExits(L.Key))
        continue;
      RoleHandle H;
      if (!callerHandle(FA.Keys[L.Key], Def, H))
        continue;
      setAcquire(*S, Def, std::move(H), InvalidValue::None, L.Fam, L.Site);
      if (Says)
        S->OwnedAcquire->SuccessWhen = *Says;
      break;
    }
    // A try-lock wrapper holds the lock only when it says so: a conditional
    // acquire with its own success convention, from what it returns (`bool
    // try_lock() { return pthread_mutex_trylock(&m_) == 0; }`) or from
    // where it holds it (`if (rc == EBUSY) return false; ... return true;`).
    std::optional<Success> Says;
    if (L.Rule->isConditional()) {
      Says = returnedSuccess(Def, cast<Expr>(L.Site), L.Rule->SuccessWhen);
      if (!Says && !FA.AtNormalExit[I].surelyHeld())
        Says = successByReturns(FA, I);
    }
    if (!Says && !FA.AtNormalExit[I].surelyHeld())
      continue;
    RoleHandle H;
    if (!callerHandle(FA.Keys[L.Key], Def, H))
      continue;
    setAcquire(*S, Def, std::move(H), InvalidValue::None, L.Fam, L.Site);
    if (Says) {
      S->OwnedAcquire->SuccessWhen = *Says;
      S->OwnedAcquire->Try = L.Rule->Try;
    }
    break;
  }
  return S;
}

const FunctionSummary *SummaryTable::summaryOf(const FunctionDecl *FD,
                                               unsigned Depth, bool *Final) {
  if (Final)
    *Final = false;
  if (Depth >= MaxDepth || !FD)
    return nullptr;
  if (Final)
    *Final = true;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def || Def->isDependentContext() ||
      Def->isInvalidDecl())
    return nullptr;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def); MD && MD->isVirtual())
    return nullptr; // the call may go to an override
  if (isLibraryFunction(Def))
    return nullptr;
  auto It = Done.find(Def);
  if (It != Done.end()) {
    if (Final)
      *Final = !Pending.contains(Def);
    return It->second.get();
  }
  Done[Def] = nullptr; // recursion: no summary while being summarised
  Pending.insert(Def);
  std::unique_ptr<FunctionSummary> S;
  if (auto FA = Analyze(Def, Depth + 1); FA && FA->Analyzed)
    S = build(Def, *FA);
  if (!S || !S->Acquires)
    if (auto Out = outParamAcquire(Def, outParamRoles(Depth))) {
      if (!S)
        S = std::make_unique<FunctionSummary>();
      RoleHandle H;
      H.Spec = {HandleSpec::Out, Out->Param, 1};
      setAcquire(*S, Def, std::move(H), Out->Invalid, Out->Fam, Out->Site);
      S->OwnedAcquire->SuccessWhen = Out->SuccessWhen;
    }
  if (S && S->Releases.empty() && S->Keeps.empty() && !S->Acquires)
    S.reset();
  Pending.erase(Def);
  auto &Slot = Done[Def];
  Slot = std::move(S);
  return Slot.get();
}

OutParamRoles SummaryTable::outParamRoles(unsigned Depth) {
  OutParamRoles R;
  // The catalog's answer, else the callee's own summary one level down.
  auto Summary = [this, Depth](const Expr *E) -> const FunctionSummary * {
    const auto *Call = dyn_cast<CallExpr>(E);
    const FunctionDecl *FD = Call ? calledFunction(Call) : nullptr;
    return FD && !Cat.isRuleFunction(FD) ? summaryOf(FD, Depth + 1)
                                         : nullptr;
  };
  R.Acquires = [this, Summary](const Expr *E) -> const Acquire * {
    if (const Acquire *A = Cat.matchAcquire(E))
      return A;
    const FunctionSummary *S = Summary(E);
    return S && S->Acquires ? S->Acquires->Rule : nullptr;
  };
  R.Releases = [this, Summary](const Expr *E) {
    if (Cat.matchRelease(E))
      return true;
    const FunctionSummary *S = Summary(E);
    return S && !S->Releases.empty();
  };
  return R;
}

bool SummaryTable::endsAbruptly(const Stmt *S, unsigned Depth) {
  if (!S)
    return false;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return llvm::any_of(CS->body(),
                        [&](const Stmt *X) { return endsAbruptly(X, Depth); });
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getElse() && endsAbruptly(If->getThen(), Depth) &&
           endsAbruptly(If->getElse(), Depth);
  const auto *E = dyn_cast<Expr>(S);
  if (!E)
    return false;
  E = E->IgnoreImplicit()->IgnoreParenCasts();
  if (isa<CXXThrowExpr>(E))
    return true;
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = calledFunction(Call))
      return FD->isNoReturn() || exitsByStatus(Call) ||
             exitsByFatalName(Call) || neverReturns(FD, Depth + 1);
  return false;
}

bool SummaryTable::neverReturns(const FunctionDecl *FD, unsigned Depth) {
  if (Depth >= MaxDepth + 2)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Def); MD && MD->isVirtual())
    return false;
  auto [It, New] = NoReturn.try_emplace(Def, false);
  if (!New)
    return It->second;
  bool R = !BodyIndex::containsReturnOrLabel(Def->getBody()) &&
           endsAbruptly(Def->getBody(), Depth);
  NoReturn[Def] = R;
  return R;
}

} // namespace clang::tidy::raii
