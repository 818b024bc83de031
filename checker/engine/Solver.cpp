//===- Solver.cpp - the fixpoint over the CFG -----------------------------===//
//
// Drives the Solver of SolverImpl.h: builds the CFG, runs the fixpoint, the
// runs again by focus and the final pass; and tells where an inner block's
// acquisition is out of its block.
//
//===----------------------------------------------------------------------===//
#include "engine/Solver.h"
#include "engine/SolverImpl.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::raii {

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
    else if (const auto *SW = dyn_cast_or_null<SwitchStmt>(
                 B->getTerminatorStmt()))
      Branches.push_back(SW->getCond());
  }
  Conds.prepare(std::move(Elements), Branches);
  findScoped();
  POV = std::make_unique<PostOrderCFGView>(G.get());
  const size_t N = C.acqs().size();
  // One number per handle: the acquisitions' key and family.
  std::vector<unsigned> Handles(N);
  {
    llvm::SmallVector<std::pair<unsigned, const Family *>, 8> Seen;
    for (unsigned I = 0; I < N; ++I) {
      const std::pair<unsigned, const Family *> H{C.acqs()[I].Key,
                                                  C.acqs()[I].Fam};
      auto It = llvm::find(Seen, H);
      Handles[I] = unsigned(It - Seen.begin());
      if (It == Seen.end())
        Seen.push_back(H);
    }
  }
  PathSplit All;
  All.SplitsByFacts = SplitsByFacts;
  All.Handles = Handles;
  if (!fixpoint(All, MaxVisits))
    return false;
  C.Out.AtExit = State::bottom(N);
  C.Out.AtNormalExit = State::bottom(N);
  if (!All.Lost.any()) {
    finalPass();
    C.Out.Visits = Visits;
    return true;
  }
  // Some points merged paths that differed in the states of the
  // acquisitions in All.Lost. Each group of those is solved again with
  // only its own states keeping paths apart: a group's events and exit
  // states come from its run, the rest from the first. The runs again
  // visit, all together, at most four times the (block, path) pairs the
  // first one did, or twice what a run keeping MaxPaths paths at every
  // block would, if that is more: past that, the first run's results
  // stand for the groups not run yet. A run keeping apart paths by their
  // facts gives up instead (the run that merged them stands): it is to be
  // as precise as that run, or not used.
  std::vector<PathSet> Joint = std::move(In);
  llvm::BitVector Rest(N, true);
  struct Part {
    llvm::BitVector Focus;
    State AtExit, AtNormalExit;
  };
  llvm::SmallVector<Part, 4> Parts;
  const uint64_t Budget = std::min(
      MaxVisits, Visits + std::max<uint64_t>(4 * Visits,
                                             2 * PathSet::MaxPaths *
                                                 uint64_t(G->size())));
  for (llvm::BitVector &F : focusGroups(All.Lost)) {
    PathSplit Split;
    Split.Focus = F;
    Split.SplitsByFacts = SplitsByFacts;
    Split.Handles = Handles;
    if (!fixpoint(Split, Budget)) {
      if (Visits <= Budget)
        continue;
      if (SplitsByFacts)
        return false;
      break;
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
  C.Out.Visits = Visits;
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

bool solveDataflow(FunctionContext &C, unsigned SplitsByFacts,
                   uint64_t MaxVisits) {
  return Solver(C, SplitsByFacts, MaxVisits).run();
}

} // namespace clang::tidy::raii
