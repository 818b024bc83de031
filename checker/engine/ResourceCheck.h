//===- ResourceCheck.h - base of the checks that share the engine ---------===//
//
// Reads the shared options (RaiiRuleFiles, RaiiAssumeNothrow, RaiiGuardStyle,
// RaiiCLinkageNothrow, GuardTypes) with getLocalOrGlobal, loads the rules
// catalog, matches function definitions and hands each analysed function to
// the concrete check's report(). The analysis itself is shared between the
// checks through the engine's cache.
//
//===----------------------------------------------------------------------===//
#ifndef RAII_TIDY_ENGINE_RESOURCECHECK_H
#define RAII_TIDY_ENGINE_RESOURCECHECK_H

#include "engine/ResourceAnalysis.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::raii {

class ResourceCheck : public ClangTidyCheck {
public:
  ResourceCheck(llvm::StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override { clearAnalysisCache(); }
  void onEndOfTranslationUnit() override { clearAnalysisCache(); }

protected:
  virtual void report(const FunctionAnalysis &FA, ASTContext &Ctx) = 0;
  const RuleCatalog &catalog() const { return Catalog; }
  /// The guard \p F's fix would use under RaiiGuardStyle.
  llvm::StringRef guardFor(const Family &F) const {
    return F.guard(GuardStyle);
  }

private:
  const AnalysisOptions Opts;
  const std::string GuardStyle;
  const RuleCatalog &Catalog;
};

} // namespace clang::tidy::raii

#endif
