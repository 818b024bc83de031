//===- Events.h - what the transfer function reports ----------------------===//
//
// The dataflow never decides what is worth a diagnostic. It reports events
// through this interface, as clang's lock analysis reports through its
// ThreadSafetyHandler: while the fixpoint is being computed the events go to
// a handler that ignores them; in the final pass over the stable facts they
// go to the FunctionAnalysis that the checks read. A new kind of finding is
// a new event with an empty default, a field in FunctionAnalysis and a check.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_EVENTS_H
#define RAII_TIDY_ENGINE_EVENTS_H

#include "engine/Acquisition.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::raii {

class State;

/// What a `return` gives the caller, for function summaries.
struct ReturnedValue {
  enum KindT {
    Nothing,  ///< `return;`, a constant, null
    Fresh,    ///< a handle acquired in this function and still held
    Other     ///< anything else
  };
  KindT Kind = Other;
  unsigned Acq = ~0u; ///< for Fresh, when tracked
  const Acquire *Rule = nullptr; ///< for Fresh
  const Stmt *Site = nullptr; ///< for Fresh: the acquire
  /// The integer constant returned (`return 0;`, `return -1;`), if any.
  std::optional<int64_t> Constant;
  /// Per acquisition: 0 not held, 1 held, 2 held on some paths only.
  llvm::SmallVector<uint8_t, 4> Held;
};

class AnalysisEvents {
public:
  virtual ~AnalysisEvents() = default;
  virtual void acquired(unsigned Acq) {}
  virtual void released(unsigned Acq, const Expr *Release) {}
  /// \p Acq is handed off in CFG element \p Where (null: where no element
  /// is being applied, a destruction); \p TentativeBy, if set, is a call
  /// that may have taken it (see releasedAfterTake).
  virtual void handedOff(unsigned Acq, const Stmt *TentativeBy,
                         const Stmt *Where) {}
  /// A handle passed to \p Call, which may have taken it, is released later
  /// on the path: the call only borrowed it.
  virtual void releasedAfterTake(unsigned Acq, const Stmt *Call) {}
  /// The same where every path to the release took one edge of a branch on
  /// what \p Call returned, at its last or its first such branch: \p Edge
  /// holds both views (AcqState::TakerTests' bits, Untested for a view
  /// without one edge). A release where the call failed to take the
  /// handle, unless in both views releases follow both edges or none.
  virtual void releasedOnEdge(unsigned Acq, const Stmt *Call, uint8_t Edge) {
  }
  virtual void doubleRelease(unsigned Acq, const Expr *Second,
                             const Expr *First) {}
  virtual void mismatchedRelease(unsigned Acq, const Expr *ReleaseExpr,
                                 const Release *Rule) {}
  /// A release of heap memory the collector found pointing elsewhere
  /// (StorageOrigin) is reached on a feasible path.
  virtual void releasedNonHeap(const Expr *ReleaseExpr) {}
  /// Lock acquire \p Second is reached while \p HeldAcq is held on this
  /// path; a finding only if notReacquired() never comes for it.
  virtual void reacquired(unsigned HeldAcq, const Expr *Second) {}
  /// Lock acquire \p Second, of acquisition \p Acq, is reached by a path
  /// that does not surely hold the lock already.
  virtual void notReacquired(unsigned Acq, const Expr *Second) {}
  virtual void returned(const Stmt *Ret, const ReturnedValue &V) {}
  /// The state with which a path leaves the function (causes already added).
  virtual void leftFunction(const State &S) {}
  /// A coroutine suspends at \p Suspend (`co_await`, `co_yield`) in state
  /// \p S.
  virtual void suspended(const Expr *Suspend, const State &S) {}
};

} // namespace clang::tidy::raii

#endif
