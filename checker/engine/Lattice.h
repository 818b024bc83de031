//===- Lattice.h - the dataflow facts: what each acquisition may be -------===//
//
// Per acquisition, the set of states it may be in at a program point
// (not acquired yet, held, released, handed off, held by the caller), with
// the depths at which a reentrant lock may be held, the exits that left its
// scope while it was held, and the release that last let it go. A State is
// one such entry per acquisition touched so far plus whether the point is
// reachable; join is the union. The lattice is finite (bit sets, a set of
// causes drawn from the function's statements), so the fixpoint terminates.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_LATTICE_H
#define RAII_TIDY_ENGINE_LATTICE_H

#include "engine/Acquisition.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::raii {

struct AcqState {
  enum Bits : uint8_t {
    NotYet = 1,
    Released = 2,
    Escaped = 4,
    /// Passed to a callee that may have taken it; still released by hand
    /// if the function does so later on the path.
    Taken = 8,
    /// Held by whoever called the function (seeds only).
    Entry = 16,
    /// A guard's lock released by hand while the guard lives.
    Lent = 32,
    /// Handed to a guard that adopted it (`std::adopt_lock`), which still
    /// holds it (with Escaped: nothing for this function to release).
    Adopted = 64,
  };
  uint8_t B = NotYet;
  /// Bit k set: may be held with depth k + 1 (non-reentrant: bit 0 only).
  uint8_t Depths = 0;
  /// `tmp = realloc(p, n)`: p is released iff acquisition PendingOn (tmp)
  /// succeeded; -1 when not pending.
  int PendingOn = -1;
  /// With PendingOn: what waits on that acquisition is a hand-off
  /// (Escaped), not a release (`f = fdopen(fd, ..)`: the stream owns fd
  /// only if it was opened).
  bool PendingEscape = false;
  /// Escaped into the handle of acquisition OwnedBy, which a transfer gave
  /// it to (`f = fdopen(fd, "r")`): releasing that one releases this one
  /// too (`fclose(f); close(fd);` closes fd twice); -1 when none.
  int OwnedBy = -1;
  /// A reentrant lock one level deeper because of conditional acquire
  /// DeeperOn (`TryEnterCriticalSection` while held): undone where it
  /// failed; -1 when not pending.
  int DeeperOn = -1;
  /// The variable the acquire's result went to (`rc = trylock(&m)`) has
  /// been given another value since on some path (`rc = work();`), or the
  /// handle's variable while it held the handle (`fd = fileno(stdin);`): a
  /// test of the first, and a comparison of the second with what the
  /// function did not acquire, then say nothing of this acquisition.
  bool ResultStale = false;
  /// The branches on what the latest taker (taker()) returned that the
  /// paths here took, seen two ways: the last such branch of each path
  /// (the low bits: `if (rc < 0) log(); if (rc != 0) free(p);`) and the
  /// first (the same bits shifted by FirstShift: `if (rc != 0) { if (rc >
  /// 0) log(); free(p); }`, or an else-if chain's later tests). Untested
  /// where some path took none (a release there is evidence that the taker
  /// only borrowed the handle), else the edges (a release on one edge only
  /// is one where the taker failed).
  enum TakerTestBits : uint8_t { Untested = 1, OnTrue = 2, OnFalse = 4 };
  static constexpr unsigned FirstShift = 3;
  uint8_t TakerTests = 0;
  /// A new latest taker: no path has tested its result.
  void takerChanged() { TakerTests = Untested | Untested << FirstShift; }
  /// Every path here takes edge \p Branch of a test of its result.
  void takerTested(bool Branch) {
    const uint8_t Edge = Branch ? OnTrue : OnFalse;
    uint8_t First = TakerTests >> FirstShift;
    if (First & Untested)
      First = (First & ~Untested) | Edge;
    TakerTests = uint8_t(Edge | First << FirstShift);
  }
  /// What a release here tells of the taker's outcome: per view, the one
  /// edge every path here took (OnTrue or OnFalse), else Untested, in
  /// TakerTests' layout; 0 when neither view has one edge.
  uint8_t releaseEdges() const {
    const uint8_t Last = oneEdge(TakerTests);
    const uint8_t First = oneEdge(TakerTests, true);
    if (!Last && !First)
      return 0;
    const uint8_t None = Untested;
    return uint8_t((Last ? Last : None) | (First ? First : None) << FirstShift);
  }
  /// True if releases whose releaseEdges() joined to \p Edges followed
  /// both outcomes (or an untold one) in both views: the taker borrowed.
  static bool bothOutcomes(uint8_t Edges) {
    return !oneEdge(Edges) && !oneEdge(Edges, true);
  }
  /// The one edge (OnTrue or OnFalse) \p Bits hold in a view, else 0.
  static uint8_t oneEdge(uint8_t Bits, bool FirstView = false) {
    const uint8_t View = (FirstView ? Bits >> FirstShift : Bits) & 7;
    return View == OnTrue || View == OnFalse ? View : 0;
  }
  /// Rare (exits only), so kept out of line: a state is one entry per
  /// acquisition per CFG block.
  llvm::SmallVector<SkipCause, 0> Causes;
  const Expr *LastRelease = nullptr;
  /// The first call on the path that may have taken the handle, and the
  /// last whose body stores it (`finalize(v); append(set, v);`): a release
  /// after them makes both borrowers; an exit after them is blamed on the
  /// one that stores it, if any.
  const Expr *TakenBy = nullptr;
  const Expr *KeptBy = nullptr;
  const Expr *taker() const { return KeptBy ? KeptBy : TakenBy; }

  bool held() const { return Depths != 0; }
  /// Held on every path that reaches here.
  bool surelyHeld() const { return held() && B == 0; }
  void setHeld(unsigned Depth = 1) {
    Depths = uint8_t(1u << (Depth - 1));
  }
  /// Leaves the held state for \p Bit (Released, Escaped, ...).
  void dropTo(uint8_t Bit) {
    Depths = 0;
    B = uint8_t((B & ~(Taken | Lent)) | Bit);
    Causes.clear();
    TakenBy = nullptr;
    KeptBy = nullptr;
    TakerTests = 0;
  }
  void addCause(const SkipCause &C);
};

/// The states of a function's acquisitions at one point, stored sparsely:
/// an acquisition not stored is untouched (AcqState(): not acquired yet,
/// nothing pending). A long function acquires many handles, each in its own
/// part of the body, so a point sees few of them; copies, joins and
/// comparisons cost what the point sees, not the function's count.
class State {
public:
  using Entry = std::pair<unsigned, AcqState>;

  bool Reachable = false;

  static State entry(size_t N);
  /// Unreachable: no entries (joining into it copies the other side).
  static State bottom(size_t N);
  /// Reachable, every acquisition in no state at all (to build a state that
  /// speaks of one acquisition only).
  static State nothing(size_t N);
  /// Acquisition \p I's state (untouched if not stored).
  const AcqState &operator[](unsigned I) const;
  /// Acquisition \p I's state, to change: stored if it was not. The
  /// reference lasts until the next at() of an acquisition not stored.
  AcqState &at(unsigned I);
  /// The stored states, by acquisition: every acquisition not among them
  /// is untouched. Callers change the states, never the indices (the
  /// entries stay sorted by them).
  llvm::MutableArrayRef<Entry> stored() { return Entries; }
  llvm::ArrayRef<Entry> stored() const { return Entries; }
  /// The number of acquisitions.
  size_t size() const { return N; }
  /// Drops the stored states that are untouched again.
  void compact();
  /// True if \p Same holds of every acquisition's state here and in \p
  /// Other, given with its index (an acquisition stored on one side only
  /// is untouched on the other).
  bool agrees(const State &Other,
              llvm::function_ref<bool(unsigned, const AcqState &,
                                      const AcqState &)>
                  Same) const;
  /// Joins \p Other into this; true if this changed.
  bool join(const State &Other);
  /// The same, taking \p Other's entries when this is unreachable.
  bool join(State &&Other);
  /// Gives acquisition \p I the state it has in \p Other (untouched if
  /// \p Other is unreachable), leaving the others as they are; reachable
  /// if either is.
  void take(unsigned I, const State &Other);

private:
  unsigned N = 0;
  llvm::SmallVector<Entry, 2> Entries; ///< sorted by acquisition
};

/// True if \p A is the state of an acquisition not reached yet.
bool untouched(const AcqState &A);

} // namespace clang::tidy::raii

#endif
