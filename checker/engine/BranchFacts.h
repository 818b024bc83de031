//===- BranchFacts.h - what a branch condition says about acquisitions ----===//
//
// On the two edges of a branch, some acquisitions are known to hold nothing:
// `if (!f)`, `if (fd < 0)`, `if (fd == -1)`, `if (p == NULL)` on a handle
// variable or an element an acquire of several filled (`fds[1]`); `if
// (m.try_lock())`, `if (pthread_mutex_lock(&m))`, `if (rc ==
// 0)` on a conditional acquire or the local its result went to (`rc ==
// EBUSY`, an error number, refutes one that returns zero on success); the same
// inside `&&` / `||` (both sides of a true `&&`, of a false `||`), under `!`,
// and in loop conditions; the edges of a `switch` on such a value (the
// solver maps each case to a truth). A handle variable equal to a global (`f ==
// stdin`) or a local array (`b == stackbuf`), or a descriptor equal to a
// valid number (`fd == 0`), holds nothing the function acquired. A refuted
// acquisition is "not acquired" on that edge; a release pending on its
// success (`tmp = realloc(p, n)`) is undone or made definite. A branch on
// what a call that may have taken a handle returned (`if (adopt(c, buf) !=
// 0)`) records the edge taken (AcqState::TakerTests), and one on what a
// wrapper that releases its argument exactly where it fails returned
// (`if (!init_socket(fd))`) tells whether it released it, and one on what
// a call that takes it only where it succeeds returned (`if
// (!EVP_PKEY_assign(pk, t, key))`) whether it took it.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_BRANCHFACTS_H
#define RAII_TIDY_ENGINE_BRANCHFACTS_H

#include "engine/FunctionContext.h"
#include "engine/Lattice.h"

namespace clang::tidy::raii {

/// The branch facts of one function. What a condition says about which
/// acquisitions depends on the condition alone, so it is worked out once
/// per condition and the fixpoint's rounds only apply it.
class BranchFacts {
public:
  explicit BranchFacts(const FunctionContext &C) : C(C) {}

  /// Refines \p St for the edge of branch condition \p Cond taken when it
  /// is \p Branch.
  void refine(const Expr *Cond, bool Branch, State &St);

private:
  /// An acquisition a condition tests: whether its true branch means
  /// acquired.
  struct Test {
    unsigned Acq;
    bool TrueMeansAcquired;
    bool OnlyRefutes; ///< the "acquired" branch says nothing
    /// A test of the variable the result went to, or a comparison of the
    /// handle variable with what the function did not acquire: void on a
    /// path where it was given another value since (AcqState::ResultStale).
    bool OfResultVar;
    /// A test of a copy made by `dynamic_cast`: null where the cast
    /// failed, the "nothing acquired" branch says nothing.
    bool OnlyConfirms;
  };
  llvm::ArrayRef<Test> testsOf(const Expr *Leaf);
  void refineCond(const Expr *Cond, bool Branch, State &St);
  /// \p Cond tests what \p Call returned: contains it, or reads the
  /// variable its result went to.
  bool testsResultOf(const Expr *Cond, const Expr *Call) const;
  void refineLeaf(const Expr *Cond, bool Branch, State &St);
  /// A handle tentatively taken by a call that releases it exactly where
  /// its result reports failure (CallRoles::keeps), on the edge of a test
  /// of that result: released by the call where it failed; where it
  /// succeeded, held again if the call only lent it, else still maybe
  /// taken.
  void refineKept(const Expr *Leaf, bool Branch, State &St);
  /// \p Call takes acquisition \p Acq's handle only where it succeeds
  /// (a rule's transfer `on: success`, `EVP_PKEY_assign`).
  bool takesWhereItSucceeds(const CallExpr *Call, unsigned Acq) const;

  const FunctionContext &C;
  llvm::DenseMap<const Expr *, llvm::SmallVector<Test, 1>> Tests;
};

} // namespace clang::tidy::raii

#endif
