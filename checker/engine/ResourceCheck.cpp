//===- ResourceCheck.cpp - base of the engine checks ----------------------===//
#include "engine/ResourceCheck.h"
#include "catalog/Vocabulary.h"
#include "support/GuardTypes.h"
#include "support/LibraryFunctions.h"
#include "support/Lockables.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang::ast_matchers;

namespace clang::tidy::raii {

static AnalysisOptions analysisOptions(const SharedOptions &S,
                                       const ClangTidyCheck::OptionsView &O) {
  AnalysisOptions A;
  A.RuleFiles = S.RuleFiles;
  A.AssumeNothrow = S.AssumeNothrow;
  A.GuardTypes = O.getLocalOrGlobal("GuardTypes", DefaultGuardTypes).str();
  A.CLinkageNothrow = S.CLinkageNothrow;
  A.AllocationMayThrow = S.AllocationMayThrow;
  A.UnseenMayThrow = S.UnseenMayThrow;
  return A;
}

ResourceCheck::ResourceCheck(llvm::StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Shared(*this, Name, Options),
      Opts(analysisOptions(Shared, Options)),
      Catalog(RuleCatalog::forCheck(*this, Opts.RuleFiles)) {}

void ResourceCheck::storeOptions(ClangTidyOptions::OptionMap &O) {
  Shared.storeAll(Options, O);
  Options.store(O, "GuardTypes", Opts.GuardTypes);
}

llvm::StringRef ResourceCheck::guardFor(const Family &F) const {
  if (Shared.GuardStyle == "std") {
    // The family's own or the standard's guard, never the runtime's.
    llvm::StringRef G = F.GuardStd;
    return G.starts_with("raii::") ? llvm::StringRef() : G;
  }
  return F.guard(Shared.GuardStyle);
}

std::optional<llvm::StringRef>
ResourceCheck::guardAdvice(const Acquisition &A,
                           const LangOptions &LO) const {
  if (!A.Fam || (A.Fam->GuardStd.empty() && A.Fam->GuardRaii.empty()))
    return std::nullopt;
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(A.Via);
      MD && A.IsLock && MD->isInstance()) {
    if (!isBasicLockableType(MD->getFunctionObjectParameterType()))
      return std::nullopt;
    // The class's own `lock()` / `try_lock()` (a mutex class wrapping
    // pthread_mutex_lock, say): a standard guard holds any BasicLockable.
    if (MD->getIdentifier() &&
        (MD->getName() == "lock" || MD->getName() == "try_lock"))
      return llvm::StringRef("std::lock_guard");
  }
  llvm::StringRef Guard = guardFor(*A.Fam);
  if (const auto *Call = dyn_cast_or_null<CallExpr>(A.Site);
      Call && LO.CPlusPlus17 && isLockEachFunction(Call->getDirectCallee()) &&
      (Guard == "std::lock_guard" || Guard == "std::unique_lock"))
    return llvm::StringRef("std::scoped_lock");
  return Guard;
}

std::string ResourceCheck::guardText(llvm::StringRef Guard,
                                     const Acquisition &A,
                                     const ASTContext &Ctx) {
  if (!A.HandleVar || !A.HandleVar->getType()->isPointerType())
    return Guard.str();
  std::string Pointee = A.HandleVar->getType()->getPointeeType().getAsString(
      Ctx.getPrintingPolicy());
  // Every `T` that is a token of its own.
  std::string Out;
  auto IsIdent = [](char C) { return llvm::isAlnum(C) || C == '_'; };
  for (size_t I = 0; I < Guard.size(); ++I) {
    if (Guard[I] == 'T' && (I == 0 || !IsIdent(Guard[I - 1])) &&
        (I + 1 == Guard.size() || !IsIdent(Guard[I + 1])))
      Out += Pointee;
    else
      Out += Guard[I];
  }
  return Out;
}

void ResourceCheck::noteAlsoAcquired(const Acquisition &Other) {
  // Moves of one copy share its copied value: the statement that moves.
  diag(Other.CopiedValue ? exprDiagLoc(Other.Site) : Other.diagLoc(),
       "'%0' is also acquired here", DiagnosticIDs::Note)
      << Other.Name;
}

void ResourceCheck::noteWrapper(const FunctionDecl *Via, const Stmt *Inside,
                                llvm::StringRef What) {
  if (!Via || !Inside)
    return;
  SourceLocation Loc = Inside->getBeginLoc();
  if (const auto *E = dyn_cast<Expr>(Inside))
    Loc = exprDiagLoc(E);
  diag(Loc, "%0 %1 here", DiagnosticIDs::Note) << Via << What;
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
  if (isLibraryFunction(Fn))
    return;
  auto FA = analyzeFunction(Fn, *Result.Context, Catalog.in(*Result.Context),
                            Opts);
  if (FA && FA->Analyzed)
    report(*FA, *Result.Context);
}

} // namespace clang::tidy::raii
