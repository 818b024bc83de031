//===- CallRoles.h - is this call an acquire or a release? ----------------===//
//
// The engine's one question about a call: does it acquire or release, what,
// and through which handle. The rules catalog answers first (rules win);
// otherwise the summary of a function whose body this translation unit has
// (see Summaries.h): `xstrdup` acquires like `strdup`, `close_file(f)`
// releases `f`, `lock_table()` locks the global `table_mx`.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_CALLROLES_H
#define RAII_TIDY_ENGINE_CALLROLES_H

#include "catalog/RuleCatalog.h"
#include "engine/HandleKey.h"
#include <optional>

namespace clang::tidy::raii {

class SummaryTable;

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

class CallRoles {
public:
  /// \p Summaries may be null (no summaries: catalog only).
  CallRoles(const RuleCatalog &Cat, SummaryTable *Summaries, unsigned Depth)
      : Cat(Cat), Summaries(Summaries), Depth(Depth) {}

  const RuleCatalog &catalog() const { return Cat; }
  std::optional<AcquireRole> acquire(const Expr *E) const;
  /// The releases \p E performs (a wrapper may release several handles).
  llvm::SmallVector<ReleaseRole, 1> releases(const Expr *E) const;
  /// True if a call of \p C never returns normally (`[[noreturn]]`, or a
  /// helper whose every path throws or ends the program).
  bool neverReturns(const CallExpr *C) const;

  /// The key of the object \p Call acts on through \p H; false if none.
  static bool keyFor(const Expr *Call, const RoleHandle &H, bool StripDeref,
                     const KeyBuilder &Keys, HandleKey &Out);

private:
  const RuleCatalog &Cat;
  SummaryTable *Summaries;
  unsigned Depth;
};

} // namespace clang::tidy::raii

#endif
