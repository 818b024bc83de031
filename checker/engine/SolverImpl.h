//===- SolverImpl.h - the solver's state, shared by its two files ----------===//
//
// The class behind solveDataflow(). Solver.cpp drives it: the CFG, the
// fixpoint over the worklist, the runs again by focus, the final pass, and
// the acquisitions of inner blocks forgotten once their block is left.
// SolverEdges.cpp moves one block's paths through its elements and along
// its edges into the successors: branch refinement, exception edges, the
// jumps and exits that skip a release.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_SOLVERIMPL_H
#define RAII_TIDY_ENGINE_SOLVERIMPL_H

#include "engine/BranchFacts.h"
#include "engine/FunctionContext.h"
#include "engine/PathSet.h"
#include "engine/Transfer.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include <memory>

namespace clang::tidy::raii {

/// The condition of \p B when it is a two-way branch (not a range `for`,
/// nor a `switch`, which has two successors too with one case and a
/// default), else null.
const Expr *twoWayCondition(const CFGBlock *B);

class Solver : public ExitSink {
public:
  Solver(FunctionContext &C, unsigned SplitsByFacts, uint64_t MaxVisits)
      : C(C), T(C), Facts(C), Conds(C, C.Values),
        SplitsByFacts(SplitsByFacts), MaxVisits(MaxVisits) {}
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
  /// \p Call sits in a `try` block after which the function names the
  /// handle variable of acquisition \p J no more: its handlers are where
  /// J's fate on \p Call's exception shows (cached in DoneAfterTry).
  bool doneAfterTry(unsigned J, const Stmt *Call);
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
  const unsigned SplitsByFacts;
  const uint64_t MaxVisits; ///< for the first fixpoint and the ones after
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
  llvm::DenseMap<std::pair<unsigned, const Stmt *>, bool> DoneAfterTry;
};

} // namespace clang::tidy::raii

#endif
