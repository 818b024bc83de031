//===- CollectorImpl.h - the collector's state, shared by its two files ---===//
//
// The class behind collectAcquisitions(). Collector.cpp finds the acquire
// calls, the guards, the releases and the seeds; CollectorMoves.cpp the
// copies between locals that move a handle from one variable to another.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_COLLECTORIMPL_H
#define RAII_TIDY_ENGINE_COLLECTORIMPL_H

#include "engine/FunctionContext.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/Analyses/LiveVariables.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include <memory>

namespace clang::tidy::raii {

class Collector {
public:
  explicit Collector(FunctionContext &C) : C(C) {}
  bool run();

private:
  void addCall(const Expr *E, const AcquireRole &Role);
  void addGuard(const CXXConstructExpr *CE);
  void addMoves();
  /// The last acquisition by a rule of handle key \p Key, the one a copy
  /// of its variable moves (\p Locks: also a lock's), or null.
  const Acquisition *moveSource(unsigned Key, bool Locks) const;
  /// A move of \p Src's handle, key \p FromKey: its site, variable, scope
  /// and name still to be given.
  static Acquisition moveOf(const Acquisition &Src, unsigned FromKey);
  /// `outer = v;` of a handle variable v of an inner block into a local
  /// that outlives it, as v's last use or where outer alone releases it:
  /// the handle moves.
  bool movesOutOfBlock(const BodyIndex::Copy &Cp) const;
  /// \p E releases the handle \p K names.
  bool releases(const Expr *E, const HandleKey &K) const;
  bool releasesAtSite(const Acquisition &Src, const HandleKey &K) const;
  bool keptByAnotherCopy(const BodyIndex::Copy &Cp) const;
  /// The value \p Cp copied is read through its source no more: every path
  /// from the copy gives the source another value, or ends, before reading
  /// it (`b = a; a = malloc(n);`, `head = node;` in a loop whose next round
  /// gives node a new block). Liveness on a CFG of its own, built the
  /// first time a function asks.
  bool sourceDeadAfter(const BodyIndex::Copy &Cp);
  /// The assignments that next give \p Cp's source another value, after
  /// the copy on every path to them (`T *old = buf; .. memcpy(n, buf, k);
  /// buf = n; .. free(old);`): there the handle the source held moves into
  /// the copy, which the function never writes again.
  llvm::SmallVector<const BinaryOperator *, 2>
  overwritesAfter(const BodyIndex::Copy &Cp);
  /// The moves of overwritesAfter() for \p Cp, when the function releases
  /// the handle through the copy.
  void addOverwriteMoves(const BodyIndex::Copy &Cp);
  /// sourceDeadAfter()'s and overwritesAfter()'s CFG, with liveness;
  /// false if it could not be built.
  bool ensureCFG();
  /// \p Cp copies into a local variable of its own (no reference, no
  /// parameter, not a name the handle keys already give the source) from
  /// a source the body reads and writes only by name.
  bool copyIntoLocal(const BodyIndex::Copy &Cp) const;
  bool releasedOnlyThroughCopy(const BodyIndex::Copy &Cp) const;
  /// A release of \p K written after \p Cp (`blob = local; ...; delete
  /// local;`): the source keeps the handle for it.
  bool releasedAfter(const HandleKey &K, const BodyIndex::Copy &Cp) const;
  void addReleasesAndSeeds();
  bool acquiredHere(const HandleKey &K) const;
  unsigned push(Acquisition A, const HandleKey &K);
  /// True if the result of \p E is what a `co_await` awaits.
  bool awaited(const Expr *E) const;
  /// The scope a local's acquisition lives in: where it is declared (the
  /// whole body for a parameter given a new handle).
  const Stmt *scopeOfVar(const VarDecl *V, const Stmt *Fallback) const {
    if (isa<ParmVarDecl>(V))
      return C.Body.body();
    if (const Stmt *DS = C.Body.declStmtOf(V))
      return C.Body.enclosingCompound(DS);
    return Fallback;
  }

  FunctionContext &C;
  bool ReturnsAcquire = false;
  /// sourceDeadAfter()'s analysis: built once, null if it could not be.
  std::unique_ptr<AnalysisDeclContext> LiveCtx;
  LiveVariables *Live = nullptr;
  bool LiveTried = false;
  std::unique_ptr<CFGDomTree> Dom; ///< built on first use
};

} // namespace clang::tidy::raii

#endif
