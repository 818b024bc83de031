//===- ResourceCheck.cpp --------------------------------------------------===//
#include "engine/ResourceCheck.h"
#include "support/BoolOption.h"
#include "support/GuardTypes.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {

static AnalysisOptions readOptions(const ClangTidyCheck &Check,
                                   const ClangTidyCheck::OptionsView &O) {
  AnalysisOptions A;
  A.RuleFiles = O.getLocalOrGlobal("RaiiRuleFiles", "").str();
  A.AssumeNothrow = O.getLocalOrGlobal("RaiiAssumeNothrow", "").str();
  A.GuardTypes = O.getLocalOrGlobal("GuardTypes", DefaultGuardTypes).str();
  A.CLinkageNothrow =
      readBoolOption(Check, "RaiiCLinkageNothrow",
                     O.getLocalOrGlobal("RaiiCLinkageNothrow"), true);
  return A;
}

ResourceCheck::ResourceCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Opts(readOptions(*this, Options)),
      GuardStyle(Options.getLocalOrGlobal("RaiiGuardStyle", "std").str()),
      Catalog(RuleCatalog::forCheck(*this, Opts.RuleFiles)) {
  if (GuardStyle != "std" && GuardStyle != "raii")
    configurationDiag("invalid configuration value '%0' for option "
                      "'%1.RaiiGuardStyle'; expected 'std' or 'raii'")
        << GuardStyle << Name;
}

void ResourceCheck::storeOptions(ClangTidyOptions::OptionMap &O) {
  Options.store(O, "RaiiRuleFiles", Opts.RuleFiles);
  Options.store(O, "RaiiAssumeNothrow", Opts.AssumeNothrow);
  Options.store(O, "RaiiGuardStyle", GuardStyle);
  Options.store(O, "RaiiCLinkageNothrow", boolOptionText(Opts.CLinkageNothrow));
  Options.store(O, "GuardTypes", Opts.GuardTypes);
}

void ResourceCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isImplicit())).bind("fn"), this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
}

void ResourceCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (const auto *L = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Fn = L->getCallOperator();
  if (!Fn || !Fn->doesThisDeclarationHaveABody())
    return;
  // Findings in system headers are never shown: do not analyse them.
  if (Result.SourceManager->isInSystemHeader(Fn->getLocation()))
    return;
  auto FA = analyzeFunction(Fn, *Result.Context, Catalog, Opts);
  if (FA && FA->Analyzed)
    report(*FA, *Result.Context);
}

} // namespace clang::tidy::raii
