//===- Analysis.cpp - running and caching the analyses --------------------===//
#include "engine/Analysis.h"
#include "engine/CalleeBodies.h"
#include "engine/Collector.h"
#include "engine/Correlation.h"
#include "engine/LibraryHeaders.h"
#include "engine/Solver.h"
#include "engine/Summaries.h"
#include "support/GuardTypes.h"
#include "support/NothrowPolicy.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <map>

namespace clang::tidy::raii {

bool AnalysisOptions::operator<(const AnalysisOptions &O) const {
  return std::tie(RuleFiles, AssumeNothrow, GuardTypes, CLinkageNothrow,
                  AllocationMayThrow, UnseenMayThrow) <
         std::tie(O.RuleFiles, O.AssumeNothrow, O.GuardTypes,
                  O.CLinkageNothrow, O.AllocationMayThrow, O.UnseenMayThrow);
}

namespace {

/// Everything cached for one option set within a translation unit.
class Engine {
public:
  Engine(const RuleCatalog &Cat, const AnalysisOptions &Opts)
      : Cat(Cat),
        Nothrow(utils::options::parseStringList(Opts.AssumeNothrow)),
        Guards(utils::options::parseStringList(Opts.GuardTypes)),
        Policy(Nothrow, Opts.CLinkageNothrow, Opts.UnseenMayThrow,
               Opts.AllocationMayThrow),
        Summaries(Cat, [this](const FunctionDecl *FD, unsigned Depth) {
          return analyze(FD, Depth);
        }),
        Callees(Cat, &Summaries) {}

  std::shared_ptr<const FunctionAnalysis> analyze(const FunctionDecl *Fn,
                                                  unsigned Depth);

private:
  /// Quick scan: does \p S acquire or release anything, or construct
  /// more than \p GuardsLeft guards?
  bool worthAnalysing(const Stmt *S, const CallRoles &Roles,
                      unsigned &GuardsLeft) const;
  /// Collects \p Fn's acquisitions and solves its dataflow, keeping apart
  /// \p SplitsByFacts paths per resource state told apart by their facts,
  /// within \p MaxVisits (block, path) visits.
  std::shared_ptr<FunctionAnalysis> solve(const FunctionDecl *Fn,
                                          const CallRoles &Roles,
                                          unsigned SplitsByFacts,
                                          uint64_t MaxVisits);
  /// Paths per resource state kept apart by their facts where the merged
  /// paths leave a finding, in functions whose first solution took at most
  /// MaxVisitsToSplit visits.
  static constexpr unsigned SplitsByFacts = 2;
  static constexpr uint64_t MaxVisitsToSplit = 1000;

  const RuleCatalog &Cat;
  NameMatcher Nothrow;
  NameMatcher Guards;
  NothrowPolicy Policy;
  SummaryTable Summaries;
  RoleCache Callees; ///< roles per callee, for every function
  ConstantValues Values;
  GlobalUses Uses;
  llvm::DenseMap<const FunctionDecl *, std::shared_ptr<const FunctionAnalysis>>
      Results;
};

std::shared_ptr<FunctionAnalysis>
Engine::solve(const FunctionDecl *Fn, const CallRoles &Roles,
              unsigned SplitsByFacts, uint64_t MaxVisits) {
  auto Out = std::make_shared<FunctionAnalysis>();
  Out->Fn = Fn;
  Out->Catalog = &Cat;
  ASTContext &Ctx = Fn->getASTContext();
  FunctionContext C(Fn, Ctx, Roles, Policy, Guards, Values, Uses, *Out);
  bool FnNothrow = isa<CXXDestructorDecl>(Fn);
  if (const auto *FPT = Fn->getType()->getAs<FunctionProtoType>())
    FnNothrow |= declaredNothrow(FPT);
  C.Exceptions = Ctx.getLangOpts().CXXExceptions && !FnNothrow;
  if (collectAcquisitions(C) && solveDataflow(C, SplitsByFacts, MaxVisits)) {
    Out->Analyzed = true;
    Out->finish();
    markBodyShapeFacts(C);
  }
  return Out;
}

bool Engine::worthAnalysing(const Stmt *S, const CallRoles &Roles,
                            unsigned &GuardsLeft) const {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<CallExpr, CXXNewExpr, CXXDeleteExpr>(S)) {
    if (Roles.hasRole(cast<Expr>(S)))
      return true;
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (CE->getNumArgs() && Guards.matches(guardDeclOf(CE->getType()))) {
      if (GuardsLeft == 0)
        return true;
      --GuardsLeft;
    }
  }
  for (const Stmt *C : S->children())
    if (worthAnalysing(C, Roles, GuardsLeft))
      return true;
  return false;
}

std::shared_ptr<const FunctionAnalysis>
Engine::analyze(const FunctionDecl *Fn, unsigned Depth) {
  if (!Fn || !Fn->hasBody() || Fn->isInvalidDecl() || Fn->isDependentContext())
    return nullptr;
  if (const FunctionDecl *Def = Fn->getDefinition())
    Fn = Def;
  auto It = Results.find(Fn);
  if (It != Results.end())
    return It->second;
  Results[Fn] = nullptr; // recursion
  CallRoles Roles(Callees, Depth);
  // A lone guard is correct by construction, except in a coroutine, where
  // it may be held across a suspension.
  unsigned GuardsLeft = isa<CoroutineBodyStmt>(Fn->getBody()) ? 0 : 1;
  std::shared_ptr<FunctionAnalysis> Out;
  if (worthAnalysing(Fn->getBody(), Roles, GuardsLeft)) {
    // Paths whose states agree are merged, their facts intersected; where
    // that leaves a finding, a function of moderate size is solved again
    // keeping apart paths whose facts differ, at more cost (past twice the
    // first run's work, the first run stands). That run is the more
    // precise: it may show a reported path cannot happen, and may find
    // what the merge hid (a reacquire on paths kept apart), which a
    // function with nothing reported by the first run is not solved again
    // to find.
    Out = solve(Fn, Roles, /*SplitsByFacts=*/0, ~uint64_t(0));
    if (Out->Analyzed && Out->foundOnSomePath() &&
        Out->Visits <= MaxVisitsToSplit)
      if (auto Again = solve(Fn, Roles, SplitsByFacts, 2 * Out->Visits);
          Again->Analyzed)
        Out = std::move(Again);
  }
  Results[Fn] = Out;
  return Out;
}

struct Cache {
  std::map<AnalysisOptions, std::unique_ptr<Engine>> Engines;
  /// The engine of each options object asked with (every check keeps its
  /// own for good): the options are compared, strings and all, once per
  /// check and translation unit instead of once per function.
  llvm::DenseMap<const AnalysisOptions *, Engine *> ByAddress;
};
Cache &cache() {
  // Never destroyed: freeing the last translation unit's analyses at exit
  // is work the process does not need.
  static Cache *C = new Cache;
  return *C;
}

} // namespace

void clearAnalysisCache() {
  cache().ByAddress.clear();
  cache().Engines.clear();
  clearStoredParameters();
  clearLibraryHeaders();
}

std::shared_ptr<const FunctionAnalysis>
analyzeFunction(const FunctionDecl *Fn, ASTContext &Ctx,
                const RuleCatalog &Catalog, const AnalysisOptions &Opts) {
  Cache &C = cache();
  Engine *&E = C.ByAddress[&Opts];
  if (!E) {
    auto &Slot = C.Engines[Opts];
    if (!Slot)
      Slot = std::make_unique<Engine>(Catalog, Opts);
    E = Slot.get();
  }
  return E->analyze(Fn, 0);
}

} // namespace clang::tidy::raii
