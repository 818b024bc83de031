//===- PathSet.h - the paths that reach one program point -----------------===//
//
// ESP's property simulation: at a program point the solver keeps one path
// per distinct resource state (what each acquisition may be), each with the
// branch facts all the paths merged into it agree on. Paths whose resource
// states agree are merged (their facts intersected); paths that differ are
// kept apart, so that a later branch on the same condition takes each one
// its own way. Past MaxPaths distinct states the point falls back to one
// path, the join of all (the path-insensitive analysis), for good: the cost
// stays linear in the CFG. A run may keep apart, too, a few paths whose
// states agree but whose facts differ (a disjunction the intersection of
// their facts would lose: `a` false on one, `a` and `b` true on the other,
// where a later test of `b` tells them apart). Only the paths that changed
// since a point was last left are sent on again.
//
// Which acquisitions tell states apart is the PathSplit's focus: all of
// them first; the acquisitions whose states were merged where a point fell
// back are recorded, for the solver to run again keeping apart the paths of
// a few of them only (as ESP tracks each property on its own). Before
// falling back, a point out of room merges a path into one that differs
// only in which acquisitions of one handle it holds (a switch whose cases
// each acquire `res` by a call of their own): their facts, which the cases
// share, survive.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_PATHSET_H
#define RAII_TIDY_ENGINE_PATHSET_H

#include "engine/Lattice.h"
#include "engine/PathFacts.h"
#include "llvm/ADT/BitVector.h"

namespace clang::tidy::raii {

struct Path {
  State St;
  FactSet Facts;
};

/// The acquisitions whose states keep paths apart in one run of the
/// solver, and what that run lost.
struct PathSplit {
  llvm::BitVector Focus; ///< empty: every acquisition
  /// The acquisitions whose different states some point merged after
  /// falling back to one path.
  llvm::BitVector Lost;
  /// How many paths with the same resource state but different facts a
  /// point keeps apart (0: they are merged, their facts intersected).
  unsigned SplitsByFacts = 0;
  /// Per acquisition, the handle it acquires (its key and family, as one
  /// number): acquisitions of one handle may stand in for each other where
  /// a point runs out of room (sameUpToHandles).
  llvm::ArrayRef<unsigned> Handles;
  bool focused(unsigned I) const { return Focus.empty() || Focus.test(I); }
};

class PathSet {
public:
  static constexpr unsigned MaxPaths = 8;

  bool reachable() const { return !Paths.empty(); }
  llvm::ArrayRef<Path> paths() const { return Paths; }
  /// Joins \p P in, telling paths apart by \p S's focus; true if the set
  /// changed.
  bool join(Path &&P, PathSplit &S);
  /// Copies of the paths that changed since the last call (the others
  /// would only send their successors what those already have).
  llvm::SmallVector<Path, 1> takeChanged();

private:
  /// Merges the kept paths that \p Same says go together (resource states
  /// that agree in the focus, to make room for a path split by its facts;
  /// or that differ only in which acquisitions of one handle they hold,
  /// sameUpToHandles), recording in \p Lost, if given, the acquisitions
  /// whose states the merge made uncertain.
  template <typename SameFn> void fold(SameFn Same, PathSplit *Lost = nullptr);

  llvm::SmallVector<Path, 1> Paths;
  bool Merged = false;  ///< fell back to one path
  unsigned Changed = 0; ///< bit i: Paths[i] changed
};

/// True if \p A and \p B say the same of every acquisition of \p S's
/// focus (the states ESP keeps apart), whatever causes and last releases
/// they carry.
bool sameResources(const State &A, const State &B, const PathSplit &S);
/// True if \p A and \p B say the same of every handle: what they say of
/// the acquisitions of \p S's focus differs only in which acquisitions of
/// one handle are in which state (`res` acquired by one of twenty calls
/// on one path and by another on the other).
bool sameUpToHandles(const State &A, const State &B, const PathSplit &S);

} // namespace clang::tidy::raii

#endif
