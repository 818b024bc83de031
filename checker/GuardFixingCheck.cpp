//===- GuardFixingCheck.cpp - base of the checks that rewrite into guards -===//
#include "GuardFixingCheck.h"
#include "fixes/CCleanupRewrite.h"
#include "fixes/CleanupDefinition.h"
#include "fixes/HandleGuardRewrite.h"
#include "fixes/IncludePlacement.h"
#include "support/BoolOption.h"
#include "support/GuardTypes.h"
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
  resetCleanupDefinitions();
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
  if (!isRewritableLockGuard(*Guard)) {
    if (isa<CXXMemberCallExpr>(A.Site) && isLibraryLockGuard(*Guard))
      return planLockGuardRewrite(FA, I, LockGuardForm::Library, *Guard, Ctx);
    return planScopeExitLockFix(FA, I, *Guard, Ctx);
  }
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
  else if (A.Rule->Function == "pthread_mutex_lock" && !A.ResultTested)
    Fix = planLockGuardRewrite(FA, I, LockGuardForm::CMutexGuard, "", Ctx);
  else
    Fix = planCCleanupLock(FA, I, Ctx);
  includeFor(Fix, A, "<raii/cleanup.h>", Ctx);
  mergeInsertions(Fix);
  return Fix;
}

GuardRewrite GuardFixingCheck::planCCleanupLock(const FunctionAnalysis &FA,
                                                unsigned I, ASTContext &Ctx) {
  const Acquisition &A = FA.Acquisitions[I];
  GuardRewrite Fix =
      planLockGuardRewrite(FA, I, LockGuardForm::CCleanupLock, "", Ctx);
  if (!Fix.ok())
    return Fix;
  // Every release is a call of one function given the lock (the planner
  // checked): its helper holds the lock's argument.
  const auto *Release =
      cast<CallExpr>(A.Releases.front())->getDirectCallee();
  const Expr *Arg = cast<CallExpr>(A.Site)->getArg(A.Rule->Handle.Index);
  CleanupDefinition Def = cleanupDefinition(
      Release, Arg->getType(), CleanupInvalid::Zero, FA.Fn, Ctx);
  if (!Def.Refusal.empty())
    return GuardRewrite::refused(Def.Refusal);
  if (Def.Insert)
    Fix.Fixes.push_back(*Def.Insert);
  return Fix;
}

void GuardFixingCheck::mergeInsertions(GuardRewrite &Fix) {
  // The include and a helper's definition can go at one place (a function
  // right after the last include): one insertion, the include first, since
  // clang-apply-replacements refuses two at one offset.
  for (size_t J = 0; J < Fix.Fixes.size(); ++J)
    for (size_t K = J + 1; K < Fix.Fixes.size(); ++K) {
      FixItHint &X = Fix.Fixes[J], &Y = Fix.Fixes[K];
      if (X.RemoveRange.getBegin() != Y.RemoveRange.getBegin() ||
          X.RemoveRange.getBegin() != X.RemoveRange.getEnd() ||
          Y.RemoveRange.getBegin() != Y.RemoveRange.getEnd() ||
          X.CodeToInsert.empty() || Y.CodeToInsert.empty())
        continue;
      const bool YFirst = llvm::StringRef(Y.CodeToInsert).starts_with("#");
      X.CodeToInsert = YFirst ? Y.CodeToInsert + X.CodeToInsert
                              : X.CodeToInsert + Y.CodeToInsert;
      Fix.Fixes.erase(Fix.Fixes.begin() + K);
      --K;
    }
}

void GuardFixingCheck::noteRefusal(const std::optional<GuardRewrite> &Fix,
                                   const Acquisition &A,
                                   const SourceManager &SM) {
  if (Fix && !Fix->ok() && !Fix->Covered)
    diag(SM.getFileLoc(A.diagLoc()), "no automatic fix: %0",
         DiagnosticIDs::Note)
        << Fix->Refusal;
}

} // namespace clang::tidy::raii
