//===- FunctionAnalysis.h - the engine's result for one function ----------===//
//
// What the checks read: the acquisitions with their outcome, and the
// findings that involve two places. It is filled by the final dataflow pass
// through the AnalysisEvents interface, and shared (read-only) by every check
// and by the function summaries of the translation unit.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_FUNCTIONANALYSIS_H
#define RAII_TIDY_ENGINE_FUNCTIONANALYSIS_H

#include "engine/Events.h"
#include "engine/HandleKey.h"
#include "engine/Lattice.h"
#include "engine/StorageOrigin.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <vector>

namespace clang::tidy::raii {

class RuleCatalog;

class FunctionAnalysis : public AnalysisEvents {
public:
  const FunctionDecl *Fn = nullptr;
  /// The rules the function was analysed with (what a fix asks of a call
  /// the handle is passed to is what the analysis asked).
  const RuleCatalog *Catalog = nullptr;
  std::vector<Acquisition> Acquisitions;
  KeyTable Keys; ///< the ids in Acquisition::Key
  std::vector<DoubleRelease> DoubleReleases;
  std::vector<Mismatch> Mismatches;
  std::vector<Reacquire> Reacquires;
  std::vector<LostOnFailure> LostOnFailures;
  std::vector<DroppedHandle> DroppedHandles;
  /// Releases of heap memory the function shows is not from the heap:
  /// found by the collector, and those reached on a feasible path.
  std::vector<NonHeapRelease> NonHeapCandidates, NonHeapReleases;
  /// The locks held where the coroutine suspends, in source order of the
  /// suspensions.
  std::vector<HeldAtSuspend> HeldAtSuspends;
  /// The guard variable that adopted each manual lock (`std::adopt_lock`).
  llvm::DenseMap<unsigned, const VarDecl *> AdoptingGuard;
  /// What each reachable `return` gives back.
  std::vector<std::pair<const Stmt *, ReturnedValue>> Returns;
  /// Per acquisition, the union of its states over the function's exits,
  /// and over the exits that return normally (no exception).
  State AtExit;
  State AtNormalExit;
  /// Per key of a lock the function takes on an object it did not create:
  /// whether some acquisition of it surely holds it on every path that
  /// returns normally (`lock(&m); .. unlock(&m); wait(); lock(&m);`: the
  /// function returns holding it, however often it lets go in between);
  /// false where a release is taken again by no later statement
  /// (markBodyShapeFacts).
  llvm::DenseMap<unsigned, bool> LockHeldAtNormalExits;
  bool keptInStatic(unsigned I) const;
  bool lockHeldAtNormalExits(unsigned Key) const {
    return LockHeldAtNormalExits.lookup(Key);
  }
  /// The same per `return` that gives a value, apart for the paths that
  /// return a nonzero value, a zero and an unknown one (for the summary of
  /// a try-lock wrapper: held where it returns true, not where false; of
  /// `if (!e->meta) unlock(&m); return e->meta;`: held where non-null).
  struct ReturnState {
    const ReturnStmt *Ret;
    std::optional<bool> Truth;
    State St;
  };
  llvm::SmallVector<ReturnState, 2> AtReturns;
  /// Lock acquisition \p I is held on exactly the returns that report
  /// success by the result type's convention and on none that report
  /// failure (a non-null pointer and `true` are success, an integer's 0:
  /// `lock(&p->mu); if (!p->full) return 0; unlock(&p->mu); return -1;`,
  /// `if (!e->meta) unlock(&m); return e->meta;`): the convention, for a
  /// conditional acquire wrapper. A return whose value no path tells may
  /// only not hold it (`return SQLITE_MISUSE_BKPT;` before it is taken);
  /// keeping the lock on an error return is the usual bug, and no
  /// convention. With \p UntakenPaths, a return reporting success may also
  /// be reached on paths that never acquired it (`if (vendor) { if
  /// (regcomp(&e->re, ..)) return 1; } .. return 0;`), for an object a
  /// family marked in-place sets up, by an acquire in no loop and after no
  /// label, that no other acquire of the function takes: what the caller
  /// must undo where it succeeded, not a lock held on some paths only.
  std::optional<Success> lockResultConvention(unsigned I,
                                              bool UntakenPaths = false) const;
  /// \p Site is inside a loop of the body, or a label comes before it.
  bool inLoopOrAfterLabel(const Stmt *Site) const;
  /// The integer constant return \p Ret gives (`return -1;`), also through
  /// a local never changed (`return ret;`), if any.
  std::optional<int64_t> constantReturned(const Stmt *Ret) const;
  bool Analyzed = false; ///< false when no CFG could be built
  /// The (block, path) pairs the solver's runs visited: their cost.
  uint64_t Visits = 0;
  /// The handle kinds each key is released as somewhere in the body
  /// (`fclose(f)` anywhere releases f as a FILE).
  llvm::DenseMap<unsigned, llvm::SmallVector<const Family *, 1>>
      ReleasesInBody;
  /// True if some release in the body releases key \p Key as a handle of
  /// \p F's kind.
  bool releasedInBody(unsigned Key, const Family *F) const {
    auto It = ReleasesInBody.find(Key);
    return It != ReleasesInBody.end() &&
           llvm::any_of(It->second, [&](const Family *R) {
             return !F || R->Kind == F->Kind;
           });
  }
  void noteReleaseInBody(unsigned Key, const Family *F) {
    auto &V = ReleasesInBody[Key];
    if (!llvm::is_contained(V, F))
      V.push_back(F);
  }

  /// Set by the solver while it reports from a run that kept apart the
  /// paths of some acquisitions only (Solver.cpp): the acquisitions whose
  /// events count, and whether the events of no one acquisition (returns,
  /// releases of memory not from the heap) do. Null: every event counts.
  const llvm::BitVector *Counted = nullptr;
  bool CountsShared = true;
  bool counts(unsigned Acq) const {
    return !Counted || (Acq < Counted->size() && Counted->test(Acq));
  }

  // AnalysisEvents.
  void acquired(unsigned Acq) override;
  void released(unsigned Acq, const Expr *Release) override;
  void handedOff(unsigned Acq, const Stmt *TentativeBy,
                 const Stmt *Where) override;
  void releasedAfterTake(unsigned Acq, const Stmt *Call) override;
  void releasedOnEdge(unsigned Acq, const Stmt *Call, uint8_t Edge) override {
    if (counts(Acq))
      ReleaseEdges[{Acq, Call}] |= Edge;
  }
  void doubleRelease(unsigned Acq, const Expr *Second,
                     const Expr *First) override;
  void mismatchedRelease(unsigned Acq, const Expr *ReleaseExpr,
                         const Release *Rule) override;
  void releasedNonHeap(const Expr *ReleaseExpr) override;
  void reacquired(unsigned HeldAcq, const Expr *Second) override;
  void notReacquired(unsigned Acq, const Expr *Second) override {
    if (counts(Acq))
      NotReacquired.insert(Second);
  }
  /// `p = realloc(p, n)` loses p's block when \p Call fails (found by
  /// the collector, ExitOnNull.h).
  void lostOnFailure(const Expr *Call, const Expr *Target);
  void returned(const Stmt *Ret, const ReturnedValue &V) override;
  void leftFunction(const State &S) override;
  void suspended(const Expr *Suspend, const State &S) override;
  /// A path returns normally with \p S, through \p Ret if it returns;
  /// \p Truth: whether the value it returns is nonzero (non-null), where
  /// the path's branches tell.
  void returnedNormally(const State &S, const ReturnStmt *Ret,
                        std::optional<bool> Truth = std::nullopt);

  /// Turns the exit states into each acquisition's results (after the final
  /// pass).
  void finish();
  /// True if, after finish(), some path skips a release, releases twice,
  /// acquires again what it holds, suspends holding a lock or releases
  /// memory not from the heap: what paths kept apart by more facts may
  /// show cannot happen.
  bool foundOnSomePath() const;

private:
  llvm::DenseSet<const void *> Reported;
  /// Per acquisition and taking call, the edges of branches on the call's
  /// result after which the handle is released.
  llvm::DenseMap<std::pair<unsigned, const Stmt *>, uint8_t> ReleaseEdges;
  /// Lock acquires some path reaches without holding the lock: a reacquire
  /// is reported only where every path holds it.
  llvm::DenseSet<const Expr *> NotReacquired;
  /// Suspensions some path reaches without holding a lock.
  llvm::DenseSet<std::pair<const Expr *, unsigned>> NotHeldAtSuspend;
};

} // namespace clang::tidy::raii

#endif
