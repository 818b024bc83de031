//===- Summaries.h - what a function of this translation unit does --------===//
//
// A function whose body the translation unit has is summarised from its own
// analysis, computed once, bottom-up, on demand, bounded in depth (a summary
// needs the callee's analysis, which may need its callees' summaries) and
// safe under recursion (a function being summarised has no summary yet):
//
//   - releases: a parameter (or a field below it), `this`'s field or a global
//     lock that the body releases on every path that holds it
//     (`void close_file(FILE *f) { if (f) fclose(f); }`);
//   - keeps: a parameter released exactly on the returns that report
//     failure (`if (..) { close(fd); return false; } return true;`), and
//     whether the body only lends it otherwise;
//   - acquire: every `return` gives a handle acquired in the body and still
//     held, or nothing (null, a constant) — `xstrdup`, `conn_open`; or a lock
//     on a global, a field of `this` or of a parameter held on every exit
//     and released on none (`lock_table()`, `Db::lock()`);
//   - acquire into a parameter: `int make(T **out)`, `void src(T *&out)`
//     store a fresh handle through the parameter (OutParams.h);
//   - never returns: every path throws or ends the program, without a
//     `[[noreturn]]` to say so (`handleError(err)`).
//
// Rules always win: a function the catalog names is never summarised. There
// is nothing across translation units.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_SUMMARIES_H
#define RAII_TIDY_ENGINE_SUMMARIES_H

#include "engine/CallRoles.h"
#include "engine/OutParams.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <functional>
#include <memory>
#include <vector>

namespace clang::tidy::raii {

class FunctionAnalysis;

struct FunctionSummary {
  std::vector<ReleaseRole> Releases;
  std::vector<KeepRole> Keeps;
  std::optional<AcquireRole> Acquires;
  // The synthesized rules the roles point to.
  std::vector<std::unique_ptr<Release>> OwnedReleases;
  std::unique_ptr<Acquire> OwnedAcquire;
};

class SummaryTable {
public:
  /// Analyses a function for a summary at a depth (see analyzeFunction).
  using AnalyzeFn = std::function<std::shared_ptr<const FunctionAnalysis>(
      const FunctionDecl *, unsigned Depth)>;
  static constexpr unsigned MaxDepth = 3;

  SummaryTable(const RuleCatalog &Cat, AnalyzeFn Analyze)
      : Cat(Cat), Analyze(std::move(Analyze)) {}

  /// The summary of \p FD as seen from depth \p Depth, or null when it has
  /// none (no visible body, a catalog function, too deep, recursion). With
  /// \p Final, says whether the answer holds for good at every depth below
  /// MaxDepth (false while \p FD is being summarised).
  const FunctionSummary *summaryOf(const FunctionDecl *FD, unsigned Depth,
                                   bool *Final = nullptr);
  /// True if every path through \p FD's body throws or ends the program.
  bool neverReturns(const FunctionDecl *FD, unsigned Depth = 0);

private:
  std::unique_ptr<FunctionSummary> build(const FunctionDecl *Def,
                                         const FunctionAnalysis &FA);
  bool endsAbruptly(const Stmt *S, unsigned Depth);
  /// What calls do, for outParamAcquire, seen from depth \p Depth.
  OutParamRoles outParamRoles(unsigned Depth);

  const RuleCatalog &Cat;
  AnalyzeFn Analyze;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionSummary>> Done;
  /// Being summarised (their entry in Done is a placeholder).
  llvm::DenseSet<const FunctionDecl *> Pending;
  llvm::DenseMap<const FunctionDecl *, bool> NoReturn;
};

} // namespace clang::tidy::raii

#endif
