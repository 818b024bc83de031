//===- SolverEdges.cpp - one block's paths into its successors -------------===//
//
// The solver's step (see SolverImpl.h): each path of a block goes through
// the block's elements (the transfer function, the path facts' writes),
// then along each edge a branch's facts do not rule out, refined by the
// branch, with the exits and jumps that skip a release recorded as causes;
// the exception edge of a call carries the state from before the call.
//
//===----------------------------------------------------------------------===//
#include "engine/SolverImpl.h"
#include "engine/Leaving.h"
#include "support/LibraryFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::raii {

namespace {

/// The condition \p B's branch tests: for the blocks of `a && b` and
/// `a || b` the operand evaluated last in it, not the whole condition.
const Stmt *branchCondition(const CFGBlock *B) {
  if (!B->getTerminatorStmt())
    return nullptr;
  if (const Stmt *Cond = B->getLastCondition())
    return Cond;
  return B->getTerminatorCondition();
}

/// What the edge of `switch` \p SW to its successor \p Idx (of \p N;
/// the last is the default, written or not) says of the condition's
/// truth: `case 0:` false, another value true, the default true when a
/// `case 0:` takes zero; nothing for a range holding zero.
std::optional<bool> caseTruth(const SwitchStmt *SW, const CFGBlock *S,
                              unsigned Idx, unsigned N, ASTContext &Ctx) {
  if (Idx + 1 == N) {
    for (const SwitchCase *SC = SW->getSwitchCaseList(); SC;
         SC = SC->getNextSwitchCase())
      if (const auto *CS = dyn_cast<CaseStmt>(SC);
          CS && !CS->caseStmtIsGNURange() &&
          constantValue(CS->getLHS(), Ctx) == 0)
        return true;
    return std::nullopt;
  }
  const auto *CS = dyn_cast_or_null<CaseStmt>(S->getLabel());
  std::optional<int64_t> Lo = CS ? constantValue(CS->getLHS(), Ctx)
                                 : std::nullopt;
  if (!Lo)
    return std::nullopt;
  if (CS->caseStmtIsGNURange()) {
    std::optional<int64_t> Hi = constantValue(CS->getRHS(), Ctx);
    if (!Hi || (*Lo <= 0 && *Hi >= 0))
      return std::nullopt; // the range holds zero
    return true;
  }
  return *Lo != 0;
}

/// True if successor \p Idx of \p N of a `switch` is a `case K:` (no
/// range); its value goes to \p K. The CFG gives a switch one successor
/// per case of its own, then the default edge, which is no case even where
/// the block it reaches carries a label (a switch without `default:` goes
/// to the block after it, perhaps an outer switch's `case`).
bool caseValue(const CFGBlock *S, unsigned Idx, unsigned N, ASTContext &Ctx,
               int64_t &K) {
  const auto *CS = dyn_cast_or_null<CaseStmt>(S->getLabel());
  if (Idx + 1 == N || !CS || CS->caseStmtIsGNURange())
    return false;
  std::optional<int64_t> V = constantValue(CS->getLHS(), Ctx);
  if (V)
    K = *V;
  return V.has_value();
}

const Stmt *lastStmt(const CFGBlock *B) {
  for (auto It = B->rbegin(); It != B->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>())
      return CS->getStmt();
  return nullptr;
}

} // namespace

const Expr *twoWayCondition(const CFGBlock *B) {
  const auto *Cond = dyn_cast_or_null<Expr>(branchCondition(B));
  if (!Cond || B->succ_size() != 2 ||
      isa_and_nonnull<CXXForRangeStmt, SwitchStmt>(B->getTerminatorStmt()))
    return nullptr;
  return Cond;
}

/// \p A's handle is what an `__attribute__((cleanup))` variable holds.
static bool heldByCleanup(const Acquisition &A, const KeyTable &Keys) {
  const HandleKey &K = Keys[A.Key];
  const auto *V = dyn_cast_or_null<VarDecl>(K.root());
  return !A.IsLock && K.Steps.size() == 1 && V && V->hasAttr<CleanupAttr>();
}

/// The call of \p B that ends the thread (`pthread_exit(NULL)`), outside
/// the scope of a cleanup handler (which runs there and may release what
/// the thread holds) and, in C++, outside a `try`, if any.
static const CallExpr *threadEnd(const CFGBlock *B, const FunctionContext &C) {
  for (auto It = B->rbegin(); It != B->rend(); ++It) {
    const auto CS = It->getAs<CFGStmt>();
    const auto *Call = CS ? dyn_cast<CallExpr>(CS->getStmt()) : nullptr;
    if (!Call || !endsThread(Call))
      continue;
    for (const Stmt *P = C.Body.parent(Call); P; P = C.Body.parent(P))
      if (isCleanupPushScope(P, C.Ctx))
        return nullptr;
    // In C++ glibc ends the thread by unwinding: a handler around the call
    // runs (`catch (...) { fclose(f); throw; }`).
    if (C.Ctx.getLangOpts().CPlusPlus && C.Body.inTryBlock(Call))
      return nullptr;
    return Call;
  }
  return nullptr;
}

void Solver::leave(const State &St, SkipCause::KindT K, const Stmt *Where,
                   const Stmt *FailedAcquire) {
  if (!St.Reachable)
    return;
  // Leaving `main` ends the process (its return is a call of `exit`, an
  // exception out of it terminates): the system takes back what is still
  // held, as on the paths that call `exit` themselves. Jumps out of a
  // scope inside it still skip.
  const bool EndsProcess = C.Fn->isMain();
  State Copy = St;
  auto Own = FailedAcquire ? C.AcqsAt.find(FailedAcquire) : C.AcqsAt.end();
  for (State::Entry &E : Copy.stored()) {
    const unsigned J = E.first;
    AcqState &A = E.second;
    if (!A.held() || !A.Causes.empty() || EndsProcess)
      continue;
    // The object a constructor builds keeps its field's handle, unless an
    // exception ends the constructor (no destructor runs then).
    if (C.acqs()[J].KeptByObject && K != SkipCause::Exception &&
        K != SkipCause::Throw)
      continue;
    if ((K == SkipCause::Exception || K == SkipCause::Throw ||
         K == SkipCause::ThreadExit) &&
        heldByCleanup(C.acqs()[J], C.Keys))
      continue; // the unwinding runs the variable's cleanup function
    if (Own != C.AcqsAt.end() && llvm::any_of(Own->second, [&](unsigned I) {
          return C.acqs()[I].Key == C.acqs()[J].Key;
        }))
      continue;
    addCause(A, K, Where);
  }
  C.Out.leftFunction(Copy);
}

bool Solver::keptOutside(const Acquisition &A) const {
  // `T *tmp = realloc(arr, n); .. arr = tmp;` in a loop: arr, declared
  // outside, only ever holds tmp's handle.
  if (!A.HandleVar)
    return false;
  const Decl *Var = A.HandleVar->getCanonicalDecl();
  return llvm::any_of(C.Body.copies(), [&](const BodyIndex::Copy &Cp) {
    const Stmt *Decl = C.Body.declStmtOf(Cp.To);
    return Cp.From->getCanonicalDecl() == Var && Decl &&
           !C.Body.isAncestor(A.Scope, Decl) &&
           C.KeyOf.copiedHandle(Cp.To) == Var;
  });
}

void Solver::jumpCauses(const Stmt *Term, State &Next) const {
  SkipCause::KindT K = isa<BreakStmt>(Term)      ? SkipCause::Break
                       : isa<ContinueStmt>(Term) ? SkipCause::Continue
                                                 : SkipCause::Goto;
  for (auto &[J, A] : Next.stored()) {
    if (!A.held())
      continue;
    const Stmt *Scope = C.acqs()[J].Scope;
    if (!C.Body.isAncestor(Scope, Term) || keptOutside(C.acqs()[J]))
      continue;
    bool Leaves;
    if (const auto *Goto = dyn_cast<GotoStmt>(Term)) {
      Leaves = !C.Body.isAncestor(Scope, Goto->getLabel()->getStmt());
    } else {
      // Does the loop or switch the jump targets enclose the scope?
      const Stmt *Target = nullptr;
      for (const Stmt *P = C.Body.parent(Term); P; P = C.Body.parent(P))
        if (BodyIndex::isLoop(P) ||
            (isa<SwitchStmt>(P) && isa<BreakStmt>(Term))) {
          Target = P;
          break;
        }
      Leaves = Target && C.Body.isAncestor(Target, Scope);
    }
    if (Leaves)
      addCause(A, K, Term);
  }
}

void Solver::propagate(const CFGBlock *B) {
  // Copies: a self-loop joins into the block's own set. The fixpoint sends
  // on what changed; the final pass every path.
  llvm::SmallVector<Path, 1> Paths =
      Final ? llvm::SmallVector<Path, 1>(In[B->getBlockID()].paths())
            : In[B->getBlockID()].takeChanged();
  if (!Final)
    Visits += Paths.size();
  for (Path &P : Paths)
    propagate(B, std::move(P));
}

bool Solver::doneAfterTry(unsigned J, const Stmt *Call) {
  // Asked on every visit of the exception edge: the body is walked once
  // per acquisition and call.
  auto [It, New] = DoneAfterTry.try_emplace({J, Call}, false);
  if (!New)
    return It->second;
  const VarDecl *V = C.acqs()[J].HandleVar;
  for (const Stmt *P = C.Body.parent(Call); V && P; P = C.Body.parent(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P)) {
      It->second = C.Body.isAncestor(Try->getTryBlock(), Call) &&
                   !BodyIndex::referencedAfter(C.Body.body(), V,
                                               Try->getEndLoc(),
                                               C.Ctx.getSourceManager());
      break;
    }
  return It->second;
}

void Solver::propagate(const CFGBlock *B, Path P) {
  State &St = P.St;
  AnalysisEvents &Ev = Final ? static_cast<AnalysisEvents &>(C.Out) : Ignore;
  const Stmt *Last = lastStmt(B);
  const bool EHBlock = !B->getTerminatorStmt() && B->succ_size() == 2 &&
                       Last && isa<CallExpr>(Last);
  State Before;
  // The fixpoint skips what cannot change a path that holds nothing (its
  // events are ignored there); the final pass reports from every element.
  auto Apply = [&](const Stmt *S) {
    if (!Final && St.stored().empty() && T.inertOnUntouched(S))
      return;
    T.apply(S, St, Ev, *this);
  };
  for (const CFGElement &El : *B) {
    if (auto CS = El.getAs<CFGStmt>()) {
      const Stmt *S = CS->getStmt();
      // A store inside an element (`if ((g = p))`, `f(q = p)`, the inner
      // one of `*w = *r = fd`) is no element of its own: it happens first,
      // before a call that may throw.
      for (const ConditionFacts::Effect &W : Conds.writesOf(S))
        if (const auto *BO = dyn_cast<BinaryOperator>(W.S);
            BO && BO != S && !W.Maybe && BO->getOpcode() == BO_Assign)
          Apply(BO);
      if (EHBlock && S == Last)
        Before = St;
      Apply(S);
      Conds.apply(S, P.Facts);
    } else if (auto D = El.getAs<CFGAutomaticObjDtor>()) {
      T.destroy(D->getVarDecl(), St);
    } else if (auto F = El.getAs<CFGCleanupFunction>()) {
      T.cleanUp(F->getVarDecl(), St);
    }
  }
  const Stmt *Term = B->getTerminatorStmt();
  const Expr *Branch = twoWayCondition(B);
  const bool NoReturn = B->hasNoReturnElement();
  // The last successor may take the block's state instead of a copy.
  unsigned LastIdx = 0, Idx = 0;
  for (auto SI = B->succ_begin(); SI != B->succ_end(); ++SI, ++Idx)
    if (SI->getReachableBlock())
      LastIdx = Idx;
  Idx = 0;
  for (auto SI = B->succ_begin(); SI != B->succ_end(); ++SI, ++Idx) {
    const CFGBlock *S = SI->getReachableBlock();
    if (!S)
      continue;
    // A branch the path's facts contradict is not taken on this path.
    if (Branch)
      if (std::optional<bool> V = Conds.decide(Branch, P.Facts);
          V && *V != (Idx == 0))
        continue;
    // `case K:` of `switch (v)`, where the path's facts rule K out.
    const auto *SW = dyn_cast_or_null<SwitchStmt>(Term);
    int64_t CaseK = 0;
    const bool IsCase =
        SW && caseValue(S, Idx, B->succ_size(), C.Ctx, CaseK);
    if (IsCase && Conds.decideCase(SW->getCond(), CaseK, P.Facts) == false)
      continue;
    Path NextP;
    State &Next = NextP.St;
    if (EHBlock && Idx == 1) {
      if (!callMayThrow(cast<CallExpr>(Last), C))
        continue;
      Next = std::move(Before);
      NextP.Facts = P.Facts;
      // What the throwing callee took over counts as handed off. Its
      // exception is its failure: a release in the handler is one after
      // the taker failed (`try { mgr->Process(req); } catch (..) { delete
      // req; }`), as under the failure edge of a test of its status,
      // where the function names the handle no more after the `try`
      // (`send(r)` after `v->check(r)` shows it kept it).
      if (St.Reachable)
        for (const auto &[J, A] : St.stored())
          if ((A.B & (AcqState::Escaped | AcqState::Taken)) &&
              !(Next[J].B & (AcqState::Escaped | AcqState::Taken))) {
            AcqState &X = Next.at(J) = A;
            if ((X.B & AcqState::Taken) && X.taker() == Last &&
                doneAfterTry(J, Last))
              X.takerTested(false);
          }
      // A failing acquire of a handle is reported as a re-acquire, not as
      // an exception that skips the release. An exception out of `main`
      // ends the process (as its return does, see leave()).
      auto Own = C.AcqsAt.find(Last);
      const bool EndsProcess = C.Fn->isMain() && S == &G->getExit();
      for (State::Entry &E : Next.stored()) {
        const unsigned J = E.first;
        if (!EndsProcess && E.second.held() &&
            !heldByCleanup(C.acqs()[J], C.Keys) &&
            (Own == C.AcqsAt.end() ||
             llvm::none_of(Own->second, [&](unsigned I) {
               return C.acqs()[I].Key == C.acqs()[J].Key;
             })))
          addCause(E.second, SkipCause::Exception, Last);
      }
    } else {
      if (Idx == LastIdx)
        NextP = std::move(P);
      else
        NextP = P;
      if (Branch) {
        Facts.refine(Branch, Idx == 0, Next);
        Conds.assume(Branch, Idx == 0, NextP.Facts,
                     BodyIndex::isLoop(Term));
      } else if (SW) {
        // `switch (glob(..)) { case 0: .. globfree(..); break; default: }`
        if (std::optional<bool> T =
                caseTruth(SW, S, Idx, B->succ_size(), C.Ctx))
          Facts.refine(SW->getCond(), *T, Next);
        if (IsCase)
          Conds.assumeCase(SW->getCond(), CaseK, NextP.Facts);
      }
      if (Term && isa<BreakStmt, ContinueStmt, GotoStmt>(Term))
        jumpCauses(Term, Next);
    }
    if (S == &G->getExit()) {
      if (!Final)
        continue;
      if (NoReturn) {
        // The process goes on without the thread's locals: what it still
        // holds is lost (a lock stays locked).
        if (const CallExpr *End = threadEnd(B, C))
          leave(Next, SkipCause::ThreadExit, End);
        continue;
      }
      SkipCause::KindT K = SkipCause::FunctionEnd;
      const Stmt *Where = nullptr;
      if (EHBlock && Idx == 1) {
        K = SkipCause::Exception;
        Where = Last;
      } else if (Term && isa<CXXThrowExpr>(Term)) {
        K = SkipCause::Throw;
        Where = Term;
      } else if (Last && isa<CXXThrowExpr>(Last)) {
        K = SkipCause::Throw;
        Where = Last;
      } else if (Last && isa<ReturnStmt>(Last)) {
        K = SkipCause::Return;
        Where = Last;
      }
      leave(Next, K, Where, K == SkipCause::Exception ? Last : nullptr);
      if (K != SkipCause::Exception && K != SkipCause::Throw) {
        const auto *Ret =
            K == SkipCause::Return ? cast<ReturnStmt>(Where) : nullptr;
        // What the path's branches say of the value returned (`if
        // (!e->meta) unlock(&m); return e->meta;`).
        std::optional<bool> Truth;
        if (const Expr *V = Ret ? Ret->getRetValue() : nullptr;
            V && !NextP.Facts.empty() &&
            (V->getType()->isPointerType() || V->getType()->isIntegerType()))
          Truth = Conds.decide(V, NextP.Facts);
        C.Out.returnedNormally(Next, Ret, Truth);
      }
      continue;
    }
    if (Final)
      continue;
    forgetDead(S, Next);
    Next.compact();
    if (In[S->getBlockID()].join(std::move(NextP), *Split))
      Work->enqueueBlock(S);
  }
}

} // namespace clang::tidy::raii
