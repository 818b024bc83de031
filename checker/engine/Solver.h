//===- Solver.h - the fixpoint over the CFG -------------------------------===//
//
// Builds the function's CFG (exception edges for calls, implicit
// destructors, trivially false edges pruned), runs the transfer function to
// a fixpoint with clang's ForwardDataflowWorklist in reverse post-order,
// per path of each block's PathSet (a branch a path's facts decide is taken
// one way on that path),
// then makes one final pass over the stable facts with the events going to
// the FunctionAnalysis. Where some point had to merge paths that differed
// in too many acquisitions' states, the acquisitions it merged are solved
// again in a few groups, each run keeping apart paths by its group's states
// only, and report from that run. Edges are where the rest happens: the
// exception edge of a call carries the state before the call (plus what
// the call took over); branch edges are refined by BranchFacts; `break`,
// `continue` and `goto` that leave an acquisition's scope, and every way
// into the exit block, are recorded as the causes that skip a release.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_SOLVER_H
#define RAII_TIDY_ENGINE_SOLVER_H

#include "engine/FunctionContext.h"

namespace clang::tidy::raii {

/// Solves the dataflow for \p C's function and fills C.Out. False when no
/// CFG could be built or the fixpoint took too many steps (nothing is
/// reported then rather than a partial result), or, past \p MaxVisits
/// (block, path) visits, the first fixpoint gave up. \p SplitsByFacts: how
/// many paths with the same resource state but different facts each point
/// keeps apart (PathSet.h); 0 merges them.
bool solveDataflow(FunctionContext &C, unsigned SplitsByFacts,
                   uint64_t MaxVisits);

} // namespace clang::tidy::raii

#endif
