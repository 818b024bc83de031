//===- ResourceAnalysis.h - acquire/release dataflow over the CFG ---------===//
//
// Per function, and only for functions that contain a known acquire: builds
// Clang's CFG (with exception edges and implicit destructors) and runs a
// forward may-dataflow whose facts are, per acquisition, the set of states it
// may be in {not acquired, held, released, handed off} plus the exits that
// left its scope while it was held. The result lists, per acquisition, its
// releases, whether it may still be held when the function is left, the
// exits that skipped its release, double releases, mismatched releases and
// acquires of a lock already held. Cost: linear in CFG size times the number
// of acquisitions per fixpoint round; paths are never enumerated.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_RESOURCEANALYSIS_H
#define RAII_TIDY_ENGINE_RESOURCEANALYSIS_H

#include "engine/RuleCatalog.h"
#include "support/NameMatcher.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include <memory>
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
    Overwrite    ///< the handle variable is acquired again
  };
  KindT Kind;
  const Stmt *Where; ///< the jump, call, or acquire; null for FunctionEnd
  bool operator==(const SkipCause &O) const {
    return Kind == O.Kind && Where == O.Where;
  }
  bool operator<(const SkipCause &O) const;
};

struct Acquisition {
  const Expr *Call = nullptr;       ///< the acquire (call, `new`, guard ctor)
  const Acquire *Rule = nullptr;    ///< null for guards
  const Family *Fam = nullptr;      ///< null for guards
  const VarDecl *GuardVar = nullptr; ///< the guard object holding a lock
  const VarDecl *ResultVar = nullptr; ///< where a try-acquire's result went
  const VarDecl *HandleVar = nullptr; ///< local variable holding the handle
  const Expr *HandleExpr = nullptr; ///< the object or out argument
  const Stmt *Scope = nullptr;      ///< compound statement owning it
  unsigned Key = 0;                 ///< index into the analysis' keys
  std::string Name;                 ///< the handle as spelled: `f`, `m`
  bool IsLock = false;
  bool LocalObject = false; ///< the object / handle is owned by the function
  bool Reentrant = false;

  // Results.
  bool Reached = false;          ///< acquired on some path
  bool HeldAtExit = false;       ///< may still be held when the function ends
  bool ReleasedSomewhere = false;
  bool Escaped = false;          ///< handed off on some path
  /// Acquired and released under the same `if` condition (`if (c) acquire;
  /// ... if (c) release;`): not reported, and not a guard candidate.
  bool Correlated = false;
  std::vector<SkipCause> Skips;  ///< sorted, unique
  std::vector<const Expr *> Releases; ///< the releases that matched it

  bool isGuard() const { return GuardVar != nullptr; }
  /// The location a diagnostic about the acquire points at.
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

/// Options that change the analysis (and so key the shared cache).
struct AnalysisOptions {
  std::string RuleFiles;
  std::string AssumeNothrow;
  std::string GuardTypes;
  bool CLinkageNothrow = true;
  bool operator<(const AnalysisOptions &O) const;
};

class FunctionAnalysis {
public:
  const FunctionDecl *Fn = nullptr;
  std::vector<Acquisition> Acquisitions;
  std::vector<DoubleRelease> DoubleReleases;
  std::vector<Mismatch> Mismatches;
  std::vector<Reacquire> Reacquires;
  bool Analyzed = false; ///< false when no CFG could be built

  /// True if every release of \p A is a statement that ends the acquire's
  /// scope: the scope's last statement, or one followed only by a jump out
  /// (what a fix-it needs before it rewrites the pair into a guard).
  bool releasesAtScopeExits(const Acquisition &A) const;
};

/// Runs (or returns the cached result of) the analysis of \p Fn. Returns null
/// when \p Fn contains no acquire known to \p Catalog. Results are shared by
/// every check in the translation unit with the same options.
std::shared_ptr<const FunctionAnalysis>
analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                const RuleCatalog &Catalog, const AnalysisOptions &Opts);

/// Drops every cached analysis (at the end of a translation unit).
void clearAnalysisCache();

/// Where a diagnostic about call-like \p E points: the callee as written
/// (`m` in `m.lock()`, `fopen`), or the `new` / `delete` keyword.
SourceLocation exprDiagLoc(const Expr *E);

/// Spelling of a release for messages: `fclose`, `unlock`, `delete[]`.
std::string releaseName(const Expr *E);

} // namespace clang::tidy::raii

#endif
