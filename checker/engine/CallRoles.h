//===- CallRoles.h - is this call an acquire or a release? ----------------===//
//
// The engine's one question about a call: does it acquire or release, what,
// and through which handle. The rules catalog answers first (rules win);
// otherwise the summary of a function whose body this translation unit has
// (see Summaries.h): `xstrdup` acquires like `strdup`, `close_file(f)`
// releases `f`, `lock_table()` locks the global `table_mx`.
//
// The answer depends on the callee only, and the engine asks it of every
// call many times (the quick scan, the collector, every fixpoint round), so
// a RoleCache, one per engine, keeps it per callee: one hash lookup per call
// instead of the catalog's name lookups and the summary table's checks.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CALLROLES_H
#define RAII_TIDY_ENGINE_CALLROLES_H

#include "catalog/RuleCatalog.h"
#include "engine/HandleKey.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <optional>

namespace clang::tidy::raii {

class SummaryTable;
struct FunctionSummary;

/// Where a role finds its handle: the rule's HandleSpec, then (summaries
/// only) fields below it, or a fixed object (a global the wrapper locks).
struct RoleHandle {
  HandleSpec Spec;
  llvm::SmallVector<const ValueDecl *, 2> Fields;
  std::optional<HandleKey> Fixed;
};

struct AcquireRole {
  const Acquire *Rule = nullptr;
  RoleHandle Handle;
  const FunctionDecl *Via = nullptr; ///< the summarised wrapper
  const Stmt *ViaSite = nullptr;     ///< the acquire inside it
};

struct ReleaseRole {
  const Release *Rule = nullptr;
  RoleHandle Handle;
  const FunctionDecl *Via = nullptr;
  const Stmt *ViaSite = nullptr;
};

/// A wrapper that releases a handle of its caller's exactly where its
/// result reports failure (`static bool init_socket(int fd) { if (..) {
/// close(fd); return false; } return true; }`): a test of the result tells
/// the caller where the handle is gone.
struct KeepRole {
  RoleHandle Handle;
  /// The result's convention for success: Success::True (nonzero) or
  /// Success::Zero.
  Success KeptWhen = Success::True;
  /// Every return that released gives a negative constant of a signed
  /// type (`return -1;`): a sign test (`< 0`) of the result tells too.
  bool FailsNegative = false;
  /// Where it succeeds the wrapper has only lent the handle (no copy,
  /// store or call that may keep it): the caller holds it still. Else the
  /// call may have taken it there, as any such call.
  bool KeepsOnSuccess = false;
};

/// The roles of calls, per callee, for one engine (one catalog and one
/// summary table within one translation unit). A summary is kept once it is
/// final: one asked for while it is being computed (recursion) is asked for
/// again next time.
class RoleCache {
public:
  /// \p Summaries may be null (no summaries: catalog only).
  RoleCache(const RuleCatalog &Cat, SummaryTable *Summaries)
      : Cat(Cat), Summaries(Summaries) {}

  /// What one callee does.
  struct Callee {
    std::optional<AcquireRole> Acquire;         ///< by a rule
    /// `std::lock(a, b)`: each argument acquired as by its type's `lock()`
    /// rule (the rule's handle moved to the argument).
    llvm::SmallVector<AcquireRole, 2> EachArg;
    llvm::SmallVector<ReleaseRole, 1> Releases; ///< by a rule
    const FunctionDecl *FD = nullptr; ///< the direct callee of a call
    /// A direct callee no rule names: its summary may give it roles.
    bool MaySummarise = false;
    bool SummaryFinal = false;
    const FunctionSummary *Summary = nullptr;
    std::optional<bool> NeverReturns;
    /// A release a local function pointer's values share (Releases).
    std::unique_ptr<Release> Owned;
  };

  const RuleCatalog &catalog() const { return Cat; }
  /// The entry for what \p E calls (a call, `new`, `delete` or a
  /// construction), or null when no rule or summary can apply to it.
  Callee *calleeOf(const Expr *E);
  /// The summary of \p C's callee as seen from depth \p Depth, or null.
  const FunctionSummary *summary(Callee &C, unsigned Depth);
  /// True if \p C's callee never returns normally by its summary.
  bool neverReturns(Callee &C, unsigned Depth);

private:
  /// The roles of `std::lock`'s arguments (Callee::EachArg).
  void lockEachArg(const FunctionDecl *FD,
                   llvm::SmallVectorImpl<AcquireRole> &Out) const;
  /// A call through local function pointer \p V whose every value the
  /// body gives it is null or a release of one kind by the same argument
  /// (`closefunc = fclose;` or `= pclose;`, `(*closefunc)(fin)`): that
  /// release, for a handle of any family of the kind.
  std::unique_ptr<Release> releaseThrough(const VarDecl *V) const;

  const RuleCatalog &Cat;
  SummaryTable *Summaries;
  /// Keyed by the callee declaration and the kind of expression (calls,
  /// constructions; `new` and `delete` by their spelling).
  llvm::DenseMap<std::pair<const void *, unsigned>, std::unique_ptr<Callee>>
      Entries;
};

class CallRoles {
public:
  CallRoles(RoleCache &Cache, unsigned Depth) : Cache(Cache), Depth(Depth) {}

  const RuleCatalog &catalog() const { return Cache.catalog(); }
  /// The acquire \p E performs, or null. Valid as long as the engine.
  const AcquireRole *acquire(const Expr *E) const;
  /// The acquires of a call that locks each of its arguments
  /// (`std::lock(a, b)`), one per argument whose type's `lock()` a rule
  /// names; empty for any other call. Valid as long as the engine.
  llvm::ArrayRef<AcquireRole> acquireEach(const Expr *E) const;
  /// The releases \p E performs (a wrapper may release several handles).
  /// Valid as long as the engine.
  llvm::ArrayRef<ReleaseRole> releases(const Expr *E) const;
  /// The handles \p E releases only where its result reports failure (a
  /// summarised wrapper's KeepRoles). Valid as long as the engine.
  llvm::ArrayRef<KeepRole> keeps(const Expr *E) const;
  /// True if \p E acquires or releases anything: acquire(), acquireEach()
  /// or releases() would answer, for the price of one lookup.
  bool hasRole(const Expr *E) const;
  /// True if a call of \p C never returns normally (`[[noreturn]]`, or a
  /// helper whose every path throws or ends the program).
  bool neverReturns(const CallExpr *C) const;

  /// The key of the object \p Call acts on through \p H; false if none.
  static bool keyFor(const Expr *Call, const RoleHandle &H, bool StripDeref,
                     const KeyBuilder &Keys, HandleKey &Out);

private:
  RoleCache &Cache;
  unsigned Depth;
};

} // namespace clang::tidy::raii

#endif
