//===- Acquisition.h - what the engine tracks and what it finds -----------===//
//
// An Acquisition is one place where a function takes a resource: an acquire
// call (from the rules catalog or a function summary), a guard object's
// construction, a handle moved from one local to another, or a seed (a
// parameter or outside lock the function may release, which is what its
// summary is built from). The analysis fills in, per acquisition, how it
// leaves the function, and lists the findings that involve two places.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_ACQUISITION_H
#define RAII_TIDY_ENGINE_ACQUISITION_H

#include "catalog/RuleCatalog.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include <string>
#include <vector>

namespace clang::tidy::raii {

/// How a path left the acquisition's scope without releasing it.
struct SkipCause {
  enum KindT {
    Return,
    Break,
    Continue,
    Goto,
    Throw,
    Exception,   ///< an exception from the call in Where
    FunctionEnd, ///< control falls off the end of the function
    Overwrite,   ///< the handle variable is acquired again
    /// The handle's variable went out of scope holding it (Where: its
    /// compound statement, or the loop or `if` declaring it), seen where a
    /// loop acquires it afresh in a new variable.
    ScopeEnd,
    /// The call in Where ends the thread (`pthread_exit`, `thrd_exit`): the
    /// process goes on without the thread's locals.
    ThreadExit
  };
  KindT Kind;
  const Stmt *Where; ///< the jump, call, or acquire; null for FunctionEnd
  /// The handle was passed on this path to this callee, which may have
  /// taken it: a skip only if some path releases the handle after that same
  /// call (then the callee only borrowed it).
  const Stmt *TakenBy = nullptr;
  bool operator==(const SkipCause &O) const {
    return Kind == O.Kind && Where == O.Where && TakenBy == O.TakenBy;
  }
  bool operator<(const SkipCause &O) const;
};

struct Acquisition {
  enum OriginT {
    Call,  ///< an acquire call or `new`
    Guard, ///< a guard object's constructor locks
    Move,  ///< `x = y;` moves the handle of local y into local x
    Seed   ///< held by the caller: a parameter or an outside lock
  };
  OriginT Origin = Call;
  const Expr *Site = nullptr;       ///< the acquire, construction or move
  /// For a move made later than its copy (`old = buf; .. buf = malloc(..);`
  /// moves buf's block into old at the second line): the copied value,
  /// where its findings point.
  const Expr *CopiedValue = nullptr;
  const Acquire *Rule = nullptr;    ///< null for guards
  const Family *Fam = nullptr;      ///< null for guards
  /// The wrapper whose summary made Site an acquire, and the acquire inside
  /// it (for the note that points into the wrapper).
  const FunctionDecl *Via = nullptr;
  const Stmt *ViaSite = nullptr;
  const VarDecl *GuardVar = nullptr;  ///< the guard object holding a lock
  const VarDecl *ResultVar = nullptr; ///< where a try-acquire's result went
  /// ResultVar holds a truth made from the result, as the last operand of
  /// a chain of `&&` (`ok = e && !regcomp(&re, e, 0);`): true exactly where
  /// every operand held, the acquire's result tested for truth, negated
  /// when ResultNegated.
  bool ResultFlag = false;
  bool ResultNegated = false;
  const VarDecl *HandleVar = nullptr; ///< local variable holding the handle
  const ValueDecl *SeedDecl = nullptr; ///< a seed's parameter, if any
  const Expr *HandleExpr = nullptr;   ///< the object or out argument
  const Stmt *Scope = nullptr;        ///< compound statement owning it
  unsigned Key = 0;                   ///< id in the function's KeyTable
  unsigned MovedFromKey = ~0u;        ///< for Move: the source's key
  std::string Name;                   ///< the handle as spelled: `f`, `m`
  bool IsLock = false;
  bool LocalObject = false; ///< the object / handle is owned by the function
  bool Reentrant = false;
  /// A conditional acquire (`try_lock`, `pthread_mutex_lock`) whose result
  /// the code looks at.
  bool ResultTested = false;
  /// A descriptor acquired right after the function closed a standard
  /// descriptor by number (`close(0); dup(fd);`): the lowest free number,
  /// that standard descriptor, kept open on purpose. Its releases are
  /// still checked; a path that does not release it is no finding.
  bool KeptAsStandard = false;
  /// Initialised in place into a global object (a family marked
  /// `in-place`) that other code of the file names (GlobalUses): shared
  /// state, kept where the function leaves it initialised even if some of
  /// its paths undo it.
  bool SharedStatic = false;
  /// Acquired straight into a field of the object a constructor builds
  /// (`fp = fopen(..)` in `File::File`): the object keeps it once the
  /// constructor returns, but an exception out of the constructor runs no
  /// destructor, so only such exits skip its release.
  bool KeptByObject = false;
  /// With KeptByObject: the class's destructor releases the field, so a
  /// call the constructor gives it to only borrows it (the object still
  /// releases it), as one after which the function releases a handle.
  bool ReleasedByDestructor = false;

  // Results.
  bool Reached = false;    ///< acquired on some path
  bool HeldAtExit = false; ///< may still be held when the function ends
  bool ReleasedSomewhere = false;
  bool Escaped = false;     ///< handed off on some path
  /// The CFG elements that hand it off (a `return`, a store, a call that
  /// takes it), and whether it is also handed off outside any element.
  llvm::SmallVector<const Stmt *, 1> HandOffs;
  bool HandedOffElsewhere = false;
  /// Passed to a callee that may have taken it, and no path releases it
  /// after that call.
  bool MaybeTaken = false;
  /// The calls that may have taken it.
  llvm::SmallVector<const Stmt *, 2> TakenBy;
  /// Calls that took the handle tentatively and after which some path
  /// releases it: they only borrowed it.
  llvm::SmallVector<const Stmt *, 2> BorrowedBy;
  /// Acquired in a branch of an `if` and released in a branch of another
  /// (`if (c) acquire; ... if (c) release;`): a guard declared at the
  /// acquire would die with the first branch, so none is suggested.
  bool ReleasedOutsideBranch = false;
  /// Every release is the statement right after the acquire.
  bool ReleasedAtOnce = false;
  /// Some release's result is used (tested, returned, stored).
  bool ReleaseResultUsed = false;
  /// The acquire is awaited (`co_await m.lock()`): a lock made for
  /// coroutines, which a suspension does not hold up.
  bool Awaited = false;
  /// For seeds: the states the function may leave it in.
  bool SeedReleasedOnSomePath = false;
  bool SeedKeptOnSomePath = false;
  std::vector<SkipCause> Skips; ///< sorted, unique
  std::vector<const Expr *> Releases; ///< the releases that matched it

  bool isGuard() const { return Origin == Guard; }
  bool isSeed() const { return Origin == Seed; }
  /// The location a diagnostic about the acquire points at (a seed's: its
  /// parameter, if any).
  SourceLocation diagLoc() const;
  /// The acquire's spelling: `fopen`, `lock`, `new[]`.
  std::string acquireName() const;
};

struct DoubleRelease {
  const Expr *Second, *First;
  unsigned Acq;
};
struct Mismatch {
  const Expr *ReleaseExpr;
  const Release *Rule;
  unsigned Acq;
};
struct Reacquire {
  const Expr *Second;
  unsigned Held; ///< the acquisition already holding it
};
/// A lock that may be held where a coroutine suspends.
struct HeldAtSuspend {
  const Expr *Suspend; ///< the `co_await` or `co_yield`
  unsigned Acq;
  bool OnEveryPath; ///< held on every path reaching the suspension
  /// The guard holding it there when a guard adopted the manual lock.
  const VarDecl *AdoptedBy = nullptr;
};
/// `p = realloc(p, n)`: when the call fails, the only pointer to the block
/// it did not release is overwritten with null.
struct LostOnFailure {
  const Expr *Call;
  const Expr *Target; ///< the handle both released and assigned
};

/// An acquire whose result, the handle itself, the function discards
/// (`strdup(s);`, `(void)fopen(p, "w");`): nothing can release it.
struct DroppedHandle {
  const Expr *Call;
  const FunctionDecl *Via = nullptr; ///< the summarised wrapper
  const Stmt *ViaSite = nullptr;     ///< the acquire inside it
};

/// Where a diagnostic about call-like \p E points: the callee as written
/// (`m` in `m.lock()`, `fopen`), or the `new` / `delete` keyword.
SourceLocation exprDiagLoc(const Expr *E);
/// Spelling of a call's callee for messages: `fclose`, `unlock`, `delete[]`.
std::string calleeName(const Expr *E);

} // namespace clang::tidy::raii

#endif
