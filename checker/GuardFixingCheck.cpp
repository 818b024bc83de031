//===- GuardFixingCheck.cpp - base of the checks that rewrite into guards -===//
#include "GuardFixingCheck.h"
#include "fixes/CCleanupRewrite.h"
#include "fixes/HandleGuardRewrite.h"
#include "fixes/IncludePlacement.h"
#include "support/BoolOption.h"
#include "clang/AST/ASTContext.h"

namespace clang::tidy::raii {

GuardFixingCheck::GuardFixingCheck(llvm::StringRef Name,
                                   ClangTidyContext *Context)
    : ResourceCheck(Name, Context),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()),
      Runtime(*this, Name, Options),
      CCleanupAttribute(readBoolOption(
          *this, "RaiiCCleanupAttribute",
          Options.getLocalOrGlobal("RaiiCCleanupAttribute"), false)) {}

void GuardFixingCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  ResourceCheck::storeOptions(Opts);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
  Options.store(Opts, "RaiiCCleanupAttribute",
                boolOptionText(CCleanupAttribute));
  Runtime.store(Options, Opts);
}

void GuardFixingCheck::registerPPCallbacks(const SourceManager &SM,
                                           Preprocessor *PP,
                                           Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
  Runtime.setPreprocessor(PP);
}

void GuardFixingCheck::onStartOfTranslationUnit() {
  ResourceCheck::onStartOfTranslationUnit();
  resetGuardRewriteNames();
  resetIncludeInsertions();
}

void GuardFixingCheck::includeFor(GuardRewrite &Fix, const Acquisition &A,
                                  llvm::StringRef Header, ASTContext &Ctx) {
  if (!Fix.ok())
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (auto Include = includeInsertion(
          Inserter, SM.getFileID(A.Site->getBeginLoc()), Header, SM))
    Fix.Fixes.push_back(*Include);
}

std::optional<GuardRewrite>
GuardFixingCheck::planGuardFix(const FunctionAnalysis &FA, unsigned I,
                               std::optional<llvm::StringRef> Guard,
                               ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  if (!Ctx.getLangOpts().CPlusPlus)
    return planCFix(FA, I, Ctx);
  if (!A.IsLock)
    return Guard ? planHandleFix(FA, I, *Guard, Ctx) : std::nullopt;
  if (!Guard)
    return std::nullopt;
  if (!isRewritableLockGuard(*Guard))
    return planScopeExitLockFix(FA, I, *Guard, Ctx);
  GuardRewrite Fix =
      planLockGuardRewrite(FA, I, LockGuardForm::Standard, *Guard, Ctx);
  includeFor(Fix, A, lockGuardHeader(*Guard), Ctx);
  return Fix;
}

std::optional<GuardRewrite>
GuardFixingCheck::planScopeExitLockFix(const FunctionAnalysis &FA, unsigned I,
                                       llvm::StringRef Guard,
                                       ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  // A lock taken by a call (`pthread_mutex_lock(&m)`) whose family's guard
  // is the runtime's scope_exit; other shapes keep their message only.
  if (!lockedByCall(A) || A.Fam->GuardRaii != "raii::scope_exit")
    return std::nullopt;
  if (Guard.empty()) // `std` style: no standard guard calls a C release
    return GuardRewrite::refused(
        "no standard guard calls '" + lockRelease(A) +
        "'; RaiiGuardStyle 'raii' rewrites it into a runtime guard");
  if (Guard != "raii::scope_exit")
    return std::nullopt;
  if (auto Why = Runtime.unusable("raii/scope_exit.hpp", Ctx.getLangOpts()))
    return GuardRewrite::refused("'raii::scope_exit' needs the raii runtime, "
                                 "and " + *Why);
  GuardRewrite Fix =
      planLockGuardRewrite(FA, I, LockGuardForm::ScopeExit, Guard, Ctx);
  includeFor(Fix, A, "<raii/scope_exit.hpp>", Ctx);
  return Fix;
}

std::string GuardFixingCheck::lockRelease(const Acquisition &A) {
  for (const Release &R : A.Fam->Releases)
    if (R.Handle.Kind == HandleSpec::Arg)
      return R.Function;
  return A.Fam->Releases.empty() ? std::string("the release")
                                 : A.Fam->Releases.front().Function;
}

std::optional<GuardRewrite>
GuardFixingCheck::planHandleFix(const FunctionAnalysis &FA, unsigned I,
                                llvm::StringRef Guard, ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  if (!A.Fam)
    return std::nullopt;
  // The advised guard first (none for a descriptor in `std` style), then
  // the family's other one: in `raii` style the standard guard when the
  // runtime cannot be included; in `std` style the runtime's only where the
  // standard has none.
  llvm::SmallVector<llvm::StringRef, 3> Candidates;
  if (!Guard.empty())
    Candidates.push_back(Guard);
  else
    Candidates.push_back(A.Fam->GuardRaii);
  if (!Guard.starts_with("std::"))
    Candidates.push_back(A.Fam->GuardStd);
  std::optional<std::string> RuntimeWhy;
  for (llvm::StringRef G : Candidates) {
    std::optional<HandleGuardShape> Shape = handleGuardShape(G);
    if (!Shape)
      continue;
    if (Shape->Runtime) {
      if (auto Why = Runtime.unusable(Shape->Header, Ctx.getLangOpts())) {
        RuntimeWhy = "'" + G.str() + "' needs the raii runtime, and " + *Why;
        continue;
      }
    }
    GuardRewrite Fix =
        planHandleGuardRewrite(FA, I, guardText(G, A, Ctx), *Shape, Ctx);
    includeFor(Fix, A, "<" + Shape->Header.str() + ">", Ctx);
    // Named in the message only when it replaces an advised guard: a
    // `std` style message says "a scope guard" for a descriptor even where
    // the fix declares the runtime's.
    if (Fix.ok() && !Guard.empty() && G != Guard)
      Fix.DeclaredGuard = G.str();
    return Fix;
  }
  if (RuntimeWhy)
    return GuardRewrite::refused(*RuntimeWhy);
  return std::nullopt;
}

std::optional<GuardRewrite>
GuardFixingCheck::planCFix(const FunctionAnalysis &FA, unsigned I,
                           ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  if (!CCleanupAttribute || (A.IsLock && !lockedByCall(A)))
    return std::nullopt;
  GuardRewrite Fix;
  if (auto Why = Runtime.unusable("raii/cleanup.h", Ctx.getLangOpts())) {
    Fix.Refusal = *Why;
    return Fix;
  }
  if (!A.IsLock)
    Fix = planCCleanupRewrite(FA, I, Ctx);
  else if (lockRelease(A) != "pthread_mutex_unlock")
    Fix.Refusal = "<raii/cleanup.h> has no cleanup for '" + lockRelease(A) + "'";
  else if (A.Rule->Function != "pthread_mutex_lock")
    Fix.Refusal = "'RAII_MUTEX_GUARD' locks with 'pthread_mutex_lock', not '" +
                  A.Rule->Function + "'";
  else
    Fix = planLockGuardRewrite(FA, I, LockGuardForm::CMutexGuard, "", Ctx);
  includeFor(Fix, A, "<raii/cleanup.h>", Ctx);
  return Fix;
}

void GuardFixingCheck::noteRefusal(const std::optional<GuardRewrite> &Fix,
                                   const Acquisition &A,
                                   const SourceManager &SM) {
  if (Fix && !Fix->ok())
    diag(SM.getFileLoc(A.diagLoc()), "no automatic fix: %0",
         DiagnosticIDs::Note)
        << Fix->Refusal;
}

} // namespace clang::tidy::raii
