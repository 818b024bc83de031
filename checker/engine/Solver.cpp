//===- Solver.cpp - the fixpoint over the CFG -----------------------------===//
#include "engine/Solver.h"
#include "engine/BranchFacts.h"
#include "engine/PathSet.h"
#include "engine/Transfer.h"
#include "support/CalledFunction.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

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

/// The condition of \p B when it is a two-way branch (not a range `for`,
/// nor a `switch`, which has two successors too with one case and a
/// default), else null.
const Expr *twoWayCondition(const CFGBlock *B) {
  const auto *Cond = dyn_cast_or_null<Expr>(branchCondition(B));
  if (!Cond || B->succ_size() != 2 ||
      isa_and_nonnull<CXXForRangeStmt, SwitchStmt>(B->getTerminatorStmt()))
    return nullptr;
  return Cond;
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

const Stmt *lastStmt(const CFGBlock *B) {
  for (auto It = B->rbegin(); It != B->rend(); ++It)
    if (auto CS = It->getAs<CFGStmt>())
      return CS->getStmt();
  return nullptr;
}

class Solver : public ExitSink {
public:
  explicit Solver(FunctionContext &C)
      : C(C), T(C), Facts(C), Conds(C, C.Values) {}
  bool run();

  void exceptionFrom(const Stmt *Where, const State &Before) override {
    if (Final)
      leave(Before, SkipCause::Exception, Where);
  }

private:
  /// At most this many runs keep apart the paths of some acquisitions only
  /// (see run()).
  static constexpr unsigned MaxFocusRuns = 8;
  /// Runs the transfer function to a fixpoint, keeping paths apart by \p
  /// S's focus; false past the step limit, or once Visits passes \p
  /// MaxVisits.
  bool fixpoint(PathSplit &S, uint64_t MaxVisits);
  /// Sends the events of every element, on the stable facts, to C.Out.
  void finalPass();
  /// The acquisitions of \p Lost (and the others of their handles) dealt
  /// out to groups, each to be solved again on its own.
  std::vector<llvm::BitVector> focusGroups(const llvm::BitVector &Lost) const;
  void propagate(const CFGBlock *B);
  void propagate(const CFGBlock *B, Path P);
  bool callMayThrow(const CallExpr *E) const;
  /// Records a path leaving the function with \p St; \p FailedAcquire, if
  /// set, is an acquire whose exception this is: it does not skip the
  /// release of what it acquires again (that is a re-acquire).
  void leave(const State &St, SkipCause::KindT K, const Stmt *Where,
             const Stmt *FailedAcquire = nullptr);
  static void addCause(AcqState &A, SkipCause::KindT K, const Stmt *Where) {
    A.addCause({K, Where,
                (A.B & AcqState::Taken) ? static_cast<const Stmt *>(A.taker())
                                        : nullptr});
  }
  void jumpCauses(const Stmt *Term, State &Next) const;
  /// A local declared outside \p A's scope only ever holds its handle.
  bool keptOutside(const Acquisition &A) const;
  /// The acquisitions held by a variable of an inner block, whose state
  /// stops mattering where that block is left.
  void findScoped();
  /// Forgets, in \p St about to enter \p S, what \p S cannot see: an
  /// acquisition whose variable's block \p S lies outside of, and which is
  /// no longer held, starts afresh (as at the function's entry). A path
  /// that left such a block released or handed off then joins the one that
  /// never entered it instead of travelling on beside it (round an
  /// enclosing loop, through a long function); held ones keep their state,
  /// and the exits it skipped, to be reported.
  void forgetDead(const CFGBlock *S, State &St);
  /// \p S lies outside the block of acquisition Scoped[\p K] (false if
  /// unknown).
  bool outside(const CFGBlock *S, unsigned K);
  /// Whether the final pass must go through \p B: it can say something
  /// unless every path reaching it has every acquisition untouched (not
  /// acquired yet, nothing pending) and it neither acquires, releases,
  /// suspends nor leaves the function.
  bool reportsFrom(const CFGBlock *B) const;

  FunctionContext &C;
  TransferFunctions T;
  BranchFacts Facts;
  ConditionFacts Conds;
  std::unique_ptr<CFG> G;
  std::unique_ptr<PostOrderCFGView> POV;
  std::vector<PathSet> In;
  PathSplit *Split = nullptr; ///< of the run under way
  uint64_t Visits = 0; ///< (block, path) pairs the fixpoints have visited
  AnalysisEvents Ignore;
  bool Final = false;
  std::unique_ptr<ForwardDataflowWorklist> Work;
  llvm::SmallVector<unsigned, 4> Scoped; ///< acquisitions, by index
  std::vector<int> ScopedIndex; ///< per acquisition: its entry, or -1
  /// Per block and entry of Scoped: 0 not yet known, 1 inside its block or
  /// unknown, 2 outside.
  std::vector<uint8_t> Where;
};

void Solver::findScoped() {
  for (unsigned J = 0; J < C.acqs().size(); ++J) {
    const Acquisition &A = C.acqs()[J];
    if (!A.LocalObject || A.isGuard() || A.isSeed() || !A.Scope ||
        A.Scope == C.Body.body())
      continue;
    // The acquisition's block must be its variable's: `{ T *v = ..; }`.
    const auto *V = dyn_cast_or_null<VarDecl>(C.Keys[A.Key].root());
    if (!V || !BodyIndex::isLocalVar(V))
      continue;
    const Stmt *DS = C.Body.declStmtOf(V);
    if (!DS || C.Body.enclosingCompound(DS) != A.Scope)
      continue;
    Scoped.push_back(J);
  }
  ScopedIndex.assign(C.acqs().size(), -1);
  for (unsigned K = 0; K < Scoped.size(); ++K)
    ScopedIndex[Scoped[K]] = int(K);
  if (!Scoped.empty())
    Where.assign(size_t(G->getNumBlockIDs()) * Scoped.size(), 0);
}

bool Solver::outside(const CFGBlock *S, unsigned K) {
  uint8_t &W = Where[size_t(S->getBlockID()) * Scoped.size() + K];
  if (W == 0) {
    // The block's first statement says where control is as it enters.
    const Stmt *First = nullptr;
    for (const CFGElement &El : *S)
      if (auto CS = El.getAs<CFGStmt>()) {
        First = CS->getStmt();
        break;
      }
    if (!First)
      First = S->getTerminatorStmt();
    W = First && !C.Body.isAncestor(C.acqs()[Scoped[K]].Scope, First) ? 2
                                                                      : 1;
  }
  return W == 2;
}

bool Solver::reportsFrom(const CFGBlock *B) const {
  for (const Path &P : In[B->getBlockID()].paths())
    if (llvm::any_of(P.St.stored(), [](const State::Entry &E) {
          return !untouched(E.second);
        }))
      return true;
  for (const CFGBlock::AdjacentBlock &Succ : B->succs())
    if (Succ.getReachableBlock() == &G->getExit())
      return true;
  for (const CFGElement &El : *B) {
    auto CS = El.getAs<CFGStmt>();
    if (!CS)
      continue;
    const Stmt *S = CS->getStmt();
    if (C.AcqsAt.count(S) || isa<CoroutineSuspendExpr>(S))
      return true;
    // A release names no acquisition in an untouched state, but `p->b =
    // realloc(p->b, n)` is reported by the release itself.
    if (isa<CallExpr, CXXDeleteExpr>(S) &&
        !C.Roles.releases(cast<Expr>(S)).empty())
      return true;
  }
  return false;
}

void Solver::forgetDead(const CFGBlock *S, State &St) {
  if (!St.Reachable)
    return;
  // An untouched acquisition has nothing to forget: only the stored ones.
  for (State::Entry &E : St.stored()) {
    const int K = ScopedIndex[E.first];
    AcqState &A = E.second;
    if (K < 0 || A.held() || A.B == AcqState::NotYet || A.PendingOn != -1 ||
        A.DeeperOn != -1 || !outside(S, unsigned(K)))
      continue;
    A = AcqState();
  }
}

bool Solver::callMayThrow(const CallExpr *E) const {
  if (!C.Exceptions)
    return false;
  const FunctionDecl *FD = calledFunction(E);
  if (!FD)
    return C.Policy.indirectMayThrow(E, C.Ctx);
  if (FD->isNoReturn())
    return false;
  // Releases do not throw unless their rule says so (a wrapper's summary
  // release takes the word of the release inside it).
  for (const ReleaseRole &R : C.Roles.releases(E))
    if (!R.Rule->MayThrow)
      return false;
  return C.Policy.mayThrow(FD);
}

/// \p A's handle is what an `__attribute__((cleanup))` variable holds.
static bool heldByCleanup(const Acquisition &A, const KeyTable &Keys) {
  const HandleKey &K = Keys[A.Key];
  const auto *V = dyn_cast_or_null<VarDecl>(K.root());
  return !A.IsLock && K.Steps.size() == 1 && V && V->hasAttr<CleanupAttr>();
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
    if ((K == SkipCause::Exception || K == SkipCause::Throw) &&
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
        if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P) ||
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
    Path NextP;
    State &Next = NextP.St;
    if (EHBlock && Idx == 1) {
      if (!callMayThrow(cast<CallExpr>(Last)))
        continue;
      Next = std::move(Before);
      NextP.Facts = P.Facts;
      // What the throwing callee took over counts as handed off.
      if (St.Reachable)
        for (const auto &[J, A] : St.stored())
          if ((A.B & (AcqState::Escaped | AcqState::Taken)) &&
              !(Next[J].B & (AcqState::Escaped | AcqState::Taken)))
            Next.at(J) = A;
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
                     isa<WhileStmt, ForStmt, DoStmt>(Term));
      } else if (const auto *SW = dyn_cast_or_null<SwitchStmt>(Term)) {
        // `switch (glob(..)) { case 0: .. globfree(..); break; default: }`
        if (std::optional<bool> T =
                caseTruth(SW, S, Idx, B->succ_size(), C.Ctx))
          Facts.refine(SW->getCond(), *T, Next);
      }
      if (Term && isa<BreakStmt, ContinueStmt, GotoStmt>(Term))
        jumpCauses(Term, Next);
    }
    if (S == &G->getExit()) {
      if (NoReturn || !Final)
        continue;
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

bool Solver::run() {
  CFG::BuildOptions BO;
  BO.AddEHEdges = C.Ctx.getLangOpts().CXXExceptions;
  BO.AddImplicitDtors = true;
  BO.PruneTriviallyFalseEdges = true;
  // Suspensions inside expressions (`v = co_await f();`) are elements too,
  // and so are lambdas (`post([fd] { .. });`, `auto f = [&p] { .. };`):
  // their captures hand the handles off; and initialiser lists
  // (`user_data_t ud = {.data = p};`, `&(struct arg){fd, n}`), which store
  // them in an object.
  BO.setAlwaysAdd(Stmt::CoawaitExprClass)
      .setAlwaysAdd(Stmt::CoyieldExprClass)
      .setAlwaysAdd(Stmt::LambdaExprClass)
      .setAlwaysAdd(Stmt::InitListExprClass);
  G = CFG::buildCFG(C.Fn, const_cast<Stmt *>(C.Body.body()), &C.Ctx, BO);
  if (!G)
    return false;
  llvm::DenseSet<const Stmt *> Elements;
  llvm::SmallVector<const Expr *, 16> Branches;
  for (const CFGBlock *B : *G) {
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>())
        Elements.insert(CS->getStmt());
    if (const Expr *Cond = twoWayCondition(B))
      Branches.push_back(Cond);
  }
  Conds.prepare(std::move(Elements), Branches);
  findScoped();
  POV = std::make_unique<PostOrderCFGView>(G.get());
  const size_t N = C.acqs().size();
  PathSplit All;
  if (!fixpoint(All, ~uint64_t(0)))
    return false;
  C.Out.AtExit = State::bottom(N);
  C.Out.AtNormalExit = State::bottom(N);
  if (!All.Lost.any()) {
    finalPass();
    return true;
  }
  // Some points merged paths that differed in the states of the
  // acquisitions in All.Lost. Each group of those is solved again with
  // only its own states keeping paths apart: a group's events and exit
  // states come from its run, the rest from the first. The runs again
  // visit, all together, at most four times the (block, path) pairs the
  // first one did, or twice what a run keeping MaxPaths paths at every
  // block would, if that is more: past that, the first run's results
  // stand for the groups not run yet.
  std::vector<PathSet> Joint = std::move(In);
  llvm::BitVector Rest(N, true);
  struct Part {
    llvm::BitVector Focus;
    State AtExit, AtNormalExit;
  };
  llvm::SmallVector<Part, 4> Parts;
  const uint64_t Budget =
      Visits + std::max<uint64_t>(4 * Visits, 2 * PathSet::MaxPaths *
                                                  uint64_t(G->size()));
  for (llvm::BitVector &F : focusGroups(All.Lost)) {
    PathSplit Split;
    Split.Focus = F;
    if (!fixpoint(Split, Budget)) {
      if (Visits > Budget)
        break;
      continue;
    }
    Part &P = Parts.emplace_back();
    P.Focus = std::move(F);
    C.Out.AtExit = State::bottom(N);
    C.Out.AtNormalExit = State::bottom(N);
    C.Out.Counted = &P.Focus;
    C.Out.CountsShared = false;
    finalPass();
    P.AtExit = std::move(C.Out.AtExit);
    P.AtNormalExit = std::move(C.Out.AtNormalExit);
    Rest.reset(P.Focus);
  }
  In = std::move(Joint);
  C.Out.AtExit = State::bottom(N);
  C.Out.AtNormalExit = State::bottom(N);
  C.Out.Counted = &Rest;
  C.Out.CountsShared = true;
  finalPass();
  C.Out.Counted = nullptr;
  for (const Part &P : Parts)
    for (unsigned I : P.Focus.set_bits()) {
      C.Out.AtExit.take(I, P.AtExit);
      C.Out.AtNormalExit.take(I, P.AtNormalExit);
    }
  return true;
}

bool Solver::fixpoint(PathSplit &S, uint64_t MaxVisits) {
  const size_t N = C.acqs().size();
  Split = &S;
  In.assign(G->getNumBlockIDs(), PathSet());
  Path Entry{State::entry(N), FactSet()};
  for (unsigned I = 0; I < N; ++I)
    if (C.acqs()[I].isSeed())
      Entry.St.at(I).B = AcqState::Entry;
  In[G->getEntry().getBlockID()].join(std::move(Entry), S);
  Work = std::make_unique<ForwardDataflowWorklist>(*G, POV.get());
  Work->enqueueBlock(&G->getEntry());
  unsigned Steps = 0;
  const unsigned MaxSteps = 200000;
  while (const CFGBlock *B = Work->dequeue()) {
    if (++Steps > MaxSteps || Visits > MaxVisits)
      return false; // give up rather than report on a partial fixpoint
    propagate(B);
  }
  return true;
}

void Solver::finalPass() {
  Final = true;
  for (const CFGBlock *B : *G)
    if (reportsFrom(B))
      propagate(B);
  Final = false;
}

std::vector<llvm::BitVector>
Solver::focusGroups(const llvm::BitVector &Lost) const {
  // Every acquisition of a lost one's handle goes with it (the events of
  // one handle, a lock's depth, are read together); the handles are dealt
  // out to at most MaxFocusRuns groups.
  const size_t N = C.acqs().size();
  llvm::SmallVector<unsigned, 8> Keys;
  for (unsigned I : Lost.set_bits())
    if (!llvm::is_contained(Keys, C.acqs()[I].Key))
      Keys.push_back(C.acqs()[I].Key);
  std::vector<llvm::BitVector> Groups(
      std::min<size_t>(Keys.size(), MaxFocusRuns), llvm::BitVector(N));
  for (unsigned I = 0; I < N; ++I)
    if (auto It = llvm::find(Keys, C.acqs()[I].Key); It != Keys.end())
      Groups[(It - Keys.begin()) % Groups.size()].set(I);
  return Groups;
}

} // namespace

bool solveDataflow(FunctionContext &C) { return Solver(C).run(); }

} // namespace clang::tidy::raii
