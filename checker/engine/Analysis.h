//===- Analysis.h - the engine's entry point ------------------------------===//
//
// analyzeFunction() runs, once per function and option set, and only for
// functions that acquire or release something the catalog or a summary
// knows: the body index, the collection of acquisitions, and the dataflow
// (see Solver.h). Results are cached for the translation unit and shared by
// every engine check and by the function summaries. Cost: linear in the CFG
// size times the number of acquisitions per fixpoint round, times at most
// eight paths kept apart per block (PathSet.h); paths are never enumerated.
// A function where that cap merged paths is solved again for the merged
// acquisitions, within a bound of a few times the first run (Solver.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_ANALYSIS_H
#define RAII_TIDY_ENGINE_ANALYSIS_H

#include "engine/FunctionAnalysis.h"
#include "support/NothrowPolicy.h"
#include <memory>
#include <string>

namespace clang::tidy::raii {

/// Options that change the analysis (and so key the shared cache).
struct AnalysisOptions {
  std::string RuleFiles;
  std::string AssumeNothrow;
  std::string GuardTypes;
  bool CLinkageNothrow = true;
  bool AllocationMayThrow = false;
  UnseenCalls UnseenMayThrow = UnseenCalls::AsProjectDoes;
  bool operator<(const AnalysisOptions &O) const;
};

/// Runs (or returns the cached result of) the analysis of \p Fn. Returns null
/// when \p Fn acquires and releases nothing the engine knows.
std::shared_ptr<const FunctionAnalysis>
analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                const RuleCatalog &Catalog, const AnalysisOptions &Opts);

/// Drops every cached analysis and summary (at the start of a translation
/// unit: the last one's declarations are gone).
void clearAnalysisCache();

} // namespace clang::tidy::raii

#endif
